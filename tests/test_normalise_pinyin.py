"""The sound of names: homophones agree, surnames are read as surnames, accents fold."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypinyin import Style, pinyin

from resolution.normalise.names import parse_name
from resolution.normalise.pinyin import (
    SURNAME_READINGS,
    SoundMatch,
    compare_pinyin,
    fuzzy_syllable,
    name_pinyin,
    to_pinyin,
)


def sound(text: str) -> str:
    return name_pinyin(parse_name(text)).full


def test_homophones_share_their_pinyin():
    assert sound("张伟") == sound("章伟") == sound("张玮") == "zhang wei"
    assert name_pinyin(parse_name("张伟")).initials == "zw"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("曾国藩", "zeng guo fan"),
        ("单雄信", "shan xiong xin"),
        ("解缙", "xie jin"),
        ("仇英", "qiu ying"),
        ("区小明", "ou xiao ming"),
        ("朴槿惠", "piao jin hui"),
        ("查良镛", "zha liang yong"),
        ("尉迟恭", "yu chi gong"),
        ("盖伟", "ge wei"),
        ("缪斌", "miao bin"),
        ("乐嘉", "yue jia"),
        ("覃宇", "qin yu"),
        ("翟伟", "zhai wei"),
        ("召小明", "shao xiao ming"),
        ("万俟卨", "mo qi xie"),
        ("长孙无忌", "zhang sun wu ji"),
        ("吕布", "lv bu"),
        ("單雄信", "shan xiong xin"),
    ],
)
def test_polyphonic_surnames_are_read_as_surnames(name, expected):
    assert sound(name) == expected


def test_surname_reading_applies_to_the_surname_only():
    assert sound("曾曾") == "zeng ceng"  # the given name keeps pypinyin's reading
    assert sound("李乐") == "li le"


def test_surname_table_only_holds_readings_pypinyin_knows():
    for surname, reading in SURNAME_READINGS.items():
        heteronyms = pinyin(surname, style=Style.NORMAL, heteronym=True)
        for syllable, readings in zip(reading.split(), heteronyms, strict=True):
            assert syllable in readings, (surname, syllable, readings)


def test_minority_names_and_placeholders():
    assert sound("买买提·艾力") == sound("买买提艾力") == "mai mai ti ai li"
    assert name_pinyin(parse_name("李某")) is None
    assert name_pinyin(None) is None
    latin = name_pinyin(parse_name("Nancy Li"))
    assert latin.full == latin.fuzzy == "nancyli"


@pytest.mark.parametrize(
    "syllable, folded",
    [
        ("zhang", "zan"),
        ("chen", "cen"),
        ("shi", "si"),
        ("ning", "lin"),
        ("neng", "len"),
        ("ling", "lin"),
        ("long", "long"),
        ("zhong", "zong"),
        ("nv", "lv"),
        ("wang", "wan"),
        ("a", "a"),
    ],
)
def test_fuzzy_syllables_fold_southern_accents(syllable, folded):
    assert fuzzy_syllable(syllable) == folded


def test_compare_pinyin_levels():
    assert compare_pinyin("zhang wei", "zhang wei") == SoundMatch.SAME
    assert compare_pinyin("zhang wei", "zang wei") == SoundMatch.FUZZY
    assert compare_pinyin("liu ning", "niu ling") == SoundMatch.FUZZY
    assert compare_pinyin("zhang wei", "zhang min") == SoundMatch.ONE_SYLLABLE
    assert compare_pinyin("wei", "min") == SoundMatch.DIFFERENT
    assert compare_pinyin("zhang wei", "li xiao wei") == SoundMatch.DIFFERENT
    assert compare_pinyin(None, "li") == compare_pinyin("", "li") == SoundMatch.UNKNOWN
    assert to_pinyin("章伟", "章").fuzzy == "zan wei"


@given(
    st.text(
        alphabet=st.sampled_from(list("张章王汪曾单区朴查乐翟伟玮娜宁林")), min_size=2, max_size=4
    )
)
def test_pinyin_is_lower_case_syllables_and_folding_is_idempotent(text):
    result = name_pinyin(parse_name(text))
    assert result is not None
    syllables = result.full.split()
    assert len(syllables) == len(text) == len(result.initials)
    assert all(s.isascii() and s.islower() for s in syllables)
    assert all(fuzzy_syllable(fuzzy_syllable(s)) == fuzzy_syllable(s) for s in syllables)
