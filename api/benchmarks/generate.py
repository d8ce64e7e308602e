"""`fengqiao bench generate`: how fast the synthetic city is written, and in how much memory."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from api.benchmarks._measure import measured
from api.commands.generate import add_provinces, positive


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("generate", help="wall time, rows/s and peak memory of generate")
    parser.add_argument("--persons", type=positive, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20_240_601)
    parser.add_argument(
        "--out", type=Path, help="keep the files here (default: a temporary folder)"
    )
    add_provinces(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from resolution.synthetic import generate
    from resolution.synthetic.writer import EXPORTS

    with (
        tempfile.TemporaryDirectory(prefix="fengqiao-bench-") as scratch,
        measured() as measurement,
    ):
        summary = generate(
            args.out or Path(scratch), args.persons, args.seed, provinces=args.provinces
        )
    rows = sum(count for stem, count in summary.rows.items() if stem in EXPORTS)
    print(
        f"generate --persons {args.persons} --seed {args.seed} "
        f"--provinces {','.join(args.provinces)}"
    )
    figures = [
        ("wall time", f"{measurement.seconds:,.1f} s"),
        ("peak memory", f"{measurement.peak_rss_mib:,.0f} MiB"),
        *((f"{stem} rows", f"{summary.rows.get(stem, 0):,}") for stem in (*EXPORTS, "truth_links")),
        ("networks", f"{summary.networks:,}"),
        ("export rows/s", f"{rows / measurement.seconds:,.0f}"),
    ]
    for label, value in figures:
        print(f"  {label:<26}{value:>14}")
    return 0
