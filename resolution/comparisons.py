"""The comparisons the Dedupe model learns weights for, as data.

Each comparison names the record field it reads, the comparator that turns two
values into a distance (0 = full agreement, 1 = full disagreement), and the
agreement levels that explanations report. Dedupe learns one weight per
comparison (plus one per "missing" indicator) with logistic regression.

Fields are plain strings (or None when the record has no evidence), so that
records round-trip through Dedupe's JSON training file unchanged:
- `name`: simplified name key, separators dropped; None for placeholders.
- `pinyin`: toneless syllables joined by spaces ("zhang wei"); None likewise.
- `id_number`: the 18-character resident ID (15-digit ones upgraded).
- `birth_date`: YYYYMMDD, stated or derived from the ID number.
- `sex`: "M" or "F".
- `phones`: normalised numbers joined by spaces.
- `addresses`: address keys (resolution.normalise.address.Address.key) joined by ";".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import dedupe.variables as dv
from rapidfuzz.distance import Levenshtein

from resolution.normalise.address import AddressMatch, compare_addresses
from resolution.normalise.idnumber import IdMatch, compare_ids
from resolution.normalise.pinyin import SoundMatch, compare_pinyin

Comparator = Callable[[str, str], float]


def name_distance(a: str, b: str) -> float:
    """Character agreement of two name keys: 0 equal, ~0.33-0.5 one character off."""
    if a == b:
        return 0.0
    return min(1.0, Levenshtein.normalized_distance(a, b))


PINYIN_DISTANCE = {
    SoundMatch.SAME: 0.0,
    SoundMatch.FUZZY: 0.2,
    SoundMatch.ONE_SYLLABLE: 0.5,
    SoundMatch.DIFFERENT: 1.0,
    SoundMatch.UNKNOWN: 1.0,
}


def pinyin_distance(a: str, b: str) -> float:
    """Homophones (张伟/章伟) agree fully; accent folds and one differing syllable partly."""
    return PINYIN_DISTANCE[compare_pinyin(a, b)]


ID_DISTANCE = {
    IdMatch.SAME: 0.0,
    IdMatch.LEGACY: 0.0,
    IdMatch.ONE_CHARACTER: 0.3,
    IdMatch.TRANSPOSED: 0.3,
    IdMatch.DIFFERENT: 1.0,
    IdMatch.UNKNOWN: 1.0,
}


def id_distance(a: str, b: str) -> float:
    """0 same ID, 0.3 one mistyped character or two swapped neighbours, 1 different."""
    return ID_DISTANCE[compare_ids(a, b)]


def birth_distance(a: str, b: str) -> float:
    """0 same date, 0.5 one of year/month/day differs (a typo), 1 otherwise."""
    if a == b:
        return 0.0
    parts = sum(x != y for x, y in zip((a[:4], a[4:6], a[6:]), (b[:4], b[4:6], b[6:]), strict=True))
    return 0.5 if parts == 1 else 1.0


def phone_distance(a: str, b: str) -> float:
    """0 when the two records share any phone number, else 1."""
    return 0.0 if set(a.split()) & set(b.split()) else 1.0


# Distance by the deepest level two addresses agree on; "unknown" (too little written
# on one side to tell) sits with "district": it is no evidence either way.
ADDRESS_DISTANCE = {
    AddressMatch.FLAT: 0.0,
    AddressMatch.BUILDING: 0.25,
    AddressMatch.COMPOUND: 0.5,
    AddressMatch.DISTRICT: 0.8,
    AddressMatch.UNKNOWN: 0.8,
    AddressMatch.DIFFERENT: 1.0,
}
_ADDRESS_ORDER = list(ADDRESS_DISTANCE)


def address_agreement(a: str, b: str) -> AddressMatch:
    """The best agreement between any address of one record and any of the other."""
    return min(
        (compare_addresses(x, y) for x in a.split(";") for y in b.split(";")),
        key=_ADDRESS_ORDER.index,
    )


def address_distance(a: str, b: str) -> float:
    return ADDRESS_DISTANCE[address_agreement(a, b)]


@dataclass(frozen=True)
class Comparison:
    field: str
    comparator: Comparator | None  # None: exact agreement
    meaning: str


COMPARISONS: tuple[Comparison, ...] = (
    Comparison("name", name_distance, "characters of the name (placeholders carry no evidence)"),
    Comparison("pinyin", pinyin_distance, "sound of the name: homophones agree"),
    Comparison("id_number", id_distance, "resident ID number, tolerating one typo or a swap"),
    Comparison("birth_date", birth_distance, "date of birth, stated or from the ID"),
    Comparison("sex", None, "sex, stated or from the ID"),
    Comparison("phones", phone_distance, "any phone number in common"),
    Comparison("addresses", address_distance, "deepest address level in common"),
)
FIELDS = tuple(c.field for c in COMPARISONS)


def dedupe_variables() -> list:
    """The Dedupe variable definitions for COMPARISONS."""
    variables = []
    for comparison in COMPARISONS:
        if comparison.comparator is None:
            variables.append(dv.Exact(comparison.field, has_missing=True))
        else:
            variables.append(
                dv.Custom(comparison.field, comparator=comparison.comparator, has_missing=True)
            )
    return variables
