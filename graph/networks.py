"""Repeat-dispute networks: connected groups of people joined by repeated disputes.

Two persons are joined when they were parties together in at least
`min_incidents` dispute incidents within the window; a network is a connected
component (two or more people) of joined pairs, computed with networkx.

Each network's risk score (0-100) is documented in cypher/README.md:
  40 x min(1, incidents / 10)      how much it has happened
+ 30 x min(1, escalations / 2)     whether it already turned into cases
+ 20 x min(1, recent / 3)          incidents in the last 90 days of the data
+ 10 if the monthly trend rises    whether it is getting worse
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

import networkx as nx
import numpy as np

from graph.disputes import DisputeIncident, PairHistory, stable_id


@dataclass(frozen=True)
class Network:
    network_id: str
    persons: tuple[str, ...]
    incidents: tuple[DisputeIncident, ...]
    first_at: datetime
    last_at: datetime
    escalations: int
    trend: float  # least-squares slope of incidents per month
    risk_score: float
    district: str | None
    compound: str | None
    trigger: DisputeIncident  # the incident whose arrival joined its last pair

    @property
    def addresses(self) -> list[str]:
        return sorted({i.address_id for i in self.incidents if i.address_id})


def find_networks(
    pairs: list[PairHistory],
    min_incidents: int,
    since: datetime | None,
    until: datetime | None,
    now: datetime,
) -> list[Network]:
    joined = nx.Graph()
    for pair in pairs:
        inside = [
            i
            for i in pair.incidents
            if (since is None or i.reported_at >= since)
            and (until is None or i.reported_at <= until)
        ]
        if len(inside) >= min_incidents:
            joined.add_edge(pair.a, pair.b, incidents=inside, joining=inside[min_incidents - 1])
    networks = []
    for component in nx.connected_components(joined):
        subgraph = joined.subgraph(component)
        incidents = {
            i.incident_id: i for _a, _b, found in subgraph.edges(data="incidents") for i in found
        }
        trigger = max((joining for _a, _b, joining in subgraph.edges(data="joining")), key=_order)
        networks.append(
            _network(
                tuple(sorted(component)),
                sorted(incidents.values(), key=_order),
                now,
                trigger,
            )
        )
    return sorted(networks, key=lambda n: (-n.risk_score, n.network_id))


def _order(incident: DisputeIncident) -> tuple[datetime, str]:
    return incident.reported_at, incident.incident_id


def _network(
    persons: tuple[str, ...], incidents: list[DisputeIncident], now: datetime, trigger
) -> Network:
    escalations = sum(i.escalated for i in incidents)
    trend = monthly_trend([i.reported_at for i in incidents])
    recent = sum(i.reported_at >= now - timedelta(days=90) for i in incidents)
    risk = (
        40 * min(1, len(incidents) / 10)
        + 30 * min(1, escalations / 2)
        + 20 * min(1, recent / 3)
        + (10 if trend > 0 else 0)
    )
    places = Counter(i.compound_name for i in incidents if i.compound_name)
    districts = Counter(i.district for i in incidents if i.district)
    return Network(
        stable_id("N", persons),
        persons,
        tuple(incidents),
        incidents[0].reported_at,
        incidents[-1].reported_at,
        escalations,
        round(trend, 3),
        round(risk, 1),
        districts.most_common(1)[0][0] if districts else None,
        places.most_common(1)[0][0] if places else None,
        trigger,
    )


def monthly_trend(times: list[datetime]) -> float:
    """Slope (incidents per month, per month) of a least-squares line over monthly counts."""
    if len(times) < 2:
        return 0.0
    months = [t.year * 12 + t.month for t in times]
    span = range(min(months), max(months) + 1)
    counts = Counter(months)
    if len(span) < 2:
        return 0.0
    x = np.arange(len(span), dtype=float)
    y = np.array([counts.get(m, 0) for m in span], dtype=float)
    return float(np.polyfit(x, y, 1)[0])
