"""The Bloom perspective: in the format real Bloom 2.x exports have, generated from the graph
model, which matches what the loader and the analysis write; every search phrase, suggestion
and scene action runs on the loaded, analysed sample and returns what it says."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver, Record
from neo4j.graph import Node, Relationship
from neo4j.graph import Path as GraphPath

from graph.analyse import AnalysisConfig, analyse
from graph.bloom.design import SCENE_ACTIONS, STYLE_RULES, ColorWhenEquals
from graph.bloom.export import perspective, perspective_text
from graph.loader import load_result
from graph.model import MODEL, ValueType
from graph.statements import statement
from resolution.pipeline import ResolveOptions, resolve
from resolution.progress import Progress

ROOT = Path(__file__).resolve().parent.parent
PERSPECTIVE_FILE = ROOT / "cypher" / "bloom" / "fengqiao-perspective.json"
PERSPECTIVE = json.loads(PERSPECTIVE_FILE.read_text("utf-8"))
FORMAT = json.loads((ROOT / "tests" / "fixtures" / "bloom_format.json").read_text("utf-8"))
JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string"}
JSON_TYPES |= {list: "array", dict: "object", type(None): "null"}


def objects(p: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(level, object) for every object of a perspective, levels named as in the fixture."""
    yield "perspective", p
    yield "palette", p["palette"]
    yield "metadata", p["metadata"]
    for segment in p["metadata"]["pathSegments"]:
        yield "pathSegment", segment
    for index in p["metadata"]["indexes"]:
        yield f"index.{index['type']}", index
        if index["type"] == "native":
            for key in index["propertyKeys"]:
                yield "index.native.propertyKey", key
        else:
            yield "index.full-text.provider", index["provider"]
    for props in p["labels"].values():
        for prop in props:
            yield "labels.property", prop
    for category in p["categories"]:
        yield "category", category
        for prop in category["properties"]:
            yield "category.property", prop
        for caption in category["captions"]:
            yield f"caption.{caption['type']}", caption
        for rule in category["styleRules"]:
            yield f"styleRule.{rule['type']}", rule
            for caption in rule["captions"]:
                yield f"caption.{caption['type']}", caption
    for kind in p["relationshipTypes"]:
        yield "relationshipType", kind
        for prop in kind["properties"]:
            yield "relationshipType.property", prop
        for caption in kind["captions"]:
            yield f"caption.{caption['type']}", caption
    for template in p["templates"]:
        yield "template", template
        for param in template["params"]:
            yield "template.param", param
    for action in p["sceneActions"]:
        yield "sceneAction", action


# --- the file and its format --------------------------------------------------------------


def test_the_committed_perspective_is_what_the_generator_writes():
    assert PERSPECTIVE_FILE.read_text("utf-8") == perspective_text(), (
        "regenerate it: fengqiao bloom export --out cypher/bloom/fengqiao-perspective.json"
    )


def test_the_perspective_has_the_keys_and_value_types_of_bloom_exports():
    seen: set[str] = set()
    for level, obj in objects(PERSPECTIVE):
        seen.add(level)
        shape = FORMAT["levels"][level]
        allowed = shape["required"] | shape["optional"]
        assert set(shape["required"]) <= set(obj), (level, set(shape["required"]) - set(obj))
        assert set(obj) <= set(allowed), (level, set(obj) - set(allowed))
        for key, value in obj.items():
            assert JSON_TYPES[type(value)] in allowed[key], (level, key, value)
    # every kind of object the exports have, this perspective has too
    assert seen == set(FORMAT["levels"])
    assert PERSPECTIVE["version"] == FORMAT["version"]


def test_ids_are_shaped_as_bloom_shapes_them_and_unique():
    patterns = {kind: re.compile(p) for kind, p in FORMAT["id_patterns"].items()}
    rules = [r for c in PERSPECTIVE["categories"] for r in c["styleRules"]]
    for kind, items in [
        ("perspective", [PERSPECTIVE]),
        ("template", PERSPECTIVE["templates"]),
        ("sceneAction", PERSPECTIVE["sceneActions"]),
        ("styleRule", rules),
    ]:
        ids = [item["id"] for item in items]
        assert len(set(ids)) == len(ids), kind
        assert all(patterns[kind].match(i) for i in ids), (kind, ids)
    categories = [c["id"] for c in PERSPECTIVE["categories"]]
    assert len(set(categories)) == len(categories)


