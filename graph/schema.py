"""Applying `cypher/schema/*.cypher`: in file order, idempotently, before any data.

Each statement runs in an auto-commit transaction: the migrations among them convert what
older graphs hold in batches (`CALL { } IN TRANSACTIONS`), which only such a transaction
may run. Every statement is safe to run again, so an interrupted run is finished by the next.

A first load into an empty database may hold back the indexes that no constraint needs
(`indexes=False`) and create them once its data is written: populating an index once
costs the server less than keeping it up to date row by row.
"""

from __future__ import annotations

import re

from neo4j import Driver

from graph.statements import statement, statements_in

# A statement that creates an index of its own, not one behind a constraint.
_CREATES_INDEX = re.compile(r"CREATE\s+(?:\w+\s+)?INDEX\b", re.IGNORECASE)


def apply_schema(driver: Driver, database: str | None = None, indexes: bool = True) -> int:
    """Run every schema statement (with `indexes=False`, all but those creating an index
    of its own); returns how many ran. Safe to run again."""
    schema = statements_in("schema")
    return _apply(driver, database, [s for s in schema if indexes or not _creates_index(s)])


def apply_indexes(driver: Driver, database: str | None = None) -> int:
    """Create the indexes that `apply_schema(indexes=False)` held back, and wait until they
    are populated; returns how many statements ran."""
    return _apply(driver, database, [s for s in statements_in("schema") if _creates_index(s)])


def _creates_index(statement_in: tuple[str, str]) -> bool:
    return _CREATES_INDEX.match(statement_in[1]) is not None


def _apply(driver: Driver, database: str | None, schema: list[tuple[str, str]]) -> int:
    with driver.session(database=database) as session:
        for _name, text in schema:
            session.run(text).consume()
    driver.execute_query(statement("admin/await_indexes"), database_=database)
    return len(schema)


def constraint_names(driver: Driver, database: str | None = None) -> set[str]:
    records, _, _ = driver.execute_query(statement("admin/list_constraints"), database_=database)
    return {record["name"] for record in records}
