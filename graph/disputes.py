"""Dispute incidents read from the graph, grouped into Dispute threads and person pairs.

A thread is a run of dispute incidents about one matter: incidents that share
two parties, or the same address and category, join one thread when they lie
within `thread_window_days` of each other.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from itertools import combinations
from typing import Any

from neo4j import Driver

from graph.statements import statement


@dataclass(frozen=True)
class DisputeIncident:
    incident_id: str
    reported_at: datetime
    category: str
    address_id: str | None
    building_key: str | None
    compound_key: str | None
    compound_name: str | None
    district: str | None
    persons: tuple[str, ...]
    escalated: bool


@dataclass(frozen=True)
class PairHistory:
    a: str
    b: str
    incidents: tuple[DisputeIncident, ...]


def read_dispute_incidents(driver: Driver, database: str | None = None) -> list[DisputeIncident]:
    records, _, _ = driver.execute_query(
        statement("analyse/dispute_incidents"), database_=database, routing_="r"
    )
    return dispute_incidents(records)


def dispute_incidents(records: Iterable[Mapping[str, Any]]) -> list[DisputeIncident]:
    """Rows of analyse/dispute_incidents (or its by-id form), oldest first."""
    out = []
    for r in records:
        if not r["reportedAt"]:
            continue
        out.append(
            DisputeIncident(
                r["incidentId"],
                r["reportedAt"].to_native(),  # a LOCAL DATETIME
                r["category"] or "",
                r["addressId"],
                r["buildingKey"],
                r["compoundKey"],
                r["compoundName"],
                r["district"],
                tuple(sorted(set(r["persons"]))),
                bool(r["escalated"]),
            )
        )
    return sorted(out, key=lambda i: (i.reported_at, i.incident_id))


def pair_histories(incidents: Iterable[DisputeIncident]) -> list[PairHistory]:
    """Every pair of persons who were parties to the same dispute incident, with those incidents."""
    together: dict[tuple[str, str], list[DisputeIncident]] = defaultdict(list)
    for incident in incidents:
        for a, b in combinations(incident.persons, 2):
            together[(a, b)].append(incident)
    return [PairHistory(a, b, tuple(found)) for (a, b), found in sorted(together.items())]


def threads(incidents: list[DisputeIncident], window_days: int) -> list[list[DisputeIncident]]:
    """Dispute threads: incidents joined by shared parties or place+category within the window."""
    parent = {i.incident_id: i.incident_id for i in incidents}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_key: dict[tuple, list[DisputeIncident]] = defaultdict(list)
    for incident in incidents:
        for pair in combinations(incident.persons, 2):
            by_key[("parties", pair)].append(incident)
        if incident.address_id:
            by_key[("place", incident.address_id, incident.category)].append(incident)
    for chain in by_key.values():
        for earlier, later in zip(chain, chain[1:], strict=False):
            if (later.reported_at - earlier.reported_at).days <= window_days:
                parent[find(later.incident_id)] = find(earlier.incident_id)
    groups: dict[str, list[DisputeIncident]] = defaultdict(list)
    for incident in incidents:
        groups[find(incident.incident_id)].append(incident)
    return sorted(groups.values(), key=lambda g: g[0].incident_id)


def stable_id(prefix: str, members: Iterable[str]) -> str:
    return prefix + hashlib.sha1("|".join(sorted(members)).encode("utf-8")).hexdigest()[:12].upper()
