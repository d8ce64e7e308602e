"""Applying `cypher/schema/*.cypher`: in file order, idempotently, before any data.

Each statement runs in an auto-commit transaction: the migrations among them convert what
older graphs hold in batches (`CALL { } IN TRANSACTIONS`), which only such a transaction
may run. Every statement is safe to run again, so an interrupted run is finished by the next.
"""

from __future__ import annotations

from neo4j import Driver

from graph.statements import statement, statements_in


def apply_schema(driver: Driver, database: str | None = None) -> int:
    """Run every schema statement; returns how many ran. Safe to run again."""
    schema = statements_in("schema")
    with driver.session(database=database) as session:
        for _name, text in schema:
            session.run(text).consume()
    driver.execute_query(statement("admin/await_indexes"), database_=database)
    return len(schema)


def constraint_names(driver: Driver, database: str | None = None) -> set[str]:
    records, _, _ = driver.execute_query(statement("admin/list_constraints"), database_=database)
    return {record["name"] for record in records}
