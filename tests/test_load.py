"""Loading a resolve result into the real Neo4j: idempotent, resumable, and merges or
splits on re-resolution move relationships without leaving duplicates or orphans."""

from __future__ import annotations

import csv
import json
import shutil
from itertools import combinations
from pathlib import Path

import pytest
from neo4j.exceptions import CypherTypeError

from graph.loader import LoadInterrupted, LoadOptions, graph_counts, load_result
from graph.schema import apply_schema
from graph.snapshot import differences, snapshot
from resolution.pipeline import ResolveOptions, resolve
from resolution.progress import Progress

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
QUIET = lambda _line: None  # noqa: E731


@pytest.fixture(scope="module")
def result(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("result")
    resolve(
        SAMPLE, out, ResolveOptions(models_dir=tmp_path_factory.mktemp("models")), Progress(None)
    )
    return out


def load(driver, out: Path, **kwargs) -> dict[str, int]:
    load_result(driver, out, progress=QUIET, **kwargs)
    return graph_counts(driver)


def one_value(driver, query: str, **params):
    return driver.execute_query(query, params).records[0][0]


def test_loading_twice_changes_nothing(graph, result):
    first = load(graph, result)
    assert first["node:Person"] == sum(1 for _ in (result / "persons.csv").open()) - 1
    assert first["node:SourceRecord"] == sum(1 for _ in (result / "records.jsonl").open())
    assert first["relationship:RESOLVED_FROM"] == first["node:SourceRecord"]
    assert load(graph, result) == first


def test_a_first_load_builds_the_graph_a_load_into_data_builds(graph, result):
    """Into an empty database the loader writes with the CREATE forms of
    cypher/load/first/; into a database holding anything, with the MERGE forms.
    Both give the same graph, node for node."""
    load(graph, result)
    created = snapshot(graph, per_label=100_000)
    graph.execute_query("MATCH (n) DETACH DELETE n")
    graph.execute_query("CREATE (:Scratch)")  # not empty: the MERGE forms
    load(graph, result)
    graph.execute_query("MATCH (n:Scratch) DELETE n")
    nodes = sum(n for kind, n in created.counts.items() if kind.startswith("node:"))
    assert created.sampled == nodes > 0  # every node compared
    assert differences(snapshot(graph, per_label=100_000), created) == []


def test_an_interrupted_load_completes_with_exact_counts(graph, result):
    with pytest.raises(LoadInterrupted):
        load(graph, result, options=LoadOptions(batch=500), stop_after_batches=6)
    resumed = load(graph, result)
    graph.execute_query("MATCH (n) DETACH DELETE n")
    assert resumed == load(graph, result)
    duplicates = one_value(
        graph,
        "MATCH (r:SourceRecord) WITH r.source AS s, r.recordId AS id, "
        "count(*) AS n WHERE n > 1 RETURN count(*)",
    )
    assert duplicates == 0


def rewrite(result: Path, target: Path, person_of: dict[str, str]) -> None:
    """A copy of the result where some records belong to other persons."""
    shutil.copytree(result, target)
    rows = [json.loads(line) for line in (result / "records.jsonl").open(encoding="utf-8")]
    for row in rows:
        row["person_id"] = person_of.get(f"{row['source']}:{row['record_id']}", row["person_id"])
    (target / "records.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    with (result / "persons.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        persons = {row["person_id"]: row for row in reader}
        columns = reader.fieldnames
    used = {r["person_id"] for r in rows}
    for pid in used - persons.keys():
        persons[pid] = {c: "" for c in columns} | {"person_id": pid, "record_count": "1"}
    with (target / "persons.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(p for pid, p in persons.items() if pid in used)


def multi_record_person(result: Path) -> tuple[str, list[dict]]:
    rows = [json.loads(line) for line in (result / "records.jsonl").open(encoding="utf-8")]
    by_person: dict[str, list[dict]] = {}
    for row in rows:
        by_person.setdefault(row["person_id"], []).append(row)
    return next(
        (pid, rs)
        for pid, rs in by_person.items()
        if len(rs) >= 3 and any(r["source"] == "dispatch" for r in rs)
    )


def test_a_first_load_creates_the_indexes_it_held_back(graph, result):
    """Into an empty database the loader writes under the constraints alone and creates
    the other indexes after the data: they end the load online and populated."""
    for name in first_column(graph, "SHOW CONSTRAINTS YIELD name RETURN name"):
        graph.execute_query(f"DROP CONSTRAINT `{name}`")
    standalone = "SHOW INDEXES YIELD name, owningConstraint, type "
    standalone += "WHERE owningConstraint IS NULL AND type <> 'LOOKUP' RETURN name"
    for name in first_column(graph, standalone):
        graph.execute_query(f"DROP INDEX `{name}`")
    assert first_column(graph, standalone) == []
    load(graph, result)
    indexes = "SHOW INDEXES YIELD name, state, populationPercent, type WHERE type <> 'LOOKUP' "
    indexes += "RETURN name, state, populationPercent ORDER BY name"
    loaded = graph.execute_query(indexes).records
    apply_schema(graph)  # the schema as a load into a graph with data applies it
    assert [r.data() for r in graph.execute_query(indexes).records] == [r.data() for r in loaded]
    assert {r["state"] for r in loaded} == {"ONLINE"}
    assert {r["populationPercent"] for r in loaded} == {100.0}
    assert {"person_names", "person_pinyin", "address_texts"} <= {r["name"] for r in loaded}
    found = graph.execute_query(
        "CALL db.index.fulltext.queryNodes('person_names', $name) YIELD node RETURN count(node)",
        name=one_value(graph, "MATCH (p:Person) RETURN p.name LIMIT 1"),
    ).records[0][0]
    assert found > 0


def first_column(driver, query: str) -> list:
    return [record[0] for record in driver.execute_query(query).records]


def test_a_split_moves_relationships_to_the_new_person(graph, result, tmp_path):
    load(graph, result)
    pid, rows = multi_record_person(result)
    moved = next(r for r in rows if r["source"] == "dispatch")
    key = f"{moved['source']}:{moved['record_id']}"
    rewrite(result, tmp_path / "split", {key: "PSPLIT0000001"})
    counts = load(graph, tmp_path / "split")
    owner = one_value(
        graph,
        "MATCH (p:Person)-[:RESOLVED_FROM]->(:SourceRecord {source: $s, recordId: $r}) "
        "RETURN collect(p.personId)",
        s=moved["source"],
        r=moved["record_id"],
    )
    assert owner == ["PSPLIT0000001"]
    involved = one_value(
        graph,
        "MATCH (p:Person)-[:INVOLVED_IN {recordKey: $k}]->(:Incident) RETURN collect(p.personId)",
        k=key,
    )
    assert involved == ["PSPLIT0000001"]
    assert (
        one_value(
            graph, "MATCH (p:Person {personId: $p})-[:RESOLVED_FROM]->(r) RETURN count(r)", p=pid
        )
        == len(rows) - 1
    )
    assert counts["relationship:RESOLVED_FROM"] == counts["node:SourceRecord"]


def test_a_merge_leaves_no_orphan_person(graph, result, tmp_path):
    load(graph, result)
    pid, rows = multi_record_person(result)
    with (result / "persons.csv").open(encoding="utf-8", newline="") as handle:
        loner = next(r["person_id"] for r in csv.DictReader(handle) if r["record_count"] == "1")
    loner_key = next(
        f"{r['source']}:{r['record_id']}"
        for r in map(json.loads, (result / "records.jsonl").open())
        if r["person_id"] == loner
    )
    before = graph_counts(graph)
    rewrite(result, tmp_path / "merged", {loner_key: pid})
    after = load(graph, tmp_path / "merged")
    assert after["node:Person"] == before["node:Person"] - 1
    assert one_value(graph, "MATCH (p:Person {personId: $p}) RETURN count(p)", p=loner) == 0
    assert (
        one_value(graph, "MATCH (p:Person) WHERE NOT (p)-[:RESOLVED_FROM]->() RETURN count(p)") == 0
    )


def test_one_writer_or_three_build_the_same_graph(graph, result):
    two = load(graph, result)
    graph.execute_query("MATCH (n) DETACH DELETE n")
    assert load(graph, result, options=LoadOptions(writers=1)) == two
    graph.execute_query("MATCH (n) DETACH DELETE n")
    assert load(graph, result, options=LoadOptions(writers=3, batch=100)) == two


def test_a_writer_that_fails_stops_the_load_with_its_error(graph, result, tmp_path):
    """A row the server refuses fails its writer, and the load raises that error instead
    of waiting for ever on the other writer."""
    broken = tmp_path / "broken"
    shutil.copytree(result, broken)
    lines = (result / "records.jsonl").read_text(encoding="utf-8").splitlines()
    bad = json.loads(lines[-1])
    bad["phones"] = [{"not": "a phone"}]  # a list of maps is no Neo4j property value
    lines[-1] = json.dumps(bad, ensure_ascii=False)
    (broken / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CypherTypeError):
        load(graph, broken, options=LoadOptions(batch=50))
    assert one_value(graph, "MATCH (r:SourceRecord) RETURN count(r)") > 0
    assert (
        one_value(
            graph,
            "MATCH (r:SourceRecord {source: $s, recordId: $r}) RETURN count(r)",
            s=bad["source"],
            r=bad["record_id"],
        )
        == 0
    )


def households(result: Path) -> set[tuple[str, str]]:
    """The SAME_HOUSEHOLD pairs a result's files say: persons registered at one flat."""
    flats = {
        row["address_id"]
        for row in map(json.loads, (result / "addresses.jsonl").open(encoding="utf-8"))
        if row["level"] == "room"
    }
    members: dict[str, list[str]] = {}
    with (result / "persons.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["household_address_id"] in flats:
                members.setdefault(row["household_address_id"], []).append(row["person_id"])
    return {pair for ids in members.values() for pair in combinations(sorted(ids), 2)}


def graph_households(driver) -> set[tuple[str, str]]:
    records = driver.execute_query(
        "MATCH (a:Person)-[:SAME_HOUSEHOLD]->(b:Person) RETURN a.personId AS a, b.personId AS b"
    ).records
    return {(r["a"], r["b"]) for r in records}


def test_households_follow_the_registrations_of_each_load(graph, result, tmp_path):
    """A person whose registration moves to another flat leaves the old household and
    joins the new one; the rest stay as they were."""
    load(graph, result)
    assert graph_households(graph) == households(result) != set()
    moved = tmp_path / "moved"
    shutil.copytree(result, moved)
    with (result / "persons.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        persons, columns = list(reader), reader.fieldnames
    flat_of = {p["person_id"]: p["household_address_id"] for p in persons}
    leaving = min(households(result))[0]
    joining = min(b for _, b in households(result) if flat_of[b] != flat_of[leaving])
    for person in persons:
        if person["person_id"] == leaving:
            person["household_address_id"] = flat_of[joining]
    with (moved / "persons.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(persons)
    assert households(moved) != households(result)
    load(graph, moved)
    assert graph_households(graph) == households(moved)
