"""One person-bearing input row, normalised: provenance, attributes, model fields, link."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from resolution.decisions import record_key


@dataclass(slots=True)
class PersonRecord:
    """Slots, not a dict per instance: a run holds one of these per input row."""

    source: str
    record_id: str
    file: str
    line: int
    raw: dict[str, str]
    model: dict[str, str | None]
    name: str | None = None
    name_raw: str | None = None
    placeholder: bool = False
    pinyin: str | None = None
    id_number: str | None = None
    id_valid: bool | None = None
    phones: list[str] = field(default_factory=list)
    sex: str | None = None
    birth_date: str | None = None
    ethnicity: str | None = None
    updated_at: str | None = None
    role: str | None = None
    incident_id: str | None = None
    case_id: str | None = None
    address_id: str | None = None
    household_address_id: str | None = None
    person_id: str | None = None
    score: float | None = None
    evidence: dict[str, Any] | None = None

    @property
    def key(self) -> str:
        return record_key(self.source, self.record_id)

    def to_json(self) -> dict[str, Any]:
        """Shallow: dataclasses.asdict deep-copies every nested value, which dominates large runs."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def record_from_json(row: dict[str, Any]) -> PersonRecord:
    return PersonRecord(**row)
