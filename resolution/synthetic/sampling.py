"""Small random helpers shared by the generator; every one takes its Random."""

from __future__ import annotations

import math
from bisect import bisect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import accumulate
from random import Random
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Weighted(Generic[T]):
    """A fixed weighted choice, fast for repeated draws (cumulative weights, bisect)."""

    items: tuple[T, ...]
    cumulative: tuple[float, ...]

    @classmethod
    def of(cls, weights: Mapping[T, float]) -> Weighted[T]:
        return cls(tuple(weights), tuple(accumulate(weights.values())))

    @classmethod
    def by(cls, items: Sequence[T], weight_of: Callable[[T], float]) -> Weighted[T]:
        return cls(tuple(items), tuple(accumulate(weight_of(item) for item in items)))

    def share(self, item: T) -> float:
        """The item's weight as a share of the total."""
        at = self.items.index(item)
        return (self.cumulative[at] - (self.cumulative[at - 1] if at else 0)) / self.cumulative[-1]

    def pick(self, rng: Random) -> T:
        return self.items[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


def poisson(rng: Random, mean: float) -> int:
    """A Poisson draw; normal approximation for large means (exact enough for counts)."""
    if mean > 50:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    threshold, count, product = math.exp(-mean), 0, rng.random()
    while product > threshold:
        count += 1
        product *= rng.random()
    return count


def day_between(rng: Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


_HOUR_WEIGHTS = Weighted.of(
    {
        0: 2,
        1: 1.5,
        2: 1,
        3: 0.6,
        4: 0.5,
        5: 0.6,
        6: 1,
        7: 2,
        8: 3,
        9: 4,
        10: 4.5,
        11: 4.5,
        12: 4,
        13: 4,
        14: 4.5,
        15: 4.5,
        16: 4.5,
        17: 5,
        18: 6,
        19: 7,
        20: 7.5,
        21: 7,
        22: 5,
        23: 3,
    }
)
"""When 110 calls come in: evenings most, small hours least."""


def call_time(rng: Random, day: date) -> datetime:
    return datetime(
        day.year, day.month, day.day, _HOUR_WEIGHTS.pick(rng), rng.randrange(60), rng.randrange(60)
    )
