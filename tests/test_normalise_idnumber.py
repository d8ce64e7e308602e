"""Resident ID numbers (GB 11643): check character, 15 -> 18, derived facts, comparison."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from resolution.normalise.idnumber import (
    IdMatch,
    check_character,
    clean_id,
    compare_ids,
    normalise_id,
    parse_id,
    upgrade,
)

VALID = "33068119640710427X"  # male, born 1964-07-10, region 330681 (诸暨市)
LEGACY = "330681640710427"  # the same person's 15-digit number


def test_a_valid_number_and_what_it_says():
    parsed = parse_id(VALID)
    assert parsed.valid and parsed.checksum_ok and not parsed.upgraded
    assert (parsed.region, parsed.birth_date, parsed.sex) == ("330681", date(1964, 7, 10), "M")


def test_check_character_examples():
    assert check_character("11010519491231002") == "X"  # the standard's own example
    assert check_character("33068119640710427") == "X"
    assert check_character("44052418800101001") == "4"


@pytest.mark.parametrize(
    "typed",
    [
        "33068119640710427x",
        " 3306 8119 6407 1042 7X ",
        "330681-19640710-427X",
        "３３０６８１１９６４０７１０４２７Ｘ",
        "33068119640710427×",
        "33068119640710427ｘ",
    ],
)
def test_typed_forms_clean_to_one_number(typed):
    assert normalise_id(typed) == VALID


@pytest.mark.parametrize(
    "typed",
    [
        None,
        "",
        "无",
        "3306811964071042",
        "3306811964071042777",
        "33068119640710427Y",
        "X33068119640710427",
    ],
)
def test_text_not_shaped_like_an_id_is_none(typed):
    assert clean_id(typed) is None and parse_id(typed) is None


def test_legacy_fifteen_digits_are_upgraded():
    assert upgrade(LEGACY) == VALID
    parsed = parse_id(LEGACY)
    assert parsed.value == VALID and parsed.upgraded and parsed.valid


def test_broken_numbers_are_kept_but_not_valid():
    typo = parse_id("330681196407104271")
    assert typo.value == "330681196407104271" and not typo.checksum_ok and not typo.valid
    assert typo.birth_date == date(1964, 7, 10)
    no_such_day = "330681196402304271"
    assert parse_id(no_such_day[:17] + check_character(no_such_day[:17])).birth_date is None
    unknown_province = "990681196407104271"
    assert not parse_id(unknown_province[:17] + check_character(unknown_province[:17])).valid


def test_conflicts_with_stated_facts():
    parsed = parse_id(VALID)
    assert parsed.conflicts(date(1964, 7, 10), "M") == ()
    assert parsed.conflicts(date(1964, 7, 1), "F") == ("birth_date", "sex")
    assert parsed.conflicts(None, None) == ()


def test_compare_ids():
    assert compare_ids(VALID, "33068119640710427x") == IdMatch.SAME
    assert compare_ids(LEGACY, VALID) == IdMatch.LEGACY
    assert compare_ids(VALID, "33068119640710428X") == IdMatch.ONE_CHARACTER
    assert (
        compare_ids(VALID, "33068119640710427Ｘ".replace("Ｘ", "1")) == IdMatch.ONE_CHARACTER
    )  # check char
    assert compare_ids(VALID, "33068119647010427X") == IdMatch.TRANSPOSED
    twin = "33068119640710429" + check_character("33068119640710429")
    assert parse_id(twin).valid and compare_ids(VALID, twin) == IdMatch.DIFFERENT
    assert compare_ids(VALID, None) == compare_ids("", VALID) == IdMatch.UNKNOWN
    assert compare_ids(parse_id(VALID), parse_id(LEGACY)) == IdMatch.LEGACY


DIGITS17 = st.text(alphabet="0123456789", min_size=17, max_size=17)
BIRTHS = st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31))
REGIONS = st.sampled_from(["330681", "330102", "110105", "441900", "653101"])


@given(DIGITS17)
def test_check_character_round_trip(first17):
    number = first17 + check_character(first17)
    assert parse_id(number).checksum_ok
    assert not parse_id(first17 + next(c for c in "0123456789X" if c != number[17])).checksum_ok


@given(REGIONS, BIRTHS, st.integers(0, 999))
def test_upgrade_keeps_region_birth_and_sex(region, born, sequence):
    legacy = f"{region}{born:%y%m%d}{sequence:03d}"
    parsed = parse_id(legacy)
    assert parsed.valid and parsed.upgraded
    assert (parsed.region, parsed.birth_date) == (region, born)
    assert parsed.sex == ("M" if sequence % 2 else "F")
    assert compare_ids(legacy, parsed.value) == IdMatch.LEGACY


@given(st.text(alphabet="0123456789Xx ×-", max_size=22))
def test_normalising_is_idempotent(text):
    once = normalise_id(text)
    assert once is None or normalise_id(once) == once


@given(DIGITS17, st.integers(0, 17), st.sampled_from("0123456789"))
def test_every_single_typo_is_caught_and_reported(first17, at, digit):
    number = first17 + check_character(first17)
    typo = number[:at] + digit + number[at + 1 :]
    assume(typo != number)
    assert not parse_id(typo).checksum_ok
    assert compare_ids(number, typo) == IdMatch.ONE_CHARACTER


@given(DIGITS17, st.integers(0, 16))
def test_every_swap_of_neighbours_is_caught_and_reported(first17, at):
    number = first17 + check_character(first17)
    swapped = number[:at] + number[at + 1] + number[at] + number[at + 2 :]
    assume(swapped != number and "X" not in swapped[:17])
    assert not parse_id(swapped).checksum_ok
    assert compare_ids(number, swapped) == IdMatch.TRANSPOSED
