"""The suite runs against a real Neo4j 5, always.

Without NEO4J_URI a disposable server is started for the session on free
loopback ports, with its data in a temporary folder (the jars come from the
project's cache, fetched once with Maven). With NEO4J_URI set, that server is
used instead; since tests erase the database between them, a database that
already holds data is refused unless FENGQIAO_TEST_WIPE=1 says it may be wiped.
If no Neo4j can be had, the suite fails: it never skips.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import uvicorn
from neo4j import Driver

from api.app import ApiConfig, create_app
from api.audit import AuditLog
from api.security.limits import Budgets
from api.security.tokens import TokenStore
from api.settings import Settings
from graph.analyse import AnalysisConfig, analyse
from graph.connection import Neo4jTarget, open_driver
from graph.loader import load_result
from graph.local.disposable import disposable_neo4j
from graph.local.instance import free_port
from graph.model import MODEL, ValueType
from graph.statements import all_statements, requested, statement
from resolution.pipeline import ResolveOptions, resolve
from resolution.progress import Progress

if TYPE_CHECKING:
    from playwright.sync_api import Browser

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; .ci/run installs it


@pytest.fixture(scope="session")
def neo4j_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jTarget]:
    settings = Settings()
    if settings.uses_external_neo4j:
        yield settings.neo4j_target()
        return
    with disposable_neo4j(
        settings.local_server(),
        home=tmp_path_factory.mktemp("neo4j"),
        heap=os.environ.get("FENGQIAO_TEST_NEO4J_HEAP", "1g"),
        pagecache=os.environ.get("FENGQIAO_TEST_NEO4J_PAGECACHE", "512m"),
    ) as target:
        yield target


@pytest.fixture(scope="session")
def driver(neo4j_target: Neo4jTarget) -> Iterator[Driver]:
    drv = open_driver(neo4j_target)
    nodes = _count_nodes(drv, neo4j_target.database)
    if nodes and os.environ.get("FENGQIAO_TEST_WIPE") != "1":
        drv.close()
        pytest.fail(
            f"The Neo4j at {neo4j_target.uri} holds {nodes} nodes and the tests erase it: "
            "point NEO4J_URI at a scratch database, or set FENGQIAO_TEST_WIPE=1.",
            pytrace=False,
        )
    yield drv
    drv.close()


@pytest.fixture
def graph(driver: Driver, neo4j_target: Neo4jTarget) -> Driver:
    """The driver, with an empty database: each test starts from nothing."""
    wipe(driver, neo4j_target.database)
    return driver


@pytest.fixture(scope="session")
def sample_result(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample resolved once for the session; tests only read it."""
    out = tmp_path_factory.mktemp("result")
    resolve(
        SAMPLE, out, ResolveOptions(models_dir=tmp_path_factory.mktemp("models")), Progress(None)
    )
    return out


@pytest.fixture(scope="module")
def api(driver, neo4j_target, sample_result, tmp_path_factory) -> Iterator[dict]:
    """The analysed sample in Neo4j and the API serving it over HTTP on a free loopback
    port, as `fengqiao serve` does (uvicorn), for the tests of one module."""
    wipe(driver, neo4j_target.database)
    load_result(driver, sample_result, neo4j_target.database, progress=lambda _line: None)
    analyse(driver, AnalysisConfig(), neo4j_target.database)
    state = tmp_path_factory.mktemp("api")
    tokens = TokenStore(state / "tokens.json")
    audit = AuditLog(state / "audit.jsonl")
    config = ApiConfig(
        target=neo4j_target,
        tokens=tokens,
        audit=audit,
        max_page_size=50,
        max_depth=6,
        decisions_file=state / "decisions.csv",
        # the module's tests share tokens and send many requests a minute; the budgets
        # per identifier search stay the defaults (tests/test_security.py tries them)
        budgets=Budgets(requests_per_minute=10_000),
    )
    with serving(config) as url:
        yield {
            "url": url,
            "tokens": tokens,
            "audit": audit,
            "decisions": state / "decisions.csv",
            "result": sample_result,
        }


@contextmanager
def serving(config: ApiConfig) -> Iterator[str]:
    """The API of `config` served over HTTP on a free loopback port (uvicorn, as
    `fengqiao serve` does); yields its base URL."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(config), host="127.0.0.1", port=port, log_level="error")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """Debian's headless Chromium, with no way out but loopback: every host name but
    localhost resolves to nothing, and every other connection goes to a proxy that is
    not there. Missing Chromium fails the test (no skip)."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does)"
    with socket.socket() as dead_end:  # bound, never listening: the proxy refuses all
        dead_end.bind(("127.0.0.1", 0))
        proxy = f"http://127.0.0.1:{dead_end.getsockname()[1]}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM),
                args=[
                    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
                    f"--proxy-server={proxy}",
                    "--proxy-bypass-list=127.0.0.1;localhost",
                    "--disable-background-networking",
                    "--disable-component-update",
                ],
            )
            yield browser
            browser.close()


def wipe(driver: Driver, database: str) -> None:
    while driver.execute_query(
        statement("admin/wipe_batch"), batch=10_000, database_=database
    ).records[0]["deleted"]:
        pass


def _count_nodes(drv: Driver, database: str) -> int:
    return drv.execute_query(statement("admin/count_nodes"), database_=database).records[0]["nodes"]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A run of the whole suite must have run every Cypher statement in `cypher/`."""
    everything = {path.name for path in Path(__file__).parent.glob("test_*.py")}
    ran = {item.path.name for item in session.items}
    if exitstatus != 0 or ran != everything or len(session.items) != session.testscollected:
        return  # a partial or failed run proves nothing either way
    unused = sorted(set(all_statements()) - requested())
    if unused:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        print(f"\nThese Cypher statements never ran in the suite: {', '.join(unused)}")


TEMPORAL = (ValueType.DATE, ValueType.LOCAL_DATETIME)


def as_old_graph(driver: Driver, database: str) -> int:
    """Write every date and time of the graph back as the ISO text graphs held before they
    were temporal values (what the loader and the analysis wrote then, as
    cypher/schema/006_temporal finds it); returns how many values were rewritten."""
    nodes = "MATCH (x) WHERE $name IN labels(x)"
    relationships = "MATCH ()-[x]->() WHERE type(x) = $name"
    written = 0
    for label in MODEL.labels:
        for prop in label.properties:
            if prop.type in TEMPORAL:
                written += _as_text(driver, database, nodes, label.name, prop.name)
    for relationship in MODEL.relationships:
        for prop in relationship.properties:
            if prop.type in TEMPORAL:
                written += _as_text(driver, database, relationships, relationship.type, prop.name)
    return written


def _as_text(driver: Driver, database: str, match: str, name: str, key: str) -> int:
    records = driver.execute_query(
        f"{match} AND x[$key] IS NOT NULL RETURN elementId(x) AS id, x[$key] AS value",
        name=name,
        key=key,
        database_=database,
    ).records
    rows = [{"id": r["id"], "props": {key: r["value"].to_native().isoformat()}} for r in records]
    driver.execute_query(
        f"UNWIND $rows AS row {match} AND elementId(x) = row.id SET x += row.props",
        rows=rows,
        name=name,
        database_=database,
    )
    return len(rows)