def test_data_types_icons_and_rules_are_ones_bloom_has():
    types = FORMAT["property_data_types"]
    known = set(types["seen"]) | set(types["inferred"])
    for level, obj in objects(PERSPECTIVE):
        if level in ("category.property", "labels.property", "relationshipType.property"):
            assert obj["dataType"] in known, obj
        if level == "template.param":
            assert obj["dataType"] in FORMAT["param_data_types"]["documented"], obj
        if level.startswith("styleRule."):
            assert obj["condition"] in FORMAT["style_rule_conditions"], obj
    assert {c["icon"] for c in PERSPECTIVE["categories"]} <= set(FORMAT["icons"])
    assert PERSPECTIVE["palette"]["colors"] == FORMAT["palette"]


def test_the_perspective_describes_the_model():
    assert [c["name"] for c in PERSPECTIVE["categories"]] == [label.name for label in MODEL.labels]
    for category in PERSPECTIVE["categories"]:
        label = MODEL.label(category["name"])
        assert [p["name"] for p in category["properties"]] == [p.name for p in label.properties]
        shown = [c["key"] for c in category["captions"] if c["isCaption"]]
        assert sorted(shown) == sorted(label.captions)
    assert [r["name"] for r in PERSPECTIVE["relationshipTypes"]] == [
        r.type for r in MODEL.relationships
    ]
    fulltext = {i["name"] for i in PERSPECTIVE["metadata"]["indexes"] if i["type"] == "full-text"}
    assert fulltext == {"person_names", "address_texts", "person_phone_numbers"}


def test_data_types_follow_the_model():
    """Numbers are numbers, dates and times are temporal values; and when a property's type
    changes in the model, its data type, its style rules and the parameters compared with it
    follow."""
    network = next(c for c in PERSPECTIVE["categories"] if c["name"] == "DisputeNetwork")
    types = {p["name"]: p["dataType"] for p in network["properties"]}
    assert types["riskScore"] == types["trend"] == "number"
    assert types["size"] == types["incidentCount"] == types["escalations"] == "bigint"
    assert types["firstAt"] == types["lastAt"] == "LocalDateTime"
    person = next(c for c in PERSPECTIVE["categories"] if c["name"] == "Person")
    assert {p["name"]: p["dataType"] for p in person["properties"]}["birthDate"] == "Date"
    assert {r["basedOn"] for r in network["styleRules"]} == {"riskScore_number", "trend_number"}
    since = [p for t in PERSPECTIVE["templates"] for p in t["params"] if p["name"] == "$since"]
    assert since and all(p["dataType"] == "LocalDateTime" for p in since)

    def retyped(label_name: str, prop_name: str, kind: ValueType):
        labels = []
        for label in MODEL.labels:
            props = tuple(
                dataclasses.replace(p, type=kind)
                if (label.name, p.name) == (label_name, prop_name)
                else p
                for p in label.properties
            )
            labels.append(dataclasses.replace(label, properties=props))
        return dataclasses.replace(MODEL, labels=tuple(labels))

    days = perspective(retyped("DisputeNetwork", "lastAt", ValueType.DATE))
    network = next(c for c in days["categories"] if c["name"] == "DisputeNetwork")
    assert {p["name"]: p["dataType"] for p in network["properties"]}["lastAt"] == "Date"
    template = next(t for t in days["templates"] if "n.lastAt >= $since" in t["cypher"])
    assert [p["dataType"] for p in template["params"] if p["name"] == "$since"] == ["Date"]
    counted = perspective(retyped("DisputeNetwork", "trend", ValueType.INTEGER))
    network = next(c for c in counted["categories"] if c["name"] == "DisputeNetwork")
    assert "trend_bigint" in {r["basedOn"] for r in network["styleRules"]}


def test_search_phrases_name_their_parameters_and_suggest_from_the_model():
    for template in PERSPECTIVE["templates"]:
        in_text = set(re.findall(r"\$(\w+)", template["text"]))
        assert {p["name"].lstrip("$") for p in template["params"]} == in_text, template["text"]
        for name in in_text:
            assert re.search(rf"\${name}\b", template["cypher"]), (template["text"], name)
        for param in template["params"]:
            if param["suggestionLabel"] is not None:
                label = MODEL.label(param["suggestionLabel"])
                assert param["suggestionProp"] in {p.name for p in label.properties}


