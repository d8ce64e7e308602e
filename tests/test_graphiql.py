"""GraphiQL served from the package, offline: the page and its files, the security
headers, introspection for signed-in callers only, and the page itself in a real
headless Chromium that can reach nothing but loopback."""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import ConsoleMessage, expect
from playwright.sync_api import Error as PlaywrightError

from api.app import ApiConfig, create_app
from api.audit import AuditLog
from api.graphql.graphiql import ASSETS, STATIC
from api.security.roles import Role
from api.security.tokens import TokenStore

INTROSPECTION = "{ __schema { queryType { name } types { name } } }"


def app_client(neo4j_target, tmp_path: Path, **options) -> tuple[TestClient, str]:
    """The API in-process (its lifespan runs), with an analyst token."""
    tokens = TokenStore(tmp_path / "tokens.json")
    token = tokens.create("analyst-g", Role.ANALYST)
    config = ApiConfig(
        target=neo4j_target, tokens=tokens, audit=AuditLog(tmp_path / "audit.jsonl"), **options
    )
    return TestClient(create_app(config)), token


@pytest.fixture
def client(neo4j_target, tmp_path) -> Iterator[tuple[TestClient, str]]:
    client, token = app_client(neo4j_target, tmp_path)
    with client:
        yield client, token


def test_the_page_loads_only_files_of_this_server(client):
    http, _ = client
    page = http.get("/graphql")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    loaded = re.findall(r'(?:src|href)="([^"]*)"', page.text)
    assert loaded and all(u.startswith("/graphql/static/") or u == "data:," for u in loaded)
    assert {u.removeprefix("/graphql/static/") for u in loaded if u != "data:,"} == set(ASSETS)
    for name in ASSETS:
        body = http.get(f"/graphql/static/{name}").text
        assert "//cdn" not in body and "googleapis" not in body and "unpkg.com" not in body, name


