"""Hotspots: buildings and compounds whose dispute incidents keep recurring.

Within the trailing window (ending at the newest dispute incident), a building
with at least `building_threshold` dispute incidents, or a compound with at
least `compound_threshold`, raises an Alert.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from graph.disputes import DisputeIncident


@dataclass(frozen=True)
class Hotspot:
    alert_id: str
    level: str  # "building" or "compound"
    key: str
    name: str | None
    district: str | None
    incidents: tuple[DisputeIncident, ...]
    trigger: DisputeIncident  # the incident that brought the count to the threshold

    @property
    def addresses(self) -> list[str]:
        return sorted({i.address_id for i in self.incidents if i.address_id})


def find_hotspots(
    incidents: list[DisputeIncident],
    window_days: int,
    building_threshold: int,
    compound_threshold: int,
    now: datetime,
) -> list[Hotspot]:
    recent = [i for i in incidents if i.reported_at >= now - timedelta(days=window_days)]
    found = []
    for level, threshold, key_of in (
        ("compound", compound_threshold, lambda i: i.compound_key),
        ("building", building_threshold, lambda i: i.building_key),
    ):
        groups: dict[str, list[DisputeIncident]] = defaultdict(list)
        for incident in recent:
            if key_of(incident):
                groups[key_of(incident)].append(incident)
        for key, members in sorted(groups.items()):
            if len(members) >= threshold:
                found.append(
                    Hotspot(
                        f"AL-{key}",
                        level,
                        key,
                        members[0].compound_name,
                        members[0].district,
                        tuple(members),
                        members[threshold - 1],
                    )
                )
    return found
