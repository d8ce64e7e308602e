"""The durable resolution state: every record with its person, its blocking keys,
the incidents, cases and addresses, and the journal of ingested batches.

SQLite, in `FENGQIAO_HOME/state/resolution.sqlite` (see docs/living-graph.md for
why SQLite rather than DuckDB or Neo4j itself): a batch needs point look-ups
(which stored records share a blocking key with the batch's, the records of
one person) and one atomic commit of everything the batch changed, and both
are what SQLite is built for. The state is the system of record of who is who;
the graph is written from it.

Blocking keys are kept as 64-bit hashes in a table keyed by (hash, record),
so finding a batch's candidates is one index range scan per key.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from resolution.blocking import BlockingConfig, blocking_keys
from resolution.context import party_flats, resident_flats
from resolution.outputs import read_jsonl
from resolution.record import PersonRecord, record_from_json
from resolution.schema import AddressRow, CaseRow, IncidentRow, PersonRow, ReviewRow

SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    rec INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    person_id TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_person ON records (person_id);
CREATE TABLE IF NOT EXISTS blocks (
    hash INTEGER NOT NULL, rec INTEGER NOT NULL, PRIMARY KEY (hash, rec)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS persons (person_id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS person_ids (person_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS incidents (incident_id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cases (case_id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS addresses (
    address_id TEXT PRIMARY KEY, levels INTEGER NOT NULL, flat_key TEXT, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS addresses_flat ON addresses (flat_key);
CREATE TABLE IF NOT EXISTS review (
    pair TEXT PRIMARY KEY, batch INTEGER NOT NULL, data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS batches (
    seq INTEGER PRIMARY KEY,
    batch_id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    status TEXT NOT NULL,
    summary TEXT,
    changes BLOB,
    started_at REAL NOT NULL,
    finished_at REAL
);
"""

RESOLVED, DONE = "resolved", "done"  # a batch's state is committed / its graph is too


@dataclass(frozen=True)
class Bearers:
    """Who in the registry carries a batch's names (`ResolutionState.registry_bearers`)."""

    records: dict[str, list[PersonRecord]]  # a rare name: its bearers' registry records
    more: dict[str, int]  # a name more persons carry: how many (at least)


@dataclass(frozen=True)
class Batch:
    seq: int
    batch_id: str
    source: str
    status: str
    summary: dict[str, Any]
    started_at: float
    finished_at: float | None


@dataclass
class StateChanges:
    """What one batch changes in the state, committed at once by `ResolutionState.commit`."""

    records: list[PersonRecord]  # new, changed or moved, each with its person
    new_records: set[str]  # keys whose blocking keys are to be (re)indexed
    stored_before: set[str]  # keys of those records the state held before the batch
    persons: list[PersonRow]  # every person whose records changed, whole
    person_fields: dict[str, list[str]]  # of those the state held: the fields that changed
    removed_persons: list[str]
    incidents: list[IncidentRow]
    cases: list[CaseRow]
    addresses: list[AddressRow]
    review: list[ReviewRow]


def changes_of_result(out_dir: Path) -> StateChanges:
    """A whole resolve result (resolution.pipeline's files) as the changes of a first build."""
    records = [record_from_json(row) for row in read_jsonl(out_dir / "records.jsonl")]
    with (out_dir / "persons.csv").open(encoding="utf-8", newline="") as handle:
        persons = [
            dict(row, record_count=int(row["record_count"])) for row in csv.DictReader(handle)
        ]
    with (out_dir / "review.csv").open(encoding="utf-8", newline="") as handle:
        review = list(csv.DictReader(handle))
    return StateChanges(
        records=records,
        new_records={r.key for r in records},
        stored_before=set(),
        persons=persons,
        person_fields={},
        removed_persons=[],
        incidents=list(read_jsonl(out_dir / "incidents.jsonl")),
        cases=list(read_jsonl(out_dir / "cases.jsonl")),
        addresses=list(read_jsonl(out_dir / "addresses.jsonl")),
        review=review,
    )


def changes_to_json(changes: StateChanges) -> dict[str, Any]:
    """The change set as the graph writer reads it (graph.changes)."""
    return {
        "records": [r.to_json() for r in changes.records],
        "stored_before": sorted(changes.stored_before),
        "persons": changes.persons,
        "person_fields": changes.person_fields,
        "removed_persons": changes.removed_persons,
        "incidents": changes.incidents,
        "cases": changes.cases,
        "addresses": changes.addresses,
        "review": changes.review,
    }


