"""Filling one compound with households: families, renters, grandparents, twins.

A household shares a flat, usually a surname and a 户籍 address; siblings may
share a generation character and twins share a birth date and neighbouring ID
sequence numbers. Floating families (流动人口) rent, carry the region code of
their origin, and some never registered with the police.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import count
from random import Random

from resolution.synthetic import names
from resolution.synthetic.addresses import Address
from resolution.synthetic.city import (
    CompoundPlan,
    address_elsewhere_in_city,
    origin_address,
    pick_origin,
)
from resolution.synthetic.divisions import Origin
from resolution.synthetic.names import HAN, MINORITIES, Ethnicity
from resolution.synthetic.people import Household, IdNumbers, Person, Phones
from resolution.synthetic.period import LAST_DAY
from resolution.synthetic.rates import WorldRates
from resolution.synthetic.sampling import Weighted

_URBAN_KINDS = Weighted.of(
    {
        "single": 0.13,
        "couple": 0.14,
        "family1": 0.25,
        "family2": 0.12,
        "three_generations": 0.12,
        "elderly": 0.15,
        "elderly_single": 0.05,
        "shared": 0.04,
    }
)
_RURAL_KINDS = Weighted.of(
    {
        "couple": 0.05,
        "family1": 0.2,
        "family2": 0.15,
        "three_generations": 0.35,
        "elderly": 0.2,
        "elderly_single": 0.05,
    }
)
_FLOATING_SHARE = {
    "single": 0.6,
    "couple": 0.45,
    "family1": 0.35,
    "family2": 0.3,
    "three_generations": 0.12,
    "elderly": 0.06,
    "elderly_single": 0.04,
    "shared": 1.0,
}
"""Chance that a household of each kind is floating, when 30% of residents are."""
_MINORITY_PICK = Weighted.by(MINORITIES, lambda e: e.weight)
_ETHNICITIES = {e.name: e for e in MINORITIES}


@dataclass
class _Family:
    """What the members of one household have in common."""

    ethnicity: Ethnicity
    floating: bool
    registered: bool
    origin: Origin | None
    hukou: Address


class Populator:
    """Makes the people of one compound; shares ID and phone numbers with the city."""

    def __init__(
        self,
        plan: CompoundPlan,
        rng: Random,
        world: WorldRates,
        ids: IdNumbers,
        phones: Phones,
        next_key: Callable[[], str],
    ) -> None:
        self.plan = plan
        self.rng = rng
        self.world = world
        self.ids = ids
        self.phones = phones
        self.next_key = next_key
        self._landlords: list[Person] = []
        self.outsiders: list[Person] = []
        """Everyone made by `outsider`, in order."""
        province = plan.province
        self._districts = province.pick_district()
        self._minority = world.minority if province.minority is None else province.minority
        self._minorities = (
            Weighted.of({_ETHNICITIES[name]: share for name, share in province.minorities})
            if province.minorities
            else _MINORITY_PICK
        )

    def households(self) -> list[Household]:
        households, residents = [], 0
        for address in self._flats():
            if residents >= self.plan.residents:
                break
            if self.rng.random() < 0.12:  # empty flat
                continue
            household = self._household(address)
            residents += len(household.members)
            households.append(household)
        return households

    def _flats(self) -> Iterator[Address]:
        plan = self.plan
        if plan.rural:
            for house in count(1):
                yield plan.address(house_no=house)
        for building in count(1):
            for unit in range(1, plan.units + 1) if plan.units else (0,):
                for floor in range(1, plan.floors + 1):
                    for room in range(1, plan.rooms_per_floor + 1):
                        yield plan.address(building=building, unit=unit, room=floor * 100 + room)

    # --- households ---

    def _household(self, address: Address) -> Household:
        kind = (_RURAL_KINDS if self.plan.rural else _URBAN_KINDS).pick(self.rng)
        household = Household(address, kind)
        if kind == "shared":
            for _ in range(self.rng.randint(2, 4)):
                family = self._family(kind, address, force_floating=True)
                self._adult(household, family, self.rng.randint(19, 35))
        else:
            family = self._family(kind, address)
            self._members(kind, household, family)
        household.adults = [p for p in household.members if p.age(LAST_DAY) >= 18]
        rented = any(p.floating for p in household.members) and self.rng.random() < 0.95
        if rented or self.rng.random() < 0.08:
            household.landlord = self._landlord()
        return household

    def _members(self, kind: str, household: Household, family: _Family) -> None:
        rng = self.rng
        if kind == "single":
            self._adult(
                household,
                family,
                rng.randint(20, 40) if rng.random() < 0.8 else rng.randint(41, 64),
            )
        elif kind == "elderly_single":
            self._adult(household, family, rng.randint(65, 92))
        elif kind == "elderly":
            self._couple(household, family, rng.randint(58, 88))
        elif kind == "couple":
            self._couple(household, family, rng.randint(24, 62))
        elif kind in ("family1", "family2"):
            father, _ = self._couple(household, family, rng.randint(28, 56))
            self._children(household, family, father, 1 if kind == "family1" else 2)
        else:
            age = rng.randint(28, 55)
            elder, _ = self._couple(household, family, min(95, age + rng.randint(22, 32)))
            father, _ = self._couple(household, family, age, elder)
            self._children(household, family, father, rng.choice((1, 1, 2)))

    def _family(self, kind: str, home: Address, force_floating: bool = False) -> _Family:
        rng, world = self.rng, self.world
        ethnicity = self._minorities.pick(rng) if rng.random() < self._minority else HAN
        share = _FLOATING_SHARE[kind] * world.floating / 0.30 * (0.3 if self.plan.rural else 1.0)
        floating = (
            force_floating
            or rng.random() < share
            or ethnicity is not HAN
            and ethnicity.name not in self.plan.province.settled
        )
        if floating:
            origin = pick_origin(rng, ethnicity.name)
            registered = rng.random() >= world.floating_unregistered
            return _Family(ethnicity, True, registered, origin, origin_address(rng, origin))
        hukou = (
            address_elsewhere_in_city(rng, self.plan.province)
            if rng.random() < world.household_elsewhere
            else home
        )
        return _Family(ethnicity, False, True, None, hukou)

    # --- people ---

    def _couple(
        self, household: Household, family: _Family, age: int, parent: Person | None = None
    ) -> tuple[Person, Person]:
        """A man and his wife; `parent` is the man's father when three generations live together."""
        husband = self._adult(household, family, age, "M", parent)
        wife = self._adult(household, family, max(18, age + self.rng.randint(-5, 2)), "F")
        return husband, wife

    def _adult(
        self,
        household: Household,
        family: _Family,
        age: int,
        gender: str | None = None,
        father: Person | None = None,
    ) -> Person:
        gender = gender or self.rng.choice("MF")
        birth = self._birth(age)
        surname = father.surname if father else self._surname(family)
        name = self._name(family, surname, gender, birth.year, father)
        return self._person(household, family, name, surname, gender, birth)

    def _children(self, household: Household, family: _Family, father: Person, count: int) -> None:
        rng = self.rng
        surname = father.surname if rng.random() < 0.9 else household.members[-1].surname
        mother_age = household.members[-1].age(LAST_DAY)
        twins = count == 2 and rng.random() < self.world.twins
        shared = twins or count == 2 and rng.random() < self.world.sibling_generation_name
        generation = names.generation_character(rng, rng.choice("MF")) if shared else None
        previous = None
        for _ in range(count):
            gender = rng.choice("MF")
            if twins and previous:
                birth = previous.birth
            else:
                birth = self._birth(rng.randint(0, max(0, min(mother_age - 20, 25))))
            name = self._name(family, surname, gender, birth.year, father, generation)
            twin_of = previous.id_number if twins and previous else None
            previous = self._person(household, family, name, surname, gender, birth, twin_of)

    def _person(
        self,
        household: Household,
        family: _Family,
        name: str,
        surname: str,
        gender: str,
        birth: date,
        twin_of: str | None = None,
    ) -> Person:
        region = self._region(family, birth.year)
        if twin_of:
            region = twin_of[:6]
        person = Person(
            key=self.next_key(),
            name=name,
            surname=surname,
            gender=gender,
            birth=birth,
            id_number=self.ids.allocate(self.rng, region, birth, gender, twin_of),
            ethnicity=family.ethnicity.name,
            phones=self._phones(birth),
            home=household.address,
            household_address=family.hukou,
            registered=family.registered,
            floating=family.floating,
            household=household,
        )
        household.members.append(person)
        return person

    def _birth(self, age: int) -> date:
        year = LAST_DAY.year - age
        return date.fromordinal(date(year, 1, 1).toordinal() + self.rng.randrange(365))

    def _region(self, family: _Family, year: int) -> str:
        if family.origin:
            return family.origin.code
        roll = self.rng.random()
        if roll < 0.7 or year >= 2000 and roll < 0.9:
            return self.plan.district.id_code(year)
        if roll < 0.85:
            return self._districts.pick(self.rng).id_code(year)
        return self.rng.choice(self.plan.province.elsewhere)

    def _phones(self, birth: date) -> list[str]:
        age = LAST_DAY.year - birth.year
        has_phone = 0.0 if age < 14 else 0.7 if age < 18 else 0.98 if age < 75 else 0.5
        if self.rng.random() >= has_phone:
            return []
        count = 2 if 18 <= age <= 65 and self.rng.random() < self.world.second_phone else 1
        return [self.phones.allocate(self.rng) for _ in range(count)]

    # --- names ---

    def _surname(self, family: _Family) -> str:
        style, local = family.ethnicity.style, family.ethnicity.surnames
        if style in ("separated", "tibetan"):
            return ""
        if local and self.rng.random() < 0.7:
            return self.rng.choice(local)
        return names.pick_surname(self.rng, self.plan.district.surnames)

    def _name(
        self,
        family: _Family,
        surname: str,
        gender: str,
        year: int,
        father: Person | None,
        generation: str | None = None,
    ) -> str:
        rng, style = self.rng, family.ethnicity.style
        if style == "separated" or style == "tibetan" or style == "mongol" and rng.random() < 0.5:
            father_part = (
                names.own_name_part(father.name) if father and style == "separated" else None
            )
            return names.minority_name(rng, style, gender, father_part)
        if not generation and rng.random() < self.world.common_name:
            common = names.common_given_name(rng, surname, gender)
            if common:
                return surname + common
        return surname + names.given_name(rng, gender, year, generation)

    # --- people from outside the compound ---

    def _landlord(self) -> Person:
        """The owner of a rented flat, registered at a home elsewhere in the city; some own
        several flats in the compound."""
        if self._landlords and self.rng.random() < 0.3:
            return self.rng.choice(self._landlords)
        landlord = self.outsider(self.rng.randint(40, 70), registered=True)
        self._landlords.append(landlord)
        return landlord

    def outsider(
        self, age: int, gender: str | None = None, registered: bool | None = None
    ) -> Person:
        """Someone who does not live in the compound: staff, a landlord, a stranger, a visitor.

        Registered outsiders live elsewhere in the city; unregistered ones are from out of town.
        """
        rng = self.rng
        gender = gender or rng.choice("MF")
        registered = rng.random() < 0.5 if registered is None else registered
        origin = None if registered else pick_origin(rng, "汉族")
        home = (
            address_elsewhere_in_city(rng, self.plan.province)
            if registered
            else origin_address(rng, origin)
        )
        family = _Family(HAN, not registered, registered, origin, home)
        birth = self._birth(age)
        surname = names.pick_surname(rng, ())
        name = self._name(family, surname, gender, birth.year, None)
        person = Person(
            key=self.next_key(),
            name=name,
            surname=surname,
            gender=gender,
            birth=birth,
            id_number=self.ids.allocate(rng, self._region(family, birth.year), birth, gender),
            ethnicity=HAN.name,
            phones=self._phones(birth),
            home=home,
            household_address=home,
            registered=registered,
            floating=not registered,
        )
        self.outsiders.append(person)
        return person
