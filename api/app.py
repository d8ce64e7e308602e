"""The HTTP service: `/graphql` (with GraphiQL where enabled), `/healthz`, `/readyz`,
`/guide` (a Neo4j Browser guide, api/browser_guide.py) and, where configured,
`/review` (the integration team's review desk, api/desk).

Every GraphQL request passes the front door in this order, and every outcome,
refused ones too, is exactly one line of the audit log (api/audit.py):
body size (413, unread), bearer token (401 UNAUTHENTICATED), a well-formed JSON
body (400), the token's request budget (429), the purpose a read of persons must
state (403 PURPOSE_REQUIRED); then the schema runs with the caller's role and
jurisdiction in its context. Clients see masked errors only: no stack traces, no
Cypher, no "Did you mean" suggestions. Every response carries the security
headers of `api.security.headers`.
"""

from __future__ import annotations

import json
import logging
import re
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from neo4j import AsyncDriver, AsyncGraphDatabase, Driver, GraphDatabase

from api.audit import AuditLog, query_hash, redact
from api.browser_guide import guide_router
from api.desk.config import DeskConfig
from api.desk.router import desk_router
from api.desk.session import Desk
from api.graphql import viewed
from api.graphql.context import Context
from api.graphql.document import Facts, facts_of
from api.graphql.graphiql import graphiql_router
from api.graphql.schema import build_schema, error_code
from api.review import Review
from api.security.caller import principal_of, who
from api.security.headers import SecurityHeaders
from api.security.limits import Budgets, RateLimits
from api.security.masking import field_meanings
from api.security.roles import Role
from api.security.tokens import TokenStore
from graph.analyse import AnalysisConfig, analyse
from graph.connection import Neo4jTarget
from graph.statements import statement

log = logging.getLogger("fengqiao.api")
ALL_ROLES = frozenset(role.value for role in Role)
_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


@dataclass(frozen=True)
class ApiConfig:
    target: Neo4jTarget
    tokens: TokenStore
    audit: AuditLog
    graphiql: bool = True
    introspection: bool = True  # for signed-in callers: see build_schema
    max_depth: int = 8
    max_aliases: int = 15
    max_tokens: int = 2000
    max_page_size: int = 100
    tx_timeout_s: float = 10.0
    max_graph_nodes: int = 200
    decisions_file: Path | None = None  # where review mutations keep decisions; None: no mutations
    analysis: AnalysisConfig = field(default_factory=AnalysisConfig)
    watch_status_file: Path | None = None  # `fengqiao watch`'s status, reported by /readyz
    max_body_bytes: int = 100_000
    max_list_size: int = 500  # items of a nested list: household, counterparts, members, ...
    budgets: Budgets = field(default_factory=Budgets)
    identifier_searches_per_request: int = 1
    purpose_roles: frozenset[str] = ALL_ROLES  # roles whose reads of persons need X-Purpose
    mapping_file: Path | None = None  # the platform mapping, for masking export columns
    desk: DeskConfig | None = None  # the review desk at /review; needs decisions_file


@dataclass
class _Refusal(Exception):
    status: int
    code: str
    message: str


def create_app(config: ApiConfig) -> FastAPI:
    schema = build_schema(config)
    limits = RateLimits(config.budgets)
    meanings = field_meanings(config.mapping_file)
    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        target = config.target
        auth = (target.user, target.password)
        state["driver"] = AsyncGraphDatabase.driver(target.uri, auth=auth)
        # analysis (graph.analyse) is synchronous: after a review decision it runs in a thread
        state["sync_driver"] = GraphDatabase.driver(target.uri, auth=auth)
        state["review"] = _review(config, state["driver"], state["sync_driver"])
        if config.desk is not None and state["review"] is not None:
            state["desk"] = Desk(
                state["review"], state["driver"], config.target.database, config.desk
            )
        try:
            yield
        finally:
            await state["driver"].close()
            state["sync_driver"].close()

    app = FastAPI(
        title="Fengqiao", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None
    )
    app.add_middleware(SecurityHeaders)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz() -> JSONResponse:
        """Ready when Neo4j answers; with how far the graph is fed (the newest batch it
        holds, and the watcher's lag), so that a stalled feed shows."""
        try:
            batches = await state["driver"].execute_query(
                statement("ingest/last_batch"), database_=config.target.database
            )
        except Exception:  # noqa: BLE001 - any failure means not ready; details stay in the server
            return JSONResponse({"status": "neo4j unreachable"}, status_code=503)
        newest = batches.records[0] if batches.records else None
        return JSONResponse(
            {
                "status": "ready",
                "graph": {"last_batch": newest["seq"] if newest else None},
                "watch": _watch(config.watch_status_file),
            }
        )

    if config.graphiql:
        app.include_router(graphiql_router())
    app.include_router(guide_router())
    if config.desk is not None and config.decisions_file is not None:
        app.include_router(desk_router(lambda: state["desk"], config.tokens, config.audit))

    @app.post("/graphql")
    async def graphql(request: Request) -> Response:
        started = time.perf_counter()
        principal = principal_of(request, config.tokens)
        entry = {**who(request, principal), "operation": None, "query_hash": None, "variables": {}}
        try:
            body = await _body(request, config.max_body_bytes)
            if principal is None:
                raise _Refusal(
                    401, "UNAUTHENTICATED", "Missing, unknown, expired or revoked bearer token."
                )
            query, variables, operation = _request_of(body)
            facts = facts_of(schema._schema, query, operation, config.max_tokens)
            entry.update(_what(query, variables, facts))
            refused = limits.take_request(principal.token_id)
            if refused:
                raise _Refusal(429, "RATE_LIMITED", refused)
            if (
                facts.reads_persons
                and principal.role.value in config.purpose_roles
                and not entry["purpose"]
            ):
                raise _Refusal(
                    403,
                    "PURPOSE_REQUIRED",
                    "A request that reads persons states its purpose (查询事由) in the "
                    "X-Purpose header, and its case number in X-Case-Number where there is one.",
                )
        except _Refusal as refusal:
            error = {"message": refusal.message, "extensions": {"code": refusal.code}}
            return _finish(config.audit, entry, started, refusal.status, {"errors": [error]})
        context = Context(
            principal,
            state["driver"],
            config.target.database,
            config.max_page_size,
            config.tx_timeout_s,
            config.max_graph_nodes,
            state["review"],
            meanings=meanings,
            limits=limits,
            max_list_size=config.max_list_size,
            max_identifier_searches=config.identifier_searches_per_request,
        )
        with viewed.collecting() as persons:
            try:
                result = await schema.execute(
                    query,
                    variable_values=variables,
                    context_value=context,
                    operation_name=operation,
                )
            except Exception:  # a fault outside the resolvers: still exactly one audit line
                log.exception("GraphQL request failed")
                entry["person_ids"] = sorted(persons)
                fault = {
                    "message": "Internal error.",
                    "extensions": {"code": "INTERNAL_SERVER_ERROR"},
                }
                return _finish(config.audit, entry, started, 500, {"errors": [fault]})
        payload: dict[str, Any] = {"data": result.data}
        status = 200
        if result.errors:
            payload["errors"] = [_client_error(error) for error in result.errors]
            if any(e["extensions"]["code"] == "RATE_LIMITED" for e in payload["errors"]):
                status = 429
        entry["person_ids"] = sorted(persons)
        return _finish(config.audit, entry, started, status, payload)

    return app


