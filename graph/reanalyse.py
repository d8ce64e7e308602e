"""The analysis of a batch: disputes, IN_DISPUTE_WITH, networks and alerts recomputed
only where the batch touched the graph, inside the batch's own write transaction.

The results equal a full `analyse` over the same graph (same ids, same
properties), because each is recomputed over a scope closed under what
defines it:
- Dispute threads are chains, per key (a pair of parties, or a place and a
  category), of incidents within the window. A batch changes the keys of the
  incidents it brings or whose parties moved (the changed incidents). The scope
  is every incident holding a key a changed incident holds (before or after),
  plus every incident of the threads those are in; chains restricted to that
  scope link exactly what the full chains link (an incident outside it lies in
  another thread, further than the window from both its neighbours).
- A pair's history is every incident both were parties to; pairs of the
  changed incidents, before and after, are recomputed from the graph.
- A network is a connected component of joined pairs: components are grown
  from the persons of recomputed pairs (and the members of their former
  networks), over IN_DISPUTE_WITH, until closed.
- Risk scores count the last 90 days before the newest incident, and hotspots
  the trailing window: when the newest incident moves, the networks and places
  of the incidents that fell out of a window are recomputed too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import combinations
from typing import Any

from neo4j import ManagedTransaction

from graph.analyse import (
    AnalysisConfig,
    dispute_row,
    hotspot_alert,
    network_alert,
    network_alert_id,
    network_row,
    pair_row,
)
from graph.disputes import DisputeIncident, dispute_incidents, pair_histories, threads
from graph.hotspots import find_hotspots
from graph.networks import find_networks
from graph.statements import statement

RISK_RECENT_DAYS = 90  # graph.networks counts incidents in the last 90 days

Pair = tuple[str, str]


@dataclass(frozen=True)
class Before:
    """What the batch's transaction saw before it wrote: the newest dispute incident,
    the party pairs of the incidents it changes, and the networks of persons it touches."""

    now: datetime | None
    pairs: frozenset[Pair]
    networks: dict[str, list[str]]


@dataclass
class Reanalysis:
    disputes: int = 0
    pairs: int = 0
    networks: int = 0
    alerts_raised: list[dict[str, Any]] = field(default_factory=list)
    alerts_withdrawn: list[str] = field(default_factory=list)


def before_batch(
    tx: ManagedTransaction, incident_ids: Iterable[str], person_ids: Iterable[str]
) -> Before:
    changed = _incidents(tx, incident_ids)
    persons = {p for i in changed for p in i.persons} | set(person_ids)
    return Before(_latest(tx), frozenset(_pairs(changed)), _networks_of(tx, persons))


def reanalyse(
    tx: ManagedTransaction, config: AnalysisConfig, incident_ids: Iterable[str], before: Before
) -> Reanalysis:
    """Recompute what the changed incidents affect; call after the batch's writes."""
    read = _IncidentReader(tx)
    changed = read(incident_ids)
    now = _latest(tx)
    if now is None:
        return Reanalysis()
    leaving = _leaving(tx, read, before.now, now, config) if before.now and before.now < now else {}
    result = Reanalysis()
    pairs = before.pairs | _pairs(changed)
    scope = _thread_scope(tx, read, changed, pairs)
    result.disputes = _rethread(tx, config, scope)
    result.pairs = _repair(tx, scope, pairs)
    raised, withdrawn = _renetwork(tx, read, config, pairs, before, now, leaving, result)
    hot_raised, hot_withdrawn = _rehotspot(tx, read, config, changed, now, leaving)
    result.alerts_raised = raised + hot_raised
    result.alerts_withdrawn = withdrawn + hot_withdrawn
    return result


