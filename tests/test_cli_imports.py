"""Building `fengqiao`'s parser loads nothing but the standard library and the command
modules: every command's dependencies (neo4j, dedupe, fastapi, strawberry, numpy,
httpx, the project's `graph` and `resolution`) load only when that command runs, so
`fengqiao --help` answers at once and an installed wheel never needs a dev-only
package to start. Each module of `api.commands` and `api.benchmarks`, those added
later too, is imported and registered in a fresh interpreter and held to it."""

from __future__ import annotations

import argparse
import json
import pkgutil
import re
import subprocess
import sys
from importlib.metadata import version
from types import ModuleType

import pytest

import api.benchmarks
import api.commands
from api.cli import build_parser

# Project modules that import only the standard library, so a command may import them
# at module level; any module of api.commands and api.benchmarks may be imported too.
CHEAP = {
    "api",
    "api.cli",
    "api.security",
    "api.security.roles",
    "graph",
    "graph.errors",
    "resolution",
    "resolution.errors",
}

PROBE = """
import argparse, importlib, json, sys
before = set(sys.modules)
module = importlib.import_module(sys.argv[1])
if hasattr(module, "register"):
    module.register(argparse.ArgumentParser().add_subparsers())
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def modules_in(package: ModuleType) -> list[str]:
    return [f"{package.__name__}.{m.name}" for m in pkgutil.iter_modules(package.__path__)]


def not_cheap(module: str) -> list[str]:
    """What importing the module (and registering its parser) loaded beyond the cheap."""
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, module], capture_output=True, text=True, timeout=120
    )
    assert probe.returncode == 0, probe.stderr
    return [
        name
        for name in json.loads(probe.stdout)
        if name.partition(".")[0] not in sys.stdlib_module_names
        and name not in CHEAP
        and not name.startswith(("api.commands", "api.benchmarks"))
    ]


@pytest.mark.parametrize(
    "module",
    [
        "api.cli",
        *modules_in(api.commands),
        *modules_in(api.benchmarks),
    ],
)
def test_module_imports_only_what_its_parser_needs(module: str) -> None:
    assert not_cheap(module) == []


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (action,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices


def fengqiao(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args], capture_output=True, text=True, timeout=120
    )


def test_help_names_every_command_and_every_benchmark() -> None:
    commands = subcommands(build_parser())
    for args, names in [
        (["--help"], list(commands)),
        (["bench", "--help"], list(subcommands(commands["bench"]))),
    ]:
        helped = fengqiao(*args)
        assert helped.returncode == 0, helped.stderr
        listed = re.findall(r"^    (\S+)", helped.stdout, re.MULTILINE)
        assert listed == names


def test_version_is_the_installed_distributions() -> None:
    versioned = fengqiao("--version")
    assert versioned.returncode == 0, versioned.stderr
    assert versioned.stdout == f"fengqiao {version('fengqiao')}\n"
