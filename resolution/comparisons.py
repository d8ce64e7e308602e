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
- `addresses`: address keys joined by ";", each "district|road|compound|building|unit|room".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import dedupe.variables as dv
from rapidfuzz.distance import Levenshtein

Comparator = Callable[[str, str], float]


def name_distance(a: str, b: str) -> float:
    """Character agreement of two name keys: 0 equal, ~0.33-0.5 one character off."""
    if a == b:
        return 0.0
    return min(1.0, Levenshtein.normalized_distance(a, b))


def pinyin_distance(a: str, b: str) -> float:
    """Homophones (张伟/章伟) agree fully; one differing syllable is half way."""
    if a == b:
        return 0.0
    sa, sb = a.split(), b.split()
    if len(sa) != len(sb):
        return 1.0
    differing = sum(x != y for x, y in zip(sa, sb, strict=True))
    if differing == 1 and len(sa) >= 2:
        return 0.5
    return 1.0


def id_distance(a: str, b: str) -> float:
    """0 same ID, 0.3 one mistyped character or two swapped neighbours, 1 different."""
    if a == b:
        return 0.0
    if len(a) != len(b):
        return 1.0
    diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diffs) == 1:
        return 0.3
    if (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and a[diffs[0]] == b[diffs[1]]
        and a[diffs[1]] == b[diffs[0]]
    ):
        return 0.3
    return 1.0


def birth_distance(a: str, b: str) -> float:
    """0 same date, 0.5 one of year/month/day differs (a typo), 1 otherwise."""
    if a == b:
        return 0.0
    parts = sum(x != y for x, y in zip((a[:4], a[4:6], a[6:]), (b[:4], b[4:6], b[6:]), strict=True))
    return 0.5 if parts == 1 else 1.0


def phone_distance(a: str, b: str) -> float:
    """0 when the two records share any phone number, else 1."""
    return 0.0 if set(a.split()) & set(b.split()) else 1.0


ADDRESS_LEVELS = ("district", "road", "compound", "building", "unit", "room")
# Distance by the deepest level two address keys agree on (see address_agreement).
ADDRESS_DISTANCE = {"flat": 0.0, "building": 0.25, "compound": 0.5, "district": 0.8, "none": 1.0}


def address_agreement(a: str, b: str) -> str:
    """The best agreement between any address of one record and any of the other."""
    best = "none"
    order = list(ADDRESS_DISTANCE)
    for x in a.split(";"):
        for y in b.split(";"):
            level = _address_pair_agreement(x.split("|"), y.split("|"))
            if order.index(level) < order.index(best):
                best = level
    return best


def _address_pair_agreement(x: list[str], y: list[str]) -> str:
    district, road, compound, building, unit, room = (
        (x[i], y[i]) if i < len(x) and i < len(y) else ("", "") for i in range(6)
    )
    same = lambda pair: pair[0] != "" and pair[0] == pair[1]  # noqa: E731
    if district[0] and district[1] and district[0] != district[1]:
        return "none"
    place = same(compound) or (not compound[0] and not compound[1] and same(road))
    if place and same(building):
        if same(unit) and same(room) or (not unit[0] and not unit[1] and same(room)):
            return "flat"
        return "building"
    if place:
        return "compound"
    return "district" if same(district) else "none"


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