def _thread_scope(
    tx: ManagedTransaction,
    read: _IncidentReader,
    changed: list[DisputeIncident],
    pairs: set[Pair],
) -> tuple[list[DisputeIncident], list[str]]:
    """The incidents whose threads may change, and the ids of the threads they were in."""
    places = [{"addressId": i.address_id, "category": i.category} for i in changed if i.address_id]
    ids = {i.incident_id for i in changed}
    ids |= _ids(tx, "analyse/incidents_of_pairs", pairs=[list(p) for p in sorted(pairs)])
    ids |= _ids(tx, "analyse/incidents_at_places", places=places)
    old = {r["disputeId"]: r["incidents"] for r in _run(tx, "analyse/threads_of", ids=sorted(ids))}
    ids |= {i for members in old.values() for i in members}
    return read(ids), sorted(old)


def _rethread(tx: ManagedTransaction, config: AnalysisConfig, scope) -> int:
    incidents, old_threads = scope
    grouped = threads(incidents, config.thread_window_days)
    _run(tx, "analyse/delete_disputes", ids=old_threads)
    _write(tx, "analyse/write_disputes", [dispute_row(t) for t in grouped])
    return len(grouped)


def _repair(tx: ManagedTransaction, scope, pairs: set[Pair]) -> int:
    incidents, _ = scope
    histories = [p for p in pair_histories(incidents) if (p.a, p.b) in pairs]
    _run(tx, "analyse/delete_in_dispute_with", pairs=[list(p) for p in sorted(pairs)])
    _write(tx, "analyse/write_in_dispute_with", [pair_row(p) for p in histories])
    return len(histories)


def _renetwork(
    tx: ManagedTransaction,
    read: _IncidentReader,
    config: AnalysisConfig,
    pairs: set[Pair],
    before: Before,
    now: datetime,
    leaving: dict[int, list[DisputeIncident]],
    result: Reanalysis,
) -> tuple[list[dict[str, Any]], list[str]]:
    seeds = {p for pair in pairs for p in pair}
    old = dict(before.networks)
    ids = sorted(i.incident_id for i in leaving.get(RISK_RECENT_DAYS, []))
    old.update(
        {r["networkId"]: r["persons"] for r in _run(tx, "analyse/networks_of_incidents", ids=ids)}
    )
    old.update(_networks_of(tx, seeds))
    seeds |= {p for members in old.values() for p in members}
    members = _components(tx, seeds, config.min_incidents)
    incidents = read(_ids(tx, "analyse/incidents_of_persons", ids=sorted(members)))
    histories = [p for p in pair_histories(incidents) if p.a in members and p.b in members]
    networks = find_networks(histories, config.min_incidents, config.since, config.until, now)
    alerts = [network_alert(n) for n in networks]
    old_alerts = [network_alert_id(n) for n in old]
    _run(tx, "analyse/delete_networks", ids=sorted(old))
    _write(tx, "analyse/write_networks", [network_row(n) for n in networks])
    result.networks = len(networks)
    return _replace_alerts(tx, old_alerts, alerts)


def _rehotspot(
    tx: ManagedTransaction,
    read: _IncidentReader,
    config: AnalysisConfig,
    changed: list[DisputeIncident],
    now: datetime,
    leaving: dict[int, list[DisputeIncident]],
) -> tuple[list[dict[str, Any]], list[str]]:
    places = changed + leaving.get(config.hotspot_window_days, [])
    buildings = {i.building_key for i in places if i.building_key}
    compounds = {i.compound_key for i in places if i.compound_key}
    since = now - timedelta(days=config.hotspot_window_days)  # graph.hotspots' window
    ids = _ids(tx, "analyse/incidents_in_buildings", keys=sorted(buildings), since=since)
    ids |= _ids(tx, "analyse/incidents_in_compounds", keys=sorted(compounds), since=since)
    found = find_hotspots(
        read(ids),
        config.hotspot_window_days,
        config.building_threshold,
        config.compound_threshold,
        now,
    )
    wanted = {("building", k) for k in buildings} | {("compound", k) for k in compounds}
    alerts = [hotspot_alert(h, config) for h in found if (h.level, h.key) in wanted]
    old = [f"AL-{key}" for _level, key in sorted(wanted)]
    return _replace_alerts(tx, old, alerts)


