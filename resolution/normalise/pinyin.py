"""The sound of a name: toneless pinyin, initials, and a key that forgives southern accents.

Call-takers type names from speech, so 张伟, 章伟 and 张玮 are one sound:
"zhang wei". The surname is read as a surname: pypinyin reads 曾 as "ceng",
单 as "dan" and 区 as "qu" (it has no surname mode), so surnames whose
surname reading differs come from a small table (data/surname_pinyin.json,
each reading one pypinyin itself lists for the character); the given name is
read by pypinyin.

`fuzzy` folds what speakers of southern Mandarin and of Wu (Zhejiang) do not
tell apart, so that a name heard and typed by such a call-taker still meets
its registry spelling: the initials zh/z, ch/c, sh/s and n/l, and the finals
ang/an, eng/en, ing/in (ong stays: there is no "on").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from resolution.normalise._text import HAN
from resolution.normalise.names import PersonName

SURNAME_READINGS: dict[str, str] = json.loads(
    (Path(__file__).parent / "data" / "surname_pinyin.json").read_text(encoding="utf-8")
)["readings"]


@dataclass(frozen=True, slots=True)
class NamePinyin:
    full: str
    """Toneless syllables joined by spaces: "zhang wei" (ü as v: 吕 "lv")."""
    initials: str
    """The first letter of each syllable: "zw"."""
    fuzzy: str
    """`full` with accent-prone sounds folded: "zan wei"."""


class SoundMatch(StrEnum):
    SAME = "same"
    """Identical toneless pinyin: homophones such as 张伟 / 章伟."""
    FUZZY = "fuzzy"
    """Equal once zh/z, ch/c, sh/s, n/l, ang/an, eng/en, ing/in are folded."""
    ONE_SYLLABLE = "one_syllable"
    """As many syllables (at least two), exactly one differing even when folded."""
    DIFFERENT = "different"
    UNKNOWN = "unknown"
    """One side has no pinyin."""


def name_pinyin(name: PersonName | None) -> NamePinyin | None:
    """The name's sound; None for a placeholder or no name (they carry no name evidence)."""
    if name is None or name.key is None:
        return None
    return to_pinyin(name.key, name.surname)


@lru_cache(maxsize=1 << 18)
def to_pinyin(text: str, surname: str | None = None) -> NamePinyin:
    """The sound of `text`, reading its first characters as `surname` when given."""
    syllables: tuple[str, ...] = ()
    if surname and text.startswith(surname):
        syllables = surname_syllables(surname)
        text = text[len(surname) :]
    syllables += _reading(text)
    full = " ".join(syllables)
    fuzzy = (
        " ".join(fuzzy_syllable(s) for s in syllables)
        if HAN.search(text or surname or "")
        else full
    )
    return NamePinyin(full, "".join(s[0] for s in syllables), fuzzy)


@lru_cache(maxsize=1 << 16)
def surname_syllables(surname: str) -> tuple[str, ...]:
    """A surname's syllables, read as a surname (曾 -> ("zeng",), 尉迟 -> ("yu", "chi"))."""
    if surname in SURNAME_READINGS:
        return tuple(SURNAME_READINGS[surname].split())
    return tuple(SURNAME_READINGS.get(ch) or _reading(ch)[0] for ch in surname)


@lru_cache(maxsize=1 << 18)
def _reading(text: str) -> tuple[str, ...]:
    """pypinyin's toneless reading (cached by given name: given names repeat far more than
    whole names do, and pypinyin takes tens of microseconds)."""
    return tuple(s.lower() for s in lazy_pinyin(text, style=Style.NORMAL) if s.strip())


@lru_cache(maxsize=4096)
def fuzzy_syllable(syllable: str) -> str:
    """One syllable with the accent-prone distinctions folded (see the module docstring)."""
    for retroflex in ("zh", "ch", "sh"):
        if syllable.startswith(retroflex):
            syllable = retroflex[0] + syllable[2:]
            break
    if syllable.startswith("n") and not syllable.startswith("ng"):
        syllable = "l" + syllable[1:]
    if syllable.endswith("ng") and not syllable.endswith("ong"):
        syllable = syllable[:-1]
    return syllable


def compare_pinyin(a: str | None, b: str | None) -> SoundMatch:
    """How two `NamePinyin.full` strings sound alike."""
    if not a or not b:
        return SoundMatch.UNKNOWN
    if a == b:
        return SoundMatch.SAME
    fa = [fuzzy_syllable(s) for s in a.split()]
    fb = [fuzzy_syllable(s) for s in b.split()]
    if fa == fb:
        return SoundMatch.FUZZY
    if len(fa) == len(fb) >= 2 and sum(x != y for x, y in zip(fa, fb, strict=True)) == 1:
        return SoundMatch.ONE_SYLLABLE
    return SoundMatch.DIFFERENT
