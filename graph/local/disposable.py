"""A throwaway Neo4j on free loopback ports, for tests and benchmarks.

Benchmarks and tests erase their database; running them on a server of their
own keeps them off the investigator's graph in the local server.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from graph.connection import Neo4jTarget
from graph.local.instance import LocalNeo4j, LocalServerConfig, free_port


@contextmanager
def disposable_server(
    base: LocalServerConfig,
    home: Path | None = None,
    heap: str | None = None,
    pagecache: str | None = None,
) -> Iterator[LocalNeo4j]:
    """Start a server like `base` (same jars and version) in `home` or a temporary folder;
    stop it on exit. Yields the server itself, for those that stop and start it (a bulk
    import)."""
    with tempfile.TemporaryDirectory(prefix="fengqiao-neo4j-") as scratch:
        config = replace(
            base,
            home=home or Path(scratch),
            bolt_port=free_port(),
            http_port=free_port(),
            heap=heap or base.heap,
            pagecache=pagecache or base.pagecache,
        )
        server = LocalNeo4j(config)
        server.start()
        try:
            yield server
        finally:
            server.stop()


@contextmanager
def disposable_neo4j(
    base: LocalServerConfig,
    home: Path | None = None,
    heap: str | None = None,
    pagecache: str | None = None,
) -> Iterator[Neo4jTarget]:
    """A disposable server's connection target (see disposable_server)."""
    with disposable_server(base, home, heap, pagecache) as server:
        yield server.config.target()
