"""The review desk (`/review`) in a real headless Chromium against the real API, Neo4j
and Dedupe model, on the analysed sample with its resolution state: an integrator
signs in, sees a pair's evidence, decides, undoes; the decisions land in
decisions.csv, the graph and the audit log; an analyst is refused; nothing leaves
loopback; and `fengqiao label --from-decisions` learns from what was decided.

The tests share one graph and run in order: each builds on the decisions before it."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from conftest import SAMPLE, serving, wipe
from neo4j import Driver
from playwright.sync_api import Page, expect

from api import cli
from api.app import ApiConfig
from api.audit import AuditLog
from api.desk.config import PURPOSE, DeskConfig
from api.security.roles import Role
from api.security.tokens import TokenStore
from graph.analyse import AnalysisConfig, analyse
from graph.loader import load_result
from graph.statements import statement
from resolution.model.store import SHIPPED_TRAINING
from resolution.pipeline import ResolveOptions
from resolution.state import ResolutionState, changes_of_result

DOCS_IMG = Path(__file__).resolve().parent.parent / "docs" / "img"
DECIDED = 60_000  # ms: a decision re-analyses the graph's disputes before it returns


@pytest.fixture(scope="module")
def desk(driver, neo4j_target, sample_result, tmp_path_factory) -> Iterator[dict]:
    """The analysed sample in Neo4j and in a resolution state, served with the desk."""
    home = tmp_path_factory.mktemp("desk")
    state = ResolutionState(home / "state" / "resolution.sqlite")
    state.commit("base", str(SAMPLE), changes_of_result(sample_result), None, {})
    state.close()
    wipe(driver, neo4j_target.database)
    load_result(driver, sample_result, neo4j_target.database, progress=lambda _line: None)
    analyse(driver, AnalysisConfig(), neo4j_target.database)
    training = home / "training.json"
    shutil.copy(SHIPPED_TRAINING, training)
    tokens, audit = TokenStore(home / "tokens.json"), AuditLog(home / "audit.jsonl")
    config = ApiConfig(
        target=neo4j_target,
        tokens=tokens,
        audit=audit,
        decisions_file=home / "decisions.csv",
        desk=DeskConfig(
            state_file=home / "state" / "resolution.sqlite",
            models_dir=home / "models",
            training_file=training,
            review_band=ResolveOptions(models_dir=home / "models").review_band,
        ),
    )
    with serving(config) as url:
        yield {
            "url": url,
            "home": home,
            "tokens": tokens,
            "audit": audit,
            "decisions": home / "decisions.csv",
            "training": training,
            "truth": _truth(),
            "integrator": tokens.create("integrator-desk", Role.INTEGRATOR),
        }


def _truth() -> dict[str, str]:
    with (SAMPLE / "truth_links.csv").open(encoding="utf-8", newline="") as handle:
        return {f"{r['source']}:{r['record_id']}": r["person_key"] for r in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def browsing(desk, chromium) -> Iterator[dict]:
    """One browser context for the module, recording every request it makes."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    seen: dict = {"requests": [], "failed": [], "problems": []}
    context.on("request", lambda r: seen["requests"].append(r))
    context.on("requestfailed", lambda r: seen["failed"].append(r.url))
    yield {"context": context, **seen}
    context.close()


def owners(driver: Driver, database: str, keys: list[str]) -> dict[str, str | None]:
    rows = [{"key": k, "source": k.split(":")[0], "recordId": k.split(":", 1)[1]} for k in keys]
    records = driver.execute_query(
        statement("review/record_owners"), records=rows, database_=database
    ).records
    return {r["key"]: r["personId"] for r in records}


def _identities(desk, keys: list[str]) -> set[str]:
    """The ID numbers and phones of the persons the records belong to, in full."""
    state = ResolutionState(desk["home"] / "state" / "resolution.sqlite")
    try:
        persons = {r.person_id for r in state.records(keys).values()}
        records = [r for rs in state.records_of(persons).values() for r in rs]
    finally:
        state.close()
    return {r.id_number for r in records if r.id_number} | {p for r in records for p in r.phones}


def signed_in(browsing, desk, token: str) -> Page:
    page = browsing["context"].new_page()
    page.on("pageerror", lambda error: browsing["problems"].append(str(error)))
    page.on(
        "console",
        lambda m: "Content Security Policy" in m.text and browsing["problems"].append(m.text),
    )
    page.goto(f"{desk['url']}/review")
    page.fill("#token", token)
    page.click("#sign-in-button")
    return page


def shown_pair(page: Page) -> tuple[str, str]:
    """The record keys of the pair on screen, once its evidence is drawn."""
    expect(page.locator("#waterfall rect.bar")).not_to_have_count(0, timeout=60_000)
    a = page.locator("#records thead th").nth(1).inner_text().split()[-1]
    b = page.locator("#records thead th").nth(2).inner_text().split()[-1]
    return a, b


