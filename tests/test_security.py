"""The API's promises against a hostile user, over real HTTP against the real Neo4j, on
the bundled sample exported with real-world headers (Chinese, English variants, a
duplicated phone column) and with phones, landlines and ID numbers typed into
summaries: nothing masked can be recovered, every access is traceable to a person and
a purpose, and a station's token sees its own jurisdiction only.

The mutation tests come last: they change the graph."""

from __future__ import annotations

import csv
import json
import re
import socket
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from conftest import SAMPLE, serving, wipe
from graphql import GraphQLObjectType, Undefined, get_named_type, is_non_null_type

from api import cli
from api.app import ApiConfig
from api.audit import AuditLog
from api.graphql.mutations import Mutation
from api.graphql.queries import Query
from api.security.limits import Budgets
from api.security.roles import Role
from api.security.tokens import TokenStore
from graph.analyse import AnalysisConfig, analyse
from graph.loader import load_result
from resolution.normalise.idnumber import check_character
from resolution.pipeline import ResolveOptions, resolve
from resolution.progress import Progress

# The sample's headers as real exports spell them: population and case parties in
# Chinese, dispatch parties in English words; population with a second phone column.
HEADERS = {
    "population.csv": {
        "record_id": "记录编号",
        "name": "姓名",
        "id_number": "公民身份号码",
        "gender": "性别",
        "birth_date": "出生日期",
        "ethnicity": "民族",
        "phone": "联系电话",
        "household_address": "户籍地址",
        "residence_address": "现住址",
        "updated_at": "更新时间",
    },
    "dispatch_parties.csv": {
        "party_id": "Party ID",
        "incident_id": "Incident ID",
        "role": "Role",
        "name": "Name",
        "phone": "Phone",
        "id_number": "ID Number",
        "gender": "Gender",
    },
    "case_parties.csv": {
        "party_id": "人员编号",
        "case_id": "案件编号",
        "role": "角色",
        "name": "姓名",
        "id_number": "公民身份号码",
        "phone": "联系电话",
        "gender": "性别",
        "birth_date": "出生日期",
        "address": "住址",
    },
}
PURPOSE = {"X-Purpose": "安全测试 security test".encode(), "X-Case-Number": "A3301082023000015"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict:
    """The sample relabelled as real exports are, and every identifier it holds."""
    out = tmp_path_factory.mktemp("exports")
    known: set[str] = set()
    for source in SAMPLE.glob("*.csv"):
        with source.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        columns = list(rows[0])
        for row in rows:
            for column in ("phone", "id_number"):
                if row.get(column):
                    known.add(re.sub(r"\D", "", row[column]) if column == "phone" else row[column])
        headers = [HEADERS.get(source.name, {}).get(c, c) for c in columns]
        if source.name == "population.csv":  # a second 联系电话: the landline at home
            headers.append("联系电话")
            for i, row in enumerate(rows):
                row["landline"] = f"0571-8{i:07d}"
                known.add(f"05718{i:07d}")
            columns.append("landline")
        if source.name == "dispatch_incidents.csv":  # what callers say ends up in 简要警情
            for i, row in enumerate(rows):
                if i % 4 == 0:
                    row["summary"] += f"，回电 138 {i:04d} {i:04d}，座机8{i:07d}"
                    known.update({f"138{i:04d}{i:04d}", f"8{i:07d}"})
                if i % 9 == 0:
                    row["disposition"] += "，联系0571-88776655"
        if source.name == "cases.csv":  # an old 15-digit ID number in 简要案情
            for i, row in enumerate(rows):
                fifteen = f"330108{(600101 + i) % 1_000_000:06d}{i % 1000:03d}"
                row["summary"] += f"（身份证{fifteen}）"
                known.add(fifteen)
        with (out / source.name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(headers)
            writer.writerows([row[c] for c in columns] for row in rows)
    return {"dir": out, "known": known}


@pytest.fixture(scope="module")
def secured(driver, neo4j_target, exported, tmp_path_factory):
    """The relabelled sample resolved, loaded, analysed and served with the default
    limits (but for a generous token count, so that the leak scanner may ask for
    everything at once)."""
    result = tmp_path_factory.mktemp("secured-result")
    resolve(
        exported["dir"],
        result,
        ResolveOptions(models_dir=tmp_path_factory.mktemp("models")),
        Progress(None),
    )
    wipe(driver, neo4j_target.database)
    load_result(driver, result, neo4j_target.database, progress=lambda _line: None)
    analyse(driver, AnalysisConfig(), neo4j_target.database)
    state = tmp_path_factory.mktemp("secured-api")
    tokens, audit = TokenStore(state / "tokens.json"), AuditLog(state / "audit.jsonl")
    config = ApiConfig(
        target=neo4j_target,
        tokens=tokens,
        audit=audit,
        max_tokens=20_000,
        decisions_file=state / "decisions.csv",
        budgets=Budgets(requests_per_minute=10_000),  # the identifier budgets: defaults
    )
    with serving(config) as url:
        yield {"url": url, "tokens": tokens, "audit": audit, "result": result, "state": state}


def post(api, query: str, token: str | None, headers: dict | None = None, **variables):
    sent = {
        **({"Authorization": f"Bearer {token}"} if token else {}),
        **(PURPOSE if headers is None else headers),
    }
    return httpx.post(
        f"{api['url']}/graphql",
        json={"query": query, "variables": variables},
        headers=sent,
        timeout=60,
    )


def data(api, query: str, token: str, **variables) -> dict:
    body = post(api, query, token, **variables).json()
    assert not body.get("errors"), body.get("errors")
    return body["data"]


def token(api, role: Role = Role.ANALYST, **scope) -> str:
    return api["tokens"].create(f"{role.value}-{len(api['tokens'].list())}", role, **scope)


@pytest.fixture(scope="module")
def world(secured) -> dict:
    """What the resolve result says of persons, addresses and districts."""
    result = secured["result"]
    addresses = {
        a["address_id"]: a
        for a in map(json.loads, (result / "addresses.jsonl").open(encoding="utf-8"))
    }
    persons = {}
    for row in csv.DictReader((result / "persons.csv").open(encoding="utf-8")):
        places = (row["residence_address_id"], row["household_address_id"])
        row["districts"] = {addresses[a]["district"] for a in places if a}
        persons[row["person_id"]] = row
    incidents = list(map(json.loads, (result / "incidents.jsonl").open(encoding="utf-8")))
    return {"persons": persons, "addresses": addresses, "incidents": incidents}


# --- the leak scanner -----------------------------------------------------------------

SCHEMA = __import__("strawberry").Schema(query=Query, mutation=Mutation)._schema
ID_LIKE = re.compile(r"(?<![0-9A-Za-z])[0-9Xx]{7,}")


def selection(field_type, depth: int) -> str:
    """Every field of a type that needs no argument, objects `depth` levels deep."""
    named = get_named_type(field_type)
    parts = []
    for name, f in named.fields.items():
        required = [
            a for a in f.args.values() if is_non_null_type(a.type) and a.default_value is Undefined
        ]
        if required:
            continue
        inner = get_named_type(f.type)
        if isinstance(inner, GraphQLObjectType):
            if depth > 0:
                sub = selection(f.type, depth - 1)
                if sub:
                    parts.append(f"{name} {{ {sub} }}")
        else:
            parts.append(name)
    return " ".join(parts)


def every_query(ids: dict) -> dict[str, str]:
    """Each root field of the schema, asked for everything it can give."""
    arguments = {
        "person": f'id: "{ids["person"]}"',
        "people": f'search: "{ids["name"]}", first: 10',
        "address": f'id: "{ids["address"]}"',
        "incident": f'id: "{ids["incident"]}"',
        "case": f'id: "{ids["case"]}"',
        "disputeNetwork": f'id: "{ids["network"]}"',
        "shortestPath": f'from: "{ids["person"]}", to: "{ids["other"]}"',
        "neighbourhood": f'id: "{ids["person"]}", depth: 2',
    }
    queries = {}
    for name, f in SCHEMA.query_type.fields.items():
        args = arguments.get(name, "first: 10")
        queries[name] = f"{{ {name}({args}) {{ {selection(f.type, 3)} }} }}"
    return queries


def leaks(text: str, known: set[str]) -> list[str]:
    """Every full identifier of the exports that the text holds, however spaced."""
    joined = re.sub(r"(?<=\d)[\s-]+(?=\d)", "", text)
    found = []
    for run in ID_LIKE.findall(joined):
        run = run.upper()
        for size in (7, 8, 11, 12, 15, 18):
            found += [
                run[i : i + size] for i in range(len(run) - size + 1) if run[i : i + size] in known
            ]
    return found


@pytest.fixture(scope="module")
def ids(secured, world) -> dict:
    investigator = token(secured, Role.INVESTIGATOR)
    networks = data(
        secured,
        "{ repeatDisputeNetworks(first: 1) { edges { node { id district people { id name } addresses { id } incidents { id case { id } } } } } }",
        investigator,
    )["repeatDisputeNetworks"]["edges"][0]["node"]
    cases = data(
        secured,
        '{ incidents(filter: {category: "纠纷"}, first: 50) { edges { node { id case { id } } } } }',
        investigator,
    )["incidents"]["edges"]
    return {
        "person": networks["people"][0]["id"],
        "other": networks["people"][-1]["id"],
        "name": networks["people"][0]["name"],
        "address": networks["addresses"][0]["id"],
        "incident": networks["incidents"][0]["id"],
        "case": next(e["node"]["case"]["id"] for e in cases if e["node"]["case"]),
        "network": networks["id"],
        "district": networks["district"],
    }


@pytest.mark.parametrize("role", [Role.ANALYST, Role.INTEGRATOR])
def test_no_answer_to_any_query_holds_a_full_phone_or_id_number(secured, exported, ids, role):
    asker = token(secured, role)
    answered = []
    for name, query in every_query(ids).items():
        response = post(secured, query, asker)
        body = response.json()
        assert response.status_code == 200 and not body.get("errors"), (name, body.get("errors"))
        assert body["data"][name], name  # answered: the scan saw something
        assert not leaks(response.text, exported["known"]), (
            name,
            leaks(response.text, exported["known"])[:5],
        )
        answered.append(name)
    assert set(answered) == set(SCHEMA.query_type.fields)
    # the same queries show an investigator the identifiers: the scanner would have seen them
    investigator = token(secured, Role.INVESTIGATOR)
    shown = post(secured, every_query(ids)["person"], investigator).text
    assert leaks(shown, exported["known"])


def test_raw_fields_are_masked_by_meaning_under_every_header(secured, exported, world):
    analyst, investigator = token(secured), token(secured, Role.INVESTIGATOR)
    query = """query($id: ID!) { person(id: $id) { birthDate sourceRecords { source raw idNumber phones
      evidence { field a b } } } }"""
    seen_headers: set[str] = set()
    many = [
        p
        for p in world["persons"].values()
        if "population" in p["sources"] and "dispatch" in p["sources"]
    ]
    for person in many[:12]:
        masked = data(secured, query, analyst, id=person["person_id"])["person"]
        full = data(secured, query, investigator, id=person["person_id"])["person"]
        assert masked["birthDate"] is None or re.fullmatch(r"\d{4}", masked["birthDate"])
        for shown, whole in zip(masked["sourceRecords"], full["sourceRecords"], strict=True):
            raw, raw_full = json.loads(shown["raw"]), json.loads(whole["raw"])
            seen_headers |= set(raw)
            for header in ("公民身份号码", "联系电话", "联系电话#2", "Phone", "ID Number"):
                if raw_full.get(header):
                    assert raw[header] != raw_full[header] and "*" in raw[header], (header, raw)
            if raw_full.get("出生日期"):
                assert re.fullmatch(r"\d{4}", raw["出生日期"]), raw
            assert not leaks(json.dumps(shown, ensure_ascii=False), exported["known"])
    assert {"公民身份号码", "联系电话", "联系电话#2", "Phone", "ID Number"} <= seen_headers


def test_a_phone_or_id_number_inside_a_summary_is_masked(secured, world):
    analyst, investigator = token(secured), token(secured, Role.INVESTIGATOR)
    query = """query($id: ID!) { incident(id: $id) { summary disposition case { summary } } }"""
    typed = [i for i in world["incidents"] if "回电" in (i["summary"] or "")][:5]
    assert typed
    for incident in typed:
        masked = data(secured, query, analyst, id=incident["incident_id"])["incident"]
        full = data(secured, query, investigator, id=incident["incident_id"])["incident"]
        assert full["summary"] == incident["summary"]
        number = re.search(r"回电 (138 \d{4} \d{4})", incident["summary"]).group(1)
        assert number in full["summary"] and number not in masked["summary"]
        assert "138******" in masked["summary"] and not re.search(r"座机\d", masked["summary"])
        assert "回电" in masked["summary"]  # the words stay


def _candidates_for_id(masked: str, birth_year: str, sex: str, region: str) -> list[str]:
    """Every ID number an analyst could try: the mask, the birth year, the sex and the
    region (taken as known from the district) leave the month, day and sequence."""
    found = []
    day = date(int(birth_year), 1, 1)
    while day.year == int(birth_year):
        for sequence in range(1000):
            if (sequence % 2 == 1) != (sex == "M"):
                continue
            body = f"{region}{day:%Y%m%d}{sequence:03d}"
            if body[:2] == masked[:2] and check_character(body) == masked[-1]:
                found.append(body + masked[-1])
        day += timedelta(days=1)
    return found


def test_an_id_number_cannot_be_recovered_from_its_mask_birth_year_and_searches(secured, world):
    attacker = token(secured)
    person = next(
        p
        for p in world["persons"].values()
        if len(p["id_number"]) == 18
        and p["sex"]
        and p["id_number"][6:14] == p["birth_date"].replace("-", "")
    )
    query = """query($id: ID!) { person(id: $id) { idNumber birthDate sex } }"""
    seen = data(secured, query, attacker, id=person["person_id"])["person"]
    assert seen["birthDate"] == person["birth_date"][:4]  # the year only: not 8 digits of the ID
    assert seen["idNumber"] == person["id_number"][:2] + "*" * 15 + person["id_number"][-1]
    candidates = _candidates_for_id(
        seen["idNumber"], seen["birthDate"], seen["sex"], person["id_number"][:6]
    )
    assert person["id_number"] in candidates and len(candidates) > 10_000
    # the attack: 15 aliased searches a request, then one request after another
    search = (
        "{ "
        + " ".join(
            f'a{i}: people(search: "{c}") {{ edges {{ node {{ id }} }} }}'
            for i, c in enumerate(candidates[:15])
        )
        + " }"
    )
    body = post(secured, search, attacker).json()  # one of them runs, the others are refused
    assert body["data"] is None and any("per request" in e["message"] for e in body["errors"])
    tried, refused = 1, None
    for candidate in candidates[15:]:
        response = post(
            secured,
            "query($s: String!) { people(search: $s) { edges { node { id } } } }",
            attacker,
            s=candidate,
        )
        if response.status_code == 429:
            refused = response.json()["errors"][0]
            break
        tried += 1
        assert response.json()["data"]["people"]["edges"] == [] or candidate == person["id_number"]
    assert refused and refused["extensions"]["code"] == "RATE_LIMITED" and tried == 10
    assert candidates.index(person["id_number"]) > tried  # never reached: days of budget away
    limited = [
        e
        for e in secured["audit"].entries()
        if e["status"] == 429 and e["user"] == secured["tokens"].list()[-1].user
    ]
    assert limited and limited[-1]["outcome"] == "refused"


def test_a_phone_cannot_be_recovered_by_brute_force(secured, world):
    attacker = token(secured)
    person = next(p for p in world["persons"].values() if re.match(r"1\d{10}(;|$)", p["phones"]))
    phone = person["phones"].split(";")[0]
    shown = data(
        secured, "query($id: ID!) { person(id: $id) { phones } }", attacker, id=person["person_id"]
    )
    masked = shown["person"]["phones"][0]
    assert masked == phone[:3] + "******" + phone[-2:]
    candidates = [f"{phone[:3]}{n:06d}{phone[-2:]}" for n in range(10**6)]
    assert phone in candidates  # a million numbers fit the mask
    aliased = (
        "{ "
        + " ".join(
            f'p{i}: people(search: "{c}") {{ edges {{ node {{ id }} }} }}'
            for i, c in enumerate(candidates[:15])
        )
        + " }"
    )
    refused = post(secured, aliased, attacker).json()["errors"]
    assert any("per request" in e["message"] for e in refused)
    statuses = [
        post(
            secured,
            "query($s: String!) { people(search: $s) { edges { node { id } } } }",
            attacker,
            s=c,
        ).status_code
        for c in candidates[15:40]
    ]
    assert statuses[:9] == [200] * 9 and set(statuses[9:]) == {429}
    # a name search is no identifier search: the token can still work
    assert (
        post(
            secured,
            f'{{ people(search: "{person["name"]}") {{ edges {{ node {{ id }} }} }} }}',
            attacker,
        ).status_code
        == 200
    )


# --- the front door -----------------------------------------------------------------------


def _raw_post(api, content, headers: dict | None = None) -> httpx.Response:
    return httpx.post(
        f"{api['url']}/graphql",
        content=content,
        headers={"Content-Type": "application/json", **(headers or {})},
        timeout=60,
    )


def test_malformed_bodies_are_4xx_with_exactly_one_audit_line_each(secured):
    bearer = {"Authorization": f"Bearer {token(secured)}"}
    bodies = [
        b'{"query": 1}',
        b'{"query": "{ alerts { edges { node { id } } } }", "variables": [1]}',
        b'{"query": "{ alerts { edges { node { id } } } }", "operationName": 5}',
        b"\xff\xfe{ not utf-8",
        b"[" * 40_000 + b"]" * 40_000,
        b'"just a string"',
        b"{",
        b'{"query": "{ alerts { edges { node { id } } } }", "variables": '
        + b'{"a":' * 50
        + b"1"
        + b"}" * 50
        + b"}",
    ]
    for body in bodies:
        before = len(secured["audit"].entries())
        response = _raw_post(secured, body, bearer)
        assert 400 <= response.status_code < 500, (body[:40], response.status_code)
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
        entries = secured["audit"].entries()
        assert len(entries) == before + 1 and entries[-1]["status"] == response.status_code


def _exchange(api, bearer: str, head: str, body: bytes) -> tuple[int, dict]:
    """Send a request's head and as much of its body as given, then read the answer:
    the server must answer without waiting for the rest."""
    host, port = api["url"].removeprefix("http://").split(":")
    request = (
        f"POST /graphql HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {bearer}\r\n"
        f"Content-Type: application/json\r\n{head}\r\n"
    ).encode()
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(request + body)
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += connection.recv(65536)
        head_part, _, rest = answer.partition(b"\r\n\r\n")
        length = int(re.search(rb"content-length: (\d+)", head_part.lower()).group(1))
        while len(rest) < length:
            rest += connection.recv(65536)
    return int(head_part.split(b" ", 2)[1]), json.loads(rest[:length])


def test_an_oversized_body_is_refused_before_it_is_read(secured):
    bearer = token(secured)
    before = len(secured["audit"].entries())
    # 20 MB announced, 1 KB sent: the answer comes at once, the body unread
    status, body = _exchange(secured, bearer, "Content-Length: 20000000\r\n", b" " * 1000)
    assert status == 413 and body["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    # no length announced: read until the limit, then refused, never parsed
    chunk = b"3e8\r\n" + b" " * 1000 + b"\r\n"
    status, body = _exchange(secured, bearer, "Transfer-Encoding: chunked\r\n", chunk * 150)
    assert status == 413
    assert [e["status"] for e in secured["audit"].entries()[before:]] == [413, 413]


def test_unauthenticated_suggestions_and_bounded_lists(secured, ids):
    for bearer in (None, "fq_deadbeef_forged"):
        response = post(secured, "{ alerts { edges { node { id } } } }", bearer)
        assert response.status_code == 401
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    analyst = token(secured)
    for typo in (
        "{ peple { id } }",
        "{ alerts { edges { node { idd } } } }",
        "{ hotspots(level: BUILDNG) { edges { node { key } } } }",
    ):
        message = post(secured, typo, analyst).json()["errors"][0]["message"]
        assert "Did you mean" not in message and "people" not in message.replace("peple", ""), (
            message
        )
    nested = """query($id: ID!, $n: Int) { person(id: $id) { household(first: $n) { id } counterparts(first: $n) { incidents } } }"""
    assert (
        post(secured, nested, analyst, id=ids["person"], n=100_000).json()["errors"][0][
            "extensions"
        ]["code"]
        == "BAD_USER_INPUT"
    )
    capped = data(secured, nested, analyst, id=ids["person"], n=1)["person"]
    assert len(capped["household"]) <= 1 and len(capped["counterparts"]) <= 1


def test_a_read_of_persons_states_its_purpose(secured, ids):
    analyst = token(secured)
    person = "query($id: ID!) { person(id: $id) { id name } }"
    refused = post(secured, person, analyst, headers={}, id=ids["person"])
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["extensions"]["code"] == "PURPOSE_REQUIRED"
    assert "X-Purpose" in refused.json()["errors"][0]["message"]
    assert secured["audit"].entries()[-1]["outcome"] == "refused"
    # what reads no person needs no purpose; nested persons do
    assert (
        post(
            secured, "{ alerts(first: 1) { edges { node { id } } } }", analyst, headers={}
        ).status_code
        == 200
    )
    hidden = "{ repeatDisputeNetworks(first: 1) { edges { node { ...N } } } } fragment N on DisputeNetwork { people { id } }"
    assert post(secured, hidden, analyst, headers={}).status_code == 403
    drawn = "query($id: ID!) { neighbourhood(id: $id) { nodes { caption } } }"  # names
    assert post(secured, drawn, analyst, headers={}, id=ids["person"]).status_code == 403
    assert post(secured, person, analyst, id=ids["person"]).status_code == 200


def test_the_audit_line_says_who_why_what_and_whom(secured, ids, world):
    analyst = secured["tokens"].create("wang-audit", Role.ANALYST, station="西兴派出所")
    phone = next(p["phones"].split(";")[0] for p in world["persons"].values() if p["phones"])
    query = """query Lookup($id: ID!, $s: String!, $list: [RelationshipType!], $big: Int) {
      ...Root
      ... on Query { named: people(search: $s) { edges { node { id } } } }
      n: repeatDisputeNetworks(first: 1) { edges { node { id } } }
      incidents(filter: {district: "滨江区"}, first: 1) { edges { node { id } } }
      neighbourhood(id: $id, types: $list) { truncated }
      hotspots(minIncidents: $big, first: 1) { edges { node { key } } }
    }
    fragment Root on Query { who: person(id: $id) { id name } }"""
    response = post(
        secured,
        query,
        analyst,
        id=ids["person"],
        s=phone,
        list=["IN_DISPUTE_WITH"],
        big=99_999_999,
    )
    assert response.status_code == 200 and not response.json().get("errors"), response.json()
    entry = secured["audit"].entries()[-1]
    assert (entry["user"], entry["role"], entry["station"]) == (
        "wang-audit",
        "analyst",
        "西兴派出所",
    )
    assert (
        entry["purpose"] == "安全测试 security test" and entry["case_number"] == "A3301082023000015"
    )
    assert entry["operation_name"] == "Lookup"
    assert entry["root_fields"] == [
        "who:person",
        "named:people",
        "n:repeatDisputeNetworks",
        "incidents",
        "neighbourhood",
        "hotspots",
    ]
    assert (
        entry["operation"]
        == "query person,people,repeatDisputeNetworks,incidents,neighbourhood,hotspots"
    )
    assert ids["person"] in entry["person_ids"] and entry["person_count"] == len(
        entry["person_ids"]
    )
    assert entry["result_bytes"] > 0 and entry["latency_ms"] > 0 and entry["outcome"] == "ok"
    assert entry["variables"]["id"] == ids["person"]  # a person id is no personal data
    assert entry["variables"]["list"] == ["IN_DISPUTE_WITH"]
    line = json.dumps(entry, ensure_ascii=False)
    assert phone not in line and "99999999" not in line and "滨江区" not in line
    assert entry["document"].startswith("query Lookup(") and "\n" not in entry["document"]


def test_tokens_expire_and_record_their_last_use(secured):
    analyst = token(secured)
    record = next(r for r in secured["tokens"].list() if analyst.startswith(f"fq_{r.token_id}_"))
    lifetime = datetime.fromisoformat(record.expires_at) - datetime.fromisoformat(record.created_at)
    assert lifetime == timedelta(days=90) and record.last_used_at is None
    assert (
        post(secured, "{ alerts(first: 1) { edges { node { id } } } }", analyst).status_code == 200
    )
    used = next(r for r in secured["tokens"].list() if r.token_id == record.token_id)
    assert used.last_used_at is not None
    path = secured["state"] / "tokens.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    for row in rows:
        if row["token_id"] == record.token_id:
            row["expires_at"] = (datetime.now(UTC) - timedelta(seconds=1)).isoformat()
    path.write_text(json.dumps(rows), encoding="utf-8")
    expired = post(secured, "{ alerts(first: 1) { edges { node { id } } } }", analyst)
    assert expired.status_code == 401 and "expired" in expired.json()["errors"][0]["message"]


def test_the_request_budget_answers_429_with_an_audit_line(neo4j_target, tmp_path):
    from fastapi.testclient import TestClient

    from api.app import create_app

    tokens, audit = TokenStore(tmp_path / "tokens.json"), AuditLog(tmp_path / "audit.jsonl")
    analyst = tokens.create("eager", Role.ANALYST)
    config = ApiConfig(
        target=neo4j_target, tokens=tokens, audit=audit, budgets=Budgets(requests_per_minute=3)
    )
    with TestClient(create_app(config)) as client:
        statuses = [
            client.post(
                "/graphql",
                json={"query": "{ __typename }"},
                headers={"Authorization": f"Bearer {analyst}"},
            ).status_code
            for _ in range(5)
        ]
    assert statuses == [200, 200, 200, 429, 429]
    assert [e["status"] for e in audit.entries()] == statuses


def test_which_roles_must_state_a_purpose_is_configurable(neo4j_target, tmp_path):
    from fastapi.testclient import TestClient

    from api.app import create_app

    tokens, audit = TokenStore(tmp_path / "tokens.json"), AuditLog(tmp_path / "audit.jsonl")
    analyst = tokens.create("a", Role.ANALYST)
    investigator = tokens.create("i", Role.INVESTIGATOR)
    config = ApiConfig(
        target=neo4j_target, tokens=tokens, audit=audit, purpose_roles=frozenset({"analyst"})
    )
    read = {"query": '{ person(id: "P-none") { id } }'}
    with TestClient(create_app(config)) as client:
        asked = {
            who: client.post("/graphql", json=read, headers={"Authorization": f"Bearer {t}"})
            for who, t in (("analyst", analyst), ("investigator", investigator))
        }
    assert asked["analyst"].status_code == 403 and asked["investigator"].status_code == 200
    assert [e["outcome"] for e in audit.entries()] == ["refused", "ok"]


# --- jurisdiction ---------------------------------------------------------------------------


def test_a_scoped_token_sees_only_its_jurisdiction_through_every_query(secured, world, ids):
    investigator = token(secured, Role.INVESTIGATOR)
    mine = ids["district"]  # the riskiest network's
    # registry residents of another district who never called or took part anywhere
    registry_only = [
        row
        for row in world["persons"].values()
        if len(row["districts"]) == 1
        and mine not in row["districts"]
        and row["sources"].startswith("population:")
        and ";" not in row["sources"]
    ]
    other = Counter(next(iter(r["districts"])) for r in registry_only).most_common(1)[0][0]
    scoped = token(secured, Role.INVESTIGATOR, station="测试派出所", districts=[mine])
    only_there = {r["person_id"]: r for r in registry_only if r["districts"] == {other}}
    outsider = next(row for row in only_there.values() if row["name"] and row["id_number"])
    outside_address = next(a for a in world["addresses"].values() if a["district"] == other)
    outside_incident = next(
        i
        for i in world["incidents"]
        if i["address_id"] and world["addresses"][i["address_id"]]["district"] == other
    )
    one = {
        "person": ("query($id: ID!) { person(id: $id) { id } }", {"id": outsider["person_id"]}),
        "address": (
            "query($id: ID!) { address(id: $id) { id } }",
            {"id": outside_address["address_id"]},
        ),
        "incident": (
            "query($id: ID!) { incident(id: $id) { id } }",
            {"id": outside_incident["incident_id"]},
        ),
        "neighbourhood": (
            "query($id: ID!) { neighbourhood(id: $id) { nodes { id } } }",
            {"id": outsider["person_id"]},
        ),
        "shortestPath": (
            "query($a: ID!, $b: ID!) { shortestPath(from: $a, to: $b, maxHops: 6) { length } }",
            {"a": ids["person"], "b": outsider["person_id"]},
        ),
    }
    for name, (query, variables) in one.items():
        assert (
            data(secured, query, investigator, **variables)[name] is not None
            or name == "shortestPath"
        ), name
        assert data(secured, query, scoped, **variables)[name] is None, name
    by_name = data(
        secured,
        "query($s: String!) { people(search: $s, first: 50) { edges { node { id } } } }",
        scoped,
        s=outsider["name"],
    )
    assert outsider["person_id"] not in [e["node"]["id"] for e in by_name["people"]["edges"]]
    by_number = data(
        secured,
        "query($s: String!) { people(search: $s) { edges { node { id } } } }",
        scoped,
        s=outsider["id_number"],
    )
    assert by_number["people"]["edges"] == []
    lists = {
        "incidents": f'{{ incidents(filter: {{district: "{other}"}}, first: 50) {{ edges {{ node {{ id }} }} }} }}',
        "repeatDisputeNetworks": f'{{ repeatDisputeNetworks(district: "{other}", first: 50) {{ edges {{ node {{ id }} }} }} }}',
        "alerts": f'{{ alerts(district: "{other}", first: 50) {{ edges {{ node {{ id }} }} }} }}',
        "hotspots": f'{{ hotspots(district: "{other}", minIncidents: 1, first: 50) {{ edges {{ node {{ key }} }} }} }}',
    }
    for name, query in lists.items():
        assert data(secured, query, scoped)[name]["edges"] == [], name
    # what it does see is all of its own district, at every depth
    everything = "{ repeatDisputeNetworks(first: 50) { edges { node { district people { id } incidents { address { district } } } } } alerts(first: 50) { edges { node { district } } } }"
    seen = data(secured, everything, scoped)
    assert all(e["node"]["district"] == mine for e in seen["repeatDisputeNetworks"]["edges"])
    assert all(e["node"]["district"] == mine for e in seen["alerts"]["edges"])
    for edge in seen["repeatDisputeNetworks"]["edges"]:
        assert all(
            i["address"]["district"] == mine for i in edge["node"]["incidents"] if i["address"]
        )
    around = data(
        secured,
        "query($id: ID!) { neighbourhood(id: $id, depth: 3) { nodes { id label } } }",
        scoped,
        id=ids["person"],
    )
    drawn = {n["id"] for n in around["neighbourhood"]["nodes"]}
    assert drawn and all(
        world["addresses"][a]["district"] == mine for a in drawn if a in world["addresses"]
    )
    assert drawn and not drawn & set(only_there)


# --- the audit log's chain and its questions ----------------------------------------------


def _cli_home(secured, tmp_path) -> Path:
    home = tmp_path / "home"
    (home / "api").mkdir(parents=True)
    for suffix in ("", ".head", ".key"):
        source = secured["state"] / f"audit.jsonl{suffix}"
        (home / "api" / f"audit.jsonl{suffix}").write_bytes(source.read_bytes())
    return home


def test_audit_verify_finds_an_edit_a_rechained_edit_and_a_cut_tail(
    secured, tmp_path, monkeypatch, capsys
):
    home = _cli_home(secured, tmp_path)
    log = home / "api" / "audit.jsonl"
    monkeypatch.setenv("FENGQIAO_HOME", str(home))
    assert cli.main(["audit", "verify"]) == 0
    assert "chained and matching their head" in capsys.readouterr().out
    for kept in secured["state"].glob("audit.jsonl*"):  # the log, its head and key
        assert kept.stat().st_mode & 0o777 == 0o600, kept
    lines = log.read_text(encoding="utf-8").splitlines()

    edited = lines.copy()
    edited[2] = edited[2].replace('"outcome":"', '"outcome":"x', 1)
    log.write_text("\n".join(edited) + "\n", encoding="utf-8")
    assert cli.main(["audit", "verify"]) == 1
    assert "line 4 does not follow line 3" in capsys.readouterr().out

    import hashlib

    rechained, previous = [], None
    for line in edited:
        entry = json.loads(line)
        entry["previous"] = previous
        text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        rechained.append(text)
        previous = hashlib.sha256(text.encode()).hexdigest()
    log.write_text("\n".join(rechained) + "\n", encoding="utf-8")
    forged = {"lines": len(rechained), "last": previous, "mac": "0" * 64}
    (home / "api" / "audit.jsonl.head").write_text(json.dumps(forged), encoding="utf-8")
    assert cli.main(["audit", "verify"]) == 1
    assert "re-chained" in capsys.readouterr().out

    _cli_home(secured, tmp_path / "again")
    home = tmp_path / "again" / "home"
    monkeypatch.setenv("FENGQIAO_HOME", str(home))
    cut = (home / "api" / "audit.jsonl").read_text(encoding="utf-8").splitlines()[:-3]
    (home / "api" / "audit.jsonl").write_text("\n".join(cut) + "\n", encoding="utf-8")
    assert cli.main(["audit", "verify"]) == 1
    assert "its tail was removed" in capsys.readouterr().out


def test_who_viewed_a_person(secured, ids, tmp_path, monkeypatch, capsys):
    viewer = secured["tokens"].create("li-dpo-test", Role.INVESTIGATOR, station="长河派出所")
    data(secured, "query($id: ID!) { person(id: $id) { name } }", viewer, id=ids["other"])
    monkeypatch.setenv("FENGQIAO_HOME", str(_cli_home(secured, tmp_path)))
    assert cli.main(["audit", "who-viewed", ids["other"]]) == 0
    printed = capsys.readouterr().out
    assert "li-dpo-test (investigator, 长河派出所)" in printed
    assert "purpose: 安全测试 security test, case A3301082023000015" in printed
    assert cli.main(["audit", "who-viewed", "P-nobody"]) == 0
    assert "No request" in capsys.readouterr().out


WRITER = """
import sys
from pathlib import Path
from api.audit import AuditLog
log = AuditLog(Path(sys.argv[1]))
for i in range(60):
    log.record(user=sys.argv[2], n=i)
"""


def test_two_server_processes_append_to_one_chain(tmp_path):
    path = tmp_path / "audit.jsonl"
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), name]) for name in ("one", "two")
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    log = AuditLog(path)
    assert log.verify() == [] and len(log.entries()) == 120
    assert path.stat().st_mode & 0o777 == 0o600


