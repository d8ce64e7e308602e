"""A batch's changes written to the graph in one transaction, with the loader's statements.

The change set (resolution.state.StateChanges as JSON) holds only what the
batch changed: its addresses, incidents and cases, the persons whose records
changed (whole, with the fields that changed of those that existed), the records
that are new or moved, the review rows, and the persons left without records.
The rows are the loader's (graph.loader), so a batch writes exactly what a whole
load of the same state would; of a person that existed, only what changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from neo4j import ManagedTransaction

from graph.loader import (
    PERSON_ADDRESSES,
    address_rows,
    case_rows,
    escalation_rows,
    incident_rows,
    noting_involvements,
    person_address_rows,
    person_rows,
    record_rows,
    review_rows,
    unlink_moved_records,
)
from graph.model import PERSON
from graph.statements import statement


def write_changes(tx: ManagedTransaction, changes: dict[str, Any]) -> None:
    persons = changes["persons"]
    changed = changes.get("person_fields", {})  # absent in a change set journalled before it
    _run(tx, "load/01_addresses", address_rows(changes["addresses"]))
    _run(tx, "load/02_incidents", incident_rows(changes["incidents"]))
    _run(tx, "load/03_cases", case_rows(changes["cases"]))
    _run(tx, "load/04_escalations", escalation_rows(changes["incidents"]))
    _run(tx, "load/05_persons", _changed_props(person_rows(persons), changed))
    for name, column in PERSON_ADDRESSES:
        moved = [p for p in persons if column in changed.get(p["person_id"], [column])]
        _run(tx, f"load/06_{name}", person_address_rows(moved, column))
    involvements: list[dict[str, Any]] = []
    records = list(noting_involvements(record_rows(changes["records"]), involvements))
    stored = set(changes["stored_before"])  # only those can have moved from another person
    moved = [r for r in records if r["recordKey"] in stored]
    if moved:
        unlink_moved_records(tx, moved)
    _run(tx, "load/07_source_records", records)
    _run(tx, "load/08_involved_in", involvements)
    _run(tx, "load/09_possibly_same", review_rows(changes["review"]))
    tx.run(statement("ingest/drop_persons"), ids=changes["removed_persons"]).consume()
    household = [
        p["person_id"]
        for p in persons
        if "household_address_id" in changed.get(p["person_id"], ["household_address_id"])
    ]
    tx.run(statement("load/same_household_of"), ids=household).consume()


def _changed_props(
    rows: Iterable[dict[str, Any]], changed: dict[str, list[str]]
) -> Iterator[dict[str, Any]]:
    """Person rows cut to the properties of their changed fields (whole for new persons);
    a person none of whose properties changed is left out."""
    prop_of = PERSON.fields()
    for row in rows:
        fields = changed.get(row["personId"])
        if fields is None:
            yield row
            continue
        props = sorted({prop_of[f] for f in fields if f in prop_of} - {"personId"})
        if props:  # a field emptied is removed (SET += with null)
            yield {**row, "props": {k: row["props"].get(k) for k in props}}


def touched_incidents(changes: dict[str, Any]) -> list[str]:
    """Incidents whose parties, place or escalation the batch changed."""
    ids = {i["incident_id"] for i in changes["incidents"]}
    ids |= {r["incident_id"] for r in changes["records"] if r.get("incident_id")}
    ids |= {c["source_incident_id"] for c in changes["cases"] if c.get("source_incident_id")}
    return sorted(ids)


def touched_persons(changes: dict[str, Any]) -> list[str]:
    return sorted({p["person_id"] for p in changes["persons"]} | set(changes["removed_persons"]))


def _run(tx: ManagedTransaction, name: str, rows: Iterable[dict[str, Any]]) -> None:
    rows = list(rows)
    if rows:
        tx.run(statement(name), rows=rows).consume()
