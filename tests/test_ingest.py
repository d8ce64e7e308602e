"""The living graph: the sample's last days fed as daily batches into a first build,
against the real Neo4j and the real Dedupe model.

A batch into an existing state must give what a first build over the same records
gives (persons, ids, disputes, networks, alerts), read only the batch, happen exactly
once, survive a real kill at any point, and raise the alert of the incident that
crosses a threshold when it arrives.
"""

from __future__ import annotations

import csv
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from conftest import as_old_graph, serving, wipe

from api.app import ApiConfig
from api.audit import AuditLog
from api.security.tokens import TokenStore
from graph.analyse import AnalysisConfig, analyse, analysis_results
from graph.ingest import IngestOptions, Ingestor
from graph.loader import graph_counts
from resolution.feed import split_feed
from resolution.pipeline import ResolveOptions
from resolution.state import DONE, RESOLVED, ResolutionState

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
DAYS = 20  # the sample's last 20 days: 12 daily batches


@pytest.fixture(scope="module")
def feed(tmp_path_factory) -> list[Path]:
    return split_feed(SAMPLE, tmp_path_factory.mktemp("feed"), DAYS)


@pytest.fixture(scope="module")
def models(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("models")


def ingestor(driver, target, home: Path, models: Path) -> Ingestor:
    state = ResolutionState(home / "state" / "resolution.sqlite")
    options = IngestOptions(resolve=ResolveOptions(models_dir=models, decisions_file=None))
    return Ingestor(driver, state, options, target.database)


def links(state: ResolutionState) -> dict[str, str]:
    return {f"{r['source']}:{r['record_id']}": r["person_id"] for r in state.links()}


@pytest.fixture(scope="module")
def batched(driver, neo4j_target, feed, models, tmp_path_factory):
    """The first build and the daily batches, uninterrupted, with what each left."""
    wipe(driver, neo4j_target.database)
    home = tmp_path_factory.mktemp("batched")
    feeding = ingestor(driver, neo4j_target, home, models)
    summaries, counts = [], []
    for folder in feed:
        summaries.append(feeding.ingest(folder))
        counts.append(graph_counts(driver, neo4j_target.database))
    result = {
        "summaries": summaries,
        "counts": counts,
        "links": links(feeding.state),
        "analysis": analysis_results(driver, neo4j_target.database),
        "home": home,
    }
    feeding.state.close()
    return result


def test_batches_give_what_one_first_build_over_the_same_records_gives(
    batched, graph, neo4j_target, models, tmp_path
):
    whole = ingestor(graph, neo4j_target, tmp_path, models)
    summary = whole.ingest(SAMPLE)
    assert summary.kind == "first build"
    assert links(whole.state) == batched["links"]  # the same persons, with the same ids
    assert analysis_results(graph, neo4j_target.database) == batched["analysis"]
    # review candidates are what each run flagged for a human: a batch also flags a new
    # record that matches two persons, which a whole run links before anyone could ask
    flagged = "relationship:POSSIBLY_SAME_AS"
    whole_counts = graph_counts(graph, neo4j_target.database)
    batched_counts = batched["counts"][-1] | {"node:Batch": 1}
    assert whole_counts[flagged] <= batched_counts[flagged]
    assert {k: v for k, v in whole_counts.items() if k != flagged} == {
        k: v for k, v in batched_counts.items() if k != flagged
    }


def test_a_batch_reads_only_itself_and_what_it_shares_keys_with(batched):
    first, *days = batched["summaries"]
    assert first.kind == "first build" and first.counts["records"] > 3000
    assert days and all(s.kind == "batch" for s in days)
    for day in days:
        # a day's handful of records meets tens of stored ones, not the 4,000 of the history
        assert 0 < day.counts["records"] <= 10
        assert day.counts["candidates"] < 200
    assert sum(d.counts["new_persons"] + d.counts["grown_persons"] for d in days) >= len(days)


def test_a_batch_analysis_equals_a_full_analysis_of_the_same_graph(batched, driver, neo4j_target):
    # the module's graph holds the batched build until the next test wipes it
    analyse(driver, AnalysisConfig(), neo4j_target.database)
    assert analysis_results(driver, neo4j_target.database) == batched["analysis"]


def test_batches_into_a_graph_written_before_dates_were_temporal_give_the_same(
    batched, graph, neo4j_target, feed, models, tmp_path
):
    """A first build whose dates and times are the ISO text older graphs hold: the next
    ingestor converts them (cypher/schema/006_temporal) and its batches give what batches
    into a graph written since give."""
    first = ingestor(graph, neo4j_target, tmp_path, models)
    first.ingest(feed[0])
    assert as_old_graph(graph, neo4j_target.database) > 3000
    later = Ingestor(graph, first.state, first.options, neo4j_target.database)
    for folder in feed[1:]:
        later.ingest(folder)
    assert links(later.state) == batched["links"]
    assert analysis_results(graph, neo4j_target.database) == batched["analysis"]
    later.state.close()


def test_person_ids_stay_stable_across_batches(batched):
    first = batched["summaries"][0]
    build = batched["home"] / "state" / "batches" / first.batch_id
    with (build / "links.csv").open(encoding="utf-8") as handle:
        before = {f"{r['source']}:{r['record_id']}": r["person_id"] for r in csv.DictReader(handle)}
    assert len(before) == first.counts["records"]
    # every record of the first build keeps its person id through the batches
    assert {key: batched["links"][key] for key in before} == before


def test_the_same_batch_twice_is_a_no_op_that_says_so(graph, neo4j_target, feed, models, tmp_path):
    feeding = ingestor(graph, neo4j_target, tmp_path, models)
    feeding.ingest(feed[0])
    first = feeding.ingest(feed[1])
    counts = graph_counts(graph, neo4j_target.database)
    again = feeding.ingest(feed[1])
    assert (first.outcome, again.outcome) == ("ingested", "already ingested")
    assert again.seq == first.seq and "already ingested" in again.line()
    assert graph_counts(graph, neo4j_target.database) == counts
    assert len(feeding.state.batches()) == 2
    feeding.state.close()


def test_a_batch_whose_state_commit_fails_leaves_the_graph_as_before(
    graph, neo4j_target, feed, models, tmp_path, monkeypatch
):
    """The graph's transaction runs beside the state's commit and waits for it: a state
    commit that fails (here: the disk, inside SQLite's transaction) rolls the graph back."""
    feeding = ingestor(graph, neo4j_target, tmp_path, models)
    feeding.ingest(feed[0])
    counts = graph_counts(graph, neo4j_target.database)

    def disk_full(*_args, **_kwargs):
        raise OSError("No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(ResolutionState, "_write_records", disk_full)
        with pytest.raises(OSError, match="No space left"):
            feeding.ingest(feed[1])
    assert graph_counts(graph, neo4j_target.database) == counts
    assert [b.source for b in feeding.state.batches()] == [str(feed[0])]
    assert feeding.ingest(feed[1]).outcome == "ingested"
    assert graph_counts(graph, neo4j_target.database)["node:Batch"] == 2
    feeding.state.close()


def _command(neo4j_target, home: Path, models: Path, *args: str, kill_at: str | None = None):
    env = {
        **os.environ,
        "NEO4J_URI": neo4j_target.uri,
        "NEO4J_USER": neo4j_target.user,
        "NEO4J_PASSWORD": neo4j_target.password,
        "NEO4J_DATABASE": neo4j_target.database,
        "FENGQIAO_HOME": str(home),
    }
    env.pop("FENGQIAO_TEST_KILL_AT", None)
    if kill_at:
        env["FENGQIAO_TEST_KILL_AT"] = kill_at
    (home / "models").mkdir(parents=True, exist_ok=True)
    for model in models.iterdir():  # the module's trained model, so no run trains again
        target = home / "models" / model.name
        if not target.exists():
            target.symlink_to(model)
    command = [sys.executable, "-m", "api.cli", "ingest", *args]
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_an_ingest_killed_anywhere_finishes_exactly_once(
    batched, graph, neo4j_target, feed, models, tmp_path
):
    """Real SIGKILLs at the named points between the state and the graph commits, and at
    random moments; after each, state and graph are as before the batch or as after it,
    and the next run finishes it. The end equals the uninterrupted run's."""
    home = tmp_path / "home"
    base = _command(neo4j_target, home, models, str(feed[0]))
    assert base.wait(timeout=600) == 0, base.stderr.read()
    points = ["state-committed", "graph-written", "graph-committed"]
    chance = random.Random(20261201)
    for index, day in enumerate(feed[1:], start=1):
        before, after = batched["counts"][index - 1], batched["counts"][index]
        point = points[index - 1] if index <= len(points) else None
        run = _command(neo4j_target, home, models, str(day), kill_at=point)
        if point is None:  # a random moment of the run
            time.sleep(chance.uniform(1.0, 6.0))
            run.send_signal(signal.SIGKILL)
        code = run.wait(timeout=600)
        counts = _without_batches(graph_counts(graph, neo4j_target.database))
        assert counts in (_without_batches(before), _without_batches(after)), (day, point)
        state = ResolutionState(home / "state" / "resolution.sqlite")
        status = {b.source: b.status for b in state.batches()}.get(str(day))
        state.close()
        if point is not None:
            assert code == -signal.SIGKILL
            assert status == RESOLVED  # committed to the state, not yet closed
        finish = _command(neo4j_target, home, models, str(day))
        out, err = finish.communicate(timeout=600)
        assert finish.returncode == 0, err
        expected = {RESOLVED: "finished", DONE: "already ingested"}.get(status, "ingested")
        assert f": {expected} (batch)" in out, (day, point, out)
    state = ResolutionState(home / "state" / "resolution.sqlite")
    assert links(state) == batched["links"]
    assert all(b.status == DONE for b in state.batches())
    assert len(state.batches()) == len(feed)
    state.close()
    assert analysis_results(graph, neo4j_target.database) == batched["analysis"]
    assert graph_counts(graph, neo4j_target.database) == batched["counts"][-1]


def _without_batches(counts: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in counts.items() if k != "node:Batch"}


# --- early warning -------------------------------------------------------------------

BUILDING = "浙江省杭州市滨江区西兴街道测试苑9幢1单元{}室"
INCIDENT_COLUMNS = [
    "incident_id",
    "reported_at",
    "category",
    "address",
    "summary",
    "disposition",
    "case_id",
]
PARTY_COLUMNS = ["party_id", "incident_id", "role", "name", "phone", "id_number", "gender"]


def _dispute_day(folder: Path, day: str, incidents: list[tuple[str, str, list[tuple]]]) -> Path:
    """A batch of neighbour-dispute calls: (incident id, room, [(party id, role, name, phone)])."""
    folder.mkdir(parents=True)
    with (folder / "dispatch_incidents.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(INCIDENT_COLUMNS)
        for n, (incident, room, _parties) in enumerate(incidents):
            address = BUILDING.format(room)
            writer.writerow(
                [
                    incident,
                    f"{day} 2{n}:00:00",
                    "纠纷-邻里纠纷",
                    address,
                    "报警人称邻居噪音扰民。",
                    "已调解",
                    "",
                ]
            )
    with (folder / "dispatch_parties.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(PARTY_COLUMNS)
        for incident, _room, parties in incidents:
            for party, role, name, phone in parties:
                writer.writerow([party, incident, role, name, phone, "", ""])
    return folder


def _quarrel(party: str) -> list[tuple]:
    return [
        (f"{party}a", "报警人", "钟一鸣", "13900001111"),
        (f"{party}b", "对方当事人", "柏雪松", "13900002222"),
    ]


def test_the_batch_that_crosses_a_threshold_raises_the_alert_it_names(
    graph, neo4j_target, feed, models, tmp_path
):
    """Two neighbours' third call in a building's fourth dispute: the building's hotspot
    and their network exist when that ingest returns, each naming that incident."""
    feeding = ingestor(graph, neo4j_target, tmp_path / "home", models)
    feeding.ingest(feed[0])
    early = _dispute_day(
        tmp_path / "day-1",
        "2025-01-02",
        [
            ("J9001", "101", _quarrel("X1")),
            ("J9002", "102", _quarrel("X2")),
            ("J9003", "201", [("X3a", "报警人", "邵可欣", "13900003333")]),
        ],
    )
    assert feeding.ingest(early).alerts_raised == []
    third = _dispute_day(tmp_path / "day-2", "2025-01-03", [("J9004", "101", _quarrel("X4"))])
    summary = feeding.ingest(third)
    raised = {a["level"]: a for a in summary.alerts_raised}
    assert raised.keys() >= {"building", "network"}
    assert raised["building"]["triggeredBy"] == raised["network"]["triggeredBy"] == "J9004"
    assert "alerts raised" in summary.line() and "J9004" in summary.line()
    records, _, _ = graph.execute_query(
        "MATCH (al:Alert {triggeredBy: 'J9004'})-[:ABOUT]->(i:Incident) "
        "RETURN al.level AS level, count(i) AS incidents",
        database_=neo4j_target.database,
    )
    assert {r["level"]: r["incidents"] for r in records} == {"building": 4, "network": 3}
    # and the batch's analysis is what a full one gives
    batched = analysis_results(graph, neo4j_target.database)
    analyse(graph, AnalysisConfig(), neo4j_target.database)
    assert analysis_results(graph, neo4j_target.database) == batched
    feeding.state.close()


# --- watch ---------------------------------------------------------------------------


def test_watch_ingests_arrivals_in_order_and_sets_bad_batches_aside(
    graph, neo4j_target, feed, models, tmp_path
):
    from graph.watch import DONE_DIR, FAILED_DIR, Watcher
    from graph.watch_status import read_status

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    feeding = ingestor(graph, neo4j_target, tmp_path / "home", models)
    lines: list[str] = []
    status_file = tmp_path / "home" / "watch.json"
    watcher = Watcher(feeding, inbox, status_file, lines.append)
    arrivals = [feed[0], None, feed[1], feed[2]]  # None: a damaged export
    for n, source in enumerate(arrivals):
        folder = inbox / f"batch-{n}"
        if source is None:
            folder.mkdir()
            (folder / "population.csv").write_text("名字,电话\n张三,1\n", encoding="utf-8")
        else:
            shutil.copytree(source, folder)
        os.utime(folder, (time.time() + n, time.time() + n))  # arrival order
    (inbox / ".batch-9-being-written").mkdir()
    before = graph_counts(graph, neo4j_target.database)
    done = watcher.run_once()
    assert [s.counts["records"] for s in done] == [
        feeding.state.batch(s.batch_id).summary["counts"]["records"] for s in done
    ]
    assert sorted(p.name for p in (inbox / DONE_DIR).iterdir()) == ["batch-0", "batch-2", "batch-3"]
    failed = sorted(p.name for p in (inbox / FAILED_DIR).iterdir())
    assert failed == ["batch-1", "batch-1.reason.txt"]
    reason = (inbox / FAILED_DIR / "batch-1.reason.txt").read_text(encoding="utf-8")
    assert "population.csv" in reason
    assert [b.source for b in feeding.state.batches()] == [
        str(inbox / f"batch-{n}") for n in (0, 2, 3)
    ]
    assert graph_counts(graph, neo4j_target.database) != before
    assert len([line for line in lines if line.startswith("batch ")]) == 3
    status = read_status(status_file)
    assert status["running"] and status["waiting"] == 0 and status["failed"] == 1
    assert status["last_batch"]["batch"] == "batch-3"
    config = ApiConfig(
        target=neo4j_target,
        tokens=TokenStore(tmp_path / "tokens.json"),
        audit=AuditLog(tmp_path / "audit.jsonl"),
        watch_status_file=status_file,
    )
    with serving(config) as url:
        ready = httpx.get(f"{url}/readyz").json()
    assert ready["status"] == "ready"
    assert ready["graph"]["last_batch"] == feeding.state.batches()[-1].seq
    assert ready["watch"]["running"] and ready["watch"]["waiting"] == 0
    assert ready["watch"]["last_batch"]["seq"] == ready["graph"]["last_batch"]
    assert (inbox / ".batch-9-being-written").exists()
    feeding.state.close()
