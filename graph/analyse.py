"""`fengqiao analyse`: disputes, who is in dispute with whom, repeat-dispute networks
and hotspot alerts, computed from the graph and written back to it.

Results are rebuilt at every run (the previous Dispute, DisputeNetwork, Alert
nodes and IN_DISPUTE_WITH relationships are replaced), and their ids derive
from their members, so a re-run on the same graph gives the same ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import Any

from neo4j import Driver

from graph.disputes import pair_histories, read_dispute_incidents, stable_id, threads
from graph.hotspots import find_hotspots
from graph.networks import find_networks
from graph.statements import statement

BATCH = 2_000


@dataclass(frozen=True)
class AnalysisConfig:
    thread_window_days: int = 180  # incidents this close about one matter are one Dispute
    min_incidents: int = 3  # incidents together that join two people into a network
    since: datetime | None = None  # the network window; None: the whole period
    until: datetime | None = None
    hotspot_window_days: int = 365
    building_threshold: int = 4  # dispute incidents in a building within the window
    compound_threshold: int = 8  # ... in a compound


@dataclass(frozen=True)
class AnalysisSummary:
    dispute_incidents: int
    disputes: int
    pairs: int
    networks: int
    alerts: int


def analyse(driver: Driver, config: AnalysisConfig, database: str | None = None) -> AnalysisSummary:
    incidents = read_dispute_incidents(driver, database)
    now = incidents[-1].reported_at if incidents else datetime.now()
    pairs = pair_histories(incidents)
    grouped = threads(incidents, config.thread_window_days)
    networks = find_networks(pairs, config.min_incidents, config.since, config.until, now)
    hotspots = find_hotspots(
        incidents,
        config.hotspot_window_days,
        config.building_threshold,
        config.compound_threshold,
        now,
    )

    _clear(driver, database)
    _write(
        driver,
        database,
        "analyse/write_disputes",
        [
            {
                "disputeId": stable_id("D", [i.incident_id for i in thread]),
                "incidents": [i.incident_id for i in thread],
                "persons": sorted({p for i in thread for p in i.persons}),
                "props": {
                    "category": thread[0].category,
                    "incidentCount": len(thread),
                    "firstAt": thread[0].reported_at.isoformat(),
                    "lastAt": thread[-1].reported_at.isoformat(),
                    "escalations": sum(i.escalated for i in thread),
                },
            }
            for thread in grouped
        ],
    )
    _write(
        driver,
        database,
        "analyse/write_in_dispute_with",
        [
            {
                "a": p.a,
                "b": p.b,
                "incidents": len(p.incidents),
                "first": p.incidents[0].reported_at.isoformat(),
                "last": p.incidents[-1].reported_at.isoformat(),
            }
            for p in pairs
        ],
    )
    _write(
        driver,
        database,
        "analyse/write_networks",
        [
            {
                "networkId": n.network_id,
                "persons": list(n.persons),
                "addresses": n.addresses,
                "incidents": [i.incident_id for i in n.incidents],
                "props": {
                    "size": len(n.persons),
                    "incidentCount": len(n.incidents),
                    "firstAt": n.first_at.isoformat(),
                    "lastAt": n.last_at.isoformat(),
                    "escalations": n.escalations,
                    "trend": n.trend,
                    "riskScore": n.risk_score,
                    "district": n.district,
                    "compound": n.compound,
                },
            }
            for n in networks
        ],
    )
    _write(
        driver,
        database,
        "analyse/write_alerts",
        [
            {
                "alertId": h.alert_id,
                "incidents": [i.incident_id for i in h.incidents],
                "addresses": h.addresses,
                "props": {
                    "level": h.level,
                    "place": h.name,
                    "district": h.district,
                    "incidentCount": len(h.incidents),
                    "firstAt": h.incidents[0].reported_at.isoformat(),
                    "lastAt": h.incidents[-1].reported_at.isoformat(),
                    "reason": f"{len(h.incidents)} dispute incidents in {config.hotspot_window_days} days "
                    f"at one {h.level}",
                },
            }
            for h in hotspots
        ],
    )
    return AnalysisSummary(len(incidents), len(grouped), len(pairs), len(networks), len(hotspots))


def _clear(driver: Driver, database: str | None) -> None:
    while driver.execute_query(statement("analyse/clear"), batch=BATCH, database_=database).records[
        0
    ]["removed"]:
        pass


def _write(driver: Driver, database: str | None, name: str, rows: list[dict[str, Any]]) -> None:
    query = statement(name)
    iterator = iter(rows)
    with driver.session(database=database) as session:
        while chunk := list(islice(iterator, BATCH)):
            session.execute_write(lambda tx, c=chunk: tx.run(query, rows=c).consume())
