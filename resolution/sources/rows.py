"""The two row types the reader hands out: a usable row and a quarantined one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceRow:
    platform: str
    """"population", "dispatch_incidents", "dispatch_parties", "cases", "case_parties",
    or a platform declared in a mapping file."""
    file: str
    """The file name as on disk."""
    line: int
    """1-based line number in the file where the row starts (the header is line 1)."""
    fields: dict[str, str | None]
    """Every canonical column of the platform's kind -> the value, stripped of surrounding
    whitespace; "" for an empty cell, None when the file has no such column."""
    raw: dict[str, str]
    """Original header -> original value, extra columns included."""


@dataclass(frozen=True, slots=True)
class Quarantined:
    file: str
    line: int
    column: str
    """The header of the column at fault; "" when the whole row is."""
    reason: str
    raw: str
    """The row as it stands in the file (undecodable bytes as \\xNN)."""
