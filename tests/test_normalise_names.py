"""Names: one key per spelling, surnames split, placeholders never count as evidence."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resolution.normalise.names import PersonName, parse_name


@pytest.mark.parametrize(
    "text, display, key, surname, given_name",
    [
        ("张伟", "张伟", "张伟", "张", "伟"),
        (" 张 伟 ", "张伟", "张伟", "张", "伟"),
        ("张\u3000伟", "张伟", "张伟", "张", "伟"),  # full-width space
        ("張偉", "张伟", "张伟", "张", "伟"),  # traditional characters
        ("周進", "周进", "周进", "周", "进"),
        ("歐陽 娜娜", "欧阳娜娜", "欧阳娜娜", "欧阳", "娜娜"),
        ("司马相如", "司马相如", "司马相如", "司马", "相如"),
        ("诸葛亮", "诸葛亮", "诸葛亮", "诸葛", "亮"),
        ("上官婉儿", "上官婉儿", "上官婉儿", "上官", "婉儿"),
        ("尉迟恭", "尉迟恭", "尉迟恭", "尉迟", "恭"),
        ("王伟(音)", "王伟", "王伟", "王", "伟"),  # typed by sound
        ("王伟（音）", "王伟", "王伟", "王", "伟"),
        ("王.伟", "王伟", "王伟", "王", "伟"),  # a stray separator
    ],
)
def test_han_names(text, display, key, surname, given_name):
    name = parse_name(text)
    assert (name.display, name.key, name.surname, name.given) == (display, key, surname, given_name)
    assert not name.is_placeholder and not name.is_minority


@pytest.mark.parametrize(
    "text",
    [
        "买买提·艾力",
        "买买提•艾力",
        "买买提.艾力",
        "买买提・艾力",
        "买买提‧艾力",
        "买买提．艾力",
        "买买提 · 艾力",
    ],
)
def test_minority_separators_unify(text):
    name = parse_name(text)
    assert (name.display, name.key, name.surname, name.is_minority) == (
        "买买提·艾力",
        "买买提艾力",
        None,
        True,
    )


def test_minority_name_without_separator_shares_the_key():
    name = parse_name("买买提艾力")
    assert name.key == parse_name("买买提·艾力").key and name.is_minority and name.surname is None
    assert parse_name("阿依古丽•买买提").display == "阿依古丽·买买提"


@pytest.mark.parametrize(
    "text, surname, sex",
    [
        ("李某", "李", None),
        ("王某某", "王", None),
        ("张某甲", "张", None),
        ("欧阳某", "欧阳", None),
        ("张先生", "张", "M"),
        ("刘女士", "刘", "F"),
        ("陈小姐", "陈", "F"),
        ("高师傅", "高", None),
        ("欧阳先生", "欧阳", "M"),
        ("小王", "王", None),
        ("老张", "张", None),
        ("张XX", "张", None),
        ("李*明", "李", None),
        ("张x", "张", None),
        ("张", "张", None),
        ("欧阳", "欧阳", None),
        ("东方", "东方", None),
        ("李氏", "李", None),
        ("无名氏", None, None),
        ("不详", None, None),
        ("未知", None, None),
        ("某人", None, None),
        ("匿名", None, None),
        ("待查", None, None),
        ("报警人", None, None),
        ("N/A", None, None),
        ("null", None, None),
        ("?", None, None),
        ("？", None, None),
    ],
)
def test_placeholders_carry_no_key_but_keep_the_surname(text, surname, sex):
    name = parse_name(text)
    assert name.is_placeholder and name.key is None
    assert (name.surname, name.sex_hint) == (surname, sex)


@pytest.mark.parametrize("text", ["小红", "小燕", "老舍王", "张王氏", "肖红"])
def test_names_that_only_look_like_nicknames_stay_names(text):
    name = parse_name(text)
    assert not name.is_placeholder and name.key == text


def test_latin_names_keep_words_apart_and_compare_on_letters():
    name = parse_name("Ｔｏｍ　Ｓｍｉｔｈ")
    assert (name.display, name.key, name.surname, name.is_minority) == (
        "Tom Smith",
        "tomsmith",
        None,
        False,
    )
    assert parse_name("tom smith").key == name.key


@pytest.mark.parametrize("text", [None, "", "   ", "\u3000", "()", "·"])
def test_no_name(text):
    assert parse_name(text) is None


def test_result_is_a_small_frozen_value():
    name = parse_name("张伟")
    assert isinstance(name, PersonName)
    with pytest.raises(AttributeError):
        name.key = "x"  # type: ignore[misc]


NAME_TEXT = st.text(
    alphabet=st.sampled_from(list("张王李欧阳司马某先生女士小老买提艾力·•.・ 　張偉XxAb?*(音)")),
    max_size=8,
)


@given(NAME_TEXT)
def test_parsing_the_display_changes_nothing(text):
    name = parse_name(text)
    if name is not None:
        assert parse_name(name.display) == name
