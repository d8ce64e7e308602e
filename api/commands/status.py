"""`fengqiao status`: what the state holds, its last batches, and how far `watch` is."""

from __future__ import annotations

import argparse
import time


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "status", help="the state's counts, the last batches, and the watcher's lag"
    )
    parser.add_argument("--last", type=int, default=5, help="how many batches to list")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from api.settings import Settings
    from graph.watch_status import read_status
    from resolution.state import ResolutionState

    settings = Settings()
    if not settings.state_file.exists():
        print(f"No state at {settings.state_file} yet: `fengqiao ingest BATCH_DIR` builds it.")
        return 0
    state = ResolutionState(settings.state_file)
    try:
        counts = state.counts()
        batches = state.batches(last=args.last)
    finally:
        state.close()
    print(f"State {settings.state_file}")
    print("  " + ", ".join(f"{n:,} {what}" for what, n in counts.items()))
    for batch in batches:
        when = time.strftime(
            "%Y-%m-%d %H:%M:%S", time.localtime(batch.finished_at or batch.started_at)
        )
        records = batch.summary.get("counts", {}).get("records", 0)
        alerts = len(batch.summary.get("alerts_raised", []))
        print(
            f"  batch {batch.seq} {batch.status:<8} {when}  {records:,} records, {alerts} alerts  {batch.source}"
        )
    watch = read_status(settings.watch_status_file)
    if watch is None:
        print("Watch: not started.")
    else:
        running = "running" if watch["running"] else "not running"
        print(
            f"Watch: {running} on {watch['inbox']}, {watch['waiting']} batches waiting, "
            f"lag {watch['lag_s']:.0f} s, {watch['failed']} failed; "
            f"last {watch['last_batch'] or 'none yet'}"
        )
    return 0
