"""`fengqiao ingest BATCH_DIR`: one batch of platform exports into the state and the graph,
exactly once.

Into an empty state a batch is the first build: the whole-history resolver
(resolution.pipeline), the first load (graph.first_load: the bulk importer into the
project's own empty local Neo4j, else the online loader) and the full analysis
(graph.analyse). Into an existing state only the batch is read: its records are
linked against the stored ones (resolution.batch), and what changed is written
to the graph and analysed where it touched the graph (graph.changes,
graph.reanalyse) in one Neo4j transaction.

Exactly once: a batch is identified by the hash of its files, and journalled in
the state. Its resolution is committed to the state with the change set in one
SQLite transaction (status `resolved`); the graph transaction that applies it
also writes the batch's mark (a `Batch` node); then the journal says `done`. A
process killed anywhere leaves the state and the graph each as before the batch
or as after it, and the next ingest (of any batch) first finishes what the
journal says is unfinished. The same batch again is a no-op that says so.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neo4j import Driver, ManagedTransaction

from graph.analyse import AnalysisConfig, analyse
from graph.changes import touched_incidents, touched_persons, write_changes
from graph.errors import GraphError
from graph.first_load import first_load
from graph.loader import LoadOptions
from graph.local.instance import LocalNeo4j
from graph.reanalyse import before_batch, reanalyse
from graph.schema import apply_schema
from graph.statements import statement
from graph.warm import batch_statements, plan_in_background
from resolution.pipeline import ResolveOptions
from resolution.state import DONE, ResolutionState, changes_of_result, changes_to_json

FIRST_BUILD = "first build"


@dataclass(frozen=True)
class IngestOptions:
    resolve: ResolveOptions
    analysis: AnalysisConfig = AnalysisConfig()
    load: LoadOptions = LoadOptions()
    out_dir: Path | None = None  # where a first build's resolve result goes (default: the state's)
    # The project's own local Neo4j, when it is the graph written to: a first build into
    # its empty database goes through the bulk importer. None: always online.
    local_server: LocalNeo4j | None = None


@dataclass
class IngestSummary:
    batch_id: str
    seq: int
    outcome: str  # "ingested", "already ingested", "finished" (an interrupted one)
    kind: str  # FIRST_BUILD or "batch"
    source: str
    counts: dict[str, int] = field(default_factory=dict)
    alerts_raised: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        """The one line a batch gets in the log and on the console."""
        c = self.counts
        alerts = ", ".join(
            f"{a['level']} {a.get('place') or a['alertId']} ({a['triggeredBy']})"
            for a in self.alerts_raised
        )
        return (
            f"batch {self.seq} {Path(self.source).name}: {self.outcome} ({self.kind}), "
            f"{_count(c.get('records', 0), 'record')}, "
            f"{_count(c.get('new_persons', 0), 'new person')}, {c.get('grown_persons', 0):,} grown, "
            f"{c.get('removed_persons', 0):,} merged away, {c.get('flagged', 0):,} for review, "
            f"{_count(len(self.alerts_raised), 'alert')} raised"
            f"{': ' + alerts if alerts else ''}, {self.seconds:.1f} s"
        )


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def batch_id(batch_dir: Path) -> str:
    """The content hash of a batch folder: its files' names and bytes."""
    digest = hashlib.sha256()
    for path in sorted(
        p for p in batch_dir.rglob("*") if p.is_file() and not p.name.startswith(".")
    ):
        digest.update(path.relative_to(batch_dir).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:24]


