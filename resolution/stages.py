"""Time and peak memory of each stage of a run, so that every change can be judged.

Wall seconds, and this process's CPU seconds (on a machine busy with other work the
wall time grows, the CPU time much less).

The peak is the process's resident high-water mark within the stage: on Linux
the mark is reset when a stage starts (writing 5 to /proc/self/clear_refs) and
read from /proc/self/status (VmHWM) when it ends. Where that is not possible,
it is the high-water mark of the whole run so far (getrusage), which only grows.
Worker processes (Dedupe's scoring) are not included; a benchmark adds them.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

_CLEAR_REFS = Path("/proc/self/clear_refs")
_STATUS = Path("/proc/self/status")


class Stages:
    """Seconds, CPU seconds and peak MiB per stage name, in the order the stages ran."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.cpu_seconds: dict[str, float] = {}
        self.peak_mib: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        _reset_peak()
        started, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.seconds[stage] = time.perf_counter() - started
            self.cpu_seconds[stage] = time.process_time() - cpu
            self.peak_mib[stage] = peak_rss_mib()


def _reset_peak() -> None:
    with suppress(OSError):  # not Linux, or not allowed: peaks are then the run's so far
        _CLEAR_REFS.write_text("5")


def peak_rss_mib() -> float:
    """The process's resident high-water mark since the last reset, in MiB."""
    try:
        for line in _STATUS.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