REGISTRY_NAME = "registry-name:"
"""The key indexing a registry record by its name: not a blocking key (it makes no pairs),
it tells a batch how many registered persons carry a name (resolution.context)."""


RESIDENT_AT = "resident-at:"
"""The key indexing a record by a flat contextual linking counts it a resident of: not a
blocking key either, it gives a batch the residents of its name-only parties' flats
(resolution.context.resident_flats)."""

INCIDENT = "incident:"
"""The key indexing a dispatch record by its incident: a batch that links a stored party
again holds the incident's caller, whose home contextual linking weighs."""

PARTY_AT = "party-at:"
"""The key indexing a name-only party by its incident's flats: a batch that brings a
resident there links the party again (resolution.context.party_flats)."""


def index_keys(source: str, model: dict[str, Any], incident_id: str | None = None) -> list[str]:
    """The keys a record is indexed by: its blocking keys, a registry record's name, the
    flats it counts as a resident of, a dispatch record's incident and a name-only
    party's flats."""
    keys = list(dict.fromkeys(blocking_keys(model)))
    if source == "population" and model.get("name"):
        keys.append(REGISTRY_NAME + model["name"])
    keys += [RESIDENT_AT + flat for flat in dict.fromkeys(resident_flats(source, model))]
    return keys + _context_keys(source, model, incident_id)


def _context_keys(source: str, model: dict[str, Any], incident_id: str | None) -> list[str]:
    keys = [INCIDENT + incident_id] if source == "dispatch" and incident_id else []
    return keys + [PARTY_AT + flat for flat in dict.fromkeys(party_flats(source, model))]


def key_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big", signed=True)


