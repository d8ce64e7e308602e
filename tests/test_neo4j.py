"""The foundation: a real Neo4j 5.26 answers, and the schema applies idempotently."""

from __future__ import annotations

import pytest
from neo4j.exceptions import ConstraintError

from graph.connection import server_version
from graph.schema import apply_schema, constraint_names

EXPECTED_CONSTRAINTS = {
    "person_id",
    "source_record_key",
    "address_id",
    "incident_id",
    "case_id",
    "dispute_id",
}


def test_server_answers_cypher_through_the_driver(graph, neo4j_target):
    records, _, _ = graph.execute_query("RETURN 1 + 1 AS two", database_=neo4j_target.database)
    assert records[0]["two"] == 2
    assert server_version(graph, neo4j_target.database).startswith("5.")


def test_schema_applies_twice_and_constraints_exist(graph, neo4j_target):
    first = apply_schema(graph, neo4j_target.database)
    second = apply_schema(graph, neo4j_target.database)
    assert first == second > 0
    assert constraint_names(graph, neo4j_target.database) >= EXPECTED_CONSTRAINTS


def test_constraint_rejects_a_duplicate_person(graph, neo4j_target):
    apply_schema(graph, neo4j_target.database)
    graph.execute_query("CREATE (:Person {personId: 'P1'})", database_=neo4j_target.database)
    with pytest.raises(ConstraintError):
        graph.execute_query("CREATE (:Person {personId: 'P1'})", database_=neo4j_target.database)
