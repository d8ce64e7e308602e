"""The `fengqiao` command: parses arguments, reads settings, turns known failures
into one clear sentence (exit code 1) instead of a traceback.

Building the parser imports every module of `api.commands` (and of `api.benchmarks`,
through `bench`), so each must import only the standard library at module level and
load its dependencies in the function that runs (see `api/commands/__init__.py`):
then `fengqiao --help` answers without Neo4j's driver, Dedupe or FastAPI loading.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

import api.commands
from graph.errors import GraphError
from resolution.errors import InputError


class _Version(argparse.Action):
    """`--version`: the installed distribution's version, looked up only when asked."""

    def __init__(self, option_strings: list[str], dest: str, **_kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        from importlib.metadata import version

        print(f"fengqiao {version('fengqiao')}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fengqiao",
        description="Resolve people across population, 110 dispatch and case platforms "
        "into a Neo4j knowledge graph of repeat disputes.",
    )
    parser.add_argument("--version", action=_Version)
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in pkgutil.iter_modules(api.commands.__path__):
        importlib.import_module(f"api.commands.{module.name}").register(subparsers)
    return parser


# Every file a command creates is its owner's only: resolve outputs, the state, decisions,
# quarantine, tokens, the audit log and the local Neo4j's data hold personal data.
PRIVATE_UMASK = 0o077


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    umask = os.umask(PRIVATE_UMASK)
    try:
        return args.run(args) or 0
    except (GraphError, InputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        os.umask(umask)


if __name__ == "__main__":
    sys.exit(main())
