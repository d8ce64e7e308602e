"""`fengqiao bench NAME`: the speed, memory and accuracy figures, printed."""

from __future__ import annotations

import argparse
import importlib
import pkgutil

import api.benchmarks


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("bench", help="benchmarks that print speed, memory and accuracy")
    benchmarks = parser.add_subparsers(dest="benchmark", required=True, metavar="BENCHMARK")
    for module in pkgutil.iter_modules(api.benchmarks.__path__):
        if module.name.startswith("_"):  # shared helpers, not benchmarks
            continue
        importlib.import_module(f"api.benchmarks.{module.name}").register(benchmarks)
