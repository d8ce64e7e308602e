"""`fengqiao load OUT_DIR`: write a resolve result into Neo4j (graph.first_load)."""

from __future__ import annotations

import argparse
from pathlib import Path

from api.commands.ingest import add_online


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("load", help="write a resolve result (OUT_DIR) into the graph")
    parser.add_argument("out_dir", type=Path, help="a folder written by `fengqiao resolve`")
    add_online(parser, "load")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from api.settings import Settings
    from graph.connection import connect
    from graph.first_load import first_load

    settings = Settings()
    target = settings.neo4j_target()
    with connect(target) as driver:
        loaded = first_load(
            driver,
            args.out_dir,
            target.database,
            settings.loading(),
            settings.bulk_server(args.online),
            lambda line: print(line, file=sys.stderr, flush=True),
        )
    rate = loaded.written / max(loaded.seconds, 1e-9)
    print(f"{loaded.line()[:-1]} into {target.uri}, {rate:,.0f}/s.")
    return 0
