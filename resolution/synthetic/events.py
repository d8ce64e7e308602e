"""What happens in a compound over the two years: calls to 110, feuds, cases.

This is the truth of who was involved in what; how the platforms record it
(names misheard, IDs missing) is the renderers' business. Most disputes happen
once. A feud is the same two people in dispute again and again over months:
neighbours above and below, a couple, a tenant and a landlord, a resident and
the property manager. A feuding person may fall out with a further neighbour,
and family members join in, which is how repeat-dispute networks grow. Some
feud incidents escalate into cases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from random import Random

from resolution.synthetic import texts
from resolution.synthetic.addresses import Address
from resolution.synthetic.city import CompoundPlan
from resolution.synthetic.households import Populator
from resolution.synthetic.people import Household, Person
from resolution.synthetic.period import FIRST_DAY, LAST_DAY
from resolution.synthetic.rates import WorldRates
from resolution.synthetic.sampling import Weighted, call_time, day_between, poisson
from resolution.synthetic.texts import (
    FAMILY,
    MISSING,
    MONEY,
    NEIGHBOUR,
    OTHER_DISPUTE,
    PROPERTY,
    ROMANCE,
    TENANCY,
    THEFT,
    TRAFFIC,
)

CALLER, PARTY, OTHER_PARTY = "报警人", "当事人", "对方当事人"
SUSPECT, VICTIM, WITNESS = "嫌疑人", "受害人", "证人"

_FEUD_KINDS = Weighted.of(
    {NEIGHBOUR: 0.45, FAMILY: 0.25, TENANCY: 0.10, PROPERTY: 0.08, MONEY: 0.07, ROMANCE: 0.05}
)
_RURAL_FEUD_KINDS = Weighted.of({NEIGHBOUR: 0.55, FAMILY: 0.35, MONEY: 0.10})
_ONE_OFF_KINDS = Weighted.of(
    {
        NEIGHBOUR: 0.35,
        FAMILY: 0.25,
        MONEY: 0.12,
        PROPERTY: 0.10,
        TENANCY: 0.08,
        ROMANCE: 0.05,
        OTHER_DISPUTE: 0.05,
    }
)
_CALL_KINDS = Weighted.of(
    {
        THEFT: 0.22,
        texts.FRAUD: 0.10,
        texts.NOISE: 0.15,
        TRAFFIC: 0.18,
        MISSING: 0.04,
        texts.HELP: 0.08,
        texts.FIGHT: 0.05,
        texts.TIP_OFF: 0.03,
        texts.ENQUIRY: 0.15,
    }
)
_UNRELATED_CASES = Weighted.of(
    {
        texts.CASE_THEFT: 0.3,
        texts.CASE_FRAUD: 0.2,
        texts.GAMBLING: 0.1,
        texts.DRUGS: 0.1,
        texts.DRUNK_DRIVING: 0.15,
        texts.BEATING: 0.15,
    }
)
_SPOTS = ("东门", "西门", "地下车库", "车棚", "物业服务中心", "小区广场", "南门口")
_RURAL_SPOTS = ("村口", "文化礼堂", "村委会门口", "晒谷场")
_KNOWN_OTHER_SIDE = (FAMILY, ROMANCE)
"""Disputes where the caller always knows who the other side is."""


@dataclass(slots=True, eq=False)
class Party:
    person: Person
    role: str
    may_go_unidentified: bool = False
    """The call-taker may not learn who this is; the row then names nobody (see dispatch)."""


@dataclass(slots=True, eq=False)
class Case:
    opened: date
    case_type: str
    status: str
    location: Address | str
    summary: str
    parties: list[tuple[Person, str]]
    source: Incident | None = None
    case_id: str = ""


@dataclass(slots=True, eq=False)
class Incident:
    at: datetime
    category: str
    location: Address | str
    parties: list[Party]
    summary: str
    disposition: str = ""
    case: Case | None = None
    incident_id: str = ""
    """Set when dispatch records it."""


@dataclass(slots=True, eq=False)
class _Feud:
    one: Person
    other: Person
    category: str
    location: Address
    matter: str


@dataclass
class Happenings:
    incidents: list[Incident] = field(default_factory=list)
    """Sorted by time."""
    cases: list[Case] = field(default_factory=list)
    """Sorted by opening day; the escalated incidents' cases included."""


