"""Sex: 男/女, M/F, GB/T 2261.1 codes; unknown and blank are no evidence."""

from __future__ import annotations

import pytest

from resolution.normalise.sex import parse_sex


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("男", "M"),
        ("女", "F"),
        ("男性", "M"),
        ("女性", "F"),
        ("M", "M"),
        ("F", "F"),
        ("m", "M"),
        ("f", "F"),
        ("Male", "M"),
        ("female", "F"),
        ("1", "M"),
        ("2", "F"),
        (" 男 ", "M"),
        ("Ｍ", "M"),
        ("２", "F"),
        ("0", None),
        ("9", None),
        ("未知", None),
        ("", None),
        (None, None),
        ("男女", None),
    ],
)
def test_parse_sex(typed, expected):
    assert parse_sex(typed) == expected


@pytest.mark.parametrize("typed", ["男", "F", "1", "female"])
def test_idempotent(typed):
    assert parse_sex(parse_sex(typed)) == parse_sex(typed)