def test_without_an_integrator_token_nothing_is_shown(desk, browsing):
    analyst = desk["tokens"].create("analyst-desk", Role.ANALYST)
    url = f"{desk['url']}/review/api/queue"
    assert httpx.get(url).status_code == 401
    assert httpx.get(url, headers={"Authorization": "Bearer fq_forged_x"}).status_code == 401
    refused = httpx.get(url, headers={"Authorization": f"Bearer {analyst}", "X-Purpose": PURPOSE})
    assert refused.status_code == 403 and "analyst" in refused.json()["error"]
    assert "items" not in refused.json()
    page = signed_in(browsing, desk, analyst)
    expect(page.locator("#sign-in-error")).to_contain_text("Refused")
    assert page.locator("#desk").is_hidden()
    page.close()
    refusals = [e for e in desk["audit"].entries() if e["user"] == "analyst-desk"]
    assert refusals and all(e["status"] == 403 and e["outcome"] == "refused" for e in refusals)
    assert any(e["purpose"] == PURPOSE for e in refusals)


def test_an_integrator_sees_the_evidence_and_decides_different_persons(
    desk, browsing, driver, neo4j_target
):
    page = signed_in(browsing, desk, desk["integrator"])
    expect(page.locator("#who")).to_contain_text("integrator-desk")
    expect(page.locator("#progress")).to_contain_text("Reviewed today 0")
    first = page.locator("#queue li").first
    expect(first).to_have_class("chosen")  # the first pair opens by itself
    a, b = shown_pair(page)

    # the evidence: each compared field with its agreement and weight, drawn as a
    # waterfall from the prior to the final score
    rows = page.locator("#evidence-table tbody tr")
    assert rows.count() >= 6
    fields = set(page.locator("#evidence-table tbody tr td:first-child").all_inner_texts())
    assert {"name", "pinyin", "id_number", "phones", "addresses"} <= fields
    levels = set(page.locator("#evidence-table td.level").all_inner_texts())
    assert levels and levels & {"agree", "partial", "disagree", "missing"}
    assert page.locator("#waterfall rect.bar").count() == rows.count() + 2  # prior, final
    expect(page.locator("#evidence h3")).to_contain_text("final score")
    # masked for an integrator: no full ID number or phone of the persons on the page
    shown = page.content()
    secrets = _identities(desk, [a, b])
    assert secrets and not [s for s in secrets if s in shown]
    assert "*" in page.locator("#a-idNumber").inner_text() + page.locator("#a-phones").inner_text()
    # the persons with their records and incidents, and what each decision would change
    expect(page.locator("#persons article").first).to_contain_text("records")
    expect(page.locator("#preview")).to_contain_text("Different persons")

    if "SCREENSHOT_DOCS" in os.environ:  # `SCREENSHOT_DOCS=1 pytest ...` renews the docs'
        DOCS_IMG.mkdir(exist_ok=True)
        page.set_viewport_size({"width": 1400, "height": 2000})
        page.screenshot(path=str(DOCS_IMG / "review-pair.png"))
        page.set_viewport_size({"width": 1400, "height": 1000})
    shot = page.screenshot()
    assert shot[:8] == b"\x89PNG\r\n\x1a\n"

    page.fill("#note", "different birth dates on the two records")
    page.click("#btn-different")
    expect(page.locator("#status")).to_contain_text(
        f"Decided different: {a} / {b}", timeout=DECIDED
    )
    expect(page.locator("#progress")).to_contain_text("Reviewed today 1")
    after = shown_pair(page)
    assert after != (a, b)  # the queue advanced to the next pair

    # the decision store, the graph and the audit log all know it
    with desk["decisions"].open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    decided = rows[-1]
    assert decided["decision"] == "distinct" and decided["user"] == "integrator-desk"
    assert {
        f"{decided['source_a']}:{decided['record_a']}",
        f"{decided['source_b']}:{decided['record_b']}",
    } == {a, b}
    assert decided["note"] == "different birth dates on the two records"
    persons = owners(driver, neo4j_target.database, [a, b])
    assert persons[a] and persons[b] and persons[a] != persons[b]
    entries = [e for e in desk["audit"].entries() if e["user"] == "integrator-desk"]
    decision = [e for e in entries if e["operation"] == "desk decide different"]
    assert len(decision) == 1 and decision[0]["status"] == 200
    assert decision[0]["purpose"] == PURPOSE and decision[0]["role"] == "integrator"
    assert {"desk me", "desk queue", "desk pair"} <= {e["operation"] for e in entries}
    assert all(e["purpose"] == PURPOSE for e in entries)
    page.close()


