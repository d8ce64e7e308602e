"""Dates and times are Neo4j temporal values in the graph: a fresh load and analysis write
them so, and the schema's migration (cypher/schema/006_temporal) converts the ISO text of a
graph written before, changing no analysis result."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime

from conftest import TEMPORAL, as_old_graph
from neo4j import Driver

from graph.analyse import AnalysisConfig, analyse, analysis_results
from graph.loader import load_result
from graph.model import MODEL
from graph.schema import apply_schema
from graph.statements import statement

QUIET = lambda _line: None  # noqa: E731


def temporal_properties() -> dict[tuple[str, str], str]:
    """(label or relationship type, property) -> the valueType() the model names, for every
    date and time of the model."""
    nodes = {(label.name, p.name): p.type for label in MODEL.labels for p in label.properties}
    links = {(r.type, p.name): p.type for r in MODEL.relationships for p in r.properties}
    return {key: kind.value for key, kind in (nodes | links).items() if kind in TEMPORAL}


def held_types(driver: Driver, database: str) -> dict[tuple[str, str], set[str]]:
    """The valueType()s the graph holds at each of temporal_properties()."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in driver.execute_query(
        statement("admin/node_property_types"), database_=database
    ).records:
        found[(r["label"], r["key"])] |= {t.replace(" NOT NULL", "") for t in r["types"]}
    for r in driver.execute_query(
        statement("admin/relationship_shapes"), database_=database
    ).records:
        found[(r["type"], r["key"])] |= {t.replace(" NOT NULL", "") for t in r["types"]}
    return {key: found[key] for key in temporal_properties()}


def as_the_model_says(driver: Driver, database: str) -> bool:
    return held_types(driver, database) == {k: {v} for k, v in temporal_properties().items()}


def loaded(driver: Driver, result, database: str) -> Driver:
    load_result(driver, result, database, progress=QUIET)
    analyse(driver, AnalysisConfig(), database)
    return driver


def test_a_fresh_graph_holds_dates_and_times_as_temporal_values(graph, neo4j_target, sample_result):
    database = neo4j_target.database
    loaded(graph, sample_result, database)
    assert len(temporal_properties()) == 13
    assert as_the_model_says(graph, database)
    first = json.loads((sample_result / "incidents.jsonl").open(encoding="utf-8").readline())
    record = graph.execute_query(
        "MATCH (i:Incident {incidentId: $id}) "
        "RETURN valueType(i.reportedAt) AS type, i.reportedAt AS at",
        id=first["incident_id"],
        database_=database,
    ).records[0]
    assert record["type"] == "LOCAL DATETIME NOT NULL"
    assert record["at"].to_native() == datetime.fromisoformat(first["reported_at"])
    longest = graph.execute_query(
        "MATCH (d:Dispute) RETURN max(duration.inDays(d.firstAt, d.lastAt).days) AS days",
        database_=database,
    ).records[0]["days"]
    assert longest > 0  # durations work on them


def test_the_migration_converts_an_old_graph_and_changes_no_result(
    graph, neo4j_target, sample_result
):
    database = neo4j_target.database
    loaded(graph, sample_result, database)
    results = analysis_results(graph, database)
    assert as_old_graph(graph, database) > 3000
    assert set().union(*held_types(graph, database).values()) == {"STRING"}

    apply_schema(graph, database)
    assert as_the_model_says(graph, database)
    assert analysis_results(graph, database) == results
    analyse(graph, AnalysisConfig(), database)
    assert analysis_results(graph, database) == results
    apply_schema(graph, database)  # nothing left to convert: nothing changes
    assert as_the_model_says(graph, database)
    assert analysis_results(graph, database) == results
