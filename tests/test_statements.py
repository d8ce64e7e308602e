"""Every Cypher file is a valid statement for the real schema (planned with EXPLAIN).

That each one also runs is checked at the end of a full run of the suite
(`pytest_sessionfinish` in conftest.py): statements are loaded by name when
they are executed, and a statement never loaded fails the run."""

from __future__ import annotations

from datetime import datetime

import pytest
from neo4j import Driver

from graph.schema import apply_schema
from graph.statements import CYPHER_DIR, all_statements


def test_every_statement_plans_against_the_schema(graph: Driver, neo4j_target):
    apply_schema(graph, neo4j_target.database)  # runs schema/*.cypher
    names = all_statements()
    assert len(names) == len(list(CYPHER_DIR.glob("**/*.cypher"))) > 50
    for name in (n for n in names if not n.startswith("schema/")):
        text = (CYPHER_DIR / f"{name}.cypher").read_text(encoding="utf-8")  # read, not "run"
        graph.execute_query("EXPLAIN " + text, database_=neo4j_target.database)


def test_statements_carry_parameters_not_formatted_text():
    for name in all_statements():
        text = (CYPHER_DIR / f"{name}.cypher").read_text(encoding="utf-8")
        assert "{}" not in text and "%s" not in text and "{0}" not in text, name


def test_a_batch_statements_are_planned_ahead_with_placeholders_of_their_types(
    graph: Driver, neo4j_target
):
    """graph.warm EXPLAINs every statement a batch runs, each parameter given a value of
    the type the code passes; none is left without one, and none counts as run."""
    from graph.statements import requested
    from graph.warm import batch_statements, parameters, plan_in_background

    names = batch_statements()
    assert {"load/07_source_records", "analyse/write_networks", "ingest/mark_batch"} <= set(names)
    before = requested()
    assert plan_in_background(graph, names, neo4j_target.database).result() == len(names)
    assert requested() == before
    assert parameters("MATCH (p) WHERE p.id IN $ids AND p.at > $since") == {
        "ids": [""],
        "since": datetime(2000, 1, 1),
    }
    with pytest.raises(ValueError, match="unheard"):
        parameters("RETURN $unheard")