def test_keyboard_decisions_follow_the_truth_and_undo_takes_one_back(
    desk, browsing, driver, neo4j_target
):
    """Same and different by keyboard for several pairs (as the sample's truth says, so
    that the next test can learn from them), skip, then undo the last decision."""
    page = signed_in(browsing, desk, desk["integrator"])
    truth, database = desk["truth"], neo4j_target.database
    decided = []
    for _ in range(6):
        a, b = shown_pair(page)
        prior = owners(driver, database, [a, b])
        word = "same" if truth[a] == truth[b] else "different"
        page.keyboard.press(word[0])
        expect(page.locator("#status")).to_contain_text(
            f"Decided {word}: {a} / {b}", timeout=DECIDED
        )
        decided.append((a, b, word, prior))
    for a, b, word, _ in decided:
        persons = owners(driver, database, [a, b])
        assert (persons[a] == persons[b]) == (word == "same"), (a, b, word)

    a, b = shown_pair(page)
    page.keyboard.press("u")
    expect(page.locator("#status")).to_contain_text(f"Skipped {a} / {b}", timeout=DECIDED)
    expect(page.locator("#progress")).to_contain_text("skipped 1")
    assert shown_pair(page) != (a, b)

    # undo: the records are with the persons they were with, the store forgets the
    # decision, and the pair is in the queue again
    last_a, last_b, word, prior = decided[-1]
    page.keyboard.press("z")
    expect(page.locator("#status")).to_contain_text(
        f"Undone: {word} on {last_a} / {last_b}", timeout=DECIDED
    )
    assert owners(driver, database, [last_a, last_b]) == prior
    with desk["decisions"].open(encoding="utf-8", newline="") as handle:
        last = list(csv.DictReader(handle))[-1]
    assert last["decision"] == "undone" and last["note"] == "undo"
    keys = {f"{last['source_a']}:{last['record_a']}", f"{last['source_b']}:{last['record_b']}"}
    assert keys == {last_a, last_b}
    headers = {"Authorization": f"Bearer {desk['integrator']}", "X-Purpose": PURPOSE}
    queue = httpx.get(f"{desk['url']}/review/api/queue", headers=headers, timeout=30).json()
    assert (last_a, last_b) in {(i["a"], i["b"]) for i in queue["items"]}
    page.close()

    # decided again (as the page does), so that the feedback test has every decision
    again = httpx.post(
        f"{desk['url']}/review/api/decide",
        json={"decision": word, "a": last_a, "b": last_b, "note": "again"},
        headers=headers,
        timeout=60,
    )
    assert again.status_code == 200, again.text
    operations = [e["operation"] for e in desk["audit"].entries() if e["user"] == "integrator-desk"]
    assert {"desk undo", "desk skip"} <= set(operations)
    assert operations.count("desk decide same") + operations.count("desk decide different") == 8


