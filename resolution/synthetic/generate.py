"""`generate`: a synthetic city's five platform exports, with the truth about them.

The city is generated compound by compound and written as it goes: households
and disputes are local, so a compound's people, incidents and cases are made,
written and forgotten before the next compound starts. Only the ID and phone
numbers handed out, the counters and the networks found are kept throughout.

Every compound draws from Randoms seeded by (seed, compound), one for the
facts of the world and one for how they are garbled, so the same seed always
gives byte-identical files and changing an error rate never changes who
lives where.

`persons` counts the city's residents. The people they deal with from outside
their compound (landlords, property staff, strangers, ex-partners) come on
top, and so do the unidentified people that placeholder rows stand for.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from typing import Any

from resolution.synthetic.cases import CaseManagement
from resolution.synthetic.city import City, CompoundPlan
from resolution.synthetic.dispatch import Dispatch
from resolution.synthetic.events import Planner
from resolution.synthetic.households import Populator
from resolution.synthetic.noise import ErrorLog, Noise
from resolution.synthetic.numbering import Numbering
from resolution.synthetic.people import IdNumbers, Phones
from resolution.synthetic.provinces import DEFAULT_PROVINCES
from resolution.synthetic.rates import ErrorRates, WorldRates
from resolution.synthetic.registry import Registry
from resolution.synthetic.truth import networks
from resolution.synthetic.writer import TRUTH_NETWORKS, ExportWriter


@dataclass
class GenerationSummary:
    out_dir: Path
    seed: int
    compounds: int = 0
    residents: int = 0
    outsiders: int = 0
    """People from outside the compounds who appear in the data (landlords, strangers...)."""
    unidentified: int = 0
    """Placeholder rows, each its own unknown person."""
    rows: dict[str, int] = field(default_factory=dict)
    """Rows written per file stem (truth_links included)."""
    networks: int = 0
    errors: ErrorLog = field(default_factory=ErrorLog)
    """Which errors were injected where; in memory only."""


class _Generator:
    def __init__(
        self,
        seed: int,
        rates: ErrorRates,
        world: WorldRates,
        out: ExportWriter,
        summary: GenerationSummary,
    ) -> None:
        self.seed = seed
        self.rates = rates
        self.world = world
        self.out = out
        self.summary = summary
        self.numbering = Numbering()
        self.ids = IdNumbers()
        self.phones = Phones()
        self.networks: list[dict[str, Any]] = []

    def compound(self, plan: CompoundPlan) -> None:
        rng = Random(f"{self.seed}/compound/{plan.index}")
        noise = Noise(self.rates, self.summary.errors, Random(f"{self.seed}/noise/{plan.index}"))
        populator = Populator(plan, rng, self.world, self.ids, self.phones, self.numbering.person)
        households = populator.households()
        happenings = Planner(plan, households, populator, rng, self.world).happenings()

        registry = Registry(
            noise, self.world, self.numbering, self.out, self.phones, rng, plan.province
        )
        residents = [person for household in households for person in household.members]
        for person in residents + populator.outsiders:
            if person.registered:
                registry.record(person)
        dispatch = Dispatch(noise, self.numbering, self.out, plan.district.code)
        recorded = [dispatch.record(incident) for incident in happenings.incidents]
        cases = CaseManagement(noise, self.numbering, self.out, plan.district.code)
        for case in happenings.cases:
            cases.record(case)
        self.networks += networks(recorded, plan.name, plan.district.name, self.numbering.network)

        self.summary.compounds += 1
        self.summary.residents += len(residents)
        self.summary.outsiders += len(populator.outsiders)


DEFAULT_RATES = ErrorRates()
DEFAULT_WORLD = WorldRates()


def generate(
    out_dir: Path,
    persons: int,
    seed: int,
    headers: str = "en",
    encoding: str = "utf-8",
    rates: ErrorRates = DEFAULT_RATES,
    world: WorldRates = DEFAULT_WORLD,
    provinces: tuple[str, ...] = DEFAULT_PROVINCES,
) -> GenerationSummary:
    """Writes the five exports, truth_links.csv and truth_networks.json into out_dir; the
    compounds are spread over the districts of `provinces` (keys of PROVINCES)."""
    out_dir = Path(out_dir)
    summary = GenerationSummary(out_dir, seed)
    out = ExportWriter(out_dir, headers, encoding)
    generator = _Generator(seed, rates, world, out, summary)
    try:
        for plan in City(seed, world, provinces).compounds(persons):
            generator.compound(plan)
    finally:
        out.close()
    with (out_dir / TRUTH_NETWORKS).open("w", encoding="utf-8") as handle:
        json.dump(generator.networks, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
    summary.rows = dict(out.rows)
    summary.networks = len(generator.networks)
    summary.unidentified = generator.numbering.count("unidentified")
    return summary
