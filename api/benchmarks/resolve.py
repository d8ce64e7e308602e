"""`fengqiao bench resolve`: accuracy against generated truth, lost rows, time and memory.

The data is generated with a seed no training file used (the shipped training
file comes from seed 1001), then resolved end to end (read, normalise, block,
score, link, write) with the saved model.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
from pathlib import Path

from api.benchmarks._measure import measured
from api.commands.generate import add_provinces, positive


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "resolve", help="pairwise precision/recall/F1, lost rows, time, memory"
    )
    parser.add_argument("--persons", type=positive, default=20_000)
    parser.add_argument("--seed", type=int, default=424_242)
    parser.add_argument("--keep", type=Path, help="keep the generated data and result here")
    add_provinces(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from api.settings import Settings
    from resolution.evaluate import compare, subset_recall
    from resolution.model.store import load_or_train
    from resolution.pipeline import resolve
    from resolution.synthetic import generate

    options = Settings().resolving()
    load_or_train(options.models_dir, options.training_file)  # a model exists before timing starts
    with tempfile.TemporaryDirectory(prefix="fengqiao-bench-") as scratch:
        base = args.keep or Path(scratch)
        data, out = base / "input", base / "out"
        generate(data, args.persons, args.seed, provinces=args.provinces)
        with measured() as measurement:
            summary = resolve(data, out, options)
        accuracy = compare(out / "links.csv", data / "truth_links.csv")
        others = subset_recall(out / "links.csv", data / "truth_links.csv", name_only(data))
        with (data / "truth_links.csv").open(encoding="utf-8") as handle:
            person_rows = sum(1 for _ in csv.reader(handle)) - 1
    print(
        f"resolve --persons {args.persons:,} --seed {args.seed} "
        f"--provinces {','.join(args.provinces)} ({person_rows:,} person rows)"
    )
    figures = [
        ("precision", f"{accuracy.precision:.4f}"),
        ("recall", f"{accuracy.recall:.4f}"),
        ("F1", f"{accuracy.f1:.4f}"),
        ("true / predicted pairs", f"{accuracy.true_pairs:,} / {accuracy.predicted_pairs:,}"),
        ("name-only other parties", f"{others.records:,}"),
        ("  their recall", f"{others.recall:.4f}"),
        ("  split off their person", f"{others.split_off:,}"),
        ("rows lost", f"{accuracy.rows_missing:,}"),
        ("rows quarantined", f"{summary.rows_quarantined:,}"),
        ("persons", f"{summary.persons:,}"),
        ("pairs scored", f"{summary.pairs_scored:,}"),
        ("wall time", f"{measurement.seconds:,.1f} s"),
        ("peak memory (resolve)", f"{max(summary.peak_mib.values()):,.0f} MiB"),
        ("peak memory (child processes)", f"{measurement.children_peak_mib:,.0f} MiB"),
    ]
    for label, value in figures:
        print(f"  {label:<26}{value:>22}")
    print(f"  {'stage':<26}{'seconds':>10}{'CPU s':>8}{'peak MiB':>10}")
    for stage, seconds in summary.timings.items():
        cpu, peak = summary.cpu_seconds[stage], summary.peak_mib[stage]
        print(f"    {stage:<24}{seconds:>10,.1f}{cpu:>8,.1f}{peak:>10,.0f}")
    return 0


OTHER_PARTY = "对方当事人"


def name_only(data: Path) -> set[tuple[str, str]]:
    """The other parties of dispatch records known by name only (no phone, no ID number)."""
    from resolution.sources import read_exports

    return {
        ("dispatch", row.fields["party_id"])
        for row in read_exports(data).rows("dispatch_parties")
        if row.fields["role"] == OTHER_PARTY
        and not row.fields["phone"]
        and not row.fields["id_number"]
    }
