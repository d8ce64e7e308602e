"""Phone numbers as typed: one or more per field, with country codes, spaces and dashes.

A mobile is 11 digits starting 13-19. A landline is written with its area
code (0571-87654321, 010-12345678) and kept as digits with the leading 0
(057187654321); without an area code (87654321) it is kept as written, a
"local" number, which cannot be compared with one that has its area code.
Country codes (+86, 0086, 86-) are removed; a landline written after +86
without its 0 (+86 571 87654321) gets it back. Extensions (转123, ext. 123)
are dropped. One field may hold several numbers separated by / , ; 、 | 或 和
or just spaces (+86 138 1234 5678 139 8765 4321).

A number after + with another country code is kept as +<digits>.
Numbers that are not numbers are dropped (service numbers such as 12345 too): too short or long, or a dummy whose
last eight digits are one digit repeated (13800000000, 00000000000), which
would otherwise tie unrelated people together.
"""

from __future__ import annotations

import re
from functools import lru_cache

from resolution.normalise._text import nfkc

_SEPARATORS = re.compile(r"[/,;、|]|或|和|及|\n")
_EXTENSION = re.compile(r"(?:转|ext\.?|x|分机)\s*\d+$", re.IGNORECASE)
KINDS = {
    "mobile": re.compile(r"1[3-9]\d{9}"),
    "landline": re.compile(r"0[1-9]\d{8,10}"),
    "local": re.compile(r"[2-9]\d{6,7}"),
    "international": re.compile(r"\+[1-79]\d{6,14}"),
}


@lru_cache(maxsize=1 << 18)
def parse_phones(text: str | None) -> tuple[str, ...]:
    """Every number in the field, normalised, in order, without repeats."""
    if not text:
        return ()
    numbers: list[str] = []
    for chunk in _SEPARATORS.split(nfkc(text)):
        numbers += _numbers_in(_EXTENSION.sub("", chunk.strip()))
    return tuple(dict.fromkeys(numbers))


def normalise_phone(text: str | None) -> str | None:
    """The one number in `text` (the first if several); None if none."""
    numbers = parse_phones(text)
    return numbers[0] if numbers else None


def phone_kind(number: str) -> str | None:
    """ "mobile", "landline" (with area code), "local" (without), "international" (+1...)."""
    for kind, pattern in KINDS.items():
        if pattern.fullmatch(number):
            return kind
    return None


def _numbers_in(chunk: str) -> list[str]:
    """The numbers in one separated part: one number, or several apart by spaces. Spaces
    also split one number (157 0241 7187), so words are joined until they make one."""
    numbers, pending = [], ""
    for word in chunk.split():
        pending += word
        number = _national(re.sub(r"\D", "", pending), international=pending.startswith("+"))
        if _usable(number):
            numbers.append(number)
            pending = ""
    whole = _national(re.sub(r"\D", "", chunk), international=chunk.startswith("+"))
    return numbers if numbers and not pending else [whole] if _usable(whole) else numbers


def _national(digits: str, international: bool) -> str:
    """The number as dialled within China: country code off, a landline's 0 back on,
    a 0 dialled before a mobile off; other countries' numbers keep + and their code."""
    for prefix in ("0086", "86"):
        rest = digits.removeprefix(prefix)
        if rest != digits and len(rest) >= 10:
            if _valid(rest):
                return rest
            if KINDS["landline"].fullmatch("0" + rest):
                return "0" + rest
    if international:
        return "+" + digits
    if len(digits) == 12 and digits.startswith("01") and KINDS["mobile"].fullmatch(digits[1:]):
        return digits[1:]
    return digits


def _valid(number: str) -> bool:
    return (
        KINDS["mobile"].fullmatch(number) is not None
        or KINDS["landline"].fullmatch(number) is not None
    )


def _usable(number: str) -> bool:
    return phone_kind(number) is not None and len(set(number[-8:])) > 1
