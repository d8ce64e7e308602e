"""The population registry's records of a person (人口信息).

One record per registered person, written formally; some people have a
second, older record: the 15-digit ID of before 1999 with an old address, or
a floating resident's earlier registration at a previous rented flat.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from random import Random

from resolution.synthetic import formats
from resolution.synthetic.addresses import Address, free_typed
from resolution.synthetic.city import address_elsewhere_in_city
from resolution.synthetic.fields import written_id, written_name, written_phone
from resolution.synthetic.idnumbers import legacy_id
from resolution.synthetic.noise import Noise, Where
from resolution.synthetic.numbering import Numbering
from resolution.synthetic.people import Person, Phones
from resolution.synthetic.provinces import Province
from resolution.synthetic.rates import WorldRates
from resolution.synthetic.writer import ExportWriter

_PHONE_SEPARATORS = (",", "，", ";", "；", "/", " ")
_ADULT_BY_2015 = 1997
"""Only people registered as adults before the current records have older duplicates."""


class Registry:
    def __init__(
        self,
        noise: Noise,
        world: WorldRates,
        numbering: Numbering,
        out: ExportWriter,
        phones: Phones,
        world_rng: Random,
        province: Province,
    ) -> None:
        self.noise = noise
        self.province = province
        self.out = out
        self.world = world
        self.numbering = numbering
        self.phones = phones
        self.rng = world_rng
        """For facts (who has a duplicate record), kept apart from the garbling's Random."""

    def record(self, person: Person) -> None:
        """Writes the person's registry rows: one, or two with an older duplicate."""
        rows = [
            self._record(
                person,
                person.id_number,
                person.home,
                self._registered_phones(person),
                self._moment(max(2018, person.birth.year), 2024),
            )
        ]
        if (
            person.birth.year <= _ADULT_BY_2015
            and self.rng.random() < self.world.registry_duplicate
        ):
            rows.append(self._duplicate(person))
        for row in rows:
            self.out.write("population", row)
            self.out.truth("population", row[0], person.key)

    def _duplicate(self, person: Person) -> tuple[str, ...]:
        rng = self.rng
        phones = [self.phones.allocate(rng)] if rng.random() < 0.5 else person.phones[:1]
        previous = address_elsewhere_in_city(rng, self.province)
        if person.birth.year <= 1983 and rng.random() < 0.5:
            return self._record(
                person, legacy_id(person.id_number), previous, phones, self._moment(2001, 2012)
            )
        return self._record(person, person.id_number, previous, phones, self._moment(2015, 2021))

    def _record(
        self,
        person: Person,
        id_number: str,
        residence: Address,
        phones: list[str],
        updated_at: datetime,
    ) -> tuple[str, ...]:
        noise, record_id = self.noise, self.numbering.record()
        where: Where = ("population", record_id)
        name = written_name(
            person.name, noise, where, homophone="registry_homophone", separator=False
        )
        id_text = written_id(
            id_number, noise, where, mistyped="registry_id_mistyped", lowercase=False
        )
        gender = formats.gender_word(person.gender)
        if noise.roll("registry_gender_code", where):
            gender = formats.gender_code(person.gender)
        if phones:
            phones = [written_phone(phones[0], noise, where, "registry_phone_format"), *phones[1:]]
        phone = (
            self.rng.choice(_PHONE_SEPARATORS).join(phones) if len(phones) > 1 else "".join(phones)
        )
        return (
            record_id,
            name,
            id_text,
            gender,
            self._date(person.birth, where),
            person.ethnicity,
            phone,
            self._address(person.household_address, where),
            self._address(residence, where),
            self._datetime(updated_at, where),
        )

    def _registered_phones(self, person: Person) -> list[str]:
        """Both numbers of a two-phone person, or just the first."""
        if len(person.phones) > 1 and self.rng.random() < self.world.both_phones_in_registry:
            return person.phones
        return person.phones[:1]

    def _moment(self, first_year: int, last_year: int) -> datetime:
        start = datetime(first_year, 1, 1)
        span = (datetime(last_year, 12, 31) - start).total_seconds()
        return start + timedelta(seconds=self.rng.randrange(int(span)))

    def _address(self, address: Address, where: Where) -> str:
        if self.noise.roll("registry_address_variant", where):
            return free_typed(address, self.noise, where)
        return address.formal()

    def _date(self, day: date, where: Where) -> str:
        if self.noise.roll("registry_date_variant", where):
            return formats.date_variant(day, self.noise.rng)
        return formats.iso_date(day)

    def _datetime(self, moment: datetime, where: Where) -> str:
        if self.noise.roll("registry_date_variant", where):
            return formats.datetime_variant(moment, self.noise.rng)
        return formats.iso_datetime(moment)
