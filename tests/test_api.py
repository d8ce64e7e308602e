"""The GraphQL API over real HTTP against the real Neo4j, on the analysed sample:
every query, the review mutations, masking, and the security promises proven with
hostile requests, every one of them audited.

The mutation tests come last in this module: they change the graph."""

from __future__ import annotations

import asyncio
import csv
import json
import re
from pathlib import Path

import httpx
import pytest
from neo4j import AsyncGraphDatabase

from api import cli
from api.benchmarks.api import inputs as bench_inputs
from api.security.roles import Role
from resolution.pipeline import ResolveOptions, resolve
from resolution.progress import Progress

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"


PURPOSE = {"X-Purpose": "test: 研判 repeat disputes".encode()}  # UTF-8, as curl sends it


def ask(api, query: str, token: str | None, **variables) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}", **PURPOSE} if token else {}
    return httpx.post(
        f"{api['url']}/graphql",
        json={"query": query, "variables": variables},
        headers=headers,
        timeout=30,
    )


def data(api, query: str, token: str, **variables) -> dict:
    """The data of a request that must succeed."""
    body = ask(api, query, token, **variables).json()
    assert not body.get("errors"), body.get("errors")
    return body["data"]


def errors(api, query: str, token: str, **variables) -> list[dict]:
    body = ask(api, query, token, **variables).json()
    assert body.get("errors"), body
    return body["errors"]


NETWORKS = "{ repeatDisputeNetworks(first: 5) { edges { node { id size incidentCount riskScore people { id name } } } pageInfo { hasNextPage endCursor } } }"
PERSON = "query($id: ID!) { person(id: $id) { id name idNumber phones counterparts { person { id name } incidents } } }"


def test_health_and_readiness(api):
    assert httpx.get(f"{api['url']}/healthz").json() == {"status": "ok"}
    assert httpx.get(f"{api['url']}/readyz").status_code == 200


def test_networks_and_a_person_with_counterparts_masked_for_analysts(api):
    token = api["tokens"].create("analyst-1", Role.ANALYST)
    networks = ask(api, NETWORKS, token).json()["data"]["repeatDisputeNetworks"]
    assert networks["edges"] and networks["edges"][0]["node"]["size"] >= 2
    member = networks["edges"][0]["node"]["people"][0]["id"]
    person = ask(api, PERSON, token, id=member).json()["data"]["person"]
    assert person["counterparts"] and person["counterparts"][0]["incidents"] >= 3
    if person["idNumber"]:
        assert "*" in person["idNumber"]
    assert all("*" in p for p in person["phones"])


def test_an_investigator_sees_full_identity(api):
    token = api["tokens"].create("inv-1", Role.INVESTIGATOR)
    query = '{ people(search: "張偉", first: 5) { edges { node { id name pinyin idNumber } } } }'
    edges = ask(api, query, token).json()["data"]["people"]["edges"]
    people = [e["node"] for e in edges]
    assert people[0]["pinyin"] == "zhang wei"  # traditional, homophones first
    assert all(p["pinyin"] == "zhang wei" or "张伟" in p["name"] for p in people)
    assert any(e["node"]["idNumber"] and "*" not in e["node"]["idNumber"] for e in edges)


def test_hostile_requests_are_refused_and_audited(api):
    analyst = api["tokens"].create("analyst-2", Role.ANALYST)
    revoked = api["tokens"].create("gone", Role.ADMIN)
    api["tokens"].revoke(user="gone")
    assert ask(api, NETWORKS, None).status_code == 401
    assert ask(api, NETWORKS, "fq_deadbeef_forged").status_code == 401
    assert ask(api, NETWORKS, revoked).status_code == 401
    deep = "{ repeatDisputeNetworks { edges { node { people { counterparts { person { counterparts { person { counterparts { person { id } } } } } } } } } } }"
    assert "depth" in ask(api, deep, analyst).json()["errors"][0]["message"]
    aliases = "{ " + " ".join(f'a{i}: person(id: "x") {{ id }}' for i in range(20)) + " }"
    assert "alias" in ask(api, aliases, analyst).json()["errors"][0]["message"].lower()
    oversized = ask(
        api, '{ people(search: "张伟", first: 5000) { edges { node { id } } } }', analyst
    )
    assert "first must be between" in oversized.json()["errors"][0]["message"]
    injection = ask(
        api,
        "query($s: String!) { people(search: $s) { edges { node { id } } } }",
        analyst,
        s="张伟' OR 1=1 MATCH (n) DETACH DELETE n //",
    )
    assert injection.status_code == 200 and injection.json()["data"]["people"]["edges"] == []
    assert ask(api, NETWORKS, analyst).json()["data"]["repeatDisputeNetworks"][
        "edges"
    ]  # graph intact
    entries = api["audit"].entries()
    statuses = [e["status"] for e in entries]
    assert statuses.count(401) >= 3
    assert all("张伟" not in str(e["variables"]) for e in entries)
    assert all(e["latency_ms"] >= 0 and "query_hash" in e for e in entries)


@pytest.fixture(scope="module")
def analyst(api) -> str:
    return api["tokens"].create("analyst-q", Role.ANALYST)


