"""Masking of personal identifiers for roles that may not see them in full.

Masking goes by meaning where the meaning is known and by pattern everywhere else:
- a field that holds an ID number or phones (a person's, a record's, an evidence
  field, an export column the platform mapping names `id_number` or `phone`, in any
  of its spellings: 公民身份号码, ID Number, 联系电话, Phone, a duplicated column) is
  masked whatever its value looks like;
- free text (summaries, dispositions, addresses, export columns of unknown meaning)
  has every run of digits that could be an ID number or a phone masked: mobiles
  with or without spaces and +86, landlines with or without an area code, 15- and
  18-character ID numbers;
- a birth date is shown as its year only, since the date is eight digits of the ID
  number.

What a mask keeps is chosen so that the mask and the other fields an analyst sees
(birth year, sex, district) leave thousands of candidates, which the identifier
search limits (api/security/limits.py) make impossible to try: docs/security.md
has the arithmetic.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

STAR = "*"

# 7+ digits in a row, a mobile in groups (138 1234 5678, +86-138-1234-5678), a landline
# with its area code (0571-88776655), or an ID number (15 digits, or 17 and a check).
_IDENTIFIER_IN_TEXT = re.compile(
    r"(?<![0-9A-Za-z])(?:"
    r"\d{17}[\dXx]"
    r"|(?:\+?86[\s-]?)?1\d{2}[\s-]\d{4}[\s-]?\d{4}"
    r"|0\d{2,3}[\s-]\d{7,8}"
    r"|\d{7,}"
    r")(?![0-9])"
)
_DUPLICATE_SUFFIX = re.compile(r"#\d+$")


def mask_id_number(value: str | None) -> str | None:
    """`330108199304110729` -> `33***************9`: the province and the check character.

    The birth date and sequence digits are hidden: with the birth year, sex and
    district shown elsewhere, about 16,000 ID numbers still fit the mask."""
    if not value:
        return value
    text = value.strip()
    if len(text) < 8:
        return STAR * len(text)
    return text[:2] + STAR * (len(text) - 3) + text[-1]


def mask_phone(value: str | None) -> str | None:
    """`13812345678` -> `138******78`; a landline keeps its area code and last two digits.

    Six hidden digits: a million numbers fit the mask of a mobile."""
    if not value:
        return value
    digits = re.sub(r"\D", "", value)
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if len(digits) < 7:
        return STAR * len(digits)
    if digits.startswith("1"):
        front = 3
    elif digits.startswith("0"):
        front = 4 if digits[1] in "3456789" or len(digits) > 11 else 3
    else:
        front = 0
    return digits[:front] + STAR * (len(digits) - front - 2) + digits[-2:]


def mask_birth_date(value: str | None) -> str | None:
    """`1993-04-11` (or 1993年4月11日, 19930411) -> `1993`: the year only."""
    if not value:
        return value
    found = re.search(r"(1[89]\d{2}|20\d{2})", value)
    return found.group(1) if found else STAR * len(value)


def mask_text(value: str | None) -> str | None:
    """Free text with every ID number and phone in it masked; the rest unchanged."""
    if not value:
        return value
    return _IDENTIFIER_IN_TEXT.sub(_mask_found, value)


def _mask_found(found: re.Match[str]) -> str:
    text = found.group(0)
    digits = re.sub(r"\D", "", text)
    if len(digits) in (15, 18) and not text.startswith(("+", "0")):
        return mask_id_number(text) or ""
    return mask_phone(text) or ""


def _mask_phones(value: str | None) -> str | None:
    """One or several phones (separated by spaces, commas or semicolons), each masked."""
    if not value:
        return value
    parts = [p for p in re.split(r"[;；,，、/]+", value) if p.strip()]
    return ";".join(_phone_or_stars(p) for p in parts)


def _phone_or_stars(part: str) -> str:
    masked = mask_phone(part)
    return masked if masked is not None else ""


# What each canonical column of the platform kinds means to masking (resolution.sources.kinds).
BY_MEANING: dict[str, Callable[[str | None], str | None]] = {
    "id_number": mask_id_number,
    "phone": _mask_phones,
    "phones": _mask_phones,
    "birth_date": mask_birth_date,
}
# Columns that are the platforms' own keys, times and codes: never personal.
PLAIN = frozenset(
    {
        "record_id",
        "party_id",
        "incident_id",
        "case_id",
        "source_incident_id",
        "reported_at",
        "opened_at",
        "updated_at",
        "gender",
        "sex",
        "ethnicity",
        "role",
        "category",
        "case_type",
        "status",
        "name",
    }
)


class FieldMeanings:
    """Which canonical column an export header is, by the platform mapping (the built-in
    one and the bureau's mapping file, as the resolver read them)."""

    def __init__(self, mapping_file: Path | None = None) -> None:
        from resolution.sources.mapping import platform_specs

        self._columns: dict[str, str] = {}
        for spec in platform_specs(mapping_file):
            self._columns.update(spec.columns)
        for column in (*BY_MEANING, *PLAIN):
            self._columns.setdefault(_key(column), column)

    def column(self, header: str) -> str | None:
        """`联系电话`, `Phone`, `phone#2` -> `phone`; None when no platform names it."""
        return self._columns.get(_key(_DUPLICATE_SUFFIX.sub("", header)))

    def mask(self, header: str, value: str | None) -> str | None:
        """`value` of the field or column `header`, as a masked role may see it."""
        if value is None or not isinstance(value, str):
            return value
        column = self.column(header)
        if column in BY_MEANING:
            return BY_MEANING[column](value)
        if column in PLAIN:
            return value
        return mask_text(value)


def _key(header: str) -> str:
    from resolution.sources.mapping import header_key

    return header_key(header)


@lru_cache(maxsize=8)
def field_meanings(mapping_file: Path | None = None) -> FieldMeanings:
    """The meanings of one mapping, read once."""
    return FieldMeanings(mapping_file)
