"""Person names as typed: one comparison key per name, surname split off, placeholders flagged.

`parse_name("歐陽 娜娜")` -> PersonName(display="欧阳娜娜", key="欧阳娜娜", surname="欧阳",
given="娜娜"). The steps: NFKC; annotations in brackets dropped (王伟(音): "by
sound"); every space removed; traditional characters simplified (OpenCC t2s);
the separators of minority names (`·` `•` `.` `・` `‧`...) unified to `·` for
display and dropped from the key, so 买买提·艾力, 买买提.艾力 and 买买提艾力
share one key.

Placeholders name nobody and never count as name evidence (their key is None):
whole names such as 无名氏, 不详, 某人, 匿名; anything with 某 (李某, 王某某,
张某甲: 某 does not occur in real given names) or masked characters (张XX,
李*明); a surname with an address form
(王先生, 刘女士, 张师傅; the form may imply a sex); a bare surname; and 小X/老X
where X is one of the hundred commonest surnames (小王, 老张). Those two
characters are a way of calling someone, not a registered name: 小 and 老 are
not among the common surnames, and a given name that is itself a common
surname is rare. 小红 or 小燕 are kept as names, since 小 may be a homophone
typed for 肖 (肖红). A placeholder keeps its surname, as weak information.

A name written in parts of two characters or more (with a separator) or of
five characters or more (unless it starts with a compound surname) is taken
for a transliterated minority name: it has no Han surname. A separator
between single characters (王.伟) is a slip and dropped. A name without Han characters (a
foreigner's) keeps its words apart for display and is compared on its letters.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from resolution.normalise._text import HAN, nfkc, simplified, without_spaces

_TABLES = json.loads((Path(__file__).parent / "data" / "names.json").read_text(encoding="utf-8"))
COMPOUND_SURNAMES = frozenset(_TABLES["compound_surnames"])
NICKNAME_SURNAMES = frozenset(_TABLES["nickname_surnames"])
PLACEHOLDER_NAMES = frozenset(_TABLES["placeholder_names"])
PLACEHOLDER_SUFFIXES: dict[str, str | None] = _TABLES["placeholder_suffixes"]

SEPARATOR = "·"
_SEPARATORS = re.compile(r"[·•.・‧∙⋅･˙\u0387\u318d]+")
_ANNOTATION = re.compile(r"\([^)]*\)|\[[^\]]*\]|【[^】]*】|<[^>]*>")
_MASKED = re.compile(r"[某x*×?○□]")
"""某 never occurs in real given names; the others mask characters (张XX, 李*明)."""
_NOT_WORD = re.compile(r"[\W_]+")
MINORITY_LENGTH = 5


@dataclass(frozen=True, slots=True)
class PersonName:
    display: str
    """Simplified, no spaces, parts joined by ·."""
    key: str | None
    """What names are compared on: display without separators, case-folded; None for a
    placeholder."""
    surname: str | None
    """The Han surname (a compound one whole); kept for placeholders; None for a minority name."""
    given: str | None
    is_placeholder: bool
    is_minority: bool
    sex_hint: str | None = None
    """"M" or "F" when a placeholder implies it (王先生, 刘女士)."""


@lru_cache(maxsize=1 << 18)
def parse_name(text: str | None) -> PersonName | None:
    """The name in `text`; None when there is none (blank, or only brackets and separators)."""
    if text is None:
        return None
    text = _ANNOTATION.sub("", nfkc(text))
    if not HAN.search(text):
        return _latin(text)
    parts = [p for p in _SEPARATORS.split(simplified(without_spaces(text))) if p]
    if not parts:
        return None
    bare = "".join(parts).casefold()
    separated = len(parts) > 1 and all(len(p) >= 2 for p in parts)  # 王.伟 is a stray dot
    display = SEPARATOR.join(parts) if separated else bare
    placeholder = _placeholder(bare)
    if placeholder is not None:
        surname, sex = placeholder
        return PersonName(display, None, surname, None, True, False, sex)
    compound = len(bare) >= 3 and bare[:2] in COMPOUND_SURNAMES
    if separated or (len(bare) >= MINORITY_LENGTH and not compound):
        return PersonName(display, bare, None, None, False, True)
    surname = bare[:2] if compound else bare[0]
    return PersonName(display, bare, surname, bare[len(surname) :], False, False)


def _latin(text: str) -> PersonName | None:
    """A name without Han characters (a foreigner's, or junk such as "N/A"): words kept apart
    for display, compared on letters and digits only."""
    display = " ".join(text.split())
    key = _NOT_WORD.sub("", display).casefold()
    if display.casefold() in PLACEHOLDER_NAMES or key in PLACEHOLDER_NAMES:
        return PersonName(display, None, None, None, True, False)
    if not key:
        return None
    return PersonName(display, key, None, None, False, False)


def _placeholder(bare: str) -> tuple[str | None, str | None] | None:
    """(surname, implied sex) when the name names nobody; None for a real name."""
    if bare in PLACEHOLDER_NAMES:
        return None, None
    masked = _MASKED.search(bare)
    if masked:
        return _surname_before(bare[: masked.start()]), None
    for suffix, sex in PLACEHOLDER_SUFFIXES.items():
        if bare.endswith(suffix) and _surname_before(bare[: -len(suffix)]):
            return bare[: -len(suffix)], sex
    if len(bare) == 2 and bare[0] in "小老" and bare[1] in NICKNAME_SURNAMES:
        return bare[1], None
    if _surname_before(bare):
        return bare, None
    return None


def _surname_before(prefix: str) -> str | None:
    """The prefix when it can be a surname: one Han character or a compound surname."""
    if (len(prefix) == 1 and HAN.match(prefix)) or prefix in COMPOUND_SURNAMES:
        return prefix
    return None
