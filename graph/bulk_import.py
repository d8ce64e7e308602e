"""A first load through `neo4j-admin database import full`, into the project's own
local Neo4j while its database is empty.

The resolve result is turned into the importer's header+data CSV files with the
online loader's own row functions (graph/loader.py), so the nodes, ids, properties
and their types (lists, integers, dates, date-times) are the ones an online load
writes; relationships to nodes the result does not hold are left out, as the
online statements' MATCHes leave them out. Files are written while the result is
read, so memory holds the node keys only, never the rows.

Then the server is stopped, the files imported (over the empty database), the
server started, the schema (graph/schema.py) applied after the data, and the
counts per label and relationship type compared with what was written: any
difference fails loudly. The steps the online loader ends with (orphaned persons, the
full-text indexes caught up) run last, as statements; SAME_HOUSEHOLD is derived here, as
load/11_same_household derives it, and imported with the rest.

Exactly once (graph/ingest.py) holds: a first build interrupted before the import
finds the database empty again; one interrupted during the import (the importer
failed, or the process was killed) leaves a marker, and the next start of the server
removes what the importer wrote, so the database is empty again; one interrupted
after finds the graph complete, and loads it again online, which changes nothing
(MERGE on constrained keys). In each case the next first build writes the Batch mark.
"""

from __future__ import annotations

import csv
import multiprocessing
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import combinations
from pathlib import Path
from typing import Any

from neo4j import Driver

from graph.connection import connect
from graph.errors import GraphError
from graph.loader import (
    FLAT_LEVEL,
    PERSON_ADDRESSES,
    address_rows,
    case_rows,
    database_empty,
    escalation_rows,
    graph_counts,
    incident_rows,
    noting_involvements,
    person_address_rows,
    person_rows,
    read_csv,
    record_rows,
    require_result,
    review_rows,
)
from graph.local.instance import LocalNeo4j
from graph.model import (
    ADDRESS,
    CASE,
    INCIDENT,
    MODEL,
    PERSON,
    SOURCE_RECORD,
    Label,
    Property,
    ValueType,
)
from graph.schema import apply_schema
from graph.statements import statement
from resolution.outputs import read_jsonl

# The importer's name of each property type (neo4j-admin import's header types).
HEADER_TYPES = {
    ValueType.STRING: "string",
    ValueType.INTEGER: "long",
    ValueType.FLOAT: "double",
    ValueType.BOOLEAN: "boolean",
    ValueType.STRING_LIST: "string[]",
    ValueType.DATE: "date",
    ValueType.LOCAL_DATETIME: "localdatetime",
}
ARRAY_DELIMITER = "\x1f"  # between a list's elements; no phone number holds it

MODEL_RELATIONSHIPS = {relationship.type: relationship for relationship in MODEL.relationships}


@dataclass
class BulkSummary:
    """What was written (counts as graph_counts names them) and each phase's seconds."""

    counts: dict[str, int] = field(default_factory=dict)
    phases: dict[str, float] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def seconds(self) -> float:
        return sum(self.phases.values())


def bulk_import(
    server: LocalNeo4j,
    out_dir: Path,
    database: str = "neo4j",
    progress: Callable[[str], None] | None = None,
) -> BulkSummary:
    """Import the resolve result in OUT_DIR into `server`'s empty `database`.

    The server must be running (its emptiness is checked first); it is stopped for the
    import and running again on return. Raises GraphError when the database is not
    empty, when the importer fails, or when the graph's counts differ from the files'.
    """
    say = progress or (lambda _line: None)
    require_result(out_dir)
    summary = BulkSummary()
    with connect(server.config.target()) as driver:
        if not database_empty(driver, database):
            raise GraphError(
                f"The database {database!r} of {server.config.bolt_uri} is not empty: a bulk "
                "import would replace it. Load online instead."
            )
    scratch_root = server.config.home / "import"
    scratch_root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bulk-", dir=scratch_root) as scratch:
        folder = Path(scratch)
        with _phase(summary, "write CSV", say):
            files = write_import_files(out_dir, folder)
        summary.counts = files.counts
        with _phase(summary, "import", say):
            server.stop()
            server.config.import_marker.write_text(database + "\n")
            _run_importer(server, files, folder, database)
            server.config.import_marker.unlink()
    with _phase(summary, "start", say):
        server.start()
    with connect(server.config.target()) as driver:
        with _phase(summary, "schema", say):
            apply_schema(driver, database)
        with _phase(summary, "check", say):
            check_counts(driver, database, files.counts)
        with _phase(summary, "finish", say):
            _finish(driver, database)
    return summary


# --- the files ---------------------------------------------------------------------


