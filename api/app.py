"""The HTTP service: `/graphql` (with GraphiQL where enabled), `/healthz`, `/readyz`,
`/guide` (a Neo4j Browser guide, api/browser_guide.py) and, where configured,
`/review` (the integration team's review desk, api/desk).

Every GraphQL request is authenticated with a bearer token, executed with the
caller's role in its context, and written to the audit log, refused ones too.
Clients see masked errors only: no stack traces, no Cypher. Every response
carries the security headers of `api.security.headers`.
"""

from __future__ import annotations

import json
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from graphql import FieldNode, GraphQLError, OperationDefinitionNode, parse
from neo4j import AsyncDriver, AsyncGraphDatabase, Driver, GraphDatabase

from api.audit import AuditLog, query_hash, redact
from api.browser_guide import guide_router
from api.desk.config import DeskConfig
from api.desk.router import desk_router
from api.desk.session import Desk
from api.graphql.context import Context
from api.graphql.graphiql import graphiql_router
from api.graphql.schema import build_schema, error_code
from api.review import Review
from api.security.headers import SecurityHeaders
from api.security.tokens import Principal, TokenStore
from graph.analyse import AnalysisConfig, analyse
from graph.connection import Neo4jTarget
from graph.statements import statement


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
    desk: DeskConfig | None = None  # the review desk at /review; needs decisions_file


def create_app(config: ApiConfig) -> FastAPI:
    schema = build_schema(config)
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
    async def graphql(request: Request) -> JSONResponse:
        started = time.perf_counter()
        client = request.client.host if request.client else None
        principal = _principal(request, config.tokens)
        try:
            body = json.loads(await request.body() or b"{}")
            query, variables = body.get("query") or "", body.get("variables") or {}
            operation = body.get("operationName")
        except (json.JSONDecodeError, AttributeError):
            body, query, variables, operation = {}, "", {}, None
        entry: dict[str, Any] = {
            "user": principal.user if principal else None,
            "role": principal.role.value if principal else None,
            "operation": _operation_of(query, operation) if isinstance(query, str) else None,
            "query_hash": query_hash(query),
            "variables": redact(variables if isinstance(variables, dict) else {}),
            "client": client,
        }
        if principal is None:
            return _finish(
                config.audit,
                entry,
                started,
                401,
                {"errors": [{"message": "Missing, unknown or revoked bearer token."}]},
            )
        if not query or not isinstance(variables, dict):
            return _finish(
                config.audit,
                entry,
                started,
                400,
                {"errors": [{"message": "The request needs a JSON body with a query."}]},
            )
        context = Context(
            principal,
            state["driver"],
            config.target.database,
            config.max_page_size,
            config.tx_timeout_s,
            config.max_graph_nodes,
            state["review"],
        )
        result = await schema.execute(
            query, variable_values=variables, context_value=context, operation_name=operation
        )
        payload: dict[str, Any] = {"data": result.data}
        if result.errors:
            payload["errors"] = [
                {**error.formatted, "extensions": {"code": error_code(error)}}
                for error in result.errors
            ]
        return _finish(config.audit, entry, started, 200, payload)

    return app


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


def _principal(request: Request, tokens: TokenStore) -> Principal | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return tokens.authenticate(token.strip())


@lru_cache(maxsize=512)
def _operation_of(query: str, name: str | None) -> str | None:
    """For the audit log: `query people,person` or `mutation confirmMatch`. Cached, as
    strawberry's parser is: clients send the same few documents again and again."""
    try:
        document = parse(query)
    except GraphQLError:
        return "unparsable" if query else None
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode) and (
            name is None or (definition.name and definition.name.value == name)
        ):
            fields = [
                f.name.value
                for f in definition.selection_set.selections
                if isinstance(f, FieldNode)
            ]
            return f"{definition.operation.value} {','.join(fields)}"
    return None


def _finish(
    audit: AuditLog, entry: dict, started: float, status: int, payload: dict
) -> JSONResponse:
    body = json.dumps(payload, ensure_ascii=False, default=str)
    codes = {e.get("extensions", {}).get("code") for e in payload.get("errors") or []}
    audit.record(
        **entry,
        status=status,
        outcome="refused" if status == 401 or "FORBIDDEN" in codes else "error" if codes else "ok",
        errors=len(payload.get("errors") or []),
        result_bytes=len(body.encode("utf-8")),
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
