"""`fengqiao serve`: the GraphQL API over HTTP (FastAPI + strawberry, run by uvicorn)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from api.app import ApiConfig
    from api.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="run the GraphQL API (/graphql, /healthz, /readyz) and the review desk (/review)",
    )
    parser.add_argument("--host", help="default FENGQIAO_API_HOST (127.0.0.1)")
    parser.add_argument("--port", type=int, help="default FENGQIAO_API_PORT (8000)")
    parser.set_defaults(run=run)


def api_config(settings: Settings) -> ApiConfig:
    from api.app import ApiConfig
    from api.desk.config import DeskConfig
    from api.security.limits import Budgets
    from api.security.tokens import TokenStore
    from resolution.model.store import SHIPPED_TRAINING
    from resolution.pipeline import ResolveOptions

    return ApiConfig(
        target=settings.neo4j_target(),
        tokens=TokenStore(settings.tokens_file, settings.api_token_days),
        audit=settings.audit_log(),
        graphiql=settings.api_graphiql,
        introspection=settings.api_introspection,
        max_depth=settings.api_max_depth,
        max_aliases=settings.api_max_aliases,
        max_tokens=settings.api_max_tokens,
        max_page_size=settings.api_max_page_size,
        tx_timeout_s=settings.api_tx_timeout_s,
        max_graph_nodes=settings.api_max_graph_nodes,
        decisions_file=settings.decisions_file,
        analysis=settings.analysis(),
        watch_status_file=settings.watch_status_file,
        max_body_bytes=settings.api_max_body_bytes,
        max_list_size=settings.api_max_list_size,
        budgets=Budgets(
            requests_per_minute=settings.api_requests_per_minute,
            identifier_searches_per_minute=settings.api_identifier_searches_per_minute,
            identifier_searches_per_day=settings.api_identifier_searches_per_day,
        ),
        identifier_searches_per_request=settings.api_identifier_searches_per_request,
        purpose_roles=settings.purpose_roles(),
        mapping_file=settings.mapping_file,
        desk=DeskConfig(
            state_file=settings.state_file,
            models_dir=settings.models_dir,
            training_file=SHIPPED_TRAINING,
            review_band=ResolveOptions(models_dir=settings.models_dir).review_band,
            mapping_file=settings.mapping_file,
        ),
    )


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app
    from api.settings import Settings
    from graph.connection import connect

    settings = Settings()
    config = api_config(settings)
    with connect(config.target):  # one clear sentence now if Neo4j is not there
        pass
    host, port = args.host or settings.api_host, args.port or settings.api_port
    print(f"GraphQL API on http://{host}:{port}/graphql (bearer token: `fengqiao token create`)")
    print(f"Review desk on http://{host}:{port}/review (integrator or admin token)")
    uvicorn.run(create_app(config), host=host, port=port, log_level="warning")
    return 0
