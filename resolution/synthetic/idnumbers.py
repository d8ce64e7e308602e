"""Resident ID numbers (GB 11643-1999) and the ways officers mistype them.

An 18-digit number is region (6) + birth date (8) + sequence (3, odd for men)
+ a check character by ISO 7064 MOD 11-2. The legacy 15-digit number (issued
until 1999) is region (6) + yymmdd (6) + sequence (3), without check.
"""

from __future__ import annotations

from datetime import date
from random import Random

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def check_character(first17: str) -> str:
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def make_id(region: str, birth: date, sequence: int) -> str:
    body = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return body + check_character(body)


def is_valid(id_number: str) -> bool:
    """True for a well-formed 18-digit number whose check character matches."""
    return (
        len(id_number) == 18
        and id_number[:17].isdigit()
        and id_number[17] == check_character(id_number[:17])
    )


def legacy_id(id_number: str) -> str:
    """The 15-digit number the same person held before 1999."""
    return id_number[:6] + id_number[8:17]


def mistype(id_number: str, rng: Random) -> str:
    """One digit wrong, or two neighbouring digits swapped; the checksum then fails.

    MOD 11-2 catches both: every weight and every difference of neighbouring
    weights is non-zero modulo the prime 11.
    """
    digits = list(id_number)
    if rng.random() < 0.6:
        at = rng.randrange(17)
        digits[at] = rng.choice([d for d in "0123456789" if d != digits[at]])
    else:
        at = rng.choice([i for i in range(16) if digits[i] != digits[i + 1]])
        digits[at], digits[at + 1] = digits[at + 1], digits[at]
    return "".join(digits)