def _desk_api(desk, path: str, body: dict | None = None, **params) -> dict:
    """A call as the page makes it."""
    headers = {"Authorization": f"Bearer {desk['integrator']}", "X-Purpose": PURPOSE}
    url = f"{desk['url']}/review/api/{path}"
    response = (
        httpx.get(url, params=params, headers=headers, timeout=30)
        if body is None
        else httpx.post(url, json=body, headers=headers, timeout=60)
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_the_queue_filters_by_district_source_and_score(desk):
    everything = _desk_api(desk, "queue")
    items = everything["items"]
    assert everything["total"] == everything["progress"]["left"] >= len(items) > 1
    impacts = [i["impact"] for i in items]
    assert impacts == sorted(impacts, reverse=True)
    assert all(i["impact"] == i["incidents"] + i["disputes"] + i["networks"] for i in items)
    district = next(d for i in items for d in i["districts"] if d)
    local = _desk_api(desk, "queue", district=district)["items"]
    assert local and all(district in i["districts"] for i in local) and len(local) < len(items)
    scored = _desk_api(desk, "queue", minScore="0.3", maxScore="0.7")["items"]
    assert scored and all(0.3 <= i["score"] <= 0.7 for i in scored)
    assert len(scored) < len(items)
    for source in ("population", "dispatch", "case"):
        chosen = {i["id"] for i in _desk_api(desk, "queue", source=source)["items"]}
        having = {i["id"] for i in items if any(f"{source}:" in s for s in i["sources"])}
        assert chosen == having, source
    headers = {"Authorization": f"Bearer {desk['integrator']}"}
    bad = httpx.get(f"{desk['url']}/review/api/queue?minScore=high", headers=headers)
    assert bad.status_code == 400 and "minScore" in bad.json()["error"]


def test_split_a_record_off_and_undo_it(desk, driver, neo4j_target):
    """Split B off its person (as the X key does), then undo: B is back with its person,
    the part made for it is gone, and the store holds no decision on those pairs."""
    database = neo4j_target.database
    item = next(
        i
        for i in _desk_api(desk, "queue")["items"]
        if _desk_api(desk, "pair", a=i["a"], b=i["b"])["preview"]["split"]
    )
    a, b = item["a"], item["b"]
    prior = owners(driver, database, [a, b])
    before = _desk_api(desk, "pair", a=a, b=b)
    kept = before["persons"][-1]
    assert kept["personId"] == prior[b] and kept["recordCount"] > 1
    split = _desk_api(desk, "decide", {"decision": "split", "a": a, "b": b, "note": "twins"})
    now = owners(driver, database, [b])[b]
    assert now not in (prior[a], prior[b]) and now in split["persons"]
    alone = _desk_api(desk, "pair", a=a, b=b)["persons"]
    assert [p["recordCount"] for p in alone if p["personId"] == now] == [1]
    _desk_api(desk, "undo", {})
    assert owners(driver, database, [a, b]) == prior
    restored = _desk_api(desk, "pair", a=a, b=b)
    assert restored["b"]["score"] == before["b"]["score"]  # the link's score, not the undo's
    back = [p for p in restored["persons"] if p["personId"] == prior[b]]
    assert back[0]["recordCount"] == kept["recordCount"]
    assert {r["key"] for r in back[0]["records"]} == {r["key"] for r in kept["records"]}
    gone = driver.execute_query(
        statement("review/person_ids_taken"), ids=[now], database_=database
    ).records
    assert not gone[0]["taken"]
    with desk["decisions"].open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    undone = [r for r in rows if r["note"] == "undo"]
    assert undone and all(r["decision"] == "undone" for r in undone[-(kept["recordCount"] - 1) :])


def test_the_model_learns_from_the_decisions_made_on_the_page(desk, capsys):
    before = json.loads(desk["training"].read_text(encoding="utf-8"))
    code = cli.main(
        [
            "label",
            "--from-decisions",
            "--decisions",
            str(desk["decisions"]),
            "--state",
            str(desk["home"] / "state" / "resolution.sqlite"),
            "--training",
            str(desk["training"]),
            "--models",
            str(desk["home"] / "models"),
            "--holdout",
            "0.4",
        ]
    )
    out = capsys.readouterr().out
    with capsys.disabled():  # `pytest -s` shows what the team sees (docs/review-desk.md)
        print("\n" + out)
    assert code == 0, out
    assert "standing decisions" in out
    lines = {
        line.split()[0]: line for line in out.splitlines() if line.startswith(("before", "after"))
    }
    assert "precision" in lines["before"] and "recall" in lines["before"]
    assert "precision" in lines["after"] and "recall" in lines["after"]
    after = json.loads(desk["training"].read_text(encoding="utf-8"))
    added = (
        len(after["match"])
        + len(after["distinct"])
        - len(before["match"])
        - len(before["distinct"])
    )
    assert added >= 1
    assert lines["before"].split("model ")[1][:12] != lines["after"].split("model ")[1][:12]


def test_the_page_made_no_request_beyond_loopback(browsing):
    requests = [r.url for r in browsing["requests"]]
    assert any(u.endswith("/review/static/desk.js") for u in requests)
    assert all(urlsplit(u).hostname in ("127.0.0.1", "localhost") for u in requests), requests
    assert not browsing["failed"] and not browsing["problems"], (
        browsing["failed"],
        browsing["problems"],
    )
    purposes = {r.headers.get("x-purpose") for r in browsing["requests"] if "/review/api/" in r.url}
    assert purposes == {PURPOSE}


def test_a_scoped_token_is_refused_and_a_pair_shows_what_a_masked_role_may_see(desk):
    scoped = desk["tokens"].create("integrator-scoped", Role.INTEGRATOR, districts=["西湖区"])
    headers = {"Authorization": f"Bearer {scoped}", "X-Purpose": PURPOSE}
    refused = httpx.get(f"{desk['url']}/review/api/queue", headers=headers, timeout=30)
    assert refused.status_code == 403 and "scoped" in refused.json()["error"]
    item = _desk_api(desk, "queue")["items"][0]
    pair = _desk_api(desk, "pair", a=item["a"], b=item["b"])
    shown = json.dumps(pair, ensure_ascii=False)
    for record in (pair["a"], pair["b"]):
        born = record.get("birthDate")
        assert born is None or len(born) == 4  # the year: with the mask it would give the ID
    assert not re.search(r"(?<!\d)\d{17}[\dXx](?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)", shown)
    viewed = [e for e in desk["audit"].entries() if e.get("operation") == "desk pair"]
    assert viewed and viewed[-1]["person_ids"]  # who-viewed sees the desk's readers too
    assert desk["audit"].who_viewed(viewed[-1]["person_ids"][0])
