"""Every Bloom search phrase and scene action runs on the loaded, analysed sample and returns rows;
the graph model is what the loader and the analysis write."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from neo4j import Driver

from graph.analyse import AnalysisConfig, analyse
from graph.loader import load_result
from graph.model import MODEL, ValueType
from graph.statements import statement
from resolution.pipeline import ResolveOptions, resolve
from resolution.progress import Progress

ROOT = Path(__file__).resolve().parent.parent
PERSPECTIVE = json.loads(
    (ROOT / "cypher" / "bloom" / "fengqiao-perspective.json").read_text("utf-8")
)


@pytest.fixture(scope="module")
def result(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("result")
    models = tmp_path_factory.mktemp("models")
    resolve(ROOT / "data" / "sample", out, ResolveOptions(models_dir=models), Progress(None))
    return out


def rows(driver, query: str, **params) -> list:
    return driver.execute_query(query, params).records


def sample_values(driver) -> dict[str, str]:
    """Values an investigator would type: people and places from the sample's networks."""
    network = rows(
        driver,
        "MATCH (n:DisputeNetwork)<-[:MEMBER_OF]-(p:Person) WHERE p.name IS NOT NULL "
        "WITH n, collect(p.name) AS names ORDER BY n.riskScore DESC LIMIT 1 "
        "RETURN n.district AS district, names",
    )[0]
    resident = rows(
        driver,
        "MATCH (p:Person)-[:LIVES_AT]->(a)<-[:LIVES_AT]-(q:Person) WHERE p.name IS NOT NULL "
        "RETURN p.name AS name LIMIT 1",
    )[0]["name"]
    duplicate = rows(
        driver,
        "MATCH (p:Person)-[:POSSIBLY_SAME_AS]-() WHERE p.name IS NOT NULL "
        "RETURN p.name AS name LIMIT 1",
    )[0]["name"]
    return {
        "name": network["names"][0],
        "first": network["names"][0],
        "second": network["names"][1],
        "district": network["district"],
        "since": "2023-01-01",
        "address": "南都府",
        "resident": resident,
        "duplicate": duplicate,
    }


def test_every_search_phrase_returns_rows(graph, result):
    load_result(graph, result, progress=lambda _line: None)
    analyse(graph, AnalysisConfig())
    values = sample_values(graph)
    for template in PERSPECTIVE["templates"]:
        names = [p["name"].lstrip("$") for p in template["params"]]
        params = {n: values[n] for n in names}
        if "lives at" in template["text"]:
            params["name"] = values["resident"]
        if "duplicates" in template["text"]:
            params["name"] = values["duplicate"]
        assert rows(graph, template["cypher"], **params), template["text"]
    person = rows(
        graph, "MATCH (p:Person)-[:IN_DISPUTE_WITH]-() RETURN elementId(p) AS id LIMIT 1"
    )[0]["id"]
    network = rows(graph, "MATCH (n:DisputeNetwork) RETURN elementId(n) AS id LIMIT 1")[0]["id"]
    for action in PERSPECTIVE["sceneActions"]:
        target = network if "network" in action["name"] else person
        assert rows(graph, action["cypher"], nodes=[target]), action["name"]


def test_perspective_covers_every_label_and_relationship():
    labels = {c["name"] for c in PERSPECTIVE["categories"]}
    assert {"Person", "Address", "Incident", "Case", "Dispute", "DisputeNetwork", "Alert"} <= labels
    types = {r["name"] for r in PERSPECTIVE["relationshipTypes"]}
    assert {"IN_DISPUTE_WITH", "RESOLVED_FROM", "POSSIBLY_SAME_AS", "SAME_HOUSEHOLD"} <= types


@pytest.fixture(scope="module")
def sample(driver: Driver, neo4j_target, tmp_path_factory) -> Driver:
    out = tmp_path_factory.mktemp("result")
    models = tmp_path_factory.mktemp("models")
    resolve(ROOT / "data" / "sample", out, ResolveOptions(models_dir=models), Progress(None))
    from conftest import wipe

    wipe(driver, neo4j_target.database)
    load_result(driver, out, neo4j_target.database, progress=lambda _line: None)
    analyse(driver, AnalysisConfig(), neo4j_target.database)
    return driver


def graph_type(value_type: str) -> str:
    """valueType() less its NOT NULLs: 'LIST<STRING NOT NULL> NOT NULL' is 'LIST<STRING>'."""
    return value_type.replace(" NOT NULL", "")


def test_the_model_is_what_the_loader_and_analysis_write(sample):
    found: dict[str, dict[str, set[str]]] = defaultdict(dict)
    for r in rows(sample, statement("admin/node_property_types")):
        found[r["label"]][r["key"]] = {graph_type(t) for t in r["types"]}
    assert set(found) == {label.name for label in MODEL.labels}
    for label in MODEL.labels:
        assert set(found[label.name]) == {p.name for p in label.properties}, label.name
        for prop in label.properties:
            held = found[label.name][prop.name]
            if prop.type == ValueType.STRING_LIST:
                held -= {"LIST<NOTHING>"}  # an empty list has no element type
            assert held == {prop.type.value}, (label.name, prop.name, held)

    ends: dict[str, set[tuple[str, str]]] = defaultdict(set)
    keys: dict[str, dict[str, set[str]]] = defaultdict(dict)
    for r in rows(sample, statement("admin/relationship_shapes")):
        ends[r["type"]] |= {tuple(pair) for pair in r["ends"]}
        if r["key"] is not None:
            keys[r["type"]][r["key"]] = {graph_type(t) for t in r["types"]}
    assert set(ends) == {r.type for r in MODEL.relationships}
    for relationship in MODEL.relationships:
        assert ends[relationship.type] == set(relationship.ends), relationship.type
        declared = {p.name: {p.type.value} for p in relationship.properties}
        assert keys[relationship.type] == declared, relationship.type


def test_the_model_s_indexes_are_those_of_the_schema(sample):
    found = {
        r["name"]: (r["type"], r["entityType"], tuple(r["labelsOrTypes"]), tuple(r["properties"]))
        for r in rows(sample, statement("admin/list_indexes"))
    }
    assert found == {i.name: (i.kind, i.entity, i.tokens, i.properties) for i in MODEL.indexes}