@dataclass
class ImportFiles:
    """The files written, as (label or type, path) pairs for the importer, and counts."""

    nodes: list[tuple[str, Path]] = field(default_factory=list)
    relationships: list[tuple[str, Path]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    multiline: bool = False

    def merged(self, other: ImportFiles) -> ImportFiles:
        counts = dict(self.counts)
        for key, count in other.counts.items():
            counts[key] = counts.get(key, 0) + count
        return ImportFiles(
            self.nodes + other.nodes,
            self.relationships + other.relationships,
            counts,
            self.multiline or other.multiline,
        )


class _Files:
    """The importer files being written: each opened with its header, rows counted."""

    def __init__(self, stack: ExitStack, folder: Path) -> None:
        self.stack, self.folder = stack, folder
        self.opened: list[tuple[str, str, _CsvOut]] = []

    def nodes(self, label: Label, file: str, header: list[str]) -> _CsvOut:
        return self._open("node", label.name, file, header)

    def relationships(self, kind: str, file: str, start: str, end: str, header=()) -> _CsvOut:
        ends = [f":START_ID({start})", f":END_ID({end})"]
        return self._open("relationship", kind, file, [*ends, *header])

    def _open(self, kind: str, name: str, file: str, header: list[str]) -> _CsvOut:
        handle = _CsvOut(self.stack, self.folder / file, header)
        self.opened.append((kind, name, handle))
        return handle

    def summary(self) -> ImportFiles:
        files = ImportFiles()
        for kind, name, handle in self.opened:
            (files.nodes if kind == "node" else files.relationships).append((name, handle.path))
            key = f"{kind}:{name}"
            files.counts[key] = files.counts.get(key, 0) + handle.rows
            files.multiline = files.multiline or handle.multiline
        files.counts = {key: count for key, count in files.counts.items() if count}
        return files


class _CsvOut:
    """One importer file: its header, then rows of already formatted values."""

    def __init__(self, stack: ExitStack, path: Path, header: list[str]) -> None:
        self.path = path
        self.writer = csv.writer(stack.enter_context(path.open("w", encoding="utf-8", newline="")))
        self.writer.writerow(header)
        self.rows = 0
        self.multiline = False

    def write(self, values: list[str]) -> None:
        if not self.multiline:
            joined = "".join(values)
            self.multiline = "\n" in joined or "\r" in joined
        self.writer.writerow(values)
        self.rows += 1


def _columns(properties: tuple[Property, ...], excluding: tuple[str, ...] = ()) -> list[Property]:
    return [p for p in properties if p.name not in excluding]


def _header(columns: list[Property]) -> list[str]:
    return [f"{p.name}:{HEADER_TYPES[p.type]}" for p in columns]


def _value(value: Any) -> str:
    """A property as the importer reads it; absent (None) is an empty field: no property."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, list):
        if any(ARRAY_DELIMITER in element for element in value):
            raise GraphError(f"A list property holds the importer's delimiter: {value!r}")
        return ARRAY_DELIMITER.join(value)
    return str(value)


def _values(props: dict[str, Any], columns: list[Property]) -> list[str]:
    """The columns' fields of one row; text, most of a row, as it is."""
    values = [props.get(p.name) for p in columns]
    return [v if type(v) is str else _value(v) for v in values]


def person_derived(props: dict[str, Any]) -> dict[str, Any]:
    """pinyinLetters, pinyinInitials and birthYear, as load/05_persons derives them."""
    pinyin, birth = props.get("pinyin"), props.get("birthDate")
    derived: dict[str, Any] = {"birthYear": birth.year if birth is not None else None}
    if pinyin is not None:
        derived["pinyinLetters"] = pinyin.replace(" ", "")
        derived["pinyinInitials"] = "".join(syllable[:1] for syllable in pinyin.split(" "))
    return derived


def write_import_files(out_dir: Path, folder: Path) -> ImportFiles:
    """The importer's CSV files for the resolve result in OUT_DIR, written into FOLDER.

    The source records' files, more than half the work, are written by a second process
    (spawned: the caller may hold a driver's threads) while this one writes the rest. As
    with any spawned process, a script that calls this keeps its work under
    `if __name__ == "__main__":` (the `fengqiao` command does)."""
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as beside:
        records = beside.submit(write_record_files, out_dir, folder)
        with ExitStack() as stack:
            files = _Files(stack, folder)
            addresses, flats = _write_addresses(files, out_dir)
            incidents = _write_incidents(files, out_dir, addresses)
            _write_cases(files, out_dir, addresses, incidents)
            persons = _write_persons(files, out_dir, addresses, flats)
            _write_review(files, out_dir, persons)
        return files.summary().merged(records.result())


def write_record_files(out_dir: Path, folder: Path) -> ImportFiles:
    """The source records' files, knowing the persons, incidents and cases by the ids of
    their files (the nodes the other files hold)."""
    persons = {row["person_id"] for row in read_csv(out_dir / "persons.csv")}
    incidents = {row["incident_id"] for row in read_jsonl(out_dir / "incidents.jsonl")}
    cases = {row["case_id"] for row in read_jsonl(out_dir / "cases.jsonl")}
    with ExitStack() as stack:
        files = _Files(stack, folder)
        _write_records(files, out_dir, persons, incidents, cases)
    return files.summary()


def _keyed(label: Label, files: _Files, file: str) -> tuple[_CsvOut, list[Property]]:
    """A label's node file, its key as the importer's id (and a property), and its columns."""
    (key,) = label.key
    columns = _columns(label.properties, excluding=(key,))
    return files.nodes(label, file, [f"{key}:ID({label.name})", *_header(columns)]), columns


def _write_addresses(files: _Files, out_dir: Path) -> tuple[set[str], set[str]]:
    """Address nodes; returns their keys, and those of the flats among them."""
    nodes, columns = _keyed(ADDRESS, files, "addresses.csv")
    keys, flats = set(), set()
    for row in address_rows(read_jsonl(out_dir / "addresses.jsonl")):
        keys.add(row["addressId"])
        if row["props"].get("level") == FLAT_LEVEL:
            flats.add(row["addressId"])
        nodes.write([row["addressId"], *_values(row["props"], columns)])
    return keys, flats


def _write_incidents(files: _Files, out_dir: Path, addresses: set[str]) -> set[str]:
    nodes, columns = _keyed(INCIDENT, files, "incidents.csv")
    located = files.relationships("OCCURRED_AT", "incident_occurred_at.csv", "Incident", "Address")
    keys = set()
    for row in incident_rows(read_jsonl(out_dir / "incidents.jsonl")):
        keys.add(row["incidentId"])
        nodes.write([row["incidentId"], *_values(row["props"], columns)])
        if row["addressId"] in addresses:
            located.write([row["incidentId"], row["addressId"]])
    return keys


def _write_cases(files: _Files, out_dir: Path, addresses: set[str], incidents: set[str]) -> None:
    """Cases, where they happened, and escalations from either side (load/03 and 04),
    each pair once."""
    nodes, columns = _keyed(CASE, files, "cases.csv")
    located = files.relationships("OCCURRED_AT", "case_occurred_at.csv", "Case", "Address")
    escalations = files.relationships("ESCALATED_TO", "escalated_to.csv", "Incident", "Case")
    keys, escalated = set(), set()
    for row in case_rows(read_jsonl(out_dir / "cases.jsonl")):
        keys.add(row["caseId"])
        nodes.write([row["caseId"], *_values(row["props"], columns)])
        if row["addressId"] in addresses:
            located.write([row["caseId"], row["addressId"]])
        if row["sourceIncidentId"] in incidents:
            escalated.add((row["sourceIncidentId"], row["caseId"]))
    for row in escalation_rows(read_jsonl(out_dir / "incidents.jsonl")):
        if row["caseId"] in keys:
            escalated.add((row["incidentId"], row["caseId"]))
    for pair in sorted(escalated):
        escalations.write(list(pair))


def _write_persons(files: _Files, out_dir: Path, addresses: set[str], flats: set[str]) -> set[str]:
    """Persons, where they live and are registered, and SAME_HOUSEHOLD between those
    registered at one flat (load/11_same_household)."""
    nodes, columns = _keyed(PERSON, files, "persons.csv")
    keys = set()
    for row in person_rows(read_csv(out_dir / "persons.csv")):
        keys.add(row["personId"])
        props = {**row["props"], **person_derived(row["props"])}
        nodes.write([row["personId"], *_values(props, columns)])
    households: defaultdict[str, list[str]] = defaultdict(list)
    for name, column in PERSON_ADDRESSES:
        links = files.relationships(name.upper(), f"{name}.csv", "Person", "Address")
        for row in person_address_rows(read_csv(out_dir / "persons.csv"), column):
            if row["personId"] in keys and row["addressId"] in addresses:
                links.write([row["personId"], row["addressId"]])
                if name == "registered_at" and row["addressId"] in flats:
                    households[row["addressId"]].append(row["personId"])
    same = files.relationships("SAME_HOUSEHOLD", "same_household.csv", "Person", "Person")
    for members in households.values():
        for a, b in combinations(sorted(members), 2):
            same.write([a, b])
    return keys


def _write_records(
    files: _Files, out_dir: Path, persons: set[str], incidents: set[str], cases: set[str]
) -> None:
    """SourceRecord nodes (the importer's id is recordKey, which the graph does not hold),
    each RESOLVED_FROM its person, and the parties' INVOLVED_IN (load/07 and 08)."""
    columns = _columns(SOURCE_RECORD.properties)
    nodes = files.nodes(SOURCE_RECORD, "records.csv", [":ID(SourceRecord)", *_header(columns)])
    link_columns = _columns(MODEL_RELATIONSHIPS["RESOLVED_FROM"].properties)
    resolved = files.relationships(
        "RESOLVED_FROM", "resolved_from.csv", "Person", "SourceRecord", _header(link_columns)
    )
    party = ["role:string", "recordKey:string"]
    in_incident = files.relationships(
        "INVOLVED_IN", "involved_in_incident.csv", "Person", "Incident", party
    )
    in_case = files.relationships("INVOLVED_IN", "involved_in_case.csv", "Person", "Case", party)
    involvements: list[dict[str, Any]] = []
    for row in noting_involvements(
        record_rows(read_jsonl(out_dir / "records.jsonl")), involvements
    ):
        props = {**row["props"], "source": row["source"], "recordId": row["recordId"]}
        nodes.write([row["recordKey"], *_values(props, columns)])
        person = row["personId"]
        if person in persons:
            resolved.write([person, row["recordKey"], *_values(row, link_columns)])
        for involved in involvements if person in persons else ():
            values = [involved["role"], involved["recordKey"]]
            if involved["incidentId"] in incidents:
                in_incident.write([person, involved["incidentId"], *values])
            if involved["caseId"] in cases:
                in_case.write([person, involved["caseId"], *values])
        involvements.clear()


def _write_review(files: _Files, out_dir: Path, persons: set[str]) -> None:
    """POSSIBLY_SAME_AS, one per pair of persons (review_rows keeps the likeliest)."""
    columns = _columns(MODEL_RELATIONSHIPS["POSSIBLY_SAME_AS"].properties)
    links = files.relationships(
        "POSSIBLY_SAME_AS", "possibly_same_as.csv", "Person", "Person", _header(columns)
    )
    for row in review_rows(read_csv(out_dir / "review.csv")):
        if row["personA"] in persons and row["personB"] in persons:
            links.write([row["personA"], row["personB"], *_values(row, columns)])


# --- the import, and after ---------------------------------------------------------


def _run_importer(server: LocalNeo4j, files: ImportFiles, folder: Path, database: str) -> None:
    cfg = server.config
    log = cfg.logs_dir / "import.log"
    arguments = [
        "database",
        "import",
        "full",
        database,  # first: the --nodes and --relationships lists would take it for a file
        "--overwrite-destination=true",  # the database was found empty; its schema goes too
        "--id-type=string",
        f"--array-delimiter={ARRAY_DELIMITER}",
        "--bad-tolerance=0",
        f"--max-off-heap-memory={cfg.pagecache}",
        f"--report-file={folder / 'import.report'}",
        *(["--multiline-fields=true"] if files.multiline else []),
        *(f"--nodes={label}={path}" for label, path in files.nodes),
        *(f"--relationships={kind}={path}" for kind, path in files.relationships),
    ]
    proc = server.admin(arguments, jvm_options=(f"-Xmx{cfg.heap}",), log=log)
    if proc.returncode != 0:
        server.start()  # which discards what the importer left (the marker is still there)
        said = [line for line in log.read_text(errors="replace").splitlines() if line.strip()]
        tail = "\n".join(line for line in said[-40:] if not line.startswith("\tat "))
        raise GraphError(
            f"neo4j-admin database import failed (exit code {proc.returncode}); {log} ends:\n{tail}"
        )


def check_counts(driver: Driver, database: str, written: dict[str, int]) -> None:
    found = graph_counts(driver, database)
    if found != written:
        keys = sorted(set(found) | set(written))
        differ = [
            f"{k}: {written.get(k, 0):,} written, {found.get(k, 0):,} in the graph"
            for k in keys
            if found.get(k, 0) != written.get(k, 0)
        ]
        raise GraphError("The bulk import's graph differs from its files: " + "; ".join(differ))


def _finish(driver: Driver, database: str) -> None:
    """The empty lists the importer cannot write, then what the online loader ends with:
    persons without records removed (load/10), the full-text indexes caught up (load/12)."""
    with driver.session(database=database) as session:
        session.run(statement("load/bulk_empty_lists")).consume()
    orphans = statement("load/10_orphans")
    while driver.execute_query(orphans, batch=10_000, database_=database).records[0]["removed"]:
        pass
    driver.execute_query(statement("load/12_search_indexes"), database_=database)


class _phase:
    """Times a phase into the summary and says it when done."""

    def __init__(self, summary: BulkSummary, name: str, say: Callable[[str], None]) -> None:
        self.summary, self.name, self.say = summary, name, say

    def __enter__(self) -> None:
        self.started = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        seconds = time.perf_counter() - self.started
        self.summary.phases[self.name] = seconds
        if exc[0] is None:
            self.say(f"[bulk {self.name}] {seconds:,.1f} s")
