"""The rows that flow from the resolver to the state and the graph, typed once.

A person-bearing row is a `PersonRecord` (resolution.record). Incidents, cases,
addresses, canonical persons and review candidates travel as plain dicts (JSON
in the state and in the result files, docs/resolve-output.md); these are their
shapes, shared by the normalisers that make them (resolution.normalised,
resolution.survivorship), the state that keeps them (resolution.state) and the
loader that writes them (graph.loader, whose property names follow graph/model.py).
"""

from __future__ import annotations

from typing import TypedDict


class AddressRow(TypedDict):
    address_id: str
    text: str
    province: str | None
    city: str | None
    district: str | None
    road: str | None
    compound: str | None
    building: str | None
    unit: str | None
    room: str | None
    level: str  # room, building, compound, road, district or unknown
    building_key: str | None
    compound_key: str | None
    compound_name: str | None
    flat_key: str | None
    district_key: str | None
    levels: int  # how fully this spelling describes it (resolution.normalised.levels_rank)


class IncidentRow(TypedDict):
    incident_id: str
    reported_at: str | None  # ISO 8601
    category: str | None
    address_id: str | None
    address_text: str | None
    summary: str | None
    disposition: str | None
    case_id: str | None
    file: str
    line: int
    raw: dict[str, str]


class CaseRow(TypedDict):
    case_id: str
    opened_at: str | None  # ISO 8601
    case_type: str | None
    status: str | None
    address_id: str | None
    address_text: str | None
    summary: str | None
    source_incident_id: str | None
    file: str
    line: int
    raw: dict[str, str]


class PersonRow(TypedDict):
    """A person's canonical attributes (persons.csv; resolution.survivorship)."""

    person_id: str
    name: str | None
    pinyin: str | None
    id_number: str | None
    birth_date: str | None
    sex: str | None
    phones: str  # ';'-separated, most frequent first
    ethnicity: str | None
    household_address_id: str | None
    residence_address_id: str | None
    record_count: int
    sources: str  # 'population:1;dispatch:3'


class ReviewRow(TypedDict):
    """A pair for a human to decide (review.csv)."""

    source_a: str
    record_a: str
    person_a: str
    source_b: str
    record_b: str
    person_b: str
    score: str
    reason: str
