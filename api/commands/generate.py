"""`fengqiao generate OUT_DIR`: a synthetic city's platform exports, with their truth."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from resolution.synthetic.generate import GenerationSummary

ENCODINGS = ("utf-8", "utf-8-sig", "gb18030")
"""The writer's encodings (`resolution.synthetic.writer.ENCODINGS`), named here because
importing the generator would load it for every `fengqiao` command."""


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def provinces(text: str) -> tuple[str, ...]:
    """`zhejiang,jiangsu`: keys of resolution.synthetic.provinces.PROVINCES."""
    from resolution.synthetic.provinces import PROVINCES

    keys = tuple(k.strip().lower() for k in text.split(",") if k.strip())
    unknown = [k for k in keys if k not in PROVINCES]
    if unknown or not keys:
        raise argparse.ArgumentTypeError(
            f"unknown province {', '.join(unknown) or '(none)'}; choose from {', '.join(PROVINCES)}"
        )
    return keys


def add_provinces(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--provinces",
        type=provinces,
        default=("zhejiang",),
        help="comma-separated provinces whose districts the compounds are spread over "
        "(zhejiang, jiangsu, guangdong, sichuan, xinjiang); default zhejiang",
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "generate",
        help="write the five platform exports of a synthetic city, with truth_links.csv and "
        "truth_networks.json",
    )
    parser.add_argument("out_dir", type=Path, help="folder to write into (created if missing)")
    parser.add_argument("--persons", type=positive, default=3000, help="residents of the city")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same bytes")
    parser.add_argument(
        "--headers",
        choices=("en", "zh"),
        default="en",
        help="English column names or the Chinese headers real exports use",
    )
    parser.add_argument(
        "--encoding",
        choices=ENCODINGS,
        default="utf-8",
        help="encoding of the five exports (truth files are always UTF-8)",
    )
    add_provinces(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from resolution.synthetic import generate

    summary = generate(
        args.out_dir,
        args.persons,
        args.seed,
        args.headers,
        args.encoding,
        provinces=args.provinces,
    )
    print(describe(summary))
    return 0


def describe(summary: GenerationSummary) -> str:
    from resolution.synthetic.writer import EXPORTS, TRUTH_LINKS, TRUTH_NETWORKS

    lines = [
        f"{summary.out_dir}: a city of {summary.residents} residents in {summary.compounds} "
        f"compounds, {summary.outsiders} people from outside them and {summary.unidentified} "
        f"unidentified (seed {summary.seed})."
    ]
    lines += [f"  {stem + '.csv':<24}{summary.rows.get(stem, 0):>10} rows" for stem in EXPORTS]
    lines.append(f"  {TRUTH_LINKS:<24}{summary.rows.get('truth_links', 0):>10} rows")
    lines.append(f"  {TRUTH_NETWORKS:<24}{summary.networks:>10} repeat-dispute networks")
    return "\n".join(lines)