class ResolutionState:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.parent.chmod(0o700)  # personal data: the database and its WAL files
        self.path = path
        # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE ... COMMIT)
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")  # a committed batch survives a power cut
        self.db.executescript(SCHEMA)
        self._index_registry_names()
        self._index_residents()
        path.chmod(0o600)

    def _index_registry_names(self) -> None:
        """A state written before registry records were indexed by name gets the index once:
        without it a batch would count a name's bearers among its candidates only."""
        done = "SELECT 1 FROM meta WHERE name = 'registry_names'"
        if self.db.execute(done).fetchone():
            return  # read only: `fengqiao status` must not wait for a running ingest's lock
        with self.transaction() as db:
            if db.execute(done).fetchone():
                return
            rows = db.execute(
                "SELECT rec, json_extract(data, '$.model.name') FROM records "
                "WHERE key LIKE 'population:%' AND json_extract(data, '$.model.name') IS NOT NULL"
            )
            db.executemany(
                "INSERT OR IGNORE INTO blocks (hash, rec) VALUES (?, ?)",
                ((key_hash(REGISTRY_NAME + name), rec) for rec, name in rows.fetchall()),
            )
            db.execute("INSERT INTO meta (name, value) VALUES ('registry_names', '1')")

    def _index_residents(self) -> None:
        """A state written before records were indexed by the flats they reside at gets
        the index once (read only when it has it, as above); so does one written before
        they were indexed by incident and by a name-only party's flats."""
        self._index_once(
            "resident_flats",
            lambda data: [RESIDENT_AT + f for f in set(resident_flats(*_source_and_model(data)))],
        )
        self._index_once(
            "incident_parties",
            lambda data: _context_keys(*_source_and_model(data), data.get("incident_id")),
        )

    def _index_once(self, flag: str, keys_of: Callable[[dict[str, Any]], list[str]]) -> None:
        done = "SELECT 1 FROM meta WHERE name = ?"
        if self.db.execute(done, (flag,)).fetchone():
            return
        with self.transaction() as db:
            if db.execute(done, (flag,)).fetchone():
                return
            rows = db.execute("SELECT rec, data FROM records")
            db.executemany(
                "INSERT OR IGNORE INTO blocks (hash, rec) VALUES (?, ?)",
                (
                    (key_hash(key), rec)
                    for rec, data in rows.fetchall()
                    for key in keys_of(json.loads(data))
                ),
            )
            db.execute("INSERT INTO meta (name, value) VALUES (?, '1')", (flag,))

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # --- reading ----------------------------------------------------------------

    def is_empty(self) -> bool:
        return self.db.execute("SELECT 1 FROM records LIMIT 1").fetchone() is None

    def counts(self) -> dict[str, int]:
        tables = ("records", "persons", "incidents", "cases", "addresses", "batches")
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # noqa: S608

    def records(self, keys: Iterable[str]) -> dict[str, PersonRecord]:
        return {r.key: r for r in self._records_where("key", list(keys))}

    def records_of(self, person_ids: Iterable[str]) -> dict[str, list[PersonRecord]]:
        out: dict[str, list[PersonRecord]] = defaultdict(list)
        for record in self._records_where("person_id", list(set(person_ids))):
            out[record.person_id].append(record)
        return out

    def persons_of(self, keys: Iterable[str]) -> dict[str, str]:
        """Record key -> person id, for the keys the state holds."""
        return dict(
            self._select("SELECT key, person_id FROM records WHERE key IN ({})", list(keys))
        )

    def candidates(
        self, records: Sequence[PersonRecord], config: BlockingConfig
    ) -> list[PersonRecord]:
        """Stored records that share a blocking key with one of `records`.

        A key that more than `config.max_block` stored records share gives only its
        `config.window` newest: what a whole-history run compares a new record with,
        since its window pairs each record with its successors in stored order."""
        hashes = {key_hash(k) for r in records for k in blocking_keys(r.model)}
        by_hash: dict[int, list[int]] = defaultdict(list)
        for h, rec in self._select("SELECT hash, rec FROM blocks WHERE hash IN ({})", list(hashes)):
            by_hash[h].append(rec)
        wanted: set[int] = set()
        for members in by_hash.values():
            wanted.update(
                members if len(members) <= config.max_block else sorted(members)[-config.window :]
            )
        return list(self._records_where("rec", sorted(wanted)))

    def residents(self, flats: Iterable[str]) -> list[PersonRecord]:
        """The records counted as residents of these flats (index_keys)."""
        return self._indexed(RESIDENT_AT, flats)

    def parties_of(self, incident_ids: Iterable[str]) -> list[PersonRecord]:
        """The stored dispatch records of these incidents."""
        return self._indexed(INCIDENT, incident_ids)

    def parties_at(self, flats: Iterable[str]) -> list[PersonRecord]:
        """The stored name-only parties of incidents at these flats."""
        return self._indexed(PARTY_AT, flats)

    def _indexed(self, prefix: str, values: Iterable[str]) -> list[PersonRecord]:
        hashes = sorted({key_hash(prefix + value) for value in values})
        recs = sorted(
            {rec for (rec,) in self._select("SELECT rec FROM blocks WHERE hash IN ({})", hashes)}
        )
        return list(self._records_where("rec", recs))

    def registry_bearers(self, names: Iterable[str], most: int) -> Bearers:
        """Who in the registry carries each name: the registry records of every bearer of
        a name at most `most` persons carry, and for a name more carry, how many (up to
        about 4 * (most + 1) records: a person has one or two registry records, rarely
        more). Only the rare names' records are read whole."""
        found: dict[str, list[int]] = {}
        more: dict[str, int] = {}
        for name in sorted(set(names)):
            rows = self.db.execute(
                "SELECT b.rec, r.person_id FROM blocks b JOIN records r ON r.rec = b.rec "
                "WHERE b.hash = ? LIMIT ?",
                (key_hash(REGISTRY_NAME + name), 4 * (most + 1)),
            ).fetchall()
            persons = len({person_id for _rec, person_id in rows})
            if persons > most:
                more[name] = persons
            elif rows:
                found[name] = sorted(rec for rec, _ in rows)
        wanted = sorted({rec for recs in found.values() for rec in recs})
        record_of = {
            rec: self._record(data, person_id)
            for rec, data, person_id in self._select(
                "SELECT rec, data, person_id FROM records WHERE rec IN ({})", wanted
            )
        }
        records = {name: [record_of[rec] for rec in recs] for name, recs in found.items()}
        return Bearers(records, more)

    def persons(self, person_ids: Iterable[str]) -> dict[str, PersonRow]:
        rows = self._select(
            "SELECT person_id, data FROM persons WHERE person_id IN ({})", sorted(set(person_ids))
        )
        return {person_id: json.loads(data) for person_id, data in rows}

    def person_id_taken(self, person_id: str) -> bool:
        row = self.db.execute("SELECT 1 FROM person_ids WHERE person_id = ?", (person_id,))
        return row.fetchone() is not None

    def addresses(self, ids: Iterable[str]) -> dict[str, tuple[int, dict[str, Any]]]:
        rows = self._select(
            "SELECT address_id, levels, data FROM addresses WHERE address_id IN ({})", list(ids)
        )
        return {a: (levels, json.loads(data)) for a, levels, data in rows}

    def flats(self, flat_keys: Iterable[str]) -> list[dict[str, Any]]:
        """The stored addresses of these flat keys."""
        rows = self._select(
            "SELECT data FROM addresses WHERE flat_key IN ({})", sorted(set(flat_keys))
        )
        return [json.loads(data) for (data,) in rows]

    def batch(self, batch_id: str) -> Batch | None:
        row = self.db.execute(
            "SELECT seq, batch_id, source, status, summary, started_at, finished_at "
            "FROM batches WHERE batch_id = ?",
            (batch_id,),
        ).fetchone()
        return _batch(row) if row else None

    def batches(self, last: int | None = None) -> list[Batch]:
        rows = self.db.execute(
            "SELECT seq, batch_id, source, status, summary, started_at, finished_at "
            "FROM batches ORDER BY seq DESC LIMIT ?",
            (last if last is not None else -1,),
        ).fetchall()
        return [_batch(r) for r in reversed(rows)]

    def unfinished(self) -> Batch | None:
        """A batch whose state was committed but whose graph write did not finish."""
        row = self.db.execute(
            "SELECT seq, batch_id, source, status, summary, started_at, finished_at "
            "FROM batches WHERE status = ? ORDER BY seq LIMIT 1",
            (RESOLVED,),
        ).fetchone()
        return _batch(row) if row else None

    def changes_of(self, batch_id: str) -> dict[str, Any]:
        row = self.db.execute(
            "SELECT changes FROM batches WHERE batch_id = ?", (batch_id,)
        ).fetchone()
        return json.loads(row[0])

    def links(self) -> Iterator[dict[str, str]]:
        """links.csv rows (the contract's columns) of every record, in record order."""
        for key, person_id, data in self.db.execute(
            "SELECT key, person_id, json_extract(data, '$.score') FROM records ORDER BY rec"
        ):
            source, _, record_id = key.partition(":")
            score = f"{data:.4f}" if data is not None else ""
            yield {"source": source, "record_id": record_id, "person_id": person_id, "score": score}

    # --- writing ----------------------------------------------------------------

    def commit(
        self,
        batch_id: str,
        source: str,
        changes: StateChanges,
        graph_changes: dict[str, Any] | None,
        summary: dict[str, Any],
        seq: int | None = None,
    ) -> int:
        """Everything a batch changes, and its journal entry (status resolved), in one
        transaction: the state is either as before the batch or as after it. `seq`, when
        given, is the one `next_seq` promised (the commit fails if another took it)."""
        with self.transaction() as db:
            seq = db.execute(
                "INSERT INTO batches (seq, batch_id, source, status, summary, changes, started_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    seq,
                    batch_id,
                    source,
                    RESOLVED,
                    json.dumps(summary),
                    json.dumps(graph_changes, ensure_ascii=False) if graph_changes else None,
                    time.time(),
                ),
            ).lastrowid
            self._write_records(db, changes.records, changes.new_records)
            db.executemany(
                "INSERT OR REPLACE INTO persons (person_id, data) VALUES (?, ?)",
                ((p["person_id"], json.dumps(p, ensure_ascii=False)) for p in changes.persons),
            )
            db.executemany(
                "INSERT OR IGNORE INTO person_ids (person_id) VALUES (?)",
                ((p["person_id"],) for p in changes.persons),
            )
            db.executemany(
                "DELETE FROM persons WHERE person_id = ?", ((p,) for p in changes.removed_persons)
            )
            for table, key, rows in (
                ("incidents", "incident_id", changes.incidents),
                ("cases", "case_id", changes.cases),
            ):
                db.executemany(
                    f"INSERT OR REPLACE INTO {table} ({key}, data) VALUES (?, ?)",  # noqa: S608
                    ((r[key], json.dumps(r, ensure_ascii=False)) for r in rows),
                )
            db.executemany(
                "INSERT OR REPLACE INTO addresses (address_id, levels, flat_key, data) "
                "VALUES (?, ?, ?, ?)",
                (
                    (
                        a["address_id"],
                        a.get("levels") or 0,
                        a.get("flat_key"),
                        json.dumps(a, ensure_ascii=False),
                    )
                    for a in changes.addresses
                ),
            )
            db.executemany(
                "INSERT OR REPLACE INTO review (pair, batch, data) VALUES (?, ?, ?)",
                ((_review_pair(r), seq, json.dumps(r, ensure_ascii=False)) for r in changes.review),
            )
        return seq

    def next_seq(self) -> int:
        """The number the next committed batch gets."""
        return self.db.execute("SELECT coalesce(max(seq), 0) + 1 FROM batches").fetchone()[0]

    def finish(self, batch_id: str, summary: dict[str, Any]) -> None:
        """The batch's graph write has committed too: the journal says so, and drops the
        change set it kept to finish an interrupted write."""
        with self.transaction() as db:
            db.execute(
                "UPDATE batches SET status = ?, summary = ?, changes = NULL, finished_at = ? "
                "WHERE batch_id = ?",
                (DONE, json.dumps(summary), time.time(), batch_id),
            )

    def _write_records(
        self, db: sqlite3.Connection, records: list[PersonRecord], reindex: set[str]
    ) -> None:
        """Upsert the records; index the blocking keys of those in `reindex` anew. A record
        stored before loses its old keys, found from its stored fields: the blocks table
        is keyed by (hash, record), and a scan by record alone would read all of it."""
        indexed = [r for r in records if r.key in reindex]
        stale = self._select(
            "SELECT rec, data FROM records WHERE key IN ({})", [r.key for r in indexed], db
        )
        db.executemany(
            "DELETE FROM blocks WHERE hash = ? AND rec = ?",
            [(key_hash(k), rec) for rec, data in stale for k in _stored_keys(json.loads(data))],
        )
        db.executemany(
            "INSERT INTO records (key, person_id, data) VALUES (?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET person_id = excluded.person_id, data = excluded.data",
            ((r.key, r.person_id, json.dumps(r.to_json(), ensure_ascii=False)) for r in records),
        )
        rec_of = dict(
            self._select(
                "SELECT key, rec FROM records WHERE key IN ({})", [r.key for r in indexed], db
            )
        )
        db.executemany(
            "INSERT OR IGNORE INTO blocks (hash, rec) VALUES (?, ?)",
            (
                (key_hash(k), rec_of[r.key])
                for r in indexed
                for k in index_keys(r.source, r.model, r.incident_id)
            ),
        )

    # --- helpers ------------------------------------------------------------------

    def _records_where(self, column: str, values: list) -> Iterator[PersonRecord]:
        query = f"SELECT data, person_id FROM records WHERE {column} IN ({{}}) ORDER BY rec"  # noqa: S608
        for data, person_id in self._select(query, values):
            yield self._record(data, person_id)

    @staticmethod
    def _record(data: str, person_id: str) -> PersonRecord:
        record = record_from_json(json.loads(data))
        record.person_id = person_id
        return record

    def _select(
        self, query: str, values: list, db: sqlite3.Connection | None = None
    ) -> Iterator[tuple]:
        """Run `query` with its `IN ({})` filled by `values`, in chunks SQLite accepts."""
        db = db or self.db
        for start in range(0, len(values), 900):
            chunk = values[start : start + 900]
            yield from db.execute(query.format(",".join("?" * len(chunk))), chunk)


def _source_and_model(data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return data["source"], data["model"]


def _stored_keys(data: dict[str, Any]) -> list[str]:
    """The index keys of a record as stored (its JSON)."""
    return index_keys(*_source_and_model(data), data.get("incident_id"))


def _batch(row: tuple) -> Batch:
    seq, batch_id, source, status, summary, started, finished = row
    return Batch(seq, batch_id, source, status, json.loads(summary or "{}"), started, finished)


def _review_pair(row: dict[str, Any]) -> str:
    a = f"{row['source_a']}:{row['record_a']}"
    b = f"{row['source_b']}:{row['record_b']}"
    return "|".join(sorted((a, b)))