class Ingestor:
    """Ingests batches one after another, holding the model and the state open
    (`fengqiao watch` keeps one for its whole life)."""

    def __init__(
        self,
        driver: Driver,
        state: ResolutionState,
        options: IngestOptions,
        database: str | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        self.driver, self.state, self.options, self.database = driver, state, options, database
        self.verbose = progress is not None
        self.progress = progress or (lambda _line: None)
        self._model = None
        self._planned = False  # whether this server has planned the batch's statements
        apply_schema(driver, database)
        self._check_graph()

    def ingest(self, batch_dir: Path) -> IngestSummary:
        started = time.perf_counter()
        if not batch_dir.is_dir():
            raise GraphError(f"{batch_dir} is not a folder of platform exports.")
        unfinished = self.state.unfinished()
        identity = batch_id(batch_dir)
        if unfinished is not None and unfinished.batch_id != identity:
            self.progress(
                f"finishing batch {unfinished.seq} ({unfinished.source}), interrupted before"
            )
            self._finish(unfinished.batch_id, unfinished.seq, unfinished.source)
        known = self.state.batch(identity)
        if known is not None and known.status == DONE:
            return IngestSummary(
                identity,
                known.seq,
                "already ingested",
                known.summary.get("kind", ""),
                known.source,
                known.summary.get("counts", {}),
            )
        if known is not None:
            summary = self._finish(identity, known.seq, known.source)
            summary.outcome = "finished"
        elif self.state.is_empty():
            summary = self._first_build(identity, batch_dir)
        else:
            summary = self._batch(identity, batch_dir)
        summary.seconds = time.perf_counter() - started
        return summary

    # --- the two kinds of batch -------------------------------------------------------

    def _first_build(self, identity: str, batch_dir: Path) -> IngestSummary:
        from resolution.pipeline import resolve

        out_dir = self.options.out_dir or self._work_dir(identity)
        resolved = resolve(batch_dir, out_dir, self.options.resolve, self._resolve_progress())
        self.progress(
            f"Resolved {resolved.records:,} person records into {resolved.persons:,} persons."
        )
        changes = changes_of_result(out_dir)
        counts = {
            "records": resolved.records,
            "new_persons": resolved.persons,
            "flagged": len(changes.review),
        }
        meta = {"kind": FIRST_BUILD, "counts": counts, "out_dir": str(out_dir)}
        seq = self.state.commit(
            identity, str(batch_dir), changes, {"first_build": str(out_dir)}, meta
        )
        _checkpoint("state-committed")
        return self._finish(identity, seq, str(batch_dir))

    def _batch(self, identity: str, batch_dir: Path) -> IngestSummary:
        from resolution.batch import link_batch
        from resolution.prepare import prepare
        from resolution.progress import Progress
        from resolution.sources import read_exports, write_quarantine

        planning = None
        if not self._planned:  # the server plans while the batch is linked (graph.warm)
            planning = plan_in_background(self.driver, batch_statements(), self.database)
        exports = read_exports(batch_dir, self.options.resolve.mapping_file)
        prepared = prepare(exports, Progress(None), alias_flats=False)  # link_batch aliases
        changes, stats = link_batch(self.state, prepared, self.model(), self.options.resolve)
        work = self._work_dir(identity)
        work.mkdir(parents=True, exist_ok=True)
        write_quarantine(work / "quarantine.csv", exports.quarantined)
        counts = {
            "records": stats.records,
            "unchanged": stats.unchanged,
            "relinked": stats.relinked,
            "candidates": stats.candidates,
            "pairs": stats.pairs,
            "new_persons": stats.new_persons,
            "grown_persons": stats.grown_persons,
            "removed_persons": stats.removed_persons,
            "flagged": stats.flagged,
            "quarantined": exports.rows_quarantined,
        }
        meta = {"kind": "batch", "counts": counts}
        journalled = changes_to_json(changes)
        seq, source = self.state.next_seq(), str(batch_dir)
        applied = self._commit_and_apply(
            identity,
            seq,
            source,
            journalled,
            lambda: self.state.commit(identity, source, changes, journalled, meta, seq),
        )
        summary = self._close(identity, seq, source, applied)
        if planning is not None:  # not waited for: the transaction overtakes what is left
            planning.result()
            self._planned = True
        return summary

    # --- the graph side -----------------------------------------------------------------

    def _finish(
        self, identity: str, seq: int, source: str, changes: dict[str, Any] | None = None
    ) -> IngestSummary:
        """Apply a committed batch to the graph (unless its mark is there), then close it.
        The change set is the journalled one when an interrupted batch is finished."""
        applied = self._mark(identity)
        if applied is None:
            changes = changes or self.state.changes_of(identity)
            if "first_build" in changes:
                applied = self._load_first_build(
                    identity, seq, source, Path(changes["first_build"])
                )
            else:
                applied = self._apply(identity, seq, source, changes)
        return self._close(identity, seq, source, applied)

    def _commit_and_apply(
        self,
        identity: str,
        seq: int,
        source: str,
        changes: dict[str, Any],
        commit_state: Callable[[], Any],
    ) -> dict[str, Any]:
        """The state's commit and the graph's transaction at once, on two threads: SQLite's
        commit costs the Python side seconds that the graph's transaction, mostly the
        server's work, would otherwise wait for. The graph commits only once the state
        has, so a kill anywhere leaves the graph behind the state or level with it,
        never ahead: what the journal finishes (`_finish`)."""
        state_committed: Future[None] = Future()
        with ThreadPoolExecutor(1, thread_name_prefix="graph-write") as pool:
            graph = pool.submit(self._apply, identity, seq, source, changes, state_committed)
            try:
                commit_state()
            except BaseException as error:
                state_committed.set_exception(error)  # the graph's transaction rolls back
                raise
            state_committed.set_result(None)
            _checkpoint("state-committed")
            return graph.result()

    def _close(
        self, identity: str, seq: int, source: str, applied: dict[str, Any]
    ) -> IngestSummary:
        """The graph holds the batch: the journal says done."""
        _checkpoint("graph-committed")
        meta = self.state.batch(identity).summary
        meta["alerts_raised"] = applied.get("alerts_raised", [])
        self.state.finish(identity, meta)
        return IngestSummary(
            identity, seq, "ingested", meta["kind"], source, meta["counts"], meta["alerts_raised"]
        )

    def _load_first_build(
        self, identity: str, seq: int, source: str, out_dir: Path
    ) -> dict[str, Any]:
        """A whole result: the first load (online, it completes what an interrupted one
        left), the full analysis, then the mark."""
        o = self.options
        loaded = first_load(
            self.driver, out_dir, self.database, o.load, o.local_server, self.progress
        )
        self.progress(loaded.line())
        found = analyse(self.driver, self.options.analysis, self.database)
        self.progress(
            f"{found.disputes:,} disputes, {found.networks:,} repeat-dispute networks, {found.alerts:,} alerts."
        )
        summary = {"alerts_raised": []}
        with self.driver.session(database=self.database) as session:
            session.execute_write(_mark_batch, identity, seq, source, summary)
        return summary

    def _apply(
        self,
        identity: str,
        seq: int,
        source: str,
        changes: dict[str, Any],
        state_committed: Future[None] | None = None,
    ) -> dict[str, Any]:
        """The batch's writes, re-analysis and mark in one transaction, which commits once
        `state_committed` is done (and rolls back if it failed)."""
        incidents, persons = touched_incidents(changes), touched_persons(changes)
        config = self.options.analysis

        def work(tx: ManagedTransaction) -> dict[str, Any]:
            before = before_batch(tx, incidents, persons)
            write_changes(tx, changes)
            _checkpoint("graph-written")
            result = reanalyse(tx, config, incidents, before)
            summary = {
                "alerts_raised": [_alert_line(a) for a in result.alerts_raised],
                "alerts_withdrawn": result.alerts_withdrawn,
            }
            _mark_batch(tx, identity, seq, source, summary)
            if state_committed is not None:
                state_committed.result()
            return summary

        with self.driver.session(database=self.database) as session:
            summary = session.execute_write(work)
        self.driver.execute_query(statement("load/12_search_indexes"), database_=self.database)
        return summary

    def _resolve_progress(self):
        from resolution.progress import Progress

        return Progress() if self.verbose else Progress(None)

    def _work_dir(self, identity: str) -> Path:
        return self.state.path.parent / "batches" / identity

    def _check_graph(self) -> None:
        """The state and the graph must be of one history: a graph emptied or swapped
        under a state would silently miss everything the state holds."""
        last = self.state.batches(last=1)
        if last and last[0].status == DONE and self._mark(last[0].batch_id) is None:
            raise GraphError(
                f"The graph does not hold batch {last[0].seq} ({last[0].source}), which the state "
                f"{self.state.path} says it does: the graph was emptied, or it is another one. "
                "Point FENGQIAO_HOME at this graph's state, or move that state away to build again."
            )

    def _mark(self, identity: str) -> dict[str, Any] | None:
        records, _, _ = self.driver.execute_query(
            statement("ingest/batch_mark"), batchId=identity, database_=self.database
        )
        return json.loads(records[0]["mark"]["summary"]) if records else None

    def model(self):
        """The Dedupe model, loaded (or trained) once for the life of this ingestor."""
        if self._model is None:
            from resolution.model.store import load_or_train

            o = self.options.resolve
            self._model = load_or_train(o.models_dir, o.training_file, o.retrain, o.num_cores)
        return self._model


def _mark_batch(
    tx: ManagedTransaction, identity: str, seq: int, source: str, summary: dict
) -> None:
    tx.run(
        statement("ingest/mark_batch"),
        batchId=identity,
        seq=seq,
        source=source,
        appliedAt=time.time(),
        summary=json.dumps(summary, ensure_ascii=False),
    ).consume()


def _alert_line(alert: dict[str, Any]) -> dict[str, Any]:
    """An alert as the batch's mark and the state's journal keep it (JSON: times as ISO text)."""
    props = alert["props"]
    return {
        "alertId": alert["alertId"],
        "level": props["level"],
        "place": props.get("place"),
        "triggeredBy": props["triggeredBy"],
        "raisedAt": props["raisedAt"].isoformat(),
        "reason": props["reason"],
    }


def _checkpoint(name: str) -> None:
    """A point where the crash tests kill this process (FENGQIAO_TEST_KILL_AT=name):
    a real SIGKILL, nothing cleaned up."""
    if os.environ.get("FENGQIAO_TEST_KILL_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