@pytest.fixture(scope="module")
def riskiest(api, analyst) -> dict:
    """The riskiest network of the sample, with its people and incidents."""
    query = """{ repeatDisputeNetworks(first: 1) { edges { node {
        id size incidentCount firstAt lastAt escalations trend riskScore district compound
        people { id } addresses { id } incidents { id } } } } }"""
    return data(api, query, analyst)["repeatDisputeNetworks"]["edges"][0]["node"]


PERSON_IN_FULL = """query($id: ID!) { person(id: $id) {
  id name pinyin birthDate sex recordCount sources idNumber phones
  addresses { kind address { id text district buildingKey compoundKey } }
  incidents(first: 50) { edges { role cursor node { id reportedAt category isDispute } }
                         pageInfo { hasNextPage endCursor } }
  cases { edges { role node { id caseType openedAt } } }
  disputes { id category incidentCount firstAt lastAt }
  counterparts { person { id } incidents firstAt lastAt }
  household { id }
  sourceRecords { key source recordId idNumber phones raw score matchedWith
                  evidence { field a b level weight } }
  possibleDuplicates { person { id } score reason }
  networks { id }
} }"""


def test_a_person_offers_everything_about_them(api, analyst, riskiest):
    person = data(api, PERSON_IN_FULL, analyst, id=riskiest["people"][0]["id"])["person"]
    assert person["id"] == riskiest["people"][0]["id"]
    assert riskiest["id"] in [n["id"] for n in person["networks"]]
    assert person["incidents"]["edges"] and all(
        e["role"] and e["node"]["reportedAt"] for e in person["incidents"]["edges"]
    )
    times = [e["node"]["reportedAt"] for e in person["incidents"]["edges"]]
    assert times == sorted(times, reverse=True)
    assert person["disputes"] and person["counterparts"]
    assert {c["person"]["id"] for c in person["counterparts"]} <= {
        p["id"] for p in riskiest["people"]
    }
    records = person["sourceRecords"]
    assert len(records) == person["recordCount"]
    merged = [r for r in records if r["matchedWith"]]
    assert merged and all(r["evidence"] for r in merged)  # why each was merged
    assert all(
        "*" in (f["a"] or "*") and "*" in (f["b"] or "*")
        for r in merged
        for f in r["evidence"]
        if f["field"] in ("id_number", "phones")
    )


def test_a_record_placed_by_its_incident_says_why(api, analyst, sample_result):
    records = [
        json.loads(line) for line in (sample_result / "records.jsonl").open(encoding="utf-8")
    ]
    placed = next(r for r in records if r["evidence"] and "context" in r["evidence"])
    query = (
        "query($id: ID!) { person(id: $id) { sourceRecords { key reason evidence { field } } } }"
    )
    person = data(api, query, analyst, id=placed["person_id"])["person"]
    record = next(
        r
        for r in person["sourceRecords"]
        if r["key"] == f"{placed['source']}:{placed['record_id']}"
    )
    assert record["reason"] == placed["evidence"]["reason"]  # no identifier in it to mask
    assert record["reason"].startswith("linked because ") and record["evidence"]


