"""A Neo4j Browser guide for investigators, served by the API at `/guide`.

`:play http://127.0.0.1:8000/guide` in Neo4j Browser (the local Neo4j plays it
after connecting, see graph/local/instance.py) walks through the graph with
runnable queries. The queries are statements of `cypher/guide/`, put into the
page when it is served; the page holds no data, only text and Cypher.

Neo4j Browser fetches the guide from its own origin (the Neo4j HTTP port) with
no-cache headers, so `/guide` answers that preflight and allows any origin: the
page is the same for everyone and the request carries no credentials.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import Response

from graph.statements import statement

GUIDE = Path(__file__).resolve().parent / "guide" / "fengqiao.html"
_STATEMENT = re.compile(r"\{\{cypher:([\w/]+)\}\}")
_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET",
    "Access-Control-Allow-Headers": "cache-control, pragma",
    "Access-Control-Max-Age": "600",
}


def guide_statements() -> list[str]:
    """The statements the guide runs, slide by slide (`guide/01_labels`, ...)."""
    return _STATEMENT.findall(GUIDE.read_text(encoding="utf-8"))


def render_guide() -> str:
    return _STATEMENT.sub(
        lambda m: html.escape(statement(m.group(1)), quote=False),
        GUIDE.read_text(encoding="utf-8"),
    )


def guide_router() -> APIRouter:
    page = render_guide().encode("utf-8")
    router = APIRouter()

    @router.get("/guide", include_in_schema=False)
    async def guide() -> Response:
        return Response(page, media_type="text/html; charset=utf-8", headers=_CORS)

    @router.options("/guide", include_in_schema=False)
    async def guide_preflight() -> Response:
        return Response(status_code=204, headers=_CORS)

    return router