class Planner:
    def __init__(
        self,
        plan: CompoundPlan,
        households: list[Household],
        populator: Populator,
        rng: Random,
        world: WorldRates,
    ) -> None:
        self.plan = plan
        self.rng = rng
        self.world = world
        self.people = populator
        self.households = [h for h in households if h.adults]
        self.residents = sum(len(h.members) for h in households)
        self._by_place = {self._place(h.address): h for h in self.households}
        self._manager: Person | None = None

    def happenings(self) -> Happenings:
        out = Happenings()
        if not self.households:
            return out
        for feud in self._feuds():
            out.incidents += self._feud_incidents(feud)
        for _ in range(
            poisson(self.rng, self.residents * self.world.one_off_disputes_per_resident)
        ):
            out.incidents += self._one_off()
        for _ in range(poisson(self.rng, self.residents * self.world.calls_per_resident)):
            out.incidents.append(self._call())
        out.incidents.sort(key=lambda i: i.at)
        out.cases = [i.case for i in out.incidents if i.case]
        for _ in range(poisson(self.rng, self.residents * self.world.unrelated_cases_per_resident)):
            out.cases.append(self._unrelated_case())
        out.cases.sort(key=lambda c: c.opened)
        return out

    # --- who is next to whom ---

    @staticmethod
    def _place(address: Address) -> tuple[int, int, int, int]:
        return (
            address.building,
            address.unit,
            address.room // 100,
            address.room % 100 or address.house_no,
        )

    def _neighbours(self, household: Household) -> list[Household]:
        """Households above, below and across the landing (next door, in a village)."""
        b, u, floor, r = self._place(household.address)
        if self.plan.rural:
            near = [(b, u, floor, r + d) for d in (-2, -1, 1, 2)]
        else:
            near = [(b, u, floor + d, r) for d in (-1, 1)]
            near += [
                (b, u, floor, other)
                for other in range(1, self.plan.rooms_per_floor + 1)
                if other != r
            ]
        return [self._by_place[p] for p in near if p in self._by_place]

    def _adult(self, household: Household) -> Person:
        return self.rng.choice(household.adults)

    def _any_household(self) -> Household:
        return self.rng.choice(self.households)

    def _spot(self) -> Address:
        return self.plan.address().at(self.rng.choice(_RURAL_SPOTS if self.plan.rural else _SPOTS))

    def _manager_of_compound(self) -> Person:
        if self._manager is None:
            self._manager = self.people.outsider(self.rng.randint(30, 55))
        return self._manager

    def _stranger(self) -> Person:
        return self.people.outsider(self.rng.randint(18, 65))

    # --- disputes ---

    def _sides(self, category: str, household: Household) -> tuple[Person, Person, Address] | None:
        """Who is in dispute with whom, and where; None when this household cannot have it."""
        rng, one = self.rng, self._adult(household)
        home = household.address
        if category == NEIGHBOUR:
            neighbours = self._neighbours(household)
            if not neighbours:
                return None
            return one, self._adult(rng.choice(neighbours)), home
        if category == FAMILY:
            if len(household.adults) < 2 or household.kind == "shared":
                return None
            first, second = rng.sample(household.adults, 2)
            return first, second, home
        if category == TENANCY:
            return (one, household.landlord, home) if household.landlord else None
        if category == PROPERTY:
            return None if self.plan.rural else (one, self._manager_of_compound(), self._spot())
        if category == MONEY:
            other = self._adult(self._any_household()) if rng.random() < 0.5 else self._stranger()
            return (one, other, home) if other is not one else None
        if category == ROMANCE:
            age = one.age(LAST_DAY)
            if age > 45:
                return None
            gender = "F" if one.gender == "M" else "M"
            partner = self.people.outsider(max(18, age + rng.randint(-3, 3)), gender)
            return one, partner, home.building_level()
        return one, self._stranger(), self._spot()

    def _feuds(self) -> list[_Feud]:
        rng, world = self.rng, self.world
        kinds = _RURAL_FEUD_KINDS if self.plan.rural else _FEUD_KINDS
        mean = len(self.households) * world.feuds_per_household
        categories = [kinds.pick(rng) for _ in range(poisson(rng, mean))]
        if self.plan.hotspot:
            categories += [NEIGHBOUR] * poisson(rng, mean * kinds.share(NEIGHBOUR) * 3)
        feuds = []
        for category in categories:
            household = self._any_household()
            sides = self._sides(category, household)
            if sides is None:
                continue
            one, other, location = sides
            matter = texts.issue(rng, category, self.plan.rural)
            feuds.append(_Feud(one, other, category, location, matter))
            if category == NEIGHBOUR:
                feuds += self._spread(one, household, other, matter)
        return feuds

    def _spread(
        self, person: Person, household: Household, first: Person, matter: str
    ) -> list[_Feud]:
        """The same person falling out with further neighbours (the 'difficult neighbour')."""
        feuds, opponents = [], {first}
        while self.rng.random() < self.world.feud_spreads:
            candidates = [
                h for h in self._neighbours(household) if not opponents.intersection(h.members)
            ]
            if not candidates:
                break
            opponent = self._adult(self.rng.choice(candidates))
            opponents.add(opponent)
            feuds.append(_Feud(person, opponent, NEIGHBOUR, household.address, matter))
        return feuds

    def _feud_incidents(self, feud: _Feud) -> list[Incident]:
        rng, world = self.rng, self.world
        count = 2 if rng.random() < 0.2 else 3 + min(int(rng.expovariate(1 / 3)), 12)
        day = day_between(rng, FIRST_DAY, LAST_DAY - timedelta(days=90))
        incidents = []
        for number in range(1, count + 1):
            if day > LAST_DAY:
                break
            category = feud.category
            if rng.random() < world.feud_non_dispute_category:
                category = rng.choice((texts.FIGHT, texts.NOISE))
            parties = self._dispute_parties(feud.one, feud.other, category, one_off=False)
            incident = Incident(
                call_time(rng, day),
                category,
                feud.location,
                parties,
                self._summary(feud.category, feud.matter, parties, number, (feud.one, feud.other)),
            )
            if number >= 3 and rng.random() < world.escalation:
                sides = (feud.one, feud.other)
                incident.case = self._escalation(incident, sides, feud.category, feud.matter)
            self._close(incident, number)
            incidents.append(incident)
            day += timedelta(days=1 + int(rng.expovariate(1 / 30)))
        return incidents

    def _one_off(self) -> list[Incident]:
        rng = self.rng
        household = self._any_household()
        category = _ONE_OFF_KINDS.pick(rng)
        sides = self._sides(category, household)
        if sides is None:
            category = OTHER_DISPUTE
            sides = self._sides(category, household)
        one, other, location = sides
        matter = texts.issue(rng, category, self.plan.rural)
        at = call_time(rng, day_between(rng, FIRST_DAY, LAST_DAY))
        incidents = []
        for call in range(2 if rng.random() < self.world.same_day_recall else 1):
            parties = self._dispute_parties(one, other, category, one_off=True)
            incident = Incident(
                at + timedelta(minutes=40 * call),
                category,
                location,
                parties,
                ("再次报警，" if call else "")
                + self._summary(category, matter, parties, 0, (one, other)),
            )
            if rng.random() < self.world.one_off_escalation:
                incident.case = self._escalation(incident, (one, other), category, matter)
            self._close(incident, 0)
            incidents.append(incident)
        return incidents

    def _dispute_parties(
        self, one: Person, other: Person, category: str, one_off: bool
    ) -> list[Party]:
        """Caller first, the other side last; a neighbour may call about a family row."""
        rng, world = self.rng, self.world
        caller, callee = (one, other) if rng.random() < 0.65 else (other, one)
        if not caller.phones and callee.phones:  # 110 knows the number called from
            caller, callee = callee, caller
        unidentified = one_off and category not in _KNOWN_OTHER_SIDE
        if category == FAMILY and one.household and rng.random() < 0.15:
            neighbours = self._neighbours(one.household)
            if neighbours:
                witness = self._adult(rng.choice(neighbours))
                return [Party(witness, CALLER), Party(caller, PARTY), Party(callee, OTHER_PARTY)]
        parties = [Party(caller, CALLER)]
        if rng.random() < world.caller_listed_twice:
            parties.append(Party(caller, PARTY))
        if rng.random() < world.family_joins:
            relative = self._relative(rng.choice((caller, callee)), {caller, callee})
            if relative:
                parties.append(Party(relative, PARTY))
        parties.append(Party(callee, OTHER_PARTY, may_go_unidentified=unidentified))
        return parties

    def _summary(
        self,
        category: str,
        matter: str,
        parties: list[Party],
        number: int,
        sides: tuple[Person, Person],
    ) -> str:
        caller, callee = parties[0].person, parties[-1].person
        witness = caller not in sides  # a neighbour called about a family row
        return texts.dispute_summary(self.rng, category, matter, caller, callee, number, witness)

    def _relative(self, person: Person, besides: set[Person]) -> Person | None:
        if not person.household:
            return None
        relatives = [p for p in person.household.adults if p not in besides]
        return self.rng.choice(relatives) if relatives else None

    def _close(self, incident: Incident, number: int) -> None:
        """The officer's outcome; `number` is the incident's number within a feud (0: none)."""
        case_type = incident.case.case_type if incident.case else None
        incident.disposition = texts.disposition(self.rng, incident.category, number, case_type)

    def _escalation(
        self, incident: Incident, sides: tuple[Person, Person], category: str, matter: str
    ) -> Case:
        """The case a dispute becomes: the side called about is the suspect."""
        rng = self.rng
        case_type = rng.choice(texts.ESCALATIONS.get(category, (texts.BEATING,)))
        one, other = sides
        suspect = incident.parties[-1].person
        victim = one if suspect is other else other
        mutual = rng.random() < 0.15  # 互殴: both sides are suspects
        parties = [(suspect, SUSPECT), (victim, SUSPECT if mutual else VICTIM)]
        if rng.random() < 0.5:
            witness = self._relative(victim, {suspect, victim})
            if witness:
                parties.append((witness, WITNESS))
        opened = min(incident.at.date() + timedelta(days=rng.randint(0, 10)), LAST_DAY)
        return Case(
            opened,
            case_type,
            texts.CASE_STATUSES.pick(rng),
            incident.location,
            texts.case_summary(rng, case_type, incident.at.date(), suspect, victim, matter),
            parties,
            source=incident,
        )

    # --- everything else people call about ---

    def _caller(self) -> Person:
        if self.rng.random() < 0.15:
            return self._stranger()
        household = self._any_household()
        with_phone = [p for p in household.adults if p.phones]
        return self.rng.choice(with_phone or household.adults)

    def _call(self) -> Incident:
        rng = self.rng
        category = _CALL_KINDS.pick(rng)
        caller = self._caller()
        parties = [Party(caller, CALLER)]
        home = caller.home if caller.household else self._spot()
        location: Address | str = home
        if category == TRAFFIC:
            roads = rng.sample(self.plan.district.roads, 2)
            location = f"{self.plan.district.name}{roads[0]}与{roads[1]}交叉口"
            other = self._stranger() if rng.random() < 0.7 else self._adult(self._any_household())
            parties.append(Party(other, PARTY, may_go_unidentified=True))
        elif category == MISSING and caller.household:
            missing = [
                p
                for p in caller.household.members
                if p is not caller and not 14 <= p.age(LAST_DAY) <= 70
            ]
            if missing:
                parties.append(Party(rng.choice(missing), PARTY))
        elif (
            category in (texts.NOISE, texts.FIGHT, texts.TIP_OFF)
            or category == THEFT
            and rng.random() < 0.5
        ):
            location = self._spot() if category != texts.NOISE else home.building_level()
        place = location if isinstance(location, str) else (location.compound + location.spot)
        incident = Incident(
            call_time(rng, day_between(rng, FIRST_DAY, LAST_DAY)),
            category,
            location,
            parties,
            texts.call_summary(rng, category, place),
        )
        if category in (THEFT, texts.FRAUD) and rng.random() < self.world.crime_case:
            incident.case = self._crime(incident, caller)
        self._close(incident, 0)
        return incident

    def _crime(self, incident: Incident, victim: Person) -> Case:
        rng = self.rng
        case_type = texts.CASE_THEFT if incident.category == THEFT else texts.CASE_FRAUD
        parties = [(victim, VICTIM)]
        suspect = None
        if case_type == texts.CASE_THEFT and rng.random() < 0.3:  # solved: the thief is known
            suspect = self._stranger()
            parties.insert(0, (suspect, SUSPECT))
        opened = min(incident.at.date() + timedelta(days=rng.randint(0, 5)), LAST_DAY)
        return Case(
            opened,
            case_type,
            texts.CASE_STATUSES.pick(rng),
            incident.location,
            texts.case_summary(rng, case_type, incident.at.date(), suspect, victim, ""),
            parties,
            source=incident,
        )

    def _unrelated_case(self) -> Case:
        """A case that did not start as a 110 call: found on patrol, reported at the station."""
        rng = self.rng
        case_type = _UNRELATED_CASES.pick(rng)
        resident = self._adult(self._any_household())
        if case_type in (texts.CASE_THEFT, texts.CASE_FRAUD):
            parties = [(resident, VICTIM)]
            if case_type == texts.CASE_THEFT and rng.random() < 0.4:
                parties.insert(0, (self._stranger(), SUSPECT))
        elif case_type == texts.GAMBLING:
            parties = [(resident, SUSPECT)] + [
                (self._stranger(), SUSPECT) for _ in range(rng.randint(1, 3))
            ]
        elif case_type == texts.BEATING:
            parties = [(resident, SUSPECT), (self._stranger(), VICTIM)]
        else:
            parties = [(resident, SUSPECT)]
        suspect = next((p for p, role in parties if role == SUSPECT), None)
        victim = next((p for p, role in parties if role == VICTIM), None)
        opened = day_between(rng, FIRST_DAY, LAST_DAY)
        location = resident.home if case_type == texts.CASE_FRAUD else self._spot()
        return Case(
            opened,
            case_type,
            texts.CASE_STATUSES.pick(rng),
            location,
            texts.case_summary(rng, case_type, opened, suspect, victim, "琐事"),
            parties,
        )
