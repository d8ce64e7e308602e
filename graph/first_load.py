"""A first load of a resolve result: through the bulk importer (graph/bulk_import.py)
when the target is the project's own local Neo4j, running, with an empty database;
otherwise through the online loader (graph/loader.py), which also completes a graph
that an interrupted first load left part written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from neo4j import Driver

from graph.bulk_import import bulk_import
from graph.loader import LoadOptions, database_empty, load_result
from graph.local.instance import LocalNeo4j
from graph.statements import statement

BULK, ONLINE = "bulk import", "online"


@dataclass(frozen=True)
class FirstLoad:
    path: str  # BULK or ONLINE
    written: int  # nodes plus relationships imported, or rows loaded online
    seconds: float

    def line(self) -> str:
        what = "nodes and relationships" if self.path == BULK else "rows"
        return f"Loaded {self.written:,} {what} in {self.seconds:.1f} s ({self.path})."


def first_load(
    driver: Driver,
    out_dir: Path,
    database: str | None,
    options: LoadOptions,
    server: LocalNeo4j | None,
    progress: Callable[[str], None],
) -> FirstLoad:
    """Load OUT_DIR; `server` is the local Neo4j that `driver` talks to, or None (a remote
    server, or online asked for). The driver is usable again on return: a bulk import
    restarts the server over a new store (see _forget_old_store)."""
    if _bulk(driver, database, server):
        summary = bulk_import(server, out_dir, database or "neo4j", progress)
        _forget_old_store(driver, database)
        return FirstLoad(BULK, summary.total, summary.seconds)
    loaded = load_result(driver, out_dir, database, options, progress=progress)
    return FirstLoad(ONLINE, loaded.total, loaded.seconds)


def _bulk(driver: Driver, database: str | None, server: LocalNeo4j | None) -> bool:
    """Whether the bulk importer may write: `server` runs, is the one the driver talks
    to (its port; another server is never stopped), and its database is empty."""
    if server is None or server.running_pid() is None:
        return False
    if driver.get_server_info().address.port != server.config.bolt_port:
        return False
    return database_empty(driver, database)


def _forget_old_store(driver: Driver, database: str | None) -> None:
    """Make a driver that talked to the store a bulk import replaced usable again: a read
    (retried) replaces the connections the restart broke, and the bookmark it ends with,
    of the new store, replaces those of the old one in the driver's execute_query
    bookmarks, which asked for transaction ids the new store has not reached."""
    with driver.session(database=database) as session:
        session.execute_read(lambda tx: tx.run(statement("admin/server_version")).consume())
        fresh = session.last_bookmarks().raw_values
    bookmarks = driver.execute_query_bookmark_manager
    bookmarks.update_bookmarks(bookmarks.get_bookmarks(), fresh)
