"""Deciding which values to garble, and remembering which were.

Every garbling decision goes through `Noise.roll(kind, where)`: the kind is an
`ErrorRates` field (its rate), `where` the row it applies to, as (file stem,
row id). The log counts how often each kind was eligible and injected, and
where, so tests can check rates and tell deliberate errors from bugs. It is
kept in memory and never written to the exports.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields
from random import Random

from resolution.synthetic.rates import ErrorRates

Where = tuple[str, str]
"""(file stem, row id): e.g. ("case_parties", "CP00000042")."""

KINDS = tuple(f.name for f in fields(ErrorRates))


@dataclass
class ErrorLog:
    eligible: Counter[str] = field(default_factory=Counter)
    injected: Counter[str] = field(default_factory=Counter)
    rows: defaultdict[str, list[Where]] = field(default_factory=lambda: defaultdict(list))

    def rate(self, kind: str) -> float:
        """The observed rate of a kind (injected / eligible)."""
        return self.injected[kind] / self.eligible[kind] if self.eligible[kind] else 0.0

    def where(self, kind: str) -> set[Where]:
        return set(self.rows[kind])


class Noise:
    def __init__(self, rates: ErrorRates, log: ErrorLog, rng: Random) -> None:
        self._rates = rates
        self._log = log
        self.rng = rng

    def roll(self, kind: str, where: Where) -> bool:
        """True (and logged) with the kind's rate; call it only where the kind can apply."""
        self._log.eligible[kind] += 1
        if self.rng.random() < getattr(self._rates, kind):
            self._log.injected[kind] += 1
            self._log.rows[kind].append(where)
            return True
        return False
