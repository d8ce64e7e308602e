"""GraphiQL served from the package: the page and its browser files, nothing from outside.

The police network has no route to a CDN, so the page loads React, GraphiQL and
their fonts from `/graphql/static/` only (the files and their licences:
`static/README.md`). The vendor files are stored gzip-compressed and sent as they
are to browsers that accept gzip (every current one does), decompressed to the rest.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response

STATIC = Path(__file__).resolve().parent / "static"
PAGE = "graphiql.html"
# What the page loads; nothing else in the folder is served.
ASSETS = (
    "react.production.min.js",
    "react-dom.production.min.js",
    "graphiql.min.js",
    "graphiql.min.css",
    "fengqiao-graphiql.js",
    "fengqiao-graphiql.css",
)
_MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}


@dataclass(frozen=True)
class Asset:
    body: bytes
    media_type: str
    gzipped: bool
    etag: str


def load_asset(name: str) -> Asset:
    """`name` from the static folder, or `name.gz` where only the compressed file is kept."""
    plain, packed = STATIC / name, STATIC / f"{name}.gz"
    gzipped = not plain.exists()
    body = (packed if gzipped else plain).read_bytes()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    return Asset(body, _MEDIA_TYPES[Path(name).suffix], gzipped, etag)


def graphiql_router() -> APIRouter:
    """GET `/graphql` (the page) and `/graphql/static/<file>`; files are read once, here."""
    page = load_asset(PAGE)
    assets = {name: load_asset(name) for name in ASSETS}
    router = APIRouter()

    @router.get("/graphql", include_in_schema=False)
    async def graphiql_page(request: Request) -> Response:
        return _send(page, request)

    @router.get("/graphql/static/{name}", include_in_schema=False)
    async def graphiql_file(name: str, request: Request) -> Response:
        asset = assets.get(name)
        if asset is None:
            return Response(status_code=404)
        return _send(asset, request)

    return router


def _send(asset: Asset, request: Request) -> Response:
    # no-cache: the browser keeps the file but asks each time; an unchanged one costs a 304
    headers = {"Cache-Control": "no-cache", "ETag": asset.etag, "Vary": "Accept-Encoding"}
    if request.headers.get("if-none-match") == asset.etag:
        return Response(status_code=304, headers=headers)
    body = asset.body
    if asset.gzipped:
        if _accepts_gzip(request.headers.get("accept-encoding", "")):
            headers["Content-Encoding"] = "gzip"
        else:
            body = gzip.decompress(body)
    return Response(body, media_type=asset.media_type, headers=headers)


def _accepts_gzip(header: str) -> bool:
    for part in header.split(","):
        coding, _, params = part.partition(";")
        if coding.strip().lower() == "gzip":
            return params.replace(" ", "") not in ("q=0", "q=0.0")
    return False
