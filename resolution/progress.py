"""Progress of long runs, per stage: done/total, rate and an estimate of time left.

Writes to stderr at most every `interval` seconds, and once at the end of each
stage, so redirected output stays readable.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, stream: TextIO | None = sys.stderr, interval: float = 2.0) -> None:
        self.stream = stream
        self.interval = interval

    def stage(self, name: str, total: int | None, unit: str) -> StageProgress:
        return StageProgress(self, name, total, unit)


class StageProgress:
    def __init__(self, progress: Progress, name: str, total: int | None, unit: str) -> None:
        self.progress, self.name, self.total, self.unit = progress, name, total, unit
        self.done = 0
        self.started = self.last = time.monotonic()

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if now - self.last >= self.progress.interval:
            self.last = now
            self._print(final=False)

    def finish(self) -> float:
        self._print(final=True)
        return time.monotonic() - self.started

    def _print(self, final: bool) -> None:
        if self.progress.stream is None:
            return
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        line = f"[{self.name}] {self.done:,}"
        if self.total:
            line += f"/{self.total:,} {self.unit} ({100 * self.done / self.total:.0f}%)"
        else:
            line += f" {self.unit}"
        line += f", {rate:,.0f}/s"
        if final:
            line += f", done in {elapsed:.1f} s"
        elif self.total and rate > 0:
            line += f", about {max(self.total - self.done, 0) / rate:.0f} s left"
        print(line, file=self.progress.stream, flush=True)