def _replace_alerts(
    tx: ManagedTransaction, old: list[str], alerts: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[str]]:
    """Replace the alerts `old` names by `alerts`; (those raised, ids withdrawn)."""
    ids = sorted(set(old) | {a["alertId"] for a in alerts})
    existed = _ids(tx, "analyse/existing_alerts", ids=ids)
    _run(tx, "analyse/delete_alerts", ids=sorted(set(old)))
    _write(tx, "analyse/write_alerts", alerts)
    kept = {a["alertId"] for a in alerts}
    raised = [a for a in alerts if a["alertId"] not in existed]
    return raised, sorted(existed - kept)


def _leaving(
    tx: ManagedTransaction,
    read: _IncidentReader,
    before: datetime,
    now: datetime,
    config: AnalysisConfig,
) -> dict[int, list[DisputeIncident]]:
    """For each trailing window (a risk score's 90 days, a hotspot's), the dispute incidents
    it no longer holds now that the newest incident moved from `before` to `now`: those
    reported in [before - days, now - days). Only what they belong to changes with time."""
    out = {}
    for days in (RISK_RECENT_DAYS, config.hotspot_window_days):
        start, end = before - timedelta(days=days), now - timedelta(days=days)
        found = _ids(tx, "analyse/disputes_between", since=start, until=end)
        out[days] = read(found)
    return out


def _components(tx: ManagedTransaction, seeds: set[str], min_incidents: int) -> set[str]:
    """Every person joined (through pairs with enough incidents) to one of `seeds`."""
    seen, frontier = set(seeds), set(seeds)
    while frontier:
        rows = _run(tx, "analyse/joined_neighbours", ids=sorted(frontier), min=min_incidents)
        frontier = {q for r in rows for q in r["partners"]} - seen
        seen |= frontier
    return seen


def _networks_of(tx: ManagedTransaction, persons: Iterable[str]) -> dict[str, list[str]]:
    rows = _run(tx, "analyse/networks_of_persons", ids=sorted(persons))
    return {r["networkId"]: r["persons"] for r in rows}


def _pairs(incidents: list[DisputeIncident]) -> set[Pair]:
    return {pair for i in incidents for pair in combinations(i.persons, 2)}


def _latest(tx: ManagedTransaction) -> datetime | None:
    rows = _run(tx, "analyse/latest_dispute")
    return rows[0]["at"].to_native() if rows else None


def _incidents(tx: ManagedTransaction, ids: Iterable[str]) -> list[DisputeIncident]:
    return dispute_incidents(_run(tx, "analyse/dispute_incidents_by_id", ids=sorted(set(ids))))


class _IncidentReader:
    """Dispute incidents by id, each read once per re-analysis: the re-analysis writes
    disputes, pairs, networks and alerts, never what an incident row holds, so a row
    read after the batch's writes stays true to its end."""

    def __init__(self, tx: ManagedTransaction) -> None:
        self.tx, self.known = tx, {}

    def __call__(self, ids: Iterable[str]) -> list[DisputeIncident]:
        wanted = set(ids)
        missing = wanted - self.known.keys()
        if missing:
            self.known.update(dict.fromkeys(missing))  # not dispute incidents: None
            self.known.update((i.incident_id, i) for i in _incidents(self.tx, missing))
        found = (self.known[i] for i in wanted)
        return sorted((i for i in found if i), key=lambda i: (i.reported_at, i.incident_id))


def _ids(tx: ManagedTransaction, name: str, **params: Any) -> set[str]:
    return {r["id"] for r in _run(tx, name, **params)}


def _run(tx: ManagedTransaction, name: str, **params: Any) -> list[dict[str, Any]]:
    return [r.data() for r in tx.run(statement(name), **params)]


def _write(tx: ManagedTransaction, name: str, rows: list[dict[str, Any]]) -> None:
    if rows:
        tx.run(statement(name), rows=rows).consume()
