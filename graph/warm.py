"""The statements a batch runs, planned by the server while the batch is still being linked.

The first time a server sees a statement it parses and plans it (a few hundred ms
each on 2 cores, and a batch runs about forty), and it keeps the plan for that
statement text and those parameter types. Measured on a 200,000-person graph, a
60-day batch's graph work took 19.6 s the first time and 4.1 s the second. The
Ingestor sends each statement once with EXPLAIN, which plans and caches without
running anything, from a thread of its own while the batch is read and linked in
Python, so the server plans on the other core instead of inside the batch's
transaction. Each parameter gets a value of the type the code passes (lists of
rows, of ids, of pairs; times; numbers; text), so that the cached plan is the one
the batch's own call finds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from typing import Any

from neo4j import Driver

from graph.statements import all_statements, text_only

BATCH_FOLDERS = ("load", "ingest", "analyse")
"""The folders whose statements a batch runs (graph.changes, graph.reanalyse, graph.ingest),
in the order its transaction first needs them."""

PLACEHOLDERS: dict[str, Any] = {
    "rows": [{}],
    "ids": [""],
    "pairs": [["", ""]],
    "keys": [""],
    "places": [{}],
    "since": datetime(2000, 1, 1),
    "until": datetime(2000, 1, 1),
    "min": 0,
    "batch": 0,
    "seq": 0,
    "appliedAt": 0.0,
    "batchId": "",
    "source": "",
    "summary": "",
}
"""A value of the type the code passes for each parameter name the batch's statements use."""

_PARAMETER = re.compile(r"\$(\w+)")


def batch_statements() -> list[str]:
    names = [
        name
        for name in all_statements()
        if name.split("/")[0] in BATCH_FOLDERS and not name.startswith("load/first/")
    ]  # a batch's graph is never empty: the first-load forms are not its statements
    return sorted(names, key=lambda name: BATCH_FOLDERS.index(name.split("/")[0]))


def plan_in_background(
    driver: Driver, names: Iterable[str], database: str | None = None
) -> Future[int]:
    """Start planning `names` on the server; the future gives how many were planned."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fengqiao-plan")
    future = pool.submit(plan, driver, list(names), database)
    pool.shutdown(wait=False)
    return future


def plan(driver: Driver, names: list[str], database: str | None = None) -> int:
    with driver.session(database=database) as session:
        for name in names:
            text = text_only(name)
            session.run(f"EXPLAIN {text}", parameters(text)).consume()
    return len(names)


def parameters(text: str) -> dict[str, Any]:
    """Placeholder values for a statement's parameters: PLACEHOLDERS by name."""
    names = set(_PARAMETER.findall(text))
    unknown = sorted(names - PLACEHOLDERS.keys())
    if unknown:
        raise ValueError(f"no placeholder for parameter(s) {', '.join(unknown)} (graph.warm)")
    return {name: PLACEHOLDERS[name] for name in names}
