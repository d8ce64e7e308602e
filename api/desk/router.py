"""`/review`: the desk's page, its files, and the JSON calls it makes.

The page is public (it holds nothing); every call under `/review/api/` needs a bearer
token whose role may decide matches (integrator, admin): 401 without a live token,
403 for the other roles. Each call is written to the audit log with the same entry as
a GraphQL request (operation `desk <call>`), refused ones too, with the purpose the
page states in `X-Purpose`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from api.audit import AuditLog, redact
from api.desk import pair as pairs
from api.desk.queue import QueueFilter, decided_today, queue
from api.desk.session import Desk
from api.graphql.errors import ClientError
from api.security.caller import principal_of, who
from api.security.roles import Permission, may
from api.security.tokens import Principal, TokenStore

STATIC = Path(__file__).resolve().parent / "static"
FILES = {
    "desk.html": "text/html; charset=utf-8",
    "desk.js": "text/javascript; charset=utf-8",
    "desk.css": "text/css; charset=utf-8",
}

Work = Callable[[Principal], Awaitable[Any]]


def desk_router(desk: Callable[[], Desk], tokens: TokenStore, audit: AuditLog) -> APIRouter:
    """The routes; `desk` gives the running app's Desk (made in its lifespan)."""
    files = {name: (STATIC / name).read_bytes() for name in FILES}
    router = APIRouter()

    async def call(request: Request, operation: str, variables: dict, work: Work) -> Response:
        started = time.perf_counter()
        principal = principal_of(request, tokens)
        status, payload = 200, None
        if principal is None:
            status, payload = 401, {"error": "Missing, unknown or revoked bearer token."}
        elif not may(principal.role, Permission.DECIDE_MATCHES):
            status, payload = 403, {"error": f"The {principal.role} role may not review matches."}
        elif principal.scoped:  # a decision moves records between persons of any district
            status, payload = (
                403,
                {
                    "error": "A token scoped to districts may not review matches: the desk "
                    "decides across districts. Use an unscoped integrator token."
                },
            )
        else:
            try:
                payload = await work(principal)
            except ClientError as error:
                status, payload = 400, {"error": str(error)}
        body = json.dumps(payload, ensure_ascii=False, default=str)
        audit.record(
            **who(request, principal),
            person_ids=sorted(_person_ids(payload)),
            operation=f"desk {operation}",
            query_hash=None,
            variables=redact(variables),
            status=status,
            outcome="ok" if status == 200 else "refused" if status in (401, 403) else "error",
            errors=0 if status == 200 else 1,
            result_bytes=len(body.encode("utf-8")),
            latency_ms=round((time.perf_counter() - started) * 1000, 2),
        )
        return Response(body, status_code=status, media_type="application/json")

    @router.get("/review", include_in_schema=False)
    async def page() -> Response:
        return _file(files, "desk.html")

    @router.get("/review/static/{name}", include_in_schema=False)
    async def static(name: str) -> Response:
        return _file(files, name)

    @router.get("/review/api/me", include_in_schema=False)
    async def me(request: Request) -> Response:
        async def work(p: Principal) -> dict:
            return {"user": p.user, "role": p.role.value}

        return await call(request, "me", {}, work)

    @router.get("/review/api/queue", include_in_schema=False)
    async def queue_(request: Request) -> Response:
        params = dict(request.query_params)

        async def work(p: Principal) -> dict:
            d = desk()
            chosen = QueueFilter(
                district=params.get("district") or None,
                source=params.get("source") or None,
                min_score=_score(params, "minScore"),
                max_score=_score(params, "maxScore"),
            )
            found = await queue(
                d.driver,
                d.database,
                d.config.review_band,
                chosen,
                d.skipped.get(p.user, set()),
                d.config.queue_page,
            )
            return {**found, "progress": _progress(d, found["total"], p.user)}

        return await call(request, "queue", params, work)

    @router.get("/review/api/pair", include_in_schema=False)
    async def pair(request: Request) -> Response:
        a, b = request.query_params.get("a", ""), request.query_params.get("b", "")

        async def work(p: Principal) -> dict:
            d = desk()
            records, persons = await pairs.records_and_persons(
                d.driver, d.database, a, b, d.config.person_incidents
            )
            explainer = await d.explainer()
            return pairs.pair_view(
                a,
                b,
                records,
                persons,
                d.model_fields([a, b]),
                explainer,
                p.role,
                d.config.mapping_file,
            )

        return await call(request, "pair", {"a": a, "b": b}, work)

    @router.post("/review/api/decide", include_in_schema=False)
    async def decide(request: Request) -> Response:
        body = await _json(request)

        async def work(p: Principal) -> dict:
            persons = await desk().decide(
                p.user,
                str(body.get("decision", "")),
                str(body.get("a", "")),
                str(body.get("b", "")),
                str(body.get("note", "")),
            )
            return {"decision": body.get("decision"), "persons": persons}

        return await call(request, f"decide {body.get('decision')}", body, work)

    @router.post("/review/api/skip", include_in_schema=False)
    async def skip(request: Request) -> Response:
        body = await _json(request)

        async def work(p: Principal) -> dict:
            desk().skip(p.user, str(body.get("id", "")))
            return {"skipped": body.get("id")}

        return await call(request, "skip", body, work)

    @router.post("/review/api/undo", include_in_schema=False)
    async def undo(request: Request) -> Response:
        async def work(p: Principal) -> dict:
            undone = await desk().undo_last(p.user)
            return {"undone": {"decision": undone.decision, "a": undone.a, "b": undone.b}}

        return await call(request, "undo", {}, work)

    return router


def _person_ids(payload: Any) -> set[str]:
    """The persons an answer shows (its `personId` values), for `fengqiao audit who-viewed`."""
    if isinstance(payload, dict):
        found = {payload["personId"]} if isinstance(payload.get("personId"), str) else set()
        return found.union(*(_person_ids(v) for v in payload.values()))
    if isinstance(payload, list):
        return set().union(*(_person_ids(v) for v in payload))
    return set()


def _progress(desk: Desk, left: int, user: str) -> dict:
    return {
        "reviewedToday": decided_today(desk.review.decisions_file),
        "left": left,
        "skipped": len(desk.skipped.get(user, ())),
        "canUndo": bool(desk.undo.get(user)),
    }


def _score(params: dict[str, str], name: str) -> float | None:
    value = params.get(name)
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        raise ClientError(f"{name} must be a number between 0 and 1, not {value!r}.") from None


async def _json(request: Request) -> dict:
    try:
        body = json.loads(await request.body() or b"{}")
    except json.JSONDecodeError:
        body = None
    return body if isinstance(body, dict) else {}


def _file(files: dict[str, bytes], name: str) -> Response:
    if name not in files:
        return Response(status_code=404)
    return Response(files[name], media_type=FILES[name], headers={"Cache-Control": "no-cache"})
