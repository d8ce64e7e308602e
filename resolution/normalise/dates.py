"""Dates and times as platforms write them.

Accepted: 2024-01-05, 20240105, 2024/1/5, 2024.1.5, 2024年1月5日, each
optionally followed by a time: 13:45, 13:45:00, 13:45:00.123, 13时45分(00秒),
after a space or a T (2024-01-05T13:45:00); 20240105134500 too. Full-width
digits and stray spaces are fine. A date-only value asked for as a date-time
is midnight. Anything else is None with the reason why.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

from resolution.normalise._text import nfkc

EARLIEST_YEAR = 1880
LATEST_YEAR = 2100

_SEPARATED = re.compile(
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:(?:\s*[T\s]\s*|(?<=日))(?P<H>\d{1,2})\s*[:时]\s*(?P<M>\d{1,2})\s*分?"
    r"(?:\s*[:]?\s*(?P<S>\d{1,2})\s*秒?)?(?:\.\d+)?)?"
)
_COMPACT = re.compile(
    r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:\s*T?\s*(?P<H>\d{2}):?(?P<M>\d{2})(?::?(?P<S>\d{2}))?)?"
)


class DateValue(NamedTuple):
    value: date | None
    reason: str | None
    """Why value is None: "empty", "not a date", "no such day", "year out of range"."""


class DateTimeValue(NamedTuple):
    value: datetime | None
    reason: str | None


@lru_cache(maxsize=1 << 16)
def parse_datetime(text: str | None) -> DateTimeValue:
    """A date with its time of day (midnight when only the date is written)."""
    if text is None or not text.strip():
        return DateTimeValue(None, "empty")
    cleaned = nfkc(text).strip()
    match = _SEPARATED.fullmatch(cleaned) or _COMPACT.fullmatch(cleaned)
    if match is None:
        return DateTimeValue(None, "not a date")
    parts = {k: int(v) if v else 0 for k, v in match.groupdict().items()}
    if not EARLIEST_YEAR <= parts["y"] <= LATEST_YEAR:
        return DateTimeValue(None, "year out of range")
    try:
        value = datetime(parts["y"], parts["m"], parts["d"], parts["H"], parts["M"], parts["S"])
    except ValueError:
        return DateTimeValue(None, "no such day" if _bad_day(parts) else "no such time")
    return DateTimeValue(value, None)


def parse_date(text: str | None) -> DateValue:
    """The date in `text` (a time after it is allowed and ignored)."""
    value, reason = parse_datetime(text)
    return DateValue(value.date() if value else None, reason)


def to_date(text: str | None) -> date | None:
    return parse_date(text).value


def to_datetime(text: str | None) -> datetime | None:
    return parse_datetime(text).value


def _bad_day(parts: dict[str, int]) -> bool:
    try:
        date(parts["y"], parts["m"], parts["d"])
    except ValueError:
        return True
    return False
