"""`fengqiao resolve INPUT_DIR --out OUT_DIR`: platform exports in, resolved persons out."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from api.settings import Settings
    from resolution.pipeline import ResolveOptions


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "resolve", help="link the person records of the platform exports into persons (links.csv)"
    )
    parser.add_argument("input_dir", type=Path, help="folder with the platform exports")
    parser.add_argument("--out", type=Path, required=True, help="folder for links.csv and the rest")
    add_resolve_arguments(parser)
    parser.set_defaults(run=run)


def add_resolve_arguments(parser: argparse.ArgumentParser) -> None:
    """The options resolve shares with ingest."""
    parser.add_argument(
        "--previous", type=Path, help="an earlier result to resolve this batch into"
    )
    parser.add_argument("--mapping", type=Path, help="column mapping file for other export layouts")
    parser.add_argument(
        "--training", type=Path, help="labelled pairs (default: the shipped training file)"
    )
    parser.add_argument(
        "--retrain", action="store_true", help="train the model again before resolving"
    )
    parser.add_argument(
        "--decisions", type=Path, help="human decisions (default: FENGQIAO_HOME/decisions.csv)"
    )


def options_from(settings: Settings, args: argparse.Namespace) -> ResolveOptions:
    from resolution.model.store import SHIPPED_TRAINING

    return settings.resolving(
        training_file=args.training or SHIPPED_TRAINING,
        retrain=args.retrain,
        decisions_file=args.decisions or settings.decisions_file,
        mapping_file=args.mapping,
        previous=args.previous,
    )


def run(args: argparse.Namespace) -> int:
    from api.settings import Settings
    from resolution.pipeline import resolve

    summary = resolve(args.input_dir, args.out, options_from(Settings(), args))
    print(
        f"Resolved {summary.records:,} person records into {summary.persons:,} persons "
        f"({summary.rows_read:,} rows read, {summary.rows_quarantined:,} quarantined, "
        f"{summary.pairs_scored:,} pairs scored, model {summary.model_version})."
    )
    print(f"Wrote {args.out / 'links.csv'}, persons.csv, review.csv, quarantine.csv, report.json.")
    return 0