def _client_error(error: Any) -> dict[str, Any]:
    """An error as the client reads it: with its code, without schema suggestions."""
    formatted = dict(error.formatted)
    formatted["message"] = _SUGGESTION.sub("", formatted.get("message", ""))
    return {**formatted, "extensions": {"code": error_code(error)}}


async def _body(request: Request, limit: int) -> bytes:
    """The body, read only while it stays within `limit` bytes (413 before any parsing)."""
    too_large = _Refusal(413, "PAYLOAD_TOO_LARGE", f"The body is larger than {limit} bytes.")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _request_of(body: bytes) -> tuple[str, dict[str, Any], str | None]:
    """The query, variables and operation name of a GraphQL-over-HTTP body, or 400."""

    def bad(why: str) -> _Refusal:
        return _Refusal(400, "BAD_REQUEST", f"The request needs a JSON body with a query: {why}.")

    try:
        document = json.loads(body.decode("utf-8")) if body.strip() else {}
    except UnicodeDecodeError:
        raise bad("the body is not UTF-8") from None
    except (ValueError, RecursionError):
        raise bad("the body is not JSON (or nested too deeply)") from None
    if not isinstance(document, dict):
        raise bad("the body is not a JSON object")
    query, variables = document.get("query"), document.get("variables") or {}
    operation = document.get("operationName")
    if not isinstance(query, str) or not query.strip():
        raise bad("`query` must be the text of a GraphQL document")
    if not isinstance(variables, dict):
        raise bad("`variables` must be an object")
    if operation is not None and not isinstance(operation, str):
        raise bad("`operationName` must be text")
    if _depth(variables) > 10:
        raise bad("`variables` are nested too deeply")
    return query, variables, operation


def _depth(value: Any, level: int = 0) -> int:
    if level > 10:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


def _what(query: str, variables: dict[str, Any], facts: Facts) -> dict[str, Any]:
    return {
        "operation": facts.operation,
        "operation_name": facts.name,
        "root_fields": list(facts.root_fields),
        "document": facts.document,
        "query_hash": query_hash(query),
        "variables": redact(variables, facts.personal_variables),
    }


def _review(config: ApiConfig, driver: AsyncDriver, sync_driver: Driver) -> Review | None:
    if config.decisions_file is None:
        return None
    database = config.target.database
    return Review(
        driver,
        database,
        config.decisions_file,
        reanalyse=lambda: analyse(sync_driver, config.analysis, database),
    )


OUTCOMES = {401: "refused", 403: "refused", 413: "refused", 429: "refused", 400: "error"}


def _finish(
    audit: AuditLog, entry: dict, started: float, status: int, payload: dict
) -> JSONResponse:
    body = json.dumps(payload, ensure_ascii=False, default=str)
    codes = sorted({e.get("extensions", {}).get("code") for e in payload.get("errors") or []})
    outcome = OUTCOMES.get(status) or (
        "refused" if "FORBIDDEN" in codes else "error" if codes else "ok"
    )
    audit.record(
        **entry,
        status=status,
        outcome=outcome,
        errors=len(payload.get("errors") or []),
        error_codes=codes,
        result_bytes=len(body.encode("utf-8")),
        person_count=len(entry.get("person_ids") or ()),
        latency_ms=round((time.perf_counter() - started) * 1000, 2),
    )
    return Response(content=body, status_code=status, media_type="application/json")


def _watch(status_file: Path | None) -> dict[str, Any] | None:
    """What `fengqiao watch` last said of itself (graph.watch), without batch names."""
    from graph.watch_status import read_status

    status = read_status(status_file) if status_file else None
    if status is None:
        return None
    last = status.get("last_batch") or {}
    return {
        "running": status["running"],
        "waiting": status["waiting"],
        "lag_s": status["lag_s"],
        "failed": status["failed"],
        "last_batch": {
            k: last[k] for k in ("seq", "records", "seconds", "finished_at") if k in last
        }
        or None,
    }