def test_commands_create_files_for_their_owner_only(tmp_path):
    assert cli.main(["generate", str(tmp_path / "city"), "--persons", "60"]) == 0
    written = [p for p in (tmp_path / "city").rglob("*") if p.is_file()]
    assert written and all(p.stat().st_mode & 0o777 == 0o600 for p in written)


# --- mutations: they change the graph, so they come last ----------------------------------


def test_mutation_results_are_masked_and_lists_bounded(secured, exported):
    integrator = token(secured, Role.INTEGRATOR)
    with (secured["result"] / "review.csv").open(encoding="utf-8") as handle:
        pair = next(r for r in csv.DictReader(handle) if r["person_a"] != r["person_b"])
    reject = """mutation($a: ID!, $b: ID!) { rejectMatch(recordA: $a, recordB: $b) { persons {
      id idNumber phones birthDate sourceRecords { raw idNumber phones evidence { a b } } } } }"""
    response = post(
        secured,
        reject,
        integrator,
        a=f"{pair['source_a']}:{pair['record_a']}",
        b=f"{pair['source_b']}:{pair['record_b']}",
    )
    assert response.status_code == 200 and not response.json().get("errors")
    assert response.json()["data"]["rejectMatch"]["persons"]
    assert not leaks(response.text, exported["known"])
    merge = "mutation($ids: [ID!]!) { mergePersons(ids: $ids) { decision } }"
    many = post(secured, merge, integrator, ids=[f"P{i}" for i in range(21)]).json()["errors"][0]
    assert many["extensions"]["code"] == "BAD_USER_INPUT" and "2 to 20" in many["message"]
    scoped = token(secured, Role.INTEGRATOR, districts=["没有这个区"])
    outside = post(secured, merge, scoped, ids=[pair["person_a"], pair["person_b"]]).json()[
        "errors"
    ][0]
    assert outside["extensions"]["code"] == "FORBIDDEN" and "jurisdiction" in outside["message"]
