"""Applying `cypher/schema/*.cypher`: in file order, idempotently, before any data."""

from __future__ import annotations

from neo4j import Driver

from graph.statements import statement, statements_in


def apply_schema(driver: Driver, database: str | None = None) -> int:
    """Run every schema statement; returns how many ran. Safe to run again."""
    schema = statements_in("schema")
    for _name, text in schema:
        driver.execute_query(text, database_=database)
    driver.execute_query(statement("admin/await_indexes"), database_=database)
    return len(schema)


def constraint_names(driver: Driver, database: str | None = None) -> set[str]:
    records, _, _ = driver.execute_query(statement("admin/list_constraints"), database_=database)
    return {record["name"] for record in records}
