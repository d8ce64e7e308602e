"""`fengqiao load OUT_DIR`: a resolve result into the graph (docs/resolve-output.md).

Constraints first (and on an empty database only they: the other indexes are created
once the data is written), then batched `UNWIND` writes in managed write transactions
(`execute_write`, safe on a cluster through a routing URI). Every write is a
MERGE on a constrained key followed by SETs, so loading the same result again
changes nothing, and a load interrupted half way completes when run again.
A record that re-resolution moved to another person takes its relationships
along, and persons left without records are removed.

On 2 cores the server's single transaction thread is the bottleneck, so steps
whose rows split cleanly run on `LoadOptions.writers` threads: rows are split
by a key such that on a first load no node is locked by two writers, and the
relationships to nodes many rows share (an incident's parties) have a step of
their own with one writer.
"""

from __future__ import annotations

import csv
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from queue import Queue
from threading import Event, Lock
from typing import Any

import orjson
from neo4j import Driver, ManagedTransaction

from graph.errors import GraphError
from graph.model import ADDRESS, CASE, INCIDENT, PERSON, SOURCE_RECORD, Label, ValueType
from graph.schema import apply_indexes, apply_schema
from graph.statements import all_statements, statement
from resolution.outputs import read_jsonl
from resolution.schema import AddressRow, CaseRow, IncidentRow, ReviewRow

# The relationship each person's address column becomes (load/06_*).
PERSON_ADDRESSES = (("lives_at", "residence_address_id"), ("registered_at", "household_address_id"))
# The level of an address that is one flat: the persons registered at it are a household
# (SAME_HOUSEHOLD, load/11_same_household).
FLAT_LEVEL = "room"

# The statements with a form for an empty database (_Writer._variant).
FIRST_LOAD_FORMS = frozenset(name for name in all_statements() if name.startswith("load/first/"))

# A step run at the start of each batch's transaction, with the batch's rows.
_BatchStep = Callable[[ManagedTransaction, list[dict[str, Any]]], None]


@dataclass(frozen=True)
class LoadOptions:
    """How the loader writes: rows per transaction, and how many transactions at once
    for the steps whose rows can be split without two transactions locking one node."""

    batch: int = 2_000
    writers: int = 2


