"""Dates and times in every form the platforms write them; invalid ones say why."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resolution.normalise.dates import parse_date, parse_datetime, to_date, to_datetime


@pytest.mark.parametrize(
    "typed",
    [
        "2024-01-05",
        "20240105",
        "2024/1/5",
        "2024年1月5日",
        "2024.1.5",
        "２０２４－０１－０５",
        " 2024-1-5 ",
        "2024年01月05日",
    ],
)
def test_date_forms(typed):
    assert parse_date(typed) == (date(2024, 1, 5), None)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("2024-01-05 13:45:00", datetime(2024, 1, 5, 13, 45)),
        ("2024/1/5 13:45", datetime(2024, 1, 5, 13, 45)),
        ("2024-01-05T13:45:07", datetime(2024, 1, 5, 13, 45, 7)),
        ("2024-01-05 13:45:07.250", datetime(2024, 1, 5, 13, 45, 7)),
        ("2023年3月18日 09:12:41", datetime(2023, 3, 18, 9, 12, 41)),
        ("2024年1月5日13时45分", datetime(2024, 1, 5, 13, 45)),
        ("2024年1月5日13时45分20秒", datetime(2024, 1, 5, 13, 45, 20)),
        ("20240105134500", datetime(2024, 1, 5, 13, 45)),
        ("20240105 13:45:00", datetime(2024, 1, 5, 13, 45)),
        ("2024-01-05", datetime(2024, 1, 5)),
    ],
)
def test_datetime_forms(typed, expected):
    assert parse_datetime(typed) == (expected, None)
    assert to_date(typed) == expected.date()


@pytest.mark.parametrize(
    "typed, reason",
    [
        (None, "empty"),
        ("", "empty"),
        ("  ", "empty"),
        ("不详", "not a date"),
        ("2024-01", "not a date"),
        ("05/01/2024", "not a date"),
        ("2023-02-29", "no such day"),
        ("2024-13-01", "no such day"),
        ("1850-01-01", "year out of range"),
        ("2024-01-05 25:00", "no such time"),
    ],
)
def test_invalid_values_say_why(typed, reason):
    assert parse_datetime(typed) == (None, reason)
    assert parse_date(typed) == (None, reason)
    assert to_datetime(typed) is None


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2099, 12, 31)))
def test_every_written_form_reads_back(moment):
    moment = moment.replace(microsecond=0)
    day = moment.date()
    for form in (
        f"{day:%Y-%m-%d}",
        f"{day:%Y%m%d}",
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
    ):
        assert to_date(form) == day
        assert to_datetime(f"{form} {moment:%H:%M:%S}") == moment
        assert to_date(to_date(form).isoformat()) == day
