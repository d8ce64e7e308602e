"""Repeat-dispute networks, by the definition the analysis uses too.

Two persons are *joined* when they are parties together in at least three
dispute incidents (category starting with 纠纷) over the generated period; a
network is a connected component (two or more persons) of the joined pairs.
A network's incidents are the dispute incidents in which one of its joined
pairs are both parties.

Everyone belongs to one compound, so each compound's networks are computed
from that compound's incidents alone, and the city's are their union.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from itertools import combinations
from typing import Any

from resolution.synthetic.dispatch import Recorded

DISPUTE_PREFIX = "纠纷"
JOINED_AT = 3


def networks(
    recorded: Iterable[Recorded], compound: str, district: str, next_key: Callable[[], str]
) -> list[dict[str, Any]]:
    """The networks among these incidents, as truth_networks.json objects."""
    together: defaultdict[tuple[str, str], list[Recorded]] = defaultdict(list)
    for incident in recorded:
        if incident.category.startswith(DISPUTE_PREFIX):
            for pair in combinations(sorted(set(incident.person_keys)), 2):
                together[pair].append(incident)
    joined = {
        pair: incidents for pair, incidents in together.items() if len(incidents) >= JOINED_AT
    }
    out = []
    for members in _components(joined):
        pairs = sorted(pair for pair in joined if pair[0] in members)
        incidents = {i.incident_id: i for pair in pairs for i in joined[pair]}
        ordered = [incidents[key] for key in sorted(incidents)]
        places = Counter(i.location for i in ordered)
        out.append(
            {
                "network_key": next_key(),
                "person_keys": sorted(members),
                "incident_ids": [i.incident_id for i in ordered],
                "joined_pairs": [
                    {"person_keys": list(pair), "incidents": len(joined[pair])} for pair in pairs
                ],
                "categories": sorted({i.category for i in ordered}),
                "first_reported_at": min(i.reported_at for i in ordered),
                "last_reported_at": max(i.reported_at for i in ordered),
                "compound": compound,
                "district": district,
                "address": min(places, key=lambda place: (-places[place], place)),
            }
        )
    return out


def _components(pairs: Iterable[tuple[str, str]]) -> list[set[str]]:
    """Connected components, ordered by their smallest member."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for a, b in pairs:
        parent[root(a)] = root(b)
    groups: defaultdict[str, set[str]] = defaultdict(set)
    for key in parent:
        groups[root(key)].add(key)
    return sorted(groups.values(), key=min)