@dataclass
class LoadSummary:
    rows: dict[str, int]
    seconds: float

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def load_result(
    driver: Driver,
    out_dir: Path,
    database: str | None = None,
    options: LoadOptions = LoadOptions(),
    stop_after_batches: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> LoadSummary:
    """Write the result in OUT_DIR; `stop_after_batches` interrupts on purpose (for tests)."""
    require_result(out_dir)
    first = database_empty(driver, database)
    apply_schema(driver, database, indexes=not first)
    writer = _Writer(driver, database, options, stop_after_batches, progress or _stderr, first)
    started = time.perf_counter()
    writer.once("load/00_clear_possibly_same")
    writer.run(
        "load/01_addresses",
        address_rows(read_jsonl(out_dir / "addresses.jsonl")),
        split_by="addressId",
    )
    incidents = incident_rows(read_jsonl(out_dir / "incidents.jsonl"))
    writer.run("load/02_incidents", incidents, split_by="addressId")
    writer.run(
        "load/03_cases", case_rows(read_jsonl(out_dir / "cases.jsonl")), split_by="addressId"
    )
    writer.run("load/04_escalations", escalation_rows(read_jsonl(out_dir / "incidents.jsonl")))
    writer.run(
        "load/05_persons", person_rows(read_csv(out_dir / "persons.csv")), split_by="personId"
    )
    for name, column in PERSON_ADDRESSES:
        rows = person_address_rows(read_csv(out_dir / "persons.csv"), column)
        writer.run(f"load/06_{name}", rows, split_by="addressId", input_rows=False)
    unlink = unlink_moved_records if _records_loaded(driver, database) else None
    involvements: list[dict[str, Any]] = []
    records = noting_involvements(record_rows(read_jsonl(out_dir / "records.jsonl")), involvements)
    writer.run("load/07_source_records", records, split_by="personId", before=unlink)
    writer.run("load/08_involved_in", involvements, input_rows=False)
    writer.run("load/09_possibly_same", review_rows(read_csv(out_dir / "review.csv")))
    writer.repeat("load/10_orphans")
    writer.repeat("load/11_stale_households")
    flats = flat_rows(read_jsonl(out_dir / "addresses.jsonl"))
    writer.run("load/11_same_household", flats, split_by="addressId", input_rows=False)
    if first:
        writer.schema()
    writer.wait("load/12_search_indexes")
    return LoadSummary(writer.rows, time.perf_counter() - started)


def database_empty(driver: Driver, database: str | None = None) -> bool:
    records, _, _ = driver.execute_query(statement("admin/count_nodes"), database_=database)
    return records[0]["nodes"] == 0


def graph_counts(driver: Driver, database: str | None = None) -> dict[str, int]:
    records, _, _ = driver.execute_query(statement("load/counts"), database_=database, routing_="r")
    return {f"{r['kind']}:{r['name']}": r["count"] for r in records}


class LoadInterrupted(Exception):
    """Raised by the test hook `stop_after_batches`."""


class _Writer:
    def __init__(self, driver, database, options, stop_after, progress, first) -> None:
        self.driver, self.database, self.options = driver, database, options
        self.stop_after, self.progress = stop_after, progress
        self.first = first
        self.batches = 0
        self.rows: dict[str, int] = {}
        self._counting = Lock()

    def run(
        self,
        name: str,
        rows: Iterable[dict[str, Any]],
        split_by: str | None = None,
        before: _BatchStep | None = None,
        input_rows: bool = True,
    ) -> None:
        """Write `rows` in batches; `before` runs first in each batch's transaction.

        Rows are read and batched on this thread while writer threads send the batches.
        With `split_by`, rows go to `options.writers` writers, each key always to the
        same one: the statement must lock no node that rows of another key lock.
        """
        query = statement(self._variant(name))
        lanes = self.options.writers if split_by else 1
        started = time.perf_counter()
        batches = _batches(rows, split_by, lanes, self.options.batch)
        done = self._fan_out(query, batches, lanes, before)
        step = name.split("/")[-1]
        if input_rows:
            self.rows[step] = done
        seconds = time.perf_counter() - started
        rate = done / max(seconds, 1e-9)
        self.progress(f"[load {step}] {done:,} rows, {rate:,.0f}/s, {seconds:,.1f} s")

    def _variant(self, name: str) -> str:
        """Into an empty database, the statement's CREATE form where it has one
        (cypher/load/first/): a MERGE looks its key up and locks it before it creates,
        which nothing needs when nothing exists yet. A load interrupted half way is
        finished by the MERGE forms, the database no longer being empty."""
        created = name.replace("load/", "load/first/", 1)
        return created if self.first and created in FIRST_LOAD_FORMS else name

    def once(self, name: str) -> None:
        """Run a statement without rows, in one transaction."""
        started = time.perf_counter()
        with self.driver.session(database=self.database) as session:
            session.execute_write(_write_plain, statement(name))
        self._count_batch()
        self.progress(f"[load {name.split('/')[-1]}] {time.perf_counter() - started:,.1f} s")

    def repeat(self, name: str) -> None:
        """Run a self-limiting statement until it has nothing left to do."""
        query = statement(name)
        started, removed = time.perf_counter(), 0
        with self.driver.session(database=self.database) as session:
            while count := session.execute_write(_write_count, query, self.options.batch):
                removed += count
                self._count_batch()
        seconds = time.perf_counter() - started
        self.progress(f"[load {name.split('/')[-1]}] {removed:,} removed, {seconds:,.1f} s")

    def schema(self) -> None:
        """The indexes a first load held back (graph/schema.py), created and populated."""
        started = time.perf_counter()
        apply_indexes(self.driver, self.database)
        self.progress(f"[load indexes] {time.perf_counter() - started:,.1f} s")

    def wait(self, name: str) -> None:
        """Run a statement that waits for the server (no rows, no batches)."""
        started = time.perf_counter()
        self.driver.execute_query(statement(name), database_=self.database)
        seconds = time.perf_counter() - started
        self.progress(f"[load {name.split('/')[-1]}] {seconds:,.1f} s")

    def _fan_out(
        self,
        query: str,
        batches: Iterator[tuple[int, list[dict[str, Any]]]],
        lanes: int,
        before: _BatchStep | None,
    ) -> int:
        """Send each (lane, batch) to its lane's writer thread; the rows written.

        A writer that fails keeps taking (and dropping) its batches, so that this thread
        never blocks on a full queue; its error is raised here once all have stopped.
        """
        queues: list[Queue] = [Queue(maxsize=2) for _ in range(lanes)]
        failed = Event()

        def write_lane(queue: Queue) -> int:
            written, error = 0, None
            with self.driver.session(database=self.database) as session:
                while (chunk := queue.get()) is not None:
                    if failed.is_set():
                        continue
                    try:
                        session.execute_write(_write, query, chunk, before)
                        written += len(chunk)
                        self._count_batch()
                    except BaseException as caught:  # raised by the caller below
                        error = caught
                        failed.set()
            if error is not None:
                raise error
            return written

        with ThreadPoolExecutor(max_workers=lanes) as pool:
            writers = [pool.submit(write_lane, queue) for queue in queues]
            try:
                for lane, chunk in batches:
                    if failed.is_set():
                        break
                    queues[lane].put(chunk)
            finally:
                for queue in queues:
                    queue.put(None)
            return sum(writer.result() for writer in writers)

    def _count_batch(self) -> None:
        with self._counting:
            self.batches += 1
            if self.stop_after is not None and self.batches >= self.stop_after:
                raise LoadInterrupted(f"stopped after {self.batches} batches")


class _Rows(list):
    """A batch of rows that prints as its length. The driver formats every RUN message,
    parameters and all, for its debug log even when that log is off (neo4j 6.4
    `Bolt5x5.run`): the repr of a batch of 2,000 rows took about a fifth of the loader's
    own CPU time (py-spy, 200,000 persons)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self):,} rows>"


def _batches(
    rows: Iterable[dict[str, Any]], split_by: str | None, lanes: int, size: int
) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """Batches of `size` rows with their lane: a stable hash of `split_by`, or lane 0."""
    buffers = [_Rows() for _ in range(lanes)]
    for row in rows:
        lane = zlib.crc32((row[split_by] or "").encode()) % lanes if split_by else 0
        buffers[lane].append(row)
        if len(buffers[lane]) == size:
            yield lane, buffers[lane]
            buffers[lane] = _Rows()
    for lane, buffer in enumerate(buffers):
        if buffer:
            yield lane, buffer


def _write(
    tx: ManagedTransaction,
    query: str,
    rows: list[dict[str, Any]],
    before: _BatchStep | None = None,
) -> None:
    if before is not None:
        before(tx, rows)
    tx.run(query, rows=rows).consume()


def _records_loaded(driver: Driver, database: str | None) -> bool:
    records, _, _ = driver.execute_query(statement("load/records_loaded"), database_=database)
    return records[0]["loaded"]


def unlink_moved_records(tx: ManagedTransaction, rows: list[dict[str, Any]]) -> None:
    """Before a batch of records is linked, drop the links of those that moved person.

    Skipped on a first load (nothing can have moved), where it would only cost time; it
    gets the keys alone, so that the batch's properties are not encoded twice.
    """
    keys = ("source", "recordId", "recordKey", "personId")
    owners = [{key: row[key] for key in keys} for row in rows]
    tx.run(statement("load/07_moved_records"), rows=owners).consume()


def _write_plain(tx: ManagedTransaction, query: str) -> None:
    tx.run(query).consume()


def _write_count(tx: ManagedTransaction, query: str, batch: int) -> int:
    return tx.run(query, batch=batch).single()["removed"]


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


# --- reading the result -------------------------------------------------------------

REQUIRED = ("persons.csv", "records.jsonl", "incidents.jsonl", "cases.jsonl", "addresses.jsonl")


def require_result(out_dir: Path) -> None:
    missing = [name for name in REQUIRED if not (out_dir / name).exists()]
    if missing:
        raise GraphError(
            f"{out_dir} is not a resolve result ({', '.join(missing)} missing): "
            "run `fengqiao resolve INPUT_DIR --out OUT_DIR` first."
        )


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


# The resolver writes dates and times as ISO 8601 text; the graph holds the temporal values
# the model names (the driver sends a date as a DATE, a naive datetime as a LOCAL DATETIME).
FROM_ISO: dict[ValueType, Callable[[str], Any]] = {
    ValueType.DATE: date.fromisoformat,
    ValueType.LOCAL_DATETIME: datetime.fromisoformat,
}


@dataclass(frozen=True)
class _Fields:
    """A label's properties as the loader copies them from result rows: the column behind
    each, and the parser of those the graph holds as temporal values."""

    columns: dict[str, str]
    parsers: dict[str, Callable[[str], Any]]


def _fields(label: Label, excluding: tuple[str, ...]) -> _Fields:
    parsers = {p.name: FROM_ISO[p.type] for p in label.properties if p.type in FROM_ISO}
    return _Fields(label.fields(excluding), parsers)


def as_json(value: Any) -> str:
    """JSON text of a raw row or a link's evidence, as the graph holds it (compact UTF-8)."""
    return orjson.dumps(value).decode()


def _props(row: dict[str, Any], fields: _Fields) -> dict[str, Any]:
    """Neo4j properties (camelCase) from a result row; nulls left out, raw fields as JSON,
    dates and times as temporal values. The fields come from the graph model
    (graph/model.py), which the tests hold to what a loaded graph holds."""
    out = {}
    for column, prop in fields.columns.items():
        value = row.get(column)
        if isinstance(value, dict):
            value = as_json(value)
        if value not in (None, ""):
            parse = fields.parsers.get(prop)
            out[prop] = parse(value) if parse else value
    return out


def address_rows(entries: Iterable[AddressRow]) -> Iterator[dict[str, Any]]:
    fields = _fields(ADDRESS, excluding=("addressId",))
    for row in entries:
        yield {"addressId": row["address_id"], "props": _props(row, fields)}


def flat_rows(entries: Iterable[AddressRow]) -> Iterator[dict[str, Any]]:
    """The addresses that are one flat, whose registered persons are a household."""
    for row in entries:
        if row.get("level") == FLAT_LEVEL:
            yield {"addressId": row["address_id"]}


def incident_rows(entries: Iterable[IncidentRow]) -> Iterator[dict[str, Any]]:
    fields = _fields(INCIDENT, excluding=("incidentId", "isDispute"))
    for row in entries:
        props = _props(row, fields)
        props["isDispute"] = (row.get("category") or "").startswith("纠纷")
        yield {"incidentId": row["incident_id"], "addressId": row.get("address_id"), "props": props}


def case_rows(entries: Iterable[CaseRow]) -> Iterator[dict[str, Any]]:
    fields = _fields(CASE, excluding=("caseId",))
    for row in entries:
        yield {
            "caseId": row["case_id"],
            "addressId": row.get("address_id"),
            "sourceIncidentId": row.get("source_incident_id"),
            "props": _props(row, fields),
        }


def escalation_rows(incidents: Iterable[IncidentRow]) -> Iterator[dict[str, Any]]:
    for row in incidents:
        if row.get("case_id"):
            yield {"incidentId": row["incident_id"], "caseId": row["case_id"]}


def person_rows(persons: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Person nodes from persons.csv rows (or the same dicts from survivorship)."""
    fields = _fields(
        PERSON, excluding=("personId", "phones", "pinyinLetters", "pinyinInitials", "birthYear")
    )
    for row in persons:
        props = _props(row, fields)
        props["recordCount"] = int(row["record_count"] or 0)
        props["phones"] = [p for p in (row.get("phones") or "").split(";") if p]
        yield {"personId": row["person_id"], "props": props}


def person_address_rows(persons: Iterable[dict[str, Any]], column: str) -> Iterator[dict[str, Any]]:
    for row in persons:
        yield {"personId": row["person_id"], "addressId": row.get(column) or None}


def record_rows(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """SourceRecord rows from records.jsonl rows (PersonRecord.to_json())."""
    fields = _fields(SOURCE_RECORD, excluding=("source", "recordId", "phones"))
    for row in records:
        props = _props(row, fields)
        props["phones"] = row.get("phones") or []
        yield {
            "source": row["source"],
            "recordId": row["record_id"],
            "recordKey": f"{row['source']}:{row['record_id']}",
            "personId": row["person_id"],
            "score": row.get("score"),
            "evidence": as_json(row["evidence"]) if row.get("evidence") else None,
            "props": props,
        }


def noting_involvements(
    records: Iterator[dict[str, Any]], involvements: list[dict[str, Any]]
) -> Iterator[dict[str, Any]]:
    """Pass the record rows through, noting what 08_involved_in needs of each that is a
    party to an incident or case, so that records.jsonl is read and parsed once."""
    for record in records:
        props = record["props"]
        if props.get("incidentId") or props.get("caseId"):
            involvements.append(
                {
                    "personId": record["personId"],
                    "recordKey": record["recordKey"],
                    "role": props.get("role") or "登记",
                    "incidentId": props.get("incidentId"),
                    "caseId": props.get("caseId"),
                }
            )
        yield record


def review_rows(review: Iterable[ReviewRow]) -> Iterator[dict[str, Any]]:
    """One row per pair of persons (in either order): its likeliest record pair, the first
    of equals. load/09_possibly_same compares each row with the relationship as it was
    before the statement, so two rows of one pair in one batch kept the last, not the
    likeliest. Review candidates are few, so they are gathered first."""
    pairs: dict[frozenset[str], dict[str, Any]] = {}
    for row in review:
        if row["person_a"] != row["person_b"]:
            candidate = {
                "personA": row["person_a"],
                "personB": row["person_b"],
                "recordA": f"{row['source_a']}:{row['record_a']}",
                "recordB": f"{row['source_b']}:{row['record_b']}",
                "score": float(row["score"]),
                "reason": row["reason"],
            }
            pair = frozenset((row["person_a"], row["person_b"]))
            if pair not in pairs or candidate["score"] > pairs[pair]["score"]:
                pairs[pair] = candidate
    yield from pairs.values()
