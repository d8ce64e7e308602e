"""Canonical attributes of a person from its records (persons.csv).

Rules, in order: the registry is authoritative, so a value comes from
population records first (the most recently updated one first), then from
case records (officers key ID numbers and birth dates), then from dispatch
records (typed from speech); within a source the most recent record wins.
Placeholders never supply a name. The ID number is the valid one seen most
often (ties: registry first). Phones are all the numbers seen, most frequent first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from resolution.record import PersonRecord
from resolution.schema import PersonRow

SOURCE_ORDER = {"population": 0, "case": 1, "dispatch": 2}


def survivor_order(records: Sequence[PersonRecord]) -> list[PersonRecord]:
    by_recency = sorted(records, key=lambda r: r.updated_at or "", reverse=True)
    return sorted(by_recency, key=lambda r: SOURCE_ORDER.get(r.source, 9))


def canonical_person(person_id: str, records: Sequence[PersonRecord]) -> PersonRow:
    ordered = survivor_order(records)

    def first(attribute: str, usable=lambda r: True):
        return next(
            (getattr(r, attribute) for r in ordered if getattr(r, attribute) and usable(r)), None
        )

    valid_ids = Counter(r.id_number for r in ordered if r.id_number and r.id_valid)
    id_number = (
        max(valid_ids, key=lambda v: valid_ids[v], default=None)
        if valid_ids
        else first("id_number")
    )
    phones = Counter(p for r in ordered for p in r.phones)
    sources = Counter(r.source for r in records)
    return {
        "person_id": person_id,
        "name": first("name", lambda r: not r.placeholder),
        "pinyin": first("pinyin", lambda r: not r.placeholder),
        "id_number": id_number,
        "birth_date": first("birth_date"),
        "sex": first("sex"),
        "phones": ";".join(sorted(phones, key=lambda p: (-phones[p], p))),
        "ethnicity": first("ethnicity"),
        "household_address_id": first("household_address_id"),
        "residence_address_id": first("address_id", lambda r: r.source != "dispatch"),
        "record_count": len(records),
        "sources": ";".join(f"{s}:{sources[s]}" for s in sorted(sources, key=SOURCE_ORDER.get)),
    }
