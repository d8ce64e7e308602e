"""From platform rows to normalised person records, incidents, cases and addresses.

Every person-bearing row (a registry record, a dispatch party, a case party)
becomes one `PersonRecord`: its provenance, its normalised attributes, and
`model`, the fields the Dedupe comparisons read (see resolution.comparisons).
A dispatch party's location evidence is its incident's address; a case
party's, its own address (or its case's when it has none).
"""

from __future__ import annotations

import csv
import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from resolution import normalised
from resolution.decisions import record_key
from resolution.errors import InputError
from resolution.normalise import caches
from resolution.progress import Progress
from resolution.record import PersonRecord
from resolution.schema import AddressRow, CaseRow, IncidentRow

PERSON_PLATFORMS = {
    "population": "population",
    "dispatch_parties": "dispatch",
    "case_parties": "case",
}


@dataclass
class Prepared:
    records: list[PersonRecord]
    incidents: list[IncidentRow]
    cases: list[CaseRow]
    addresses: list[AddressRow]


def prepare(exports, progress: Progress, alias_flats: bool = True) -> Prepared:
    """Normalise everything the exports hold; person records in file order. Without
    `alias_flats` a flat written without its district stays as written: a batch sends it
    to its named flat among the stored ones and its own at once (resolution.batch)."""
    with collector_paused():
        prepared = _prepare(exports, progress, alias_flats)
    caches.clear()
    normalised.clear_cache()
    return prepared


@contextmanager
def collector_paused() -> Iterator[None]:
    """Normalising makes millions of long-lived objects and no reference cycles: the cyclic
    garbage collector would rescan them all again and again (at 200,000 persons, a third of
    the stage's time) to free nothing. A caller that keeps the collector off beyond this
    (resolution.pipeline) spares the scan of them all that re-enabling it starts."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _prepare(exports, progress: Progress, alias_flats: bool) -> Prepared:
    addresses = normalised.AddressBook()
    incidents = [normalised.incident(row, addresses) for row in exports.rows("dispatch_incidents")]
    cases = [normalised.case(row, addresses) for row in exports.rows("cases")]
    incident_address = {i["incident_id"]: i["address_id"] for i in incidents}
    case_address = {c["case_id"]: c["address_id"] for c in cases}
    incident_time = {i["incident_id"]: i["reported_at"] for i in incidents}
    case_time = {c["case_id"]: c["opened_at"] for c in cases}

    records: list[PersonRecord] = []
    for platform, source in PERSON_PLATFORMS.items():
        stage = progress.stage(f"normalise {source}", exports.count(platform), "rows")
        for row in exports.rows(platform):
            record = normalised.person(row, source, addresses)
            if source == "dispatch":
                record.updated_at = incident_time.get(record.incident_id)
                location = incident_address.get(record.incident_id)
                normalised.add_location(record, addresses, location)
            elif source == "case":
                record.updated_at = case_time.get(record.case_id)
                if record.address_id is None:
                    normalised.add_location(record, addresses, case_address.get(record.case_id))
            records.append(record)
            stage.advance()
        stage.finish()
    aliases = addresses.aliases() if alias_flats else {}
    redirect(aliases, records, [*incidents, *cases])
    return Prepared(records, incidents, cases, addresses.all(aliases))


def redirect(
    aliases: dict[str, str], records: list[PersonRecord], events: list[IncidentRow | CaseRow]
) -> None:
    """Point every address id that is an alias at the address it stands for. Only the ids
    move: comparisons already read each record's own spelling."""
    for event in events:
        event["address_id"] = aliases.get(event["address_id"], event["address_id"])
    for record in records:
        record.address_id = aliases.get(record.address_id, record.address_id)
        record.household_address_id = aliases.get(
            record.household_address_id, record.household_address_id
        )


def read_truth(path: Path, records: Iterable[PersonRecord]) -> list[str]:
    """Each record's true person key, from a generator's truth_links.csv."""
    if not path.exists():
        raise InputError(
            f"{path} does not exist: --from-truth needs generated data with its truth."
        )
    with path.open(encoding="utf-8", newline="") as handle:
        truth = {
            record_key(row["source"], row["record_id"]): row["person_key"]
            for row in csv.DictReader(handle)
        }
    out = []
    for record in records:
        if record.key not in truth:
            raise InputError(f"{path} has no row for {record.source} record {record.record_id}.")
        out.append(truth[record.key])
    return out
