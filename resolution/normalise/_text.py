"""Text clean-up shared by the normalisers: NFKC, no whitespace, simplified characters."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import opencc

HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")
"""A Han character (CJK unified ideographs and their extensions)."""
_SPACE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control and invisible formatting characters (NUL, BEL, DEL, C1, soft hyphen, bidi marks):
never part of a value; tabs, newlines and the like count as spaces instead."""


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def nfkc(text: str) -> str:
    """Full-width letters, digits, punctuation and spaces to ASCII (and other NFKC folds),
    control characters dropped."""
    return unicodedata.normalize("NFKC", _CONTROL.sub("", text))


def without_spaces(text: str) -> str:
    """Every space removed, full-width and zero-width ones too."""
    return _SPACE.sub("", text)


def nfkc_compact(text: str) -> str:
    return without_spaces(nfkc(text))


@lru_cache(maxsize=1 << 18)
def simplified(text: str) -> str:
    """Traditional characters to simplified ones (OpenCC t2s); ASCII passes straight through."""
    return text if text.isascii() else _t2s().convert(text)