def test_scene_actions_name_their_categories_and_take_the_selection():
    ids = {c["id"] for c in PERSPECTIVE["categories"]}
    for action in PERSPECTIVE["sceneActions"]:
        assert action["categories"] and set(action["categories"]) <= ids, action["name"]
        assert "$nodes" in action["cypher"]


def test_the_command_writes_the_perspective_and_imports_little(tmp_path):
    out = tmp_path / "perspective.json"
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", "bloom", "export", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_text("utf-8") == PERSPECTIVE_FILE.read_text("utf-8")
    probe = (
        "import sys, api.commands.bloom; "
        "print(sorted(m for m in sys.modules if m.startswith(('graph', 'neo4j', 'api.settings'))))"
    )
    imported = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert imported.stdout.strip() == "[]", imported.stdout + imported.stderr


# --- against the loaded, analysed sample --------------------------------------------------


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


def rows(driver: Driver, query: str, **params: Any) -> list[Record]:
    return driver.execute_query(query, params).records


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


def nodes_in(record: Record) -> list[Node]:
    out: list[Node] = []
    for value in record.values():
        if isinstance(value, Node):
            out.append(value)
        elif isinstance(value, GraphPath):
            out.extend(value.nodes)
    return out


def first_suggestion(driver: Driver, template: dict[str, Any], param: str) -> str:
    suggestion = next(p for p in template["params"] if p["name"] == f"${param}")
    return rows(driver, suggestion["cypher"])[0][0]


Check = Callable[[Driver, dict[str, Any]], tuple[dict[str, Any], Callable[[list[Record]], bool]]]


def dispute_partners(driver, template):
    name = first_suggestion(driver, template, "name")
    return {"name": name}, lambda found: all(
        r["p"]["name"] == name and r["other"] != r["p"] for r in found
    )


def networks_in_district(driver, template):
    district, since = first_suggestion(driver, template, "district"), datetime(2023, 1, 1)
    return {"district": district, "since": since}, lambda found: all(
        r["n"]["district"] == district and r["n"]["lastAt"].to_native() >= since for r in found
    )


def riskiest_networks(driver, _template):
    top = rows(
        driver,
        "MATCH (n:DisputeNetwork) RETURN n.networkId AS id "
        "ORDER BY n.riskScore DESC, n.networkId LIMIT 10",
    )
    riskiest = {r["id"] for r in top}
    return {}, lambda found: {r["n"]["networkId"] for r in found} == riskiest


def alerts_in_district(driver, template):
    district = first_suggestion(driver, template, "district")
    return {"district": district}, lambda found: all(r["al"]["district"] == district for r in found)


ADDRESS_TEXTS = ("text", "compound", "road", "compoundName")


def incidents_at(driver, template):
    place = first_suggestion(driver, template, "address")
    return {"address": place}, lambda found: all(
        any(place in (r["a"].get(f) or "") for f in ADDRESS_TEXTS) for r in found
    )


