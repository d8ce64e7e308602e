"""`fengqiao export links OUT.csv`: the contract's links.csv for the whole state."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("export", help="write what the state holds as files")
    what = parser.add_subparsers(dest="what", required=True, metavar="WHAT")
    links = what.add_parser(
        "links", help="links.csv (source,record_id,person_id,score) of every record"
    )
    links.add_argument("out", type=Path, help="the CSV file to write")
    links.set_defaults(run=run_links)


def run_links(args: argparse.Namespace) -> int:
    from api.settings import Settings
    from resolution.outputs import LINK_COLUMNS, write_csv
    from resolution.state import ResolutionState

    settings = Settings()
    if not settings.state_file.exists():
        print(f"error: no state at {settings.state_file}: run `fengqiao ingest BATCH_DIR` first.")
        return 1
    state = ResolutionState(settings.state_file)
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        count = write_csv(args.out, LINK_COLUMNS, state.links())
    finally:
        state.close()
    print(f"Wrote {count:,} links to {args.out}.")
    return 0
