"""Text clean-up shared by the normalisers: NFKC, no whitespace, simplified characters."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import opencc

HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")
"""A Han character (CJK unified ideographs and their extensions)."""
_SPACE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def nfkc(text: str) -> str:
    """Full-width letters, digits, punctuation and spaces to ASCII (and other NFKC folds)."""
    return unicodedata.normalize("NFKC", text)


def without_spaces(text: str) -> str:
    """Every space removed, full-width and zero-width ones too."""
    return _SPACE.sub("", text)


def nfkc_compact(text: str) -> str:
    return without_spaces(nfkc(text))


@lru_cache(maxsize=1 << 18)
def simplified(text: str) -> str:
    """Traditional characters to simplified ones (OpenCC t2s); ASCII passes straight through."""
    return text if text.isascii() else _t2s().convert(text)
