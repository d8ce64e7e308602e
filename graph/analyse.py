"""`fengqiao analyse`: disputes, who is in dispute with whom, repeat-dispute networks
and hotspot alerts, computed from the graph and written back to it.

Results are rebuilt at every run (the previous Dispute, DisputeNetwork, Alert
nodes and IN_DISPUTE_WITH relationships are replaced), and their ids derive
from their members, so a re-run on the same graph gives the same ids. A batch
(`fengqiao ingest`) updates them only where it touched the graph, with the same
rows (graph.reanalyse); a full run over the same graph gives the same results.

Alerts are of three levels: a building or a compound whose dispute incidents
crossed a threshold within the trailing window (hotspots), and a repeat-dispute
network. Each names the incident that raised it (`triggeredBy`, `raisedAt`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import Any

from neo4j import Driver

from graph.disputes import (
    DisputeIncident,
    PairHistory,
    pair_histories,
    read_dispute_incidents,
    stable_id,
    threads,
)
from graph.hotspots import Hotspot, find_hotspots
from graph.networks import Network, find_networks
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
    alerts = [hotspot_alert(h, config) for h in hotspots] + [network_alert(n) for n in networks]

    _clear(driver, database)
    _write(driver, database, "analyse/write_disputes", [dispute_row(t) for t in grouped])
    _write(driver, database, "analyse/write_in_dispute_with", [pair_row(p) for p in pairs])
    _write(driver, database, "analyse/write_networks", [network_row(n) for n in networks])
    _write(driver, database, "analyse/write_alerts", alerts)
    return AnalysisSummary(len(incidents), len(grouped), len(pairs), len(networks), len(alerts))


def analysis_results(driver: Driver, database: str | None = None) -> dict[tuple[str, str], Any]:
    """Every Dispute, network, alert and IN_DISPUTE_WITH with its properties and members:
    two analyses of one graph agree when these are equal."""
    records, _, _ = driver.execute_query(
        statement("analyse/results"), database_=database, routing_="r"
    )
    return {(r["kind"], r["id"]): (r["props"], sorted(r["members"])) for r in records}


# --- the rows each kind of result is written as (a full run and a batch's alike) ----------
# Times are datetimes, which the graph holds as LOCAL DATETIME values.


def dispute_row(thread: list[DisputeIncident]) -> dict[str, Any]:
    return {
        "disputeId": stable_id("D", [i.incident_id for i in thread]),
        "incidents": [i.incident_id for i in thread],
        "persons": sorted({p for i in thread for p in i.persons}),
        "props": {
            "category": thread[0].category,
            "incidentCount": len(thread),
            "firstAt": thread[0].reported_at,
            "lastAt": thread[-1].reported_at,
            "escalations": sum(i.escalated for i in thread),
        },
    }


def pair_row(pair: PairHistory) -> dict[str, Any]:
    return {
        "a": pair.a,
        "b": pair.b,
        "incidents": len(pair.incidents),
        "first": pair.incidents[0].reported_at,
        "last": pair.incidents[-1].reported_at,
    }


def network_row(n: Network) -> dict[str, Any]:
    return {
        "networkId": n.network_id,
        "persons": list(n.persons),
        "addresses": n.addresses,
        "incidents": [i.incident_id for i in n.incidents],
        "props": {
            "size": len(n.persons),
            "incidentCount": len(n.incidents),
            "firstAt": n.first_at,
            "lastAt": n.last_at,
            "escalations": n.escalations,
            "trend": n.trend,
            "riskScore": n.risk_score,
            "district": n.district,
            "compound": n.compound,
        },
    }


def hotspot_alert(h: Hotspot, config: AnalysisConfig) -> dict[str, Any]:
    return _alert(
        h.alert_id,
        h.incidents,
        h.addresses,
        h.trigger,
        {
            "level": h.level,
            "place": h.name,
            "district": h.district,
            "reason": f"{len(h.incidents)} dispute incidents in {config.hotspot_window_days} days "
            f"at one {h.level}",
        },
    )


def network_alert(n: Network) -> dict[str, Any]:
    """A repeat-dispute network warns once per membership: a pair joining it (or forming
    it) gives a new network, and so a new alert naming the incident that joined them."""
    return _alert(
        network_alert_id(n.network_id),
        n.incidents,
        n.addresses,
        n.trigger,
        {
            "level": "network",
            "place": n.compound,
            "district": n.district,
            "networkId": n.network_id,
            "reason": f"{len(n.persons)} people in repeated disputes: "
            f"{len(n.incidents)} dispute incidents, risk {n.risk_score:g}",
        },
    )


def network_alert_id(network_id: str) -> str:
    return f"AL-{network_id}"


def _alert(alert_id, incidents, addresses, trigger: DisputeIncident, props) -> dict[str, Any]:
    return {
        "alertId": alert_id,
        "incidents": [i.incident_id for i in incidents],
        "addresses": addresses,
        "props": {
            **props,
            "incidentCount": len(incidents),
            "firstAt": incidents[0].reported_at,
            "lastAt": incidents[-1].reported_at,
            "triggeredBy": trigger.incident_id,
            "raisedAt": trigger.reported_at,
        },
    }


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
