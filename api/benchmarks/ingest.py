"""`fengqiao bench ingest`: the living graph fed day by day.

Generated data (a seed no training used) is cut into a first build, one bulk
batch of `--bulk-days` days and `--days` daily batches (resolution.feed); the
first build goes into a disposable Neo4j (or NEO4J_URI's database, replaced),
then each batch is ingested as `fengqiao watch` does, in one process holding the
model and the state. Printed per batch: records, seconds until ingest returned
(graph, networks and alerts updated: the alert delay), records/s, alerts raised,
and the process's peak memory during the batch. At the end: precision, recall
and F1 of the state against the truth beside a whole-history resolve of the same
records, whether a full analysis of the same graph gives the same results, and
whether a full rebuild (whole resolve, load, analyse) gives the same networks
and alerts.
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest", help="daily batches into a built graph: seconds, records/s, alert delay, F1"
    )
    parser.add_argument("--persons", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=424_242)
    parser.add_argument("--days", type=int, default=7, help="daily batches at the end")
    parser.add_argument(
        "--bulk-days", type=int, default=60, help="days before those, ingested as one batch"
    )
    parser.add_argument(
        "--days-per-batch", type=int, default=1, help="days each of those batches holds"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import tempfile
    from pathlib import Path

    from api.benchmarks.graph import bench_target, emptied
    from api.commands.ingest import ingest_options
    from api.settings import Settings
    from graph.connection import connect
    from graph.ingest import Ingestor
    from resolution.feed import split_feed
    from resolution.state import ResolutionState
    from resolution.synthetic import generate

    settings = Settings()
    with (
        tempfile.TemporaryDirectory(prefix="fengqiao-bench-") as scratch,
        bench_target(settings) as target,
        connect(target) as driver,
    ):
        base = Path(scratch)
        data = base / "input"
        generate(data, args.persons, args.seed)
        folders = split_feed(data, base / "feed", args.days, args.bulk_days, args.days_per_batch)
        emptied(driver, target.database)
        state = ResolutionState(base / "state" / "resolution.sqlite")
        # online: this benchmark's first build is timed as before (bench load times the bulk one)
        options = ingest_options(settings, argparse.Namespace(online=True))
        ingestor = Ingestor(driver, state, options, target.database)
        ingestor.model()  # loaded (or trained) before anything is timed
        print(
            f"ingest --persons {args.persons:,} --seed {args.seed}: a first build, "
            f"{args.bulk_days} days as one batch, then the last {args.days} days "
            f"in batches of {args.days_per_batch}"
        )
        print(
            f"  {'batch':<24}{'records':>9}{'seconds':>9}{'records/s':>11}{'alerts':>8}{'peak MiB':>10}"
        )
        for folder in folders:
            _reset_peak()
            summary = ingestor.ingest(folder)
            records = summary.counts.get("records", 0)
            print(
                f"  {folder.name:<24}{records:>9,}{summary.seconds:>9.2f}"
                f"{records / summary.seconds:>11,.0f}{len(summary.alerts_raised):>8}"
                f"{_peak_mib():>10,.0f}",
                flush=True,
            )
        _compare(settings, driver, target.database, state, data, base, options)
        state.close()
    return 0


def _compare(settings, driver, database, state, data, base, options) -> None:
    """The incremental result beside a whole-history one over the same records."""
    from api.benchmarks.graph import emptied
    from graph.analyse import analyse, analysis_results
    from graph.loader import load_result
    from resolution.evaluate import compare
    from resolution.outputs import LINK_COLUMNS, write_csv
    from resolution.pipeline import resolve

    write_csv(base / "links.csv", LINK_COLUMNS, state.links())
    incremental = compare(base / "links.csv", data / "truth_links.csv")
    resolve(data, base / "full", options.resolve)
    full = compare(base / "full" / "links.csv", data / "truth_links.csv")
    batched = analysis_results(driver, database)
    analyse(driver, options.analysis, database)
    same_graph = analysis_results(driver, database)
    emptied(driver, database)
    load_result(driver, base / "full", database, options.load, progress=lambda _line: None)
    analyse(driver, options.analysis, database)
    rebuilt = analysis_results(driver, database)
    print(f"  {'':<24}{'precision':>10}{'recall':>10}{'F1':>10}")
    for label, a in (("batches", incremental), ("whole-history resolve", full)):
        print(f"  {label:<24}{a.precision:>10.4f}{a.recall:>10.4f}{a.f1:>10.4f}")
    print(f"  F1 difference: {incremental.f1 - full.f1:+.4f}")
    print(f"  full analysis of the batched graph: {_agreement(batched, same_graph)}")
    for kind in ("network", "alert"):
        print(f"  {kind}s against a full rebuild: {_agreement(batched, rebuilt, kind)}")


def _agreement(a: dict, b: dict, kind: str | None = None) -> str:
    keys = {k for k in a.keys() | b.keys() if kind is None or k[0] == kind}
    differing = sum(1 for k in keys if a.get(k) != b.get(k))
    return f"{len(keys) - differing:,} of {len(keys):,} identical"


def _reset_peak() -> None:
    """Linux: start the process's peak resident memory (VmHWM) afresh."""
    with open("/proc/self/clear_refs", "w") as handle:
        handle.write("5")


def _peak_mib() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0