def test_vendor_files_are_npms_byte_for_byte_and_sent_compressed(client):
    """The sha256 of each uncompressed vendor file is the one static/README.md records."""
    http, _ = client
    recorded = dict(re.findall(r"\| `([\w.-]+)\.gz` \|.*\| `([0-9a-f]{64})` \|", _readme()))
    assert len(recorded) == 4
    for name, digest in recorded.items():
        packed = http.get(f"/graphql/static/{name}", headers={"Accept-Encoding": "gzip"})
        assert packed.headers["content-encoding"] == "gzip"  # httpx decodes the body
        assert hashlib.sha256(packed.content).hexdigest() == digest, name
        assert len(packed.content) > (STATIC / f"{name}.gz").stat().st_size
        plain = http.get(f"/graphql/static/{name}", headers={"Accept-Encoding": "identity"})
        assert "content-encoding" not in plain.headers
        assert plain.content == gzip.decompress((STATIC / f"{name}.gz").read_bytes())
    for licence in ("LICENSE.graphiql", "LICENSE.react", "LICENSE.react-dom"):
        assert "MIT License" in (STATIC / licence).read_text(encoding="utf-8")
    assert "codemirror" in (STATIC / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")


def _readme() -> str:
    return (STATIC / "README.md").read_text(encoding="utf-8")


def test_only_the_pages_files_are_served_and_unchanged_ones_cost_a_304(client):
    http, _ = client
    for name in ("README.md", "LICENSE.react", "graphiql.min.js.gz", "..%2Fschema.py"):
        assert http.get(f"/graphql/static/{name}").status_code == 404, name
    first = http.get("/graphql/static/fengqiao-graphiql.js")
    again = http.get(
        "/graphql/static/fengqiao-graphiql.js", headers={"If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304 and not again.content


def test_every_response_carries_the_security_headers(client):
    http, token = client
    responses = [
        http.get("/graphql"),
        http.get("/graphql/static/graphiql.min.js"),
        http.get("/graphql/static/nothing-here.js"),
        http.get("/healthz"),
        http.post("/graphql", json={"query": "{ __typename }"}),
        http.post(
            "/graphql",
            json={"query": "{ __typename }"},
            headers={"Authorization": f"Bearer {token}"},
        ),
    ]
    for response in responses:
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "http" not in policy and "*" not in policy  # nothing beyond this server
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"


def test_introspection_is_for_signed_in_callers_only(client):
    http, token = client
    for headers in ({}, {"Authorization": "Bearer fq_not_a_token"}, {"Authorization": token}):
        refused = http.post("/graphql", json={"query": INTROSPECTION}, headers=headers)
        assert refused.status_code == 401 and "data" not in refused.json(), headers
    signed_in = http.post(
        "/graphql", json={"query": INTROSPECTION}, headers={"Authorization": f"Bearer {token}"}
    ).json()
    assert signed_in["data"]["__schema"]["queryType"]["name"] == "Query"
    assert "DisputeNetwork" in {t["name"] for t in signed_in["data"]["__schema"]["types"]}


def test_introspection_can_be_refused_to_everyone(neo4j_target, tmp_path):
    client, token = app_client(neo4j_target, tmp_path, introspection=False)
    with client:
        body = client.post(
            "/graphql", json={"query": INTROSPECTION}, headers={"Authorization": f"Bearer {token}"}
        ).json()
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert not body.get("data")


def test_without_graphiql_there_is_no_page(neo4j_target, tmp_path):
    client, _ = app_client(neo4j_target, tmp_path, graphiql=False)
    with client:
        assert client.get("/graphql").status_code == 405  # POST /graphql only
        assert client.get("/graphql/static/graphiql.min.js").status_code == 404


# --- the page in a real browser -----------------------------------------------------------


def test_the_chromium_cannot_reach_beyond_loopback(chromium):
    page = chromium.new_page()
    for address in ("http://example.com/", "https://neo4j.com/browser/"):
        with pytest.raises(PlaywrightError, match="net::ERR_"):
            page.goto(address, timeout=10_000)
    page.close()


def test_sign_in_run_a_query_and_see_its_result_offline(api, chromium):
    token = api["tokens"].create("analyst-browser", Role.ANALYST)
    first = httpx.post(
        f"{api['url']}/graphql",
        json={"query": "{ repeatDisputeNetworks(first: 1) { edges { node { id } } } }"},
        headers={"Authorization": f"Bearer {token}"},
    ).json()["data"]["repeatDisputeNetworks"]["edges"][0]["node"]["id"]
    context = chromium.new_context()
    requests, failed, problems = [], [], []
    context.on("request", lambda r: requests.append(r.url))
    context.on("requestfailed", lambda r: failed.append(r.url))
    page = context.new_page()
    page.on("pageerror", lambda error: problems.append(str(error)))

    def refused_by_policy(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            problems.append(message.text)

    page.on("console", refused_by_policy)

    page.goto(f"{api['url']}/graphql")
    page.fill("#token", "fq_wrong")
    page.click("#sign-in-button")
    expect(page.locator("#sign-in-error")).to_contain_text("not accepted")
    page.fill("#token", token)
    page.fill("#purpose", "邻里纠纷研判 GraphiQL")
    page.fill("#case-number", "A3301082023000015")
    page.click("#sign-in-button")

    # the schema came through introspection with the token: the docs show its fields
    page.get_by_label("Documentation Explorer").click()
    docs = page.locator(".graphiql-doc-explorer")
    docs.get_by_role("link", name="Query", exact=True).click()
    expect(docs).to_contain_text("repeatDisputeNetworks")
    page.click(".graphiql-execute-button")
    result = page.get_by_label("Result Window")
    expect(result).to_contain_text('"riskScore"', timeout=30_000)
    expect(result).to_contain_text(first)
    # the page sent the purpose with every request (percent-encoded), and the log has it
    sent = [
        e for e in api["audit"].entries() if e["user"] == "analyst-browser" and e["status"] == 200
    ]
    assert sent and all(e["purpose"] == "邻里纠纷研判 GraphiQL" for e in sent[1:])
    assert sent[-1]["case_number"] == "A3301082023000015"
    assert "repeatDisputeNetworks" in sent[-1]["root_fields"]

    stored = page.evaluate(
        """async () => [localStorage.length, sessionStorage.length, document.cookie,
                        (await indexedDB.databases()).length]"""
    )
    assert stored == [0, 0, "", 0] and not context.cookies()
    assert token not in page.content()

    page.click("#sign-out")  # the token was in memory only: a reload forgets it
    expect(page.locator("#token")).to_be_visible()
    assert page.locator(".graphiql-container").count() == 0

    assert not problems and not failed, (problems, failed)
    assert any(url.endswith("/graphql/static/graphiql.min.js") for url in requests)
    assert all(urlsplit(url).hostname in ("127.0.0.1", "localhost") for url in requests), requests
    context.close()
