"""Phone numbers: country codes, spaces and dashes off; several per field; dummies dropped."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resolution.normalise.phone import normalise_phone, parse_phones, phone_kind


@pytest.mark.parametrize(
    "typed",
    [
        "13812345678",
        "+86 138 1234 5678",
        "+8613812345678",
        "86-13812345678",
        "0086 13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "１３８１２３４５６７８",
        "013812345678",
        "(+86)138-1234-5678",
    ],
)
def test_one_mobile_written_many_ways(typed):
    assert parse_phones(typed) == ("13812345678",)
    assert phone_kind("13812345678") == "mobile"


@pytest.mark.parametrize(
    "typed",
    [
        "0571-87654321",
        "0571 8765 4321",
        "(0571)87654321",
        "057187654321",
        "+86 571 87654321",
        "86-0571-87654321",
        "0571-87654321转123",
        "0571-87654321 ext. 8",
    ],
)
def test_one_landline_written_many_ways(typed):
    assert parse_phones(typed) == ("057187654321",)
    assert phone_kind("057187654321") == "landline"


@pytest.mark.parametrize(
    "typed",
    [
        "13812345678/13987654321",
        "13812345678,13987654321",
        "13812345678；13987654321",
        "13812345678、13987654321",
        "13812345678 13987654321",
        "13812345678或13987654321",
        "13812345678 / 139 8765 4321",
        "13812345678/13987654321/13812345678",
        "+8613812345678 13987654321",
        "+86 13812345678 13987654321",
        "86-13812345678 139 8765 4321",
    ],
)
def test_two_phones_in_one_field(typed):
    assert parse_phones(typed) == ("13812345678", "13987654321")


def test_a_mobile_and_a_landline():
    assert parse_phones("0571-87654321，+86 139 8765 4321") == ("057187654321", "13987654321")


def test_other_kinds():
    assert parse_phones("87654321") == ("87654321",) and phone_kind("87654321") == "local"
    assert parse_phones("010-12345678") == ("01012345678",)
    assert parse_phones("+1 415 555 1234") == ("+14155551234",)
    assert phone_kind("+14155551234") == "international"


@pytest.mark.parametrize(
    "typed",
    [
        None,
        "",
        "无",
        "不详",
        "12345",
        "110",
        "13800000000",
        "00000000000",
        "1381234567",
        "138123456789",
        "400-123-4567",
    ],
)
def test_what_is_not_a_phone_is_dropped(typed):
    assert parse_phones(typed) == () and normalise_phone(typed) is None


def test_normalise_phone_takes_the_first():
    assert normalise_phone("13812345678/13987654321") == "13812345678"


@given(st.text(alphabet="0123456789+-/ ,、()转", max_size=30))
def test_parsing_is_idempotent(text):
    numbers = parse_phones(text)
    assert parse_phones("/".join(numbers)) == numbers
    assert all(phone_kind(n) for n in numbers)
