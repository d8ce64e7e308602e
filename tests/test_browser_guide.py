"""The Neo4j Browser guide: served by the API at /guide with its queries filled in,
every query finding something in the analysed sample, and the local Neo4j's Browser
playing it after connecting, in a headless Chromium that reaches loopback only."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from urllib.parse import urlsplit

import httpx
from playwright.sync_api import expect

from api.browser_guide import guide_statements
from api.settings import Settings
from graph.local.disposable import disposable_neo4j
from graph.statements import statement

# Neo4j Browser 5.24 itself asks for web fonts, Segment analytics and the Canny
# feedback widget; on a closed network these fail and Browser works without them.
# Neo4j Browser 5.24's own calls out (fonts, telemetry, feedback, error reports), whatever
# its settings say; each must fail here (docs/browser-guide.md). Matched by domain.
BROWSER_OWN_OUTSIDE_DOMAINS = ("fonts.googleapis.com", "segment.com", "canny.io", "sentry.io")


def test_the_guide_is_served_with_its_queries_and_answers_browsers_preflight(api):
    page = httpx.get(f"{api['url']}/guide")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["access-control-allow-origin"] == "*"
    names = guide_statements()
    assert len(names) == page.text.count("<slide ") == 8
    assert "{{" not in page.text
    for name in names:
        assert html.escape(statement(name), quote=False) in page.text, name
    preflight = httpx.options(
        f"{api['url']}/guide",
        headers={
            "Origin": "http://127.0.0.1:7474",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "pragma,cache-control",
        },
    )
    assert preflight.status_code == 204
    allowed = preflight.headers["access-control-allow-headers"]
    assert "pragma" in allowed and "cache-control" in allowed


def test_every_guide_query_finds_something_in_the_sample(api, driver, neo4j_target):
    for name in guide_statements():
        records = driver.execute_query(statement(name), database_=neo4j_target.database).records
        assert records, f"{name} found nothing in the analysed sample"


def test_neo4j_browser_plays_the_guide_after_connecting(api, chromium, tmp_path):
    """A Neo4j of its own, configured as `fengqiao neo4j start` does but with the
    guide of this test's API, so that Browser's post-connect command plays it. The
    guide's address is 127.0.0.1, which Browser fetches only because the configuration
    allows that host (its default list is guides.neo4j.com and localhost)."""
    base = replace(Settings().local_server(), guide_url=f"{api['url']}/guide")
    with disposable_neo4j(base, home=tmp_path / "neo4j", heap="512m", pagecache="64m") as target:
        http_port = re.search(
            r"server\.http\.listen_address=127\.0\.0\.1:(\d+)",
            (tmp_path / "neo4j" / "conf" / "neo4j.conf").read_text(),
        ).group(1)
        context = chromium.new_context(viewport={"width": 1400, "height": 900})
        requests, failed = [], set()
        context.on("request", lambda r: requests.append(r.url))
        context.on("requestfailed", lambda r: failed.add(r.url))
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{http_port}/browser/")
        page.fill("[data-testid=username]", "neo4j")
        page.fill("[data-testid=password]", target.password)
        page.click("[data-testid=connect]")

        expect(page.get_by_text(":play " + api["url"] + "/guide")).to_be_visible(timeout=60_000)
        expect(page.get_by_text("枫桥 Fengqiao: the dispute graph")).to_be_visible()
        expect(page.get_by_text("1 / 8")).to_be_visible()
        page.locator("pre.runnable").first.click()  # into the editor, as an investigator would
        page.click("[data-testid=editor-Run]")
        expect(page.get_by_text("Completed after")).to_be_visible(timeout=30_000)
        context.close()

    assert any(url == f"{api['url']}/guide" for url in requests)
    outside = [url for url in requests if urlsplit(url).hostname not in ("127.0.0.1", "localhost")]
    hosts = {urlsplit(url).hostname or "" for url in outside}
    assert all(h.endswith(BROWSER_OWN_OUTSIDE_DOMAINS) for h in hosts), outside
    assert all(url in failed for url in outside), "a request left loopback"
