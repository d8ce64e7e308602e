"""`fengqiao bench load` and `fengqiao bench networks`: generated data is resolved, then
loaded into a disposable Neo4j started for the run (or, with NEO4J_URI set, into
that server, whose database is replaced), and either the load rate or the network
detection is printed. The local server's graph is never touched."""

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
        if name == "load":  # a just-started server keeps speeding up for about four loads
            parser.add_argument("--warm-up-loads", type=int, default=4)


def _prepared(
    settings: Settings,
    persons: int,
    seed: int,
    base: Path,
    provinces: tuple[str, ...] = ("zhejiang",),
) -> tuple[Path, Path]:
    from resolution.linking import LinkingConfig
    from resolution.pipeline import ResolveOptions, resolve
    from resolution.progress import Progress
    from resolution.synthetic import generate

    data, out = base / "input", base / "out"
    generate(data, persons, seed, provinces=provinces)
    options = ResolveOptions(
        models_dir=settings.models_dir,
        linking=LinkingConfig(settings.cluster_threshold, settings.link_threshold),
        num_cores=settings.resolve_cores,
    )
    resolve(data, out, options, Progress(None))
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
    """The measured set goes into a warmed server, as a long-running Neo4j is: its plans
    compiled, its JIT done, its store files grown. A set of the same size with another
    seed warms it up, loaded and emptied --warm-up-loads times; their rates are printed
    too, the first of them the rate of a just-started server."""
    from api.settings import Settings
    from graph.connection import connect
    from graph.loader import graph_counts, load_result

    settings = Settings()
    with (
        tempfile.TemporaryDirectory(prefix="fengqiao-bench-") as scratch,
        bench_target(settings) as target,
        connect(target) as driver,
    ):
        _warm, warm_out = _prepared(
            settings, args.persons, args.seed + 1, Path(scratch) / "warm", args.provinces
        )
        _data, out = _prepared(
            settings, args.persons, args.seed, Path(scratch) / "measured", args.provinces
        )
        warm_up_rates = []
        for _ in range(args.warm_up_loads):
            emptied(driver, target.database)
            with measured() as warm_up:
                load_result(driver, warm_out, target.database, settings.loading(), progress=quiet)
            warm_up_rates.append(
                sum(graph_counts(driver, target.database).values()) / warm_up.seconds
            )
        emptied(driver, target.database)
        with measured() as first:
            load_result(driver, out, target.database, settings.loading(), progress=quiet)
        counts = graph_counts(driver, target.database)
        with measured() as again:
            load_result(driver, out, target.database, settings.loading(), progress=quiet)
    written = sum(counts.values())
    options = settings.loading()
    print(
        f"load --persons {args.persons:,} --seed {args.seed} into {target.uri} "
        f"({options.writers} writers, batches of {options.batch:,})"
    )
    for label, value in (
        (
            f"warm-up loads (--seed {args.seed + 1}), nodes+relationships/s",
            ", ".join(f"{rate:,.0f}" for rate in warm_up_rates),
        ),
        ("nodes", f"{sum(v for k, v in counts.items() if k.startswith('node:')):,}"),
        (
            "relationships",
            f"{sum(v for k, v in counts.items() if k.startswith('relationship:')):,}",
        ),
        ("first load into the warmed server", f"{first.seconds:,.1f} s"),
        ("  nodes+relationships/s", f"{written / first.seconds:,.0f}"),
        ("second load (no change)", f"{again.seconds:,.1f} s"),
    ):
        print(f"  {label:<54}{value:>16}")
    return 0


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
