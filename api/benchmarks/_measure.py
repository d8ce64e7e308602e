"""Wall time and peak memory of a piece of work, for benchmarks to print."""

from __future__ import annotations

import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class Measurement:
    seconds: float = 0.0
    peak_rss_mib: float = 0.0
    children_peak_mib: float = 0.0
    """The largest child process's peak (a resolve starts none: it scores in process)."""


@contextmanager
def measured() -> Iterator[Measurement]:
    """Times the block; peak RSS is the process's high-water mark (children included)."""
    result = Measurement()
    start = time.perf_counter()
    try:
        yield result
    finally:
        result.seconds = time.perf_counter() - start
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        result.peak_rss_mib = max(own, children) / 1024
        result.children_peak_mib = children / 1024


def quiet(_line: str) -> None:
    """A progress callback that prints nothing: a benchmark prints only its figures."""
