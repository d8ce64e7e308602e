"""`fengqiao schema`: the API's GraphQL schema as SDL, printed or written to api/schema.graphql."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schema", help="print the GraphQL schema (SDL), or --write it to api/schema.graphql"
    )
    parser.add_argument(
        "--write",
        nargs="?",
        const="",
        metavar="FILE",
        help="write it to FILE instead of printing (default: the committed api/schema.graphql)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from api.graphql.schema import SDL_FILE, sdl  # strawberry and the types: only when run

    text = sdl()
    if args.write is None:
        print(text, end="")
        return 0
    path = Path(args.write) if args.write else SDL_FILE
    path.write_text(text, encoding="utf-8")
    print(f"Wrote the GraphQL schema to {path}.")
    return 0