def incidents_at_since(driver, template):
    """Since the middle of the place's incidents: the later half, newest first."""
    place = first_suggestion(driver, template, "address")
    everything = rows(driver, statement("bloom/phrase_incidents_at"), address=place)
    times = sorted(r["i"]["reportedAt"].to_native() for r in everything)
    since = times[len(times) // 2]

    def sensible(found):
        at = [r["i"]["reportedAt"].to_native() for r in found]
        places = all(any(place in (r["a"].get(f) or "") for f in ADDRESS_TEXTS) for r in found)
        later = [t for t in times if t >= since]
        return places and at == sorted(later, reverse=True)

    return {"address": place, "since": since}, sensible


def recent_alerts(driver, _template):
    newest = rows(driver, "MATCH (i:Incident) RETURN max(i.reportedAt) AS at")[0]["at"]
    start = newest.to_native() - timedelta(days=90)
    recent = rows(
        driver, "MATCH (al:Alert) WHERE al.raisedAt >= $start RETURN al.alertId AS id", start=start
    )
    expected = {r["id"] for r in recent}
    older = rows(
        driver, "MATCH (al:Alert) WHERE al.raisedAt < $start RETURN count(*) AS n", start=start
    )[0]["n"]
    return {}, lambda found: older > 0 and {r["al"]["alertId"] for r in found} == expected


def co_residents(driver, _template):
    name = rows(
        driver,
        "MATCH (p:Person)-[:LIVES_AT]->()<-[:LIVES_AT]-(q:Person) "
        "WHERE p.name IS NOT NULL AND q.name <> p.name RETURN p.name AS name LIMIT 1",
    )[0]["name"]
    return {"name": name}, lambda found: any(r["other"]["name"] != name for r in found)


def path_between(driver, _template):
    names = rows(
        driver,
        "MATCH (a:Person)-[:MEMBER_OF]->(n:DisputeNetwork)<-[:MEMBER_OF]-(b:Person) "
        "WHERE a.name < b.name RETURN a.name AS first, b.name AS second LIMIT 1",
    )[0]
    first, second = names["first"], names["second"]

    def sensible(found):
        path = found[0]["path"]
        ends = {path.start_node["name"], path.end_node["name"]}
        return len(found) == 1 and ends == {first, second} and len(path) <= 6

    return {"first": first, "second": second}, sensible


def possible_duplicates(driver, template):
    name = first_suggestion(driver, template, "name")
    return {"name": name}, lambda found: all(r["p"]["name"] == name for r in found)


def person_by_id_number(driver, _template):
    number = rows(
        driver, "MATCH (p:Person) WHERE p.idNumber IS NOT NULL RETURN p.idNumber AS n LIMIT 1"
    )[0]["n"]
    return {"idNumber": number}, lambda found: all(
        r["p"]["idNumber"] == number and r["s"] is not None for r in found
    )


CHECKS: dict[str, Check] = {
    "People in dispute with $name": dispute_partners,
    "Repeat-dispute networks in $district since $since": networks_in_district,
    "Riskiest repeat-dispute networks": riskiest_networks,
    "Hotspot alerts in $district": alerts_in_district,
    "Alerts raised in the last 90 days": recent_alerts,
    "Incidents at $address": incidents_at,
    "Incidents at $address since $since": incidents_at_since,
    "Who else lives at the address of $name": co_residents,
    "Path between $first and $second": path_between,
    "Possible duplicates of $name": possible_duplicates,
    "Person with ID number $idNumber": person_by_id_number,
}


def test_every_search_phrase_returns_what_it_says(sample):
    assert set(CHECKS) == {t["text"] for t in PERSPECTIVE["templates"]}
    labels = {label.name for label in MODEL.labels}
    for template in PERSPECTIVE["templates"]:
        for param in template["params"]:
            if param["cypher"]:
                suggested = rows(sample, param["cypher"])
                values = [r[0] for r in suggested]
                assert values and all(len(r) == 1 for r in suggested), template["text"]
                assert len(set(values)) == len(values) and None not in values
        params, sensible = CHECKS[template["text"]](sample, template)
        found = rows(sample, template["cypher"], **params)
        assert found, (template["text"], params)
        assert sensible(found), (template["text"], params)
        for record in found:
            assert all(set(node.labels) <= labels for node in nodes_in(record))


def test_every_scene_action_expands_its_categories_and_no_other(sample):
    names = {c["id"]: c["name"] for c in PERSPECTIVE["categories"]}
    types = {r.type for r in MODEL.relationships}
    by_label = defaultdict(list)
    for r in rows(sample, "MATCH (n) RETURN labels(n)[0] AS label, elementId(n) AS id"):
        by_label[r["label"]].append(r["id"])
    assert {a.name for a in SCENE_ACTIONS} == {a["name"] for a in PERSPECTIVE["sceneActions"]}
    for action in PERSPECTIVE["sceneActions"]:
        offered = {names[i] for i in action["categories"]}
        selected = [i for label in offered for i in by_label[label]]
        found = rows(sample, action["cypher"], nodes=selected)
        assert found, action["name"]
        # the first column is the selected node the row expands from
        assert {r[0].element_id for r in found} <= set(selected), action["name"]
        for record in found:
            assert all(v.type in types for v in record.values() if isinstance(v, Relationship)), (
                action["name"]
            )
        others = [i for label, ids in by_label.items() if label not in offered for i in ids]
        assert not rows(sample, action["cypher"], nodes=others), action["name"]


def test_style_rules_are_about_values_the_graph_holds(sample):
    for rule in STYLE_RULES:
        held = rows(
            sample,
            "MATCH (n) WHERE $label IN labels(n) AND n[$key] IS NOT NULL "
            "RETURN collect(DISTINCT n[$key]) AS values",
            label=rule.label,
            key=rule.property,
        )[0]["values"]
        assert held, rule
        if isinstance(rule, ColorWhenEquals):
            assert rule.value in held, rule
        else:
            assert all(isinstance(v, int | float) for v in held), rule
