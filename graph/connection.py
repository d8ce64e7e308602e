"""Connecting to Neo4j, with failures turned into sentences a user can act on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from graph.errors import GraphError
from graph.statements import statement


@dataclass(frozen=True)
class Neo4jTarget:
    uri: str
    user: str
    password: str
    database: str = "neo4j"

    def __repr__(self) -> str:  # never print the password
        return f"Neo4jTarget(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"


def open_driver(target: Neo4jTarget) -> Driver:
    """A driver whose connection and credentials have been checked."""
    driver = GraphDatabase.driver(target.uri, auth=(target.user, target.password))
    try:
        driver.verify_connectivity()
    except AuthError as exc:
        driver.close()
        raise GraphError(
            f"Neo4j at {target.uri} refused user {target.user!r}: the password is wrong. "
            "Set NEO4J_PASSWORD to the right one (for the local server, "
            '`eval "$(fengqiao neo4j env)"` sets it).'
        ) from exc
    except (ServiceUnavailable, OSError) as exc:
        driver.close()
        raise GraphError(
            f"No Neo4j answers at {target.uri}: start the local one with `fengqiao neo4j start`, "
            "or point NEO4J_URI at a running server."
        ) from exc
    return driver


@contextmanager
def connect(target: Neo4jTarget) -> Iterator[Driver]:
    driver = open_driver(target)
    try:
        yield driver
    finally:
        driver.close()


def server_version(driver: Driver, database: str | None = None) -> str:
    records, _, _ = driver.execute_query(statement("admin/server_version"), database_=database)
    return f"{records[0]['version']} {records[0]['edition']}"
