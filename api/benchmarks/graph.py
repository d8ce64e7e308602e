"""`fengqiao bench load` and `fengqiao bench networks`: generated data is resolved, then
loaded into a disposable Neo4j started for the run (or, with NEO4J_URI set, into
that server, whose database is replaced; the bulk import always goes into a
disposable server), and either the load rates or the network detection is printed.
The local server's graph is never touched."""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from api.benchmarks._measure import measured, quiet
from api.commands.generate import add_provinces, positive

if TYPE_CHECKING:
    from api.settings import Settings
    from graph.connection import Neo4jTarget


def register(subparsers: argparse._SubParsersAction) -> None:
    for name, run, text in (
        ("load", run_load, "nodes plus relationships written per second"),
        (
            "networks",
            run_networks,
            "share of true repeat-dispute networks found, and of computed ones true",
        ),
    ):
        parser = subparsers.add_parser(name, help=text)
        parser.add_argument("--persons", type=positive, default=20_000)
        parser.add_argument("--seed", type=int, default=424_242)
        add_provinces(parser)
        parser.set_defaults(run=run)
        if name == "load":
            parser.add_argument(
                "--sample", type=positive, default=2_000, help="nodes compared per label"
            )
            parser.add_argument(
                "--result",
                type=Path,
                help="load this resolve result instead of resolving generated data "
                "(--persons, --seed and --provinces are then not used)",
            )


def _prepared(
    settings: Settings,
    persons: int,
    seed: int,
    base: Path,
    provinces: tuple[str, ...] = ("zhejiang",),
) -> tuple[Path, Path]:
    from resolution.pipeline import resolve
    from resolution.progress import Progress
    from resolution.synthetic import generate

    data, out = base / "input", base / "out"
    generate(data, persons, seed, provinces=provinces)
    resolve(data, out, settings.resolving(), Progress(None))
    return data, out


@contextmanager
def bench_target(settings: Settings) -> Iterator[Neo4jTarget]:
    """NEO4J_URI when set; otherwise a throwaway server with the local server's memory."""
    from graph.local.disposable import disposable_neo4j

    if settings.uses_external_neo4j:
        yield settings.neo4j_target()
    else:
        with disposable_neo4j(settings.local_server()) as target:
            yield target


def emptied(driver, database: str) -> None:
    from graph.statements import statement

    wipe = statement("admin/wipe_batch")
    while driver.execute_query(wipe, batch=10_000, database_=database).records[0]["deleted"]:
        pass


def run_load(args: argparse.Namespace) -> int:
    """One resolve result, first loaded through the bulk importer into a just-started
    disposable server, then online into another just-started one (or NEO4J_URI's
    database, replaced); the two graphs are compared: counts per label and type, and the
    first --sample nodes of each label by key, with properties and relationships."""
    from api.settings import Settings
    from graph.bulk_import import bulk_import
    from graph.connection import connect
    from graph.loader import graph_counts, load_result, require_result
    from graph.local.disposable import disposable_server
    from graph.snapshot import differences, snapshot

    settings = Settings()
    with tempfile.TemporaryDirectory(prefix="fengqiao-bench-") as scratch:
        if args.result is not None:
            require_result(args.result)
            out = args.result
        else:
            _data, out = _prepared(
                settings, args.persons, args.seed, Path(scratch) / "measured", args.provinces
            )
        with disposable_server(settings.local_server()) as server:
            bulk = bulk_import(server, out, progress=quiet)
            with connect(server.config.target()) as driver:
                bulk_graph = snapshot(driver, per_label=args.sample)
        with bench_target(settings) as target, connect(target) as driver:
            emptied(driver, target.database)
            steps: list[str] = []  # the loader's line per statement: its rows, rate, seconds
            with measured() as first:
                load_result(driver, out, target.database, settings.loading(), progress=steps.append)
            counts = graph_counts(driver, target.database)
            online_graph = snapshot(driver, target.database, per_label=args.sample)
            with measured() as again:
                load_result(driver, out, target.database, settings.loading(), progress=quiet)
    written = sum(counts.values())
    options = settings.loading()
    differ = differences(bulk_graph, online_graph)
    print(
        f"load {args.result}"
        if args.result
        else f"load --persons {args.persons:,} --seed {args.seed}"
    )
    rows = [
        ("nodes", f"{sum(v for k, v in counts.items() if k.startswith('node:')):,}"),
        (
            "relationships",
            f"{sum(v for k, v in counts.items() if k.startswith('relationship:')):,}",
        ),
        ("bulk import into a just-started server", f"{bulk.seconds:,.1f} s"),
        *((f"  {phase}", f"{seconds:,.1f} s") for phase, seconds in bulk.phases.items()),
        ("  nodes+relationships/s", f"{sum(bulk_graph.counts.values()) / bulk.seconds:,.0f}"),
        (
            f"online into {target.uri}, just started ({options.writers} writers, "
            f"batches of {options.batch:,})",
            f"{first.seconds:,.1f} s",
        ),
        ("  nodes+relationships/s", f"{written / first.seconds:,.0f}"),
        *((f"    {line}", "") for line in steps),
        ("  again, with no change", f"{again.seconds:,.1f} s"),
        (
            f"bulk graph identical to online ({bulk_graph.sampled:,} nodes compared)",
            "yes" if not differ else "NO",
        ),
    ]
    for label, value in rows:
        print(f"  {label:<66}{value:>12}")
    for line in differ:
        print(f"    {line}")
    return 0 if not differ else 1


def run_networks(args: argparse.Namespace) -> int:
    from api.settings import Settings
    from graph.analyse import analyse
    from graph.connection import connect
    from graph.loader import load_result
    from graph.network_accuracy import compare_networks, computed_networks

    settings = Settings()
    with (
        tempfile.TemporaryDirectory(prefix="fengqiao-bench-") as scratch,
        bench_target(settings) as target,
        connect(target) as driver,
    ):
        data, out = _prepared(settings, args.persons, args.seed, Path(scratch), args.provinces)
        emptied(driver, target.database)
        load_result(driver, out, target.database, settings.loading(), progress=quiet)
        with measured() as timing:
            summary = analyse(driver, settings.analysis(), target.database)
        accuracy = compare_networks(computed_networks(driver, target.database), data, out)
    print(
        f"networks --persons {args.persons:,} --seed {args.seed} "
        f"--provinces {','.join(args.provinces)}"
    )
    for label, value in (
        ("true networks", f"{accuracy.true_networks:,}"),
        ("computed networks", f"{accuracy.computed_networks:,}"),
        ("true ones found (>=80%)", f"{accuracy.found_share:.1%}"),
        ("computed ones true", f"{accuracy.corresponding_share:.1%}"),
        ("alerts (hotspots and networks)", f"{summary.alerts:,}"),
        ("analyse wall time", f"{timing.seconds:,.1f} s"),
    ):
        print(f"  {label:<26}{value:>16}")
    return 0
