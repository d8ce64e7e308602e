"""The people of the synthetic city, and the numbers that must stay unique.

A `Person` is the truth about someone: what the exports say about them is
derived from it, garbled or not. Everyone belongs to the compound (chunk) in
which they were made, so the only state shared between chunks is which ID
numbers and phone numbers have been handed out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from random import Random

from resolution.synthetic.addresses import Address
from resolution.synthetic.idnumbers import make_id
from resolution.synthetic.sampling import Weighted


@dataclass(slots=True, eq=False)
class Person:
    key: str
    name: str
    surname: str
    """The Han surname, "" for names without one (阿依古丽·买买提, 扎西多吉)."""
    gender: str
    """"M" or "F"."""
    birth: date
    id_number: str
    ethnicity: str
    phones: list[str]
    home: Address
    """Where the person lives now (现住址)."""
    household_address: Address
    """Where the person's 户籍 is registered."""
    registered: bool
    """Whether the population registry has them at all."""
    floating: bool = False
    household: Household | None = None
    """None for people from outside the compound (landlords, staff, strangers)."""

    def age(self, on: date) -> int:
        return on.year - self.birth.year - ((on.month, on.day) < (self.birth.month, self.birth.day))


@dataclass(slots=True, eq=False)
class Household:
    address: Address
    kind: str
    """single, couple, family1, family2, three_generations, elderly, elderly_single, shared."""
    members: list[Person] = field(default_factory=list)
    adults: list[Person] = field(default_factory=list)
    """Members aged 18 or more at the end of the period."""
    landlord: Person | None = None
    """The owner, for a rented flat; the owner lives elsewhere."""


class IdNumbers:
    """Hands out ID numbers that no one else holds (region + birth date + sequence)."""

    def __init__(self) -> None:
        self._used: set[int] = set()

    def allocate(
        self, rng: Random, region: str, birth: date, gender: str, after: str | None = None
    ) -> str:
        """A fresh number; `after` (a twin's number) asks for the next free sequence."""
        parity = 1 if gender == "M" else 0
        start = int(after[14:17]) + 1 if after else None
        while True:
            if start is not None and start < 999:
                sequence = start + (start % 2 != parity)
                start = sequence + 1
            else:
                sequence = rng.randrange(1 - parity, 500) * 2 + parity
            id_number = make_id(region, birth, sequence)
            key = int(id_number[:17])
            if key not in self._used:
                self._used.add(key)
                return id_number


_MOBILE_PREFIXES = Weighted.of(
    {
        **{f"13{d}": 3.0 for d in range(10)},
        **{f"15{d}": 2.0 for d in (0, 1, 2, 3, 5, 6, 7, 8, 9)},
        **{f"18{d}": 2.5 for d in range(10)},
        **{p: 1.5 for p in ("170", "173", "176", "177", "178", "147", "166", "191", "198", "199")},
    }
)


class Phones:
    """Hands out mobile numbers (1[3-9]x xxxx xxxx) that no one else holds."""

    def __init__(self) -> None:
        self._used: set[int] = set()

    def allocate(self, rng: Random) -> str:
        while True:
            phone = _MOBILE_PREFIXES.pick(rng) + f"{rng.randrange(100_000_000):08d}"
            if int(phone) not in self._used:
                self._used.add(int(phone))
                return phone
