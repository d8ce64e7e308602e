"""`fengqiao watch INBOX`: ingest each batch folder that arrives in INBOX (graph.watch)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from api.commands.ingest import add_online


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "watch", help="ingest batch folders as they arrive in INBOX (done/ and failed/ beside)"
    )
    parser.add_argument("inbox", type=Path, help="the folder batches are moved into")
    parser.add_argument("--poll", type=float, default=2.0, help="seconds between looks")
    parser.add_argument(
        "--once", action="store_true", help="ingest what waits now, then stop (for cron)"
    )
    add_online(parser, "a first build loads")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from threading import Event

    from api.commands.ingest import ingest_options
    from api.settings import Settings
    from graph.connection import connect
    from graph.ingest import Ingestor
    from graph.watch import Watcher, WatchOptions
    from resolution.state import ResolutionState

    settings = Settings()
    target = settings.neo4j_target()
    args.inbox.mkdir(parents=True, exist_ok=True)
    state = ResolutionState(settings.state_file)
    try:
        with connect(target) as driver:
            ingestor = Ingestor(
                driver, state, ingest_options(settings, args), target.database, _log
            )
            watcher = Watcher(
                ingestor, args.inbox, settings.watch_status_file, _log, WatchOptions(args.poll)
            )
            if args.once:
                watcher.run_once()
            else:
                watcher.run(Event())  # until Ctrl-C
    finally:
        state.close()
    return 0


def _log(line: str) -> None:
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    print(f"{stamp} {line}", file=sys.stderr, flush=True)
