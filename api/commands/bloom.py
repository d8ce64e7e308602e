"""`fengqiao bloom export [--out FILE]`: the Neo4j Bloom perspective, from the graph model."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("bloom", help="the Neo4j Bloom perspective for investigators")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser(
        "export", help="write the perspective (Bloom's export format) for Bloom to import"
    )
    export.add_argument(
        "--out", type=Path, help="file to write (default: standard output)", metavar="FILE"
    )
    export.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from graph.bloom.export import perspective_text

    text = perspective_text()
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
        print(f"Wrote the Bloom perspective to {args.out}: import it in Bloom (docs/bloom.md).")
    return 0
