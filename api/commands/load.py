"""`fengqiao load OUT_DIR`: write a resolve result into Neo4j."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("load", help="write a resolve result (OUT_DIR) into the graph")
    parser.add_argument("out_dir", type=Path, help="a folder written by `fengqiao resolve`")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from api.settings import Settings
    from graph.connection import connect
    from graph.loader import load_result

    settings = Settings()
    target = settings.neo4j_target()
    with connect(target) as driver:
        summary = load_result(driver, args.out_dir, target.database, settings.loading())
    print(
        f"Loaded {args.out_dir} into {target.uri}: {summary.total:,} rows in "
        f"{summary.seconds:.1f} s ({summary.total / max(summary.seconds, 1e-9):,.0f} rows/s)."
    )
    return 0
