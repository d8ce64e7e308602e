"""Identifiers, numbered in generation order across the whole city (so unique)."""

from __future__ import annotations

from collections import Counter
from datetime import date


class Numbering:
    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()

    def _next(self, kind: str) -> int:
        self._counts[kind] += 1
        return self._counts[kind]

    def person(self) -> str:
        return f"P{self._next('person'):08d}"

    def unidentified(self) -> str:
        """The key of someone a placeholder row stands for, known to no other row."""
        return f"U{self._next('unidentified'):08d}"

    def record(self) -> str:
        return f"R{self._next('record'):08d}"

    def incident(self, district_code: str, day: date) -> str:
        """警情编号: J + district + day + sequence."""
        return f"J{district_code}{day:%Y%m%d}{self._next('incident'):06d}"

    def dispatch_party(self) -> str:
        return f"DP{self._next('dispatch_party'):08d}"

    def case(self, district_code: str, day: date) -> str:
        """案件编号: A + district + year + sequence."""
        return f"A{district_code}{day:%Y}{self._next('case'):06d}"

    def case_party(self) -> str:
        return f"CP{self._next('case_party'):08d}"

    def network(self) -> str:
        return f"N{self._next('network'):05d}"

    def count(self, kind: str) -> int:
        return self._counts[kind]
