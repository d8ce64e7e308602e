"""`fengqiao watch INBOX`: batches ingested as they arrive, one after another.

A batch arrives as a folder moved (renamed) into INBOX: folders whose names start
with `.` are still being written and are left alone. Batches are taken in
arrival order (the folder's modification time, then its name). A batch that
ingested goes to `INBOX/done/`; one whose input cannot be used goes to
`INBOX/failed/` with a `NAME.reason.txt` beside it, having changed nothing (the
resolution of a batch fails before anything is committed), and the next batch
goes on. A failure of the graph (Neo4j down) is not the batch's fault: the
batch stays in the inbox, and is finished on the next round.

The watcher writes its status (lag, last batch) to a JSON file that
`fengqiao status` and the API's `/readyz` read.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from threading import Event
from typing import Any

from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from graph.errors import GraphError
from graph.ingest import Ingestor, IngestSummary
from graph.watch_status import write_status
from resolution.errors import InputError

DONE_DIR, FAILED_DIR = "done", "failed"


@dataclass(frozen=True)
class WatchOptions:
    poll_s: float = 2.0


class Watcher:
    def __init__(
        self,
        ingestor: Ingestor,
        inbox: Path,
        status_file: Path,
        log: Callable[[str], None],
        options: WatchOptions = WatchOptions(),
    ) -> None:
        self.ingestor, self.inbox, self.status_file = ingestor, inbox, status_file
        self.log, self.options = log, options
        self.last: dict[str, Any] | None = None
        self.failed = 0
        for folder in (DONE_DIR, FAILED_DIR):
            (inbox / folder).mkdir(parents=True, exist_ok=True)

    def waiting(self) -> list[Path]:
        """Batches in the inbox, in arrival order."""
        folders = [
            p
            for p in self.inbox.iterdir()
            if p.is_dir() and not p.name.startswith(".") and p.name not in (DONE_DIR, FAILED_DIR)
        ]
        return sorted(folders, key=lambda p: (p.stat().st_mtime, p.name))

    def run_once(self) -> list[IngestSummary]:
        """Ingest what waits now; stops early (leaving the rest) when the graph fails."""
        done = []
        for folder in self.waiting():
            self._write_status()
            summary = self._one(folder)
            if summary is None and folder.exists():
                break  # the graph failed: try again next round
            if summary is not None:
                done.append(summary)
        self._write_status()
        return done

    def run(self, stop: Event) -> None:
        self.log(f"watching {self.inbox} (every {self.options.poll_s:g} s)")
        while not stop.is_set():
            self.run_once()
            stop.wait(self.options.poll_s)

    def _one(self, folder: Path) -> IngestSummary | None:
        try:
            summary = self.ingestor.ingest(folder)
        except InputError as error:
            self._fail(folder, str(error))
            return None
        except (GraphError, ServiceUnavailable, SessionExpired, Neo4jError) as error:
            self.log(f"{folder.name}: the graph failed ({error}); it stays in the inbox")
            return None
        _move(folder, self.inbox / DONE_DIR)
        self.last = {
            "batch": folder.name,
            "seq": summary.seq,
            "outcome": summary.outcome,
            "records": summary.counts.get("records", 0),
            "alerts_raised": len(summary.alerts_raised),
            "seconds": round(summary.seconds, 2),
            "finished_at": time.time(),
        }
        self.log(summary.line())
        return summary

    def _fail(self, folder: Path, reason: str) -> None:
        moved = _move(folder, self.inbox / FAILED_DIR)
        moved.with_name(moved.name + ".reason.txt").write_text(reason + "\n", encoding="utf-8")
        self.failed += 1
        self.log(f"{folder.name}: failed, moved to {moved}: {reason}")

    def _write_status(self) -> None:
        waiting = self.waiting()
        oldest = min((p.stat().st_mtime for p in waiting), default=None)
        write_status(
            self.status_file,
            {
                "pid": os.getpid(),
                "inbox": str(self.inbox),
                "updated_at": time.time(),
                "waiting": len(waiting),
                "lag_s": round(time.time() - oldest, 1) if oldest else 0.0,
                "failed": self.failed,
                "last_batch": self.last,
            },
        )


def _move(folder: Path, into: Path) -> Path:
    target, n = into / folder.name, 1
    while target.exists():
        n += 1
        target = into / f"{folder.name}.{n}"
    shutil.move(str(folder), target)
    return target
