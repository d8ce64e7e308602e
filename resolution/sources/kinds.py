"""The five kinds of platform file and what a usable row of each must hold.

A platform (a file of one bureau's export) is of exactly one kind. The kind
fixes the canonical English columns its rows carry, which columns the file must
have at all, which values a row must have, and which column identifies a row
(duplicates of it within a file are quarantined).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str
    columns: tuple[str, ...]
    id_column: str
    required_columns: tuple[str, ...]
    """Without one of these the file cannot be used at all."""
    required_values: tuple[str, ...]
    """A row with one of these empty cannot be used and is quarantined."""
    person_bearing: bool


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "population",
            (
                "record_id",
                "name",
                "id_number",
                "gender",
                "birth_date",
                "ethnicity",
                "phone",
                "household_address",
                "residence_address",
                "updated_at",
            ),
            id_column="record_id",
            required_columns=("record_id", "name"),
            required_values=("record_id",),
            person_bearing=True,
        ),
        Kind(
            "dispatch_incidents",
            (
                "incident_id",
                "reported_at",
                "category",
                "address",
                "summary",
                "disposition",
                "case_id",
            ),
            id_column="incident_id",
            required_columns=("incident_id",),
            required_values=("incident_id",),
            person_bearing=False,
        ),
        Kind(
            "dispatch_parties",
            ("party_id", "incident_id", "role", "name", "phone", "id_number", "gender"),
            id_column="party_id",
            required_columns=("party_id", "incident_id", "name"),
            required_values=("party_id", "incident_id"),
            person_bearing=True,
        ),
        Kind(
            "cases",
            (
                "case_id",
                "opened_at",
                "case_type",
                "status",
                "address",
                "summary",
                "source_incident_id",
            ),
            id_column="case_id",
            required_columns=("case_id",),
            required_values=("case_id",),
            person_bearing=False,
        ),
        Kind(
            "case_parties",
            (
                "party_id",
                "case_id",
                "role",
                "name",
                "id_number",
                "phone",
                "gender",
                "birth_date",
                "address",
            ),
            id_column="party_id",
            required_columns=("party_id", "case_id", "name"),
            required_values=("party_id", "case_id"),
            person_bearing=True,
        ),
    )
}
