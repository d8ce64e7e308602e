"""Human decisions about pairs of records: confirmed matches and rejected ones.

Kept in an append-only CSV (`decisions.csv`); the latest decision on a pair
wins. Resolution respects them on every run, whatever the model says: a
rejected pair never ends in one person, a confirmed pair always does. An
`undone` row (the review desk's undo) takes a pair back to having no decision.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from resolution.errors import InputError

COLUMNS = ["decided_at", "user", "decision", "source_a", "record_a", "source_b", "record_b", "note"]
MATCH, DISTINCT, UNDONE = "match", "distinct", "undone"
KINDS = (MATCH, DISTINCT, UNDONE)


@dataclass(frozen=True)
class Decision:
    decision: str  # MATCH, DISTINCT or UNDONE
    a: str  # record key "source:record_id"
    b: str
    user: str = ""
    note: str = ""
    decided_at: str = ""

    @property
    def pair(self) -> tuple[str, str]:
        return (self.a, self.b) if self.a <= self.b else (self.b, self.a)


@dataclass(frozen=True)
class Decisions:
    must_link: frozenset[tuple[str, str]]
    cannot_link: frozenset[tuple[str, str]]

    @classmethod
    def none(cls) -> Decisions:
        return cls(frozenset(), frozenset())


def record_key(source: str, record_id: str) -> str:
    return f"{source}:{record_id}"


def split_key(key: str) -> tuple[str, str]:
    source, _, record_id = key.partition(":")
    return source, record_id


def append(path: Path, decisions: list[Decision]) -> None:
    new = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        if new:
            writer.writerow(COLUMNS)
        for d in decisions:
            if d.decision not in KINDS:
                raise ValueError(f"unknown decision {d.decision!r}")
            (sa, ra), (sb, rb) = split_key(d.a), split_key(d.b)
            stamp = d.decided_at or datetime.now(UTC).isoformat(timespec="seconds")
            writer.writerow([stamp, d.user, d.decision, sa, ra, sb, rb, d.note])


def history(path: Path) -> Iterator[Decision]:
    """Every decision in the file, oldest first."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(COLUMNS) - set(reader.fieldnames or [])
        if missing:
            raise InputError(f"{path}: missing column(s) {', '.join(sorted(missing))}.")
        for line, row in enumerate(reader, start=2):
            if row["decision"] not in KINDS:
                raise InputError(
                    f"{path}, row {line}, column decision: {row['decision']!r} is not "
                    "match, distinct or undone."
                )
            yield Decision(
                row["decision"],
                record_key(row["source_a"], row["record_a"]),
                record_key(row["source_b"], row["record_b"]),
                row["user"],
                row["note"],
                row["decided_at"],
            )


def load(path: Path | None) -> Decisions:
    """The standing decisions: for each pair, the latest one."""
    if path is None or not path.exists():
        return Decisions.none()
    latest = {d.pair: d.decision for d in history(path)}
    return Decisions(
        frozenset(p for p, d in latest.items() if d == MATCH),
        frozenset(p for p, d in latest.items() if d == DISTINCT),
    )
