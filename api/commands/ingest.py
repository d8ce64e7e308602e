"""`fengqiao ingest BATCH_DIR...`: batches of platform exports into the state and the graph.

The first batch into an empty state is the first build; every later one is read
alone and linked into what the state holds (graph.ingest). Heavy modules are
imported when the command runs, not when the parser is built.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="link batches of exports into the state and the graph (the first one builds it)",
    )
    parser.add_argument(
        "batch_dirs",
        type=Path,
        nargs="+",
        metavar="BATCH_DIR",
        help="folders of platform exports, in order",
    )
    parser.add_argument(
        "--out", type=Path, help="where a first build writes its resolve result (links.csv ...)"
    )
    parser.add_argument("--mapping", type=Path, help="column mapping file for other export layouts")
    parser.add_argument(
        "--decisions", type=Path, help="human decisions (default: FENGQIAO_HOME/decisions.csv)"
    )
    add_online(parser, "a first build loads")
    parser.set_defaults(run=run)


def add_online(parser: argparse.ArgumentParser, what: str) -> None:
    """--online: the first load through Cypher instead of the bulk importer."""
    parser.add_argument(
        "--online",
        action="store_true",
        help=f"{what} through Cypher even into an empty local Neo4j (by default a first load "
        "into the project's own local Neo4j, when its database is empty, stops it for "
        "neo4j-admin's bulk importer; any other target is always loaded online)",
    )


def run(args: argparse.Namespace) -> int:
    from api.settings import Settings
    from graph.connection import connect
    from graph.ingest import Ingestor
    from resolution.state import ResolutionState

    settings = Settings()
    target = settings.neo4j_target()
    state = ResolutionState(settings.state_file)
    try:
        with connect(target) as driver:
            ingestor = Ingestor(
                driver, state, ingest_options(settings, args), target.database, _stderr
            )
            for batch_dir in args.batch_dirs:
                print(ingestor.ingest(batch_dir).line(), flush=True)
    finally:
        state.close()
    return 0


def ingest_options(settings, args: argparse.Namespace):
    """The ingest options from the settings and, where given, the command line."""
    from graph.ingest import IngestOptions

    resolve = settings.resolving(
        decisions_file=getattr(args, "decisions", None) or settings.decisions_file,
        mapping_file=getattr(args, "mapping", None),
    )
    return IngestOptions(
        resolve=resolve,
        analysis=settings.analysis(),
        load=settings.loading(),
        out_dir=getattr(args, "out", None),
        local_server=settings.bulk_server(getattr(args, "online", False)),
    )


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)
