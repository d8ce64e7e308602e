"""How well computed repeat-dispute networks match generated truth.

A true network (truth_networks.json) counts as found when one computed network
holds at least 80% of its people; a computed network corresponds to a true one
when at least 80% of its people belong to that true network. People are mapped
from truth person_keys to person_ids through truth_links.csv and links.csv
(each key to the person_id most of its rows carry).
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from neo4j import Driver

from graph.statements import statement

SHARE = 0.8


@dataclass(frozen=True)
class NetworkAccuracy:
    true_networks: int
    computed_networks: int
    found: int
    corresponding: int

    @property
    def found_share(self) -> float:
        return self.found / self.true_networks if self.true_networks else 1.0

    @property
    def corresponding_share(self) -> float:
        return self.corresponding / self.computed_networks if self.computed_networks else 1.0


def computed_networks(driver: Driver, database: str | None = None) -> list[set[str]]:
    records, _, _ = driver.execute_query(
        statement("analyse/networks"), database_=database, routing_="r"
    )
    return [set(r["persons"]) for r in records]


def compare_networks(computed: list[set[str]], data_dir: Path, result_dir: Path) -> NetworkAccuracy:
    person_of_key = _person_of_key(data_dir / "truth_links.csv", result_dir / "links.csv")
    truth = [
        {person_of_key[k] for k in network["person_keys"] if k in person_of_key}
        for network in json.loads((data_dir / "truth_networks.json").read_text(encoding="utf-8"))
    ]
    found = sum(any(len(t & c) >= SHARE * len(t) for c in computed) for t in truth if t)
    corresponding = sum(any(len(t & c) >= SHARE * len(c) for t in truth) for c in computed)
    return NetworkAccuracy(len(truth), len(computed), found, corresponding)


def _person_of_key(truth_links: Path, links: Path) -> dict[str, str]:
    with links.open(encoding="utf-8", newline="") as handle:
        person = {(r["source"], r["record_id"]): r["person_id"] for r in csv.DictReader(handle)}
    votes: dict[str, Counter] = defaultdict(Counter)
    with truth_links.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            pid = person.get((row["source"], row["record_id"]))
            if pid:
                votes[row["person_key"]][pid] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}
