"""Two graphs compared: counts per label and relationship type, and, for the first nodes
of each label by key, every property and outgoing relationship. The bulk import is held
to the online load by this (tests/test_bulk_import.py, `fengqiao bench load`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from neo4j import Driver

from graph.loader import graph_counts
from graph.model import MODEL
from graph.statements import statement

END_KEYS = sorted({key for label in MODEL.labels for key in label.key})


@dataclass(frozen=True)
class Snapshot:
    counts: dict[str, int]
    nodes: dict[str, dict[str, tuple[dict[str, str], list[str]]]]
    """Per label: each sampled node's key (as text) to its properties and its outgoing
    relationships, as text."""

    @property
    def sampled(self) -> int:
        return sum(len(nodes) for nodes in self.nodes.values())


def snapshot(driver: Driver, database: str | None = None, per_label: int = 1_000) -> Snapshot:
    """The counts, and the first `per_label` nodes of each label of the model by key."""
    counts = graph_counts(driver, database)
    nodes = {}
    for label in MODEL.labels:
        if not counts.get(f"node:{label.name}"):
            continue
        records, _, _ = driver.execute_query(
            statement("admin/sample_nodes"),
            label=label.name,
            keys=list(label.key),
            endKeys=END_KEYS,
            limit=per_label,
            database_=database,
            routing_="r",
        )
        nodes[label.name] = {
            _text([record["props"].get(key) for key in label.key]): (
                {name: _text(value) for name, value in record["props"].items()},
                sorted(_text(link) for link in record["out"]),
            )
            for record in records
        }
    return Snapshot(counts, nodes)


def differences(a: Snapshot, b: Snapshot, most: int = 10) -> list[str]:
    """What differs between two snapshots, at most `most` lines (empty: identical)."""
    found = [
        f"{key}: {a.counts.get(key, 0):,} beside {b.counts.get(key, 0):,}"
        for key in sorted(set(a.counts) | set(b.counts))
        if a.counts.get(key, 0) != b.counts.get(key, 0)
    ]
    for label in sorted(set(a.nodes) | set(b.nodes)):
        left, right = a.nodes.get(label, {}), b.nodes.get(label, {})
        for key in sorted(set(left) | set(right)):
            if key not in left or key not in right:
                found.append(f"{label} {key}: only in the {'second' if key in right else 'first'}")
                continue
            (props, links), (other_props, other_links) = left[key], right[key]
            for name in sorted(set(props) | set(other_props)):
                if props.get(name) != other_props.get(name):
                    found.append(
                        f"{label} {key} .{name}: {props.get(name)} beside {other_props.get(name)}"
                    )
            for link in sorted(set(links) ^ set(other_links)):
                found.append(
                    f"{label} {key}: {link} only in the {'first' if link in links else 'second'}"
                )
            if len(links) != len(other_links):
                found.append(f"{label} {key}: {len(links)} relationships beside {len(other_links)}")
    return found[:most]


def _text(value: Any) -> str:
    """A value as canonical text (temporal values by their ISO text and type)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_temporal)


def _temporal(value: Any) -> str:
    return f"{type(value).__name__}({value.iso_format()})"
