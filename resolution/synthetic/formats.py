"""How each platform writes dates, times and gender."""

from __future__ import annotations

from datetime import date, datetime
from random import Random


def iso_date(day: date) -> str:
    return f"{day:%Y-%m-%d}"


def _compact(day: date) -> str:
    return f"{day:%Y%m%d}"


def _slashed(day: date) -> str:
    return f"{day.year}/{day.month}/{day.day}"


def _chinese(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


_VARIANTS = (_compact, _slashed, _chinese)


def date_variant(day: date, rng: Random) -> str:
    """A non-ISO form: 20240105, 2024/1/5 or 2024年1月5日."""
    return rng.choice(_VARIANTS)(day)


def iso_datetime(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M:%S}"


def datetime_variant(moment: datetime, rng: Random) -> str:
    """A non-ISO date with the time after it (2024/1/5 14:23:11)."""
    return f"{date_variant(moment.date(), rng)} {moment:%H:%M:%S}"


def gender_word(gender: str) -> str:
    return "男" if gender == "M" else "女"


def gender_code(gender: str) -> str:
    """GB/T 2261.1: 1 male, 2 female."""
    return "1" if gender == "M" else "2"


def gender_variant(gender: str, rng: Random) -> str:
    """M/F, 1/2 or blank instead of 男/女."""
    return rng.choice((gender, gender_code(gender), ""))
