"""The first load through neo4j-admin's bulk importer, against real servers.

The importer needs its server stopped, so these tests bulk-import into a disposable
server of their own; the online load they are held to goes into the shared one. The
bulk graph must be the online graph: the same counts per label and relationship type,
and every node with the same properties (types included) and relationships.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import wipe

from api.settings import Settings
from graph.bulk_import import check_counts
from graph.connection import connect
from graph.errors import GraphError
from graph.first_load import BULK, ONLINE, first_load
from graph.ingest import IngestOptions, Ingestor
from graph.loader import LoadOptions, graph_counts
from graph.local.disposable import disposable_server
from graph.snapshot import differences, snapshot
from resolution.feed import split_feed
from resolution.pipeline import ResolveOptions
from resolution.state import ResolutionState

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
EVERY_NODE = 1_000_000


def quiet(_line: str) -> None:
    pass


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A disposable server of this module's, which the bulk importer stops and starts."""
    with disposable_server(
        Settings().local_server(),
        home=tmp_path_factory.mktemp("bulk-neo4j"),
        heap="512m",
        pagecache="256m",
    ) as local:
        yield local


@pytest.fixture(scope="module")
def online(driver, neo4j_target, sample_result, server):
    """The sample loaded online into the shared server. `server` is handed over too: it is
    not the server the driver talks to, so the first load must not bulk-import into it."""
    wipe(driver, neo4j_target.database)
    pid = server.running_pid()
    loaded = first_load(driver, sample_result, neo4j_target.database, LoadOptions(), server, quiet)
    assert loaded.path == ONLINE
    assert server.running_pid() == pid  # never stopped
    return snapshot(driver, neo4j_target.database, per_label=EVERY_NODE)


@pytest.fixture(scope="module")
def bulk(server, sample_result):
    """The sample's first load into the disposable server's empty database."""
    with connect(server.config.target()) as driver:
        loaded = first_load(driver, sample_result, "neo4j", LoadOptions(), server, quiet)
        assert loaded.path == BULK
        graph = snapshot(driver, "neo4j", per_label=EVERY_NODE)  # the same driver, reconnected
    return loaded, graph


def test_bulk_import_gives_the_online_graph(bulk, online):
    loaded, graph = bulk
    assert differences(graph, online, most=20) == []
    assert graph.sampled == sum(v for k, v in online.counts.items() if k.startswith("node:"))
    # what the importer wrote: the whole graph, the households derived from the files too
    assert graph.counts["relationship:SAME_HOUSEHOLD"] > 0
    assert loaded.written == sum(graph.counts.values())


def test_a_database_that_holds_data_is_loaded_online(bulk, server, sample_result, online):
    pid = server.running_pid()
    with connect(server.config.target()) as driver:
        loaded = first_load(driver, sample_result, "neo4j", LoadOptions(), server, quiet)
        assert loaded.path == ONLINE
        assert differences(snapshot(driver, "neo4j", per_label=EVERY_NODE), online) == []
    assert server.running_pid() == pid


def test_counts_that_differ_from_the_files_fail_loudly(bulk, server):
    with connect(server.config.target()) as driver:
        written = graph_counts(driver, "neo4j")
        check_counts(driver, "neo4j", written)
        written["node:Person"] += 1
        with pytest.raises(GraphError, match="node:Person: .* written"):
            check_counts(driver, "neo4j", written)


def test_a_failed_import_leaves_the_database_empty(bulk, server, sample_result, tmp_path):
    """An address twice is a fault the importer refuses; the server comes back with the
    database empty again, ready for the next first load."""
    broken = tmp_path / "result"
    shutil.copytree(sample_result, broken)
    with (broken / "addresses.jsonl").open("a", encoding="utf-8") as handle:
        handle.write((sample_result / "addresses.jsonl").read_text().splitlines()[0] + "\n")
    with connect(server.config.target()) as driver:
        wipe(driver, "neo4j")
        with pytest.raises(GraphError, match="import failed"):
            first_load(driver, broken, "neo4j", LoadOptions(), server, quiet)
    assert server.running_pid() is not None
    assert not server.config.import_marker.exists()
    with connect(server.config.target()) as driver:
        assert graph_counts(driver, "neo4j") == {}


def test_a_first_build_bulk_imports_and_marks_its_batch(bulk, server, tmp_path):
    """`fengqiao ingest`'s first build into the empty local server: bulk, analysed, and
    marked, so that the same batch again is a no-op."""
    base = split_feed(SAMPLE, tmp_path / "feed", 20)[0]
    state = ResolutionState(tmp_path / "state" / "resolution.sqlite")
    options = IngestOptions(
        resolve=ResolveOptions(models_dir=tmp_path / "models", decisions_file=None),
        local_server=server,
    )
    lines: list[str] = []
    with connect(server.config.target()) as driver:
        wipe(driver, "neo4j")
        ingestor = Ingestor(driver, state, options, "neo4j", lines.append)
        assert ingestor.ingest(base).outcome == "ingested"
        assert any(line.endswith(f"({BULK}).") for line in lines)
        assert graph_counts(driver, "neo4j")["node:Dispute"] > 0
        assert ingestor.ingest(base).outcome == "already ingested"
    state.close()
