"""Dates and times are Neo4j temporal values in the graph: a load and an analysis write
them so."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime

from conftest import TEMPORAL
from neo4j import Driver

from graph.analyse import AnalysisConfig, analyse
from graph.loader import load_result
from graph.model import MODEL
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