def test_person_lists_filter_by_time_and_role(api, analyst, riskiest):
    person_id = riskiest["people"][0]["id"]
    everything = data(api, PERSON_IN_FULL, analyst, id=person_id)["person"]["incidents"]["edges"]
    middle = sorted(e["node"]["reportedAt"] for e in everything)[len(everything) // 2][:10]
    query = """query($id: ID!, $since: Date, $until: Date, $role: String) { person(id: $id) {
      incidents(since: $since, until: $until, role: $role, first: 50) {
        edges { role node { reportedAt } } } } }"""
    later = data(api, query, analyst, id=person_id, since=middle)["person"]["incidents"]["edges"]
    earlier = data(api, query, analyst, id=person_id, until=middle)["person"]["incidents"]["edges"]
    assert all(e["node"]["reportedAt"] >= middle for e in later)
    assert all(e["node"]["reportedAt"][:10] <= middle for e in earlier)
    assert len(later) + len(earlier) >= len(everything)
    role = everything[0]["role"]
    same_role = data(api, query, analyst, id=person_id, role=role)["person"]["incidents"]["edges"]
    assert same_role and all(e["role"] == role for e in same_role)


ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")


def test_dates_and_times_read_as_the_text_of_the_resolve_result(api, analyst, riskiest):
    """The graph holds temporal values; the API shows the ISO text it always has, the very
    text of persons.csv and incidents.jsonl."""
    with (api["result"] / "persons.csv").open(encoding="utf-8", newline="") as handle:
        born = {r["person_id"]: r["birth_date"] for r in csv.DictReader(handle) if r["birth_date"]}
    with (api["result"] / "incidents.jsonl").open(encoding="utf-8") as handle:
        reported = {r["incident_id"]: r["reported_at"] for r in map(json.loads, handle)}
    dated = next(p["id"] for p in riskiest["people"] if p["id"] in born)
    investigator = api["tokens"].create("inv-dates", Role.INVESTIGATOR)
    person = data(api, PERSON_IN_FULL, investigator, id=dated)["person"]
    assert person["birthDate"] == born[dated]  # '1998-12-04'
    masked = data(api, PERSON_IN_FULL, analyst, id=dated)["person"]
    assert masked["birthDate"] == born[dated][:4]  # the year: the date is 8 digits of the ID
    incidents = [e["node"] for e in person["incidents"]["edges"]]
    assert incidents and all(i["reportedAt"] == reported[i["id"]] for i in incidents)
    spans = person["disputes"] + person["counterparts"]
    assert spans and all(
        ISO_DATETIME.fullmatch(s["firstAt"]) and s["firstAt"] <= s["lastAt"] for s in spans
    )


def test_alerts_and_hotspots_filter_by_day(api, analyst):
    alerts = """query($since: Date) { alerts(since: $since, first: 50) {
      edges { node { id firstAt lastAt raisedAt } } } }"""
    every = [e["node"] for e in data(api, alerts, analyst)["alerts"]["edges"]]
    assert all(ISO_DATETIME.fullmatch(a["raisedAt"]) for a in every)
    day = sorted(a["lastAt"] for a in every)[len(every) // 2][:10]
    later = [e["node"]["id"] for e in data(api, alerts, analyst, since=day)["alerts"]["edges"]]
    assert 0 < len(later) < len(every)
    assert set(later) == {a["id"] for a in every if a["lastAt"][:10] >= day}
    hotspots = """query($since: Date, $until: Date) {
      hotspots(level: COMPOUND, since: $since, until: $until, minIncidents: 1, first: 50) {
        edges { node { firstAt lastAt } } } }"""
    until = data(api, hotspots, analyst, until=day)["hotspots"]["edges"]
    since = data(api, hotspots, analyst, since=day)["hotspots"]["edges"]
    assert until and all(e["node"]["lastAt"][:10] <= day for e in until)
    assert since and all(e["node"]["firstAt"][:10] >= day for e in since)


PAGE_INFO = "pageInfo { hasNextPage hasPreviousPage startCursor endCursor }"


def assert_page_info(page: dict, after: str | None) -> None:
    """Relay's PageInfo: the cursors of the first and last edges, and items before the
    page exactly when it was asked for after a cursor."""
    info, cursors = page["pageInfo"], [e["cursor"] for e in page["edges"]]
    assert info["startCursor"] == cursors[0] and info["endCursor"] == cursors[-1]
    assert info["hasPreviousPage"] == (after is not None)


def test_pages_follow_their_cursors_to_the_end(api, analyst):
    query = f"""query($after: String) {{ incidents(filter: {{disputesOnly: true}}, first: 50, after: $after) {{
      edges {{ cursor node {{ id category }} }} {PAGE_INFO} }} }}"""
    seen, after = [], None
    while True:
        page = data(api, query, analyst, after=after)["incidents"]
        seen += [e["node"]["id"] for e in page["edges"]]
        assert all(e["node"]["category"].startswith("纠纷") for e in page["edges"])
        assert_page_info(page, after)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) > 50
    bad = errors(api, query, analyst, after="not-a-cursor")
    assert bad[0]["extensions"]["code"] == "BAD_USER_INPUT"


# --- people(search): what a search box finds, in what order -----------------------------

SEARCH = f"""query($s: String!, $filter: PeopleFilter, $first: Int, $after: String) {{
  people(search: $s, filter: $filter, first: $first, after: $after) {{
    edges {{ cursor node {{ id name idNumber phones }} }} {PAGE_INFO} }} }}"""


@pytest.fixture(scope="module")
def persons(api) -> dict[str, dict]:
    """persons.csv of the loaded sample by person_id, each with the districts it lives or
    is registered in and its birth year."""
    result = api["result"]
    districts = {
        a["address_id"]: a["district"]
        for a in map(json.loads, (result / "addresses.jsonl").open(encoding="utf-8"))
    }
    rows = {}
    for row in csv.DictReader((result / "persons.csv").open(encoding="utf-8")):
        places = (row["residence_address_id"], row["household_address_id"])
        row["districts"] = {districts[a] for a in places if a}
        row["birth_year"] = int(row["birth_date"][:4]) if row["birth_date"] else None
        rows[row["person_id"]] = row
    return rows


def found(api, token: str, search: str, page: int = 50, **filter) -> list[str]:
    """The ids of everyone the search finds, in its order, page after page."""
    ids, after = [], None
    while True:
        result = data(api, SEARCH, token, s=search, filter=filter or None, first=page, after=after)
        edges = result["people"]["edges"]
        assert len(edges) <= page
        if edges:
            assert_page_info(result["people"], after)
        ids += [e["node"]["id"] for e in edges]
        if not result["people"]["pageInfo"]["hasNextPage"]:
            return ids
        after = result["people"]["pageInfo"]["endCursor"]


def initials(pinyin: str) -> str:
    return "".join(syllable[0] for syllable in pinyin.split())


def ranked(persons: dict[str, dict], rank) -> list[str]:
    """The ids of the persons `rank` gives a rank (not None), as docs/api.md orders them:
    by rank, then shorter names first, then by name and id."""
    ranks = {pid: rank(p) for pid, p in persons.items()}
    return sorted(
        (pid for pid, r in ranks.items() if r is not None),
        key=lambda pid: (ranks[pid], len(persons[pid]["name"]), persons[pid]["name"], pid),
    )


def name_rank(name: str, sound: str):
    """docs/api.md's ranks of a name search: exact, same sound, start, end, anywhere."""

    def rank(p: dict) -> int | None:
        named = p["name"].replace("·", "")
        tests = (
            named == name,
            p["pinyin"] == sound,
            named.startswith(name),
            named.endswith(name),
            name in named,
        )
        return next((r for r, hit in zip((0, 1, 3, 4, 5), tests, strict=True) if hit), None)

    return rank


def pinyin_rank(letters: str):
    """docs/api.md's ranks of a pinyin search: in full, initials, start, initials' start."""

    def rank(p: dict) -> int | None:
        joined, short = p["pinyin"].replace(" ", ""), initials(p["pinyin"])
        tests = (
            joined == letters,
            short == letters,
            joined.startswith(letters),
            short.startswith(letters),
        )
        return next((r for r, hit in zip((1, 2, 3, 5), tests, strict=True) if hit), None)

    return rank


def test_the_exact_name_comes_first_then_its_sound_then_names_that_hold_it(api, analyst, persons):
    order = found(api, analyst, "刘军")
    assert order == ranked(persons, name_rank("刘军", "liu jun"))
    names = [persons[pid]["name"] for pid in order]
    exact = names.count("刘军")
    homophones = sum(p["pinyin"] == "liu jun" and p["name"] != "刘军" for p in persons.values())
    assert exact >= 2 and names[:exact] == ["刘军"] * exact
    assert homophones >= 2  # 刘俊, 刘君
    after_exact = [persons[pid]["pinyin"] for pid in order[exact : exact + homophones]]
    assert after_exact == ["liu jun"] * homophones
    assert found(api, analyst, "劉軍") == order  # traditional characters


def test_a_surname_or_a_given_name_alone_finds_the_names_that_hold_it(api, analyst, persons):
    liu = found(api, analyst, "刘")
    assert liu == ranked(persons, name_rank("刘", "liu")) and len(liu) > 50
    assert all(persons[pid]["name"].startswith("刘") for pid in liu)
    given = found(api, analyst, "晓东")
    assert given == ranked(persons, name_rank("晓东", "xiao dong"))
    assert {persons[pid]["name"] for pid in given} >= {"刘晓东", "陈晓东", "曾晓东"}
    minority = next(p for p in persons.values() if "·" in p["name"])
    name = minority["name"]
    for part in (name, name.replace("·", ""), name.split("·")[-1]):
        assert minority["person_id"] in found(api, analyst, part), part


def test_pinyin_with_or_without_spaces_its_start_and_initials(api, analyst, persons):
    target = next(p for p in persons.values() if p["name"] == "刘晓东")
    for search in ("liu xiao dong", "liuxiaodong", "Liu Xiaodong", "liuxiao", "lxd", "lx"):
        letters = search.replace(" ", "").lower()
        order = found(api, analyst, search)
        assert order == ranked(persons, pinyin_rank(letters)), search
        assert target["person_id"] in order, search
    spelled = [persons[pid]["pinyin"] for pid in found(api, analyst, "liujun")]
    assert spelled[: spelled.count("liu jun")] == ["liu jun"] * spelled.count("liu jun")


def test_filters_narrow_a_search_to_a_district_birth_years_and_sex(api, analyst, persons):
    everyone = found(api, analyst, "王")
    one = next(
        persons[pid]
        for pid in everyone
        if persons[pid]["districts"] and persons[pid]["sex"] and persons[pid]["birth_year"]
    )
    district, sex, year = min(one["districts"]), one["sex"], one["birth_year"]
    cases = [
        ({"district": district}, lambda p: district in p["districts"]),
        ({"sex": sex}, lambda p: p["sex"] == sex),
        ({"birthYear": year}, lambda p: p["birth_year"] == year),
        (
            {"bornFrom": year - 5, "bornUntil": year + 5},
            lambda p: p["birth_year"] is not None and year - 5 <= p["birth_year"] <= year + 5,
        ),
        (
            {"district": district, "sex": sex, "bornUntil": year},
            lambda p: (
                district in p["districts"]
                and p["sex"] == sex
                and p["birth_year"] is not None
                and p["birth_year"] <= year
            ),
        ),
    ]
    for filter, keeps in cases:
        narrowed = found(api, analyst, "王", **filter)
        assert narrowed == [pid for pid in everyone if keeps(persons[pid])], filter
        assert 0 < len(narrowed) < len(everyone), filter
        assert one["person_id"] in narrowed, filter
    assert found(api, analyst, "王", birthYear=year, bornFrom=year + 1) == []


def test_people_pages_follow_their_cursors_to_the_end(api, analyst):
    in_sevens = found(api, analyst, "王", page=7)
    assert in_sevens == found(api, analyst, "王") and len(in_sevens) == len(set(in_sevens)) > 50
    empty = data(api, SEARCH, analyst, s="no such person")["people"]
    assert empty["edges"] == []
    assert empty["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": False,
        "startCursor": None,
        "endCursor": None,
    }
    assert (
        errors(api, SEARCH, analyst, s="王", after="not-a-cursor")[0]["extensions"]["code"]
        == "BAD_USER_INPUT"
    )


def test_a_full_id_number_or_phone_finds_its_person_and_a_part_finds_nobody(api, analyst, persons):
    investigator = api["tokens"].create("inv-search", Role.INVESTIGATOR)
    known = [p for p in persons.values() if p["id_number"] and p["phones"]][:5]
    assert known
    for person in known:
        number, phone = person["id_number"], person["phones"].split(";")[0]
        holder = api["tokens"].create(f"analyst-{person['person_id']}", Role.ANALYST)
        for whole in (number, phone, f"{phone[:3]} {phone[3:7]} {phone[7:]}"):
            edges = data(api, SEARCH, holder, s=whole)["people"]["edges"]
            assert [e["node"]["id"] for e in edges] == [person["person_id"]], whole
            assert "*" in edges[0]["node"]["idNumber"]  # masked for an analyst
            assert all("*" in p for p in edges[0]["node"]["phones"])
        parts = (number[:6], number[:14], number[:15], number[:17], number[-4:], number[-8:])
        parts += (phone[:3], phone[:7], phone[-4:], phone[-8:], phone[3:], phone[:-1])
        parts += (f"{number[:4]}{'*' * 10}{number[-4:]}", f"{phone[:3]}****{phone[-4:]}")
        parts += (f"{person['name']}{phone[-4:]}",)
        for part in parts:
            edges = data(api, SEARCH, investigator, s=part)["people"]["edges"]
            assert edges == [], part


def test_an_incident_its_case_dispute_address_and_people(api, analyst, riskiest):
    incident_id = riskiest["incidents"][0]["id"]
    query = """query($id: ID!) { incident(id: $id) { id category isDispute reportedAt
      address { id text } people { role person { id } } dispute { id incidents { id } }
      networks { id } case { id } } }"""
    incident = data(api, query, analyst, id=incident_id)["incident"]
    assert incident["isDispute"] and incident["address"]["text"]
    assert {p["person"]["id"] for p in incident["people"]} & {p["id"] for p in riskiest["people"]}
    assert incident_id in [i["id"] for i in incident["dispute"]["incidents"]]
    assert riskiest["id"] in [n["id"] for n in incident["networks"]]
    assert data(api, query, analyst, id="J-none")["incident"] is None


def test_cases_and_the_incidents_they_were_escalated_from(api, analyst):
    listing = """{ incidents(filter: {category: "纠纷"}, first: 50) { edges { node { id case { id } } } } }"""
    escalated = [
        e["node"] for e in data(api, listing, analyst)["incidents"]["edges"] if e["node"]["case"]
    ]
    query = """query($id: ID!) { case(id: $id) { id caseType status openedAt summary
      address { id } people { role person { id } } incidents { id } } }"""
    assert escalated, "the sample has dispute incidents escalated to cases"
    case = data(api, query, analyst, id=escalated[0]["case"]["id"])["case"]
    assert escalated[0]["id"] in [i["id"] for i in case["incidents"]]
    assert case["caseType"] and case["people"]


def test_networks_filter_and_one_network_by_id(api, analyst, riskiest):
    query = """query($since: Date, $until: Date, $district: String, $min: Int!) {
      repeatDisputeNetworks(since: $since, until: $until, district: $district, minIncidents: $min, first: 50) {
        edges { node { id incidentCount firstAt lastAt district riskScore } } } }"""
    every = data(api, query, analyst, min=3)["repeatDisputeNetworks"]["edges"]
    scores = [e["node"]["riskScore"] for e in every]
    assert scores == sorted(scores, reverse=True)
    district = data(api, query, analyst, min=3, district=riskiest["district"])
    assert all(
        e["node"]["district"] == riskiest["district"]
        for e in district["repeatDisputeNetworks"]["edges"]
    )
    big = data(api, query, analyst, min=riskiest["incidentCount"])["repeatDisputeNetworks"]
    assert all(e["node"]["incidentCount"] >= riskiest["incidentCount"] for e in big["edges"])
    late = data(api, query, analyst, min=3, since=riskiest["lastAt"][:10])
    assert all(
        e["node"]["lastAt"] >= riskiest["lastAt"][:10]
        for e in late["repeatDisputeNetworks"]["edges"]
    )
    early = data(api, query, analyst, min=3, until=riskiest["firstAt"][:10])
    assert all(
        e["node"]["firstAt"][:10] <= riskiest["firstAt"][:10]
        for e in early["repeatDisputeNetworks"]["edges"]
    )
    one = """query($id: ID!) { disputeNetwork(id: $id) { id size incidentCount escalations trend
      riskScore people { id } addresses { id text } incidents { id reportedAt } } }"""
    network = data(api, one, analyst, id=riskiest["id"])["disputeNetwork"]
    assert network["size"] == len(network["people"]) >= 2
    assert network["incidentCount"] <= len(network["incidents"]) and network["addresses"]


def test_an_address_its_residents_incidents_and_alerts(api, analyst):
    alerts = """{ alerts(first: 5) { edges { node { id level place district incidentCount reason
      addresses { id } incidents { id } } } } }"""
    alert = data(api, alerts, analyst)["alerts"]["edges"][0]["node"]
    assert alert["reason"] and len(alert["incidents"]) >= alert["incidentCount"]
    query = """query($id: ID!) { address(id: $id) { id text level compoundKey
      residents { kind person { id } } alerts { id }
      incidents(disputesOnly: true, first: 50) { edges { node { id isDispute } } } } }"""
    places = [data(api, query, analyst, id=a["id"])["address"] for a in alert["addresses"]]
    assert all(p["compoundKey"] for p in places)
    assert any(p["incidents"]["edges"] for p in places)
    assert any(p["residents"] for p in places)
    assert all(alert["id"] in [a["id"] for a in p["alerts"]] for p in places)


def test_hotspots_by_building_and_compound(api, analyst):
    query = """query($level: HotspotLevel!, $min: Int!) { hotspots(level: $level, minIncidents: $min, first: 10) {
      edges { node { key level place district incidentCount firstAt lastAt addresses { id buildingKey compoundKey } } } } }"""
    buildings = data(api, query, analyst, level="BUILDING", min=4)["hotspots"]["edges"]
    compounds = data(api, query, analyst, level="COMPOUND", min=8)["hotspots"]["edges"]
    assert buildings and compounds
    top = buildings[0]["node"]
    assert top["incidentCount"] >= 4 and all(
        a["buildingKey"] == top["key"] for a in top["addresses"]
    )
    assert all(
        a["compoundKey"] == compounds[0]["node"]["key"] for a in compounds[0]["node"]["addresses"]
    )
    assert compounds[0]["node"]["incidentCount"] >= top["incidentCount"]


def test_shortest_path_and_neighbourhood_ready_to_draw(api, analyst, riskiest):
    a, b = riskiest["people"][0]["id"], riskiest["people"][-1]["id"]
    query = """query($a: ID!, $b: ID!, $hops: Int!) { shortestPath(from: $a, to: $b, maxHops: $hops) {
      length nodes { id label caption } edges { type source target } } }"""
    path = data(api, query, analyst, a=a, b=b, hops=4)["shortestPath"]
    assert path["nodes"][0]["id"] == a and path["nodes"][-1]["id"] == b
    assert path["length"] == len(path["edges"]) == len(path["nodes"]) - 1
    ids = {n["id"] for n in path["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in path["edges"])
    assert (
        errors(api, query, analyst, a=a, b=b, hops=9)[0]["extensions"]["code"] == "BAD_USER_INPUT"
    )
    around = """query($id: ID!, $depth: Int!, $types: [RelationshipType!]) {
      neighbourhood(id: $id, depth: $depth, types: $types) { truncated
        nodes { id label caption } edges { id type source target incidents role } } }"""
    one = data(api, around, analyst, id=a, depth=1, types=["IN_DISPUTE_WITH"])["neighbourhood"]
    assert {e["type"] for e in one["edges"]} == {"IN_DISPUTE_WITH"}
    assert all(e["incidents"] >= 1 for e in one["edges"])
    two = data(api, around, analyst, id=a, depth=2, types=None)["neighbourhood"]
    drawn = {n["id"] for n in two["nodes"]}
    assert drawn > {n["id"] for n in one["nodes"]}
    assert all(e["source"] in drawn and e["target"] in drawn for e in two["edges"])
    assert {"Person", "Incident", "Address"} <= {n["label"] for n in two["nodes"]}
    place = data(api, around, analyst, id=riskiest["addresses"][0]["id"], depth=1, types=None)
    assert place["neighbourhood"]["nodes"][0]["label"] == "Address"
    assert (
        errors(api, around, analyst, id=a, depth=4, types=None)[0]["extensions"]["code"]
        == "BAD_USER_INPUT"
    )


def test_an_analyst_never_sees_a_full_id_number_or_phone(api, analyst):
    query = """query($s: String!) { people(search: $s, first: 20) { edges { node { id idNumber phones
      sourceRecords { idNumber phones raw evidence { field a b } } } } } }"""
    people = [e["node"] for e in data(api, query, analyst, s="张伟")["people"]["edges"]]
    assert people
    text = str(people)
    assert not re.search(r"\d{17}[\dX]", text) and not re.search(r"1\d{10}", text)
    investigator = api["tokens"].create("inv-q", Role.INVESTIGATOR)
    shown = str(data(api, query, investigator, s="张伟")["people"]["edges"])
    assert re.search(r"\d{17}[\dX]", shown)
    searched = [
        e["node"]["id"]
        for e in data(api, query, analyst, s=re.search(r"\d{17}[\dX]", shown).group())["people"][
            "edges"
        ]
    ]
    assert searched  # analysts may find by a number they hold, without seeing it


def test_the_api_benchmark_finds_people_in_disputes(api, neo4j_target):
    async def inputs():
        target = neo4j_target
        async with AsyncGraphDatabase.driver(target.uri, auth=(target.user, target.password)) as d:
            return await bench_inputs(d, target.database)

    people, names = asyncio.run(inputs())
    assert people and names and len(names) <= len(people)


def test_welcome_prints_a_token_and_example_queries_that_work(
    api, analyst, neo4j_target, monkeypatch, tmp_path, capsys
):
    monkeypatch.setenv("NEO4J_URI", neo4j_target.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_target.password)
    monkeypatch.setenv("FENGQIAO_HOME", str(tmp_path))
    assert cli.main(["welcome"]) == 0
    printed = capsys.readouterr().out
    assert "sign in with: fq_" in printed and "password in NEO4J_PASSWORD" in printed
    assert neo4j_target.password not in printed  # an analyst's sheet: no database password
    examples = [part.split("\n", 1)[1].split("\n\n")[0] for part in printed.split("\n# ")[1:]]
    assert len(examples) == 4
    for query in examples:
        answer = data(api, query, analyst)
        assert all(answer.values()), query


# --- review mutations: these change the graph, so they run last --------------------------

RECORDS = """query($id: ID!) { person(id: $id) { id recordCount sourceRecords { key decision decidedBy } } }"""


def _review_pair(api, which: int = 0) -> tuple[str, str, str, str]:
    """A review candidate: two records the model was unsure about, and their persons."""
    with (api["result"] / "review.csv").open(encoding="utf-8") as handle:
        pairs = [
            (
                f"{row['source_a']}:{row['record_a']}",
                f"{row['source_b']}:{row['record_b']}",
                row["person_a"],
                row["person_b"],
            )
            for row in csv.DictReader(handle)
            if row["person_a"] != row["person_b"]
        ]
    assert len(pairs) > which, "the sample has review candidates"
    return pairs[which]


def test_rejecting_a_candidate_removes_it_from_review(api):
    integrator = api["tokens"].create("integrator-2", Role.INTEGRATOR)
    a, b, person_a, person_b = _review_pair(api, which=1)
    candidates = """query($id: ID!) { person(id: $id) { possibleDuplicates { person { id } } } }"""
    listed = data(api, candidates, integrator, id=person_a)["person"]["possibleDuplicates"]
    assert person_b in [d["person"]["id"] for d in listed]
    reject = """mutation($a: ID!, $b: ID!) { rejectMatch(recordA: $a, recordB: $b) { persons { id } } }"""
    apart = data(api, reject, integrator, a=a, b=b)["rejectMatch"]["persons"]
    assert [p["id"] for p in apart] == [person_a, person_b]
    listed = data(api, candidates, integrator, id=person_a)["person"]["possibleDuplicates"]
    assert person_b not in [d["person"]["id"] for d in listed]


def test_an_analyst_may_not_decide_and_is_audited(api, analyst):
    a, b, _, _ = _review_pair(api)
    mutation = (
        """mutation($a: ID!, $b: ID!) { confirmMatch(recordA: $a, recordB: $b) { decision } }"""
    )
    refused = errors(api, mutation, analyst, a=a, b=b)
    assert refused[0]["extensions"]["code"] == "FORBIDDEN"
    entry = api["audit"].entries()[-1]
    assert entry["user"] == "analyst-q" and entry["outcome"] == "refused"
    assert entry["operation"].startswith("mutation")
    assert not api["decisions"].exists() or a not in api["decisions"].read_text(encoding="utf-8")


def test_confirm_and_reject_a_match(api):
    integrator = api["tokens"].create("integrator-1", Role.INTEGRATOR)
    a, b, person_a, person_b = _review_pair(api)
    candidates = """query($id: ID!) { person(id: $id) { possibleDuplicates { score reason person { id } } } }"""
    shown = data(api, candidates, integrator, id=person_a)["person"]["possibleDuplicates"]
    assert person_b in [d["person"]["id"] for d in shown] and all(d["score"] for d in shown)
    confirm = """mutation($a: ID!, $b: ID!, $note: String!) { confirmMatch(recordA: $a, recordB: $b, note: $note) {
      decision persons { id recordCount possibleDuplicates { person { id } } sourceRecords { key decision decidedBy } } } }"""
    merged = data(api, confirm, integrator, a=a, b=b, note="checked by phone")["confirmMatch"]
    assert merged["decision"] == "match" and len(merged["persons"]) == 1
    keys = {r["key"]: r for r in merged["persons"][0]["sourceRecords"]}
    assert {a, b} <= set(keys) and "integrator-1" in {r["decidedBy"] for r in keys.values()}
    reject = """mutation($a: ID!, $b: ID!) { rejectMatch(recordA: $a, recordB: $b) {
      decision persons { id sourceRecords { key } } } }"""
    apart = data(api, reject, integrator, a=a, b=b)["rejectMatch"]
    owners = {r["key"]: p["id"] for p in apart["persons"] for r in p["sourceRecords"]}
    assert owners[a] != owners[b]
    lines = list(csv.DictReader(api["decisions"].open(encoding="utf-8")))
    assert [line["decision"] for line in lines[-2:]] == ["match", "distinct"]
    assert lines[-2]["user"] == "integrator-1" and lines[-2]["note"] == "checked by phone"


def test_split_and_merge_persons_move_their_incidents(api, analyst, riskiest):
    admin = api["tokens"].create("admin-1", Role.ADMIN)
    person_id = max(
        (p["id"] for p in riskiest["people"]),
        key=lambda p: data(api, RECORDS, analyst, id=p)["person"]["recordCount"],
    )
    before = data(api, PERSON_IN_FULL, admin, id=person_id)["person"]
    moving = [r["key"] for r in before["sourceRecords"] if r["source"] == "dispatch"][:1]
    split = """mutation($id: ID!, $records: [ID!]!) { splitPerson(id: $id, records: $records) {
      persons { id pinyin recordCount sourceRecords { key decision } incidents(first: 50) { edges { node { id } } } } } }"""
    parts = data(api, split, admin, id=person_id, records=moving)["splitPerson"]["persons"]
    kept, new = parts
    assert kept["id"] == person_id and new["id"] != person_id
    for search in (initials(new["pinyin"]), new["pinyin"]):  # its own name's search keys
        assert new["id"] in found(api, admin, search), search
    assert [r["key"] for r in new["sourceRecords"]] == moving
    assert kept["recordCount"] == before["recordCount"] - 1
    assert new["incidents"]["edges"]  # the record's incident went with it
    merge = """mutation($ids: [ID!]!) { mergePersons(ids: $ids) {
      persons { id recordCount incidents(first: 50) { edges { node { id } } } counterparts { person { id } } } } }"""
    whole = data(api, merge, admin, ids=[new["id"], person_id])["mergePersons"]["persons"]
    assert [p["id"] for p in whole] == [person_id]
    assert whole[0]["recordCount"] == before["recordCount"]
    assert {e["node"]["id"] for e in whole[0]["incidents"]["edges"]} == {
        e["node"]["id"] for e in before["incidents"]["edges"]
    }
    assert whole[0]["counterparts"]  # disputes analysed again after the change
    assert data(api, RECORDS, analyst, id=new["id"])["person"] is None
    bad = errors(api, split, admin, id=person_id, records=["dispatch:not-there"])
    assert bad[0]["extensions"]["code"] == "BAD_USER_INPUT"


def housemates(driver, database: str, person_id: str) -> set[str]:
    records = driver.execute_query(
        "MATCH (:Person {personId: $id})-[:SAME_HOUSEHOLD]-(o:Person) RETURN o.personId AS id",
        id=person_id,
        database_=database,
    ).records
    return {r["id"] for r in records}


def test_a_merge_keeps_the_registered_person_in_its_household(api, driver, neo4j_target):
    """A person registered at a flat with others, merged with one registered nowhere that
    has more records: the registered one holds the anchor record and survives, in that
    household, and every household in the graph is still what the registrations say,
    though the decision rebuilt those of its persons only."""
    admin = api["tokens"].create("admin-2", Role.ADMIN)
    database = neo4j_target.database
    registered, unregistered = driver.execute_query(
        "MATCH (r:Person)-[:SAME_HOUSEHOLD]-() WHERE COUNT { (r)-[:RESOLVED_FROM]->() } = 1 "
        "WITH DISTINCT r ORDER BY r.personId LIMIT 1 "
        "MATCH (c:Person) WHERE NOT (c)-[:REGISTERED_AT]->() "
        "AND COUNT { (c)-[:RESOLVED_FROM]->() } > 1 "
        "WITH r, c ORDER BY c.personId LIMIT 1 RETURN r.personId, c.personId",
        database_=database,
    ).records[0]
    before = housemates(driver, database, registered)
    merge = "mutation($ids: [ID!]!) { mergePersons(ids: $ids) { persons { id } } }"
    persons = data(api, merge, admin, ids=[registered, unregistered])["mergePersons"]["persons"]
    assert [p["id"] for p in persons] == [registered]  # its registry record is the anchor
    assert housemates(driver, database, registered) == before != set()
    pairs = "MATCH (a:Person)-[:SAME_HOUSEHOLD]->(b:Person) RETURN a.personId, b.personId"
    registrations = (
        "MATCH (a:Person)-[:REGISTERED_AT]->(f:Address)<-[:REGISTERED_AT]-(b:Person) "
        "WHERE f.level = 'room' AND a.personId < b.personId RETURN a.personId, b.personId"
    )
    households = {tuple(r) for r in driver.execute_query(pairs, database_=database).records}
    expected = {tuple(r) for r in driver.execute_query(registrations, database_=database).records}
    assert households == expected


def test_resolution_respects_decisions_made_through_the_api(api, tmp_path):
    decided = list(csv.DictReader(api["decisions"].open(encoding="utf-8")))
    assert decided
    out = tmp_path / "again"
    resolve(
        SAMPLE,
        out,
        ResolveOptions(models_dir=tmp_path / "models", decisions_file=api["decisions"]),
        Progress(None),
    )
    with (out / "links.csv").open(encoding="utf-8") as handle:
        person = {f"{r['source']}:{r['record_id']}": r["person_id"] for r in csv.DictReader(handle)}
    latest = {}
    for row in decided:
        pair = tuple(
            sorted((f"{row['source_a']}:{row['record_a']}", f"{row['source_b']}:{row['record_b']}"))
        )
        latest[pair] = row["decision"]
    for (a, b), decision in latest.items():
        assert (person[a] == person[b]) == (decision == "match"), (a, b, decision)
