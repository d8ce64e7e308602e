"""`fengqiao feed INPUT_DIR --out DIR`: exports cut into a first build and daily batches."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "feed", help="cut exports into base/ and one batch per day, as a daily feed brings them"
    )
    parser.add_argument("input_dir", type=Path, help="folder with the platform exports")
    parser.add_argument("--out", type=Path, required=True, help="where base/ and day-*/ go")
    parser.add_argument("--days", type=int, default=7, help="the last DAYS days, one batch each")
    parser.add_argument(
        "--bulk-days", type=int, default=0, help="the days before those, as one batch"
    )
    parser.add_argument(
        "--days-per-batch", type=int, default=1, help="days a batch holds (an hourly or daily feed)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from resolution.feed import split_feed

    folders = split_feed(args.input_dir, args.out, args.days, args.bulk_days, args.days_per_batch)
    print(f"Wrote {len(folders)} batches into {args.out}: {', '.join(f.name for f in folders)}")
    return 0
