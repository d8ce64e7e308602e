"""`fengqiao ingest INPUT_DIR`: resolve, load and analyse in one go."""

from __future__ import annotations

import argparse
from pathlib import Path

from api.commands.resolve import add_resolve_arguments, options_from
from api.settings import Settings
from graph.analyse import analyse
from graph.connection import connect
from graph.loader import load_result
from resolution.pipeline import resolve


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest", help="resolve the exports, load the result, analyse disputes"
    )
    parser.add_argument("input_dir", type=Path, help="folder with the platform exports")
    parser.add_argument(
        "--out", type=Path, default=Path("out/ingest"), help="where the resolve result goes"
    )
    add_resolve_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = Settings()
    target = settings.neo4j_target()
    with connect(target) as driver:  # fail early, before resolving, if Neo4j is not there
        summary = resolve(args.input_dir, args.out, options_from(settings, args))
        print(f"Resolved {summary.records:,} person records into {summary.persons:,} persons.")
        loaded = load_result(driver, args.out, target.database, settings.loading())
        print(f"Loaded {loaded.total:,} rows into {target.uri} in {loaded.seconds:.1f} s.")
        found = analyse(driver, settings.analysis(), target.database)
    print(
        f"{found.disputes:,} disputes, {found.networks:,} repeat-dispute networks, "
        f"{found.alerts:,} hotspot alerts."
    )
    return 0
