"""`fengqiao analyse`: disputes, networks and hotspot alerts, written into the graph."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "analyse", help="find disputes, repeat-dispute networks, hotspots"
    )
    parser.set_defaults(run=run)


def run(_args: argparse.Namespace) -> int:
    from api.settings import Settings
    from graph.analyse import analyse
    from graph.connection import connect

    settings = Settings()
    target = settings.neo4j_target()
    with connect(target) as driver:
        summary = analyse(driver, settings.analysis(), target.database)
    print(
        f"{summary.dispute_incidents:,} dispute incidents in {summary.disputes:,} disputes; "
        f"{summary.pairs:,} pairs in dispute; {summary.networks:,} repeat-dispute networks; "
        f"{summary.alerts:,} hotspot alerts."
    )
    return 0
