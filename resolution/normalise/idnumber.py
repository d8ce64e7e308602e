"""Resident ID numbers (公民身份号码, GB 11643): clean, check, upgrade, derive, compare.

An 18-character number is a 6-digit region code (where first registered), an
8-digit birth date, a 3-digit sequence (odd for men, even for women) and a
check character (ISO 7064 MOD 11-2: 0-9 or X). Legacy 15-digit numbers have a
2-digit year and no check character; they are upgraded by inserting "19" and
computing the check character, so one person's old and new numbers compare
equal.

Typed numbers come with spaces, dashes, full-width digits, x or × for X. A
single mistyped character or two swapped neighbours always breaks the check
character (MOD 11-2 catches every such error), so `compare_ids` reports those
only when a checksum fails; two valid numbers that differ are two people
(twins differ in the sequence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from resolution.normalise._divisions import divisions
from resolution.normalise._text import nfkc

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"
PERMIT_PROVINCES = frozenset({"81", "82", "83"})
"""Residence permits of Hong Kong, Macao and Taiwan residents: 810000, 820000, 830000."""
EARLIEST_BIRTH = date(1880, 1, 1)

_NOISE = re.compile(r"[\s\-_.·/]+")
_SHAPE = re.compile(r"\d{17}[\dX]|\d{15}")


@dataclass(frozen=True, slots=True)
class IdNumber:
    value: str
    """18 characters, X upper-case; a 15-digit number upgraded."""
    checksum_ok: bool
    birth_date: date | None
    """None when the eight digits are not a real date (or before 1880, or in the future)."""
    sex: str
    """"M" when the 17th digit is odd, else "F"."""
    upgraded: bool
    """Written as a legacy 15-digit number."""

    @property
    def region(self) -> str:
        return self.value[:6]

    @property
    def region_known(self) -> bool:
        """The region code is one GB/T 2260 has (had): a county-level division current or
        abolished (330103 下城区 keeps being carried), a city's own code (330100, 330101
        市辖区), a province's, or a residence permit's."""
        return region_known(self.region)

    @property
    def valid(self) -> bool:
        """Check character right, birth date real, region code known."""
        return self.checksum_ok and self.birth_date is not None and self.region_known

    def conflicts(self, birth_date: date | None = None, sex: str | None = None) -> tuple[str, ...]:
        """Which stated facts the number contradicts: "birth_date", "sex"."""
        found = []
        if birth_date is not None and self.birth_date is not None and birth_date != self.birth_date:
            found.append("birth_date")
        if sex is not None and sex != self.sex:
            found.append("sex")
        return tuple(found)


class IdMatch(StrEnum):
    SAME = "same"
    LEGACY = "legacy"
    """A 15-digit number and its 18-character upgrade."""
    ONE_CHARACTER = "one_character"
    """One character differs, and a checksum fails: a typing error."""
    TRANSPOSED = "transposed"
    """Two neighbouring characters swapped, and a checksum fails."""
    DIFFERENT = "different"
    UNKNOWN = "unknown"
    """One side has no ID number (or nothing shaped like one)."""


def region_known(code: str) -> bool:
    """Whether a 6-digit region code names a division of data/divisions.csv."""
    codes = divisions().codes
    if code in codes:
        return True
    if code[4:] in ("00", "01") and code[:4] + "00" in codes:
        return True
    return code[2:] == "0000" and (code[:2] in PERMIT_PROVINCES or code in codes)


def check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits."""
    return CHECK_CHARACTERS[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def upgrade(id15: str) -> str:
    """A 15-digit number as 18 characters: century 19 inserted, check character appended."""
    first17 = id15[:6] + "19" + id15[6:]
    return first17 + check_character(first17)


def clean_id(text: str | None) -> str | None:
    """The 15 or 18 characters of an ID number without spaces, dashes or full-width forms;
    None when the text is not shaped like one."""
    if not text:
        return None
    cleaned = _NOISE.sub("", nfkc(text)).upper().replace("×", "X")
    return cleaned if _SHAPE.fullmatch(cleaned) else None


@lru_cache(maxsize=1 << 18)
def parse_id(text: str | None) -> IdNumber | None:
    """The ID number in `text`, checked and with its derived facts; None if not shaped like one."""
    cleaned = clean_id(text)
    if cleaned is None:
        return None
    upgraded = len(cleaned) == 15
    value = upgrade(cleaned) if upgraded else cleaned
    return IdNumber(
        value,
        upgraded or check_character(value[:17]) == value[17],
        _birth(value[6:14]),
        "M" if int(value[16]) % 2 else "F",
        upgraded,
    )


def normalise_id(text: str | None) -> str | None:
    """The 18-character form (upgraded when legacy), valid or not; None if not shaped like one."""
    parsed = parse_id(text)
    return parsed.value if parsed else None


def compare_ids(a: str | IdNumber | None, b: str | IdNumber | None) -> IdMatch:
    """How two ID numbers (as written, or parsed) agree. LEGACY needs the written forms:
    two normalised numbers are both 18 characters long."""
    x = a if isinstance(a, IdNumber) else parse_id(a)
    y = b if isinstance(b, IdNumber) else parse_id(b)
    if x is None or y is None:
        return IdMatch.UNKNOWN
    if x.value == y.value:
        return IdMatch.LEGACY if x.upgraded != y.upgraded else IdMatch.SAME
    if x.checksum_ok and y.checksum_ok:
        return IdMatch.DIFFERENT
    differ = [i for i, (p, q) in enumerate(zip(x.value, y.value, strict=True)) if p != q]
    if len(differ) == 1:
        return IdMatch.ONE_CHARACTER
    i, j = differ[0], differ[-1]
    if len(differ) == 2 and j == i + 1 and x.value[i] == y.value[j] and x.value[j] == y.value[i]:
        return IdMatch.TRANSPOSED
    return IdMatch.DIFFERENT


def _birth(digits: str) -> date | None:
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None
    return born if EARLIEST_BIRTH <= born <= date.today() else None
