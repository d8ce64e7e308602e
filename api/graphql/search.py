"""What an analyst types into people(search), as the terms of cypher/api/people_search.

A search is one of three kinds, told apart by what it holds:
- digits: an identifier, a full ID number or phone (normalised as the resolver
  normalises them), found only whole. A part of one finds nobody, not even by name:
  the API masks ID numbers and phones, and a search that matched parts of them would
  let a masked value be read back digit by digit.
- Han characters: a name or any part of it (a surname, a given name), traditional
  characters simplified, with its sound for homophones.
- letters: pinyin with or without spaces (wang xiaodong, wangxiaodong), its start, or
  initials (wxd).
"""

from __future__ import annotations

import re

from resolution.normalise._text import HAN, nfkc
from resolution.normalise.idnumber import normalise_id
from resolution.normalise.names import SEPARATOR, parse_name
from resolution.normalise.phone import normalise_phone
from resolution.normalise.pinyin import to_pinyin

Terms = dict[str, str | None]

TERMS = ("name", "bare", "han", "pinyin", "letters", "digits")
_DIGIT = re.compile(r"\d")
_HAN_ONLY = re.compile(f"{HAN.pattern}+")
_NOT_PINYIN = re.compile(r"[^a-z]")


def search_terms(text: str) -> Terms:
    """The search's parameters of cypher/api/people_search; those it does not use are None."""
    if _DIGIT.search(nfkc(text)):
        return _terms(digits=normalise_id(text) or normalise_phone(text))
    name = parse_name(text)
    if name is None:
        return _terms()
    if HAN.search(name.display):
        bare = name.display.replace(SEPARATOR, "")
        return _terms(
            name=name.display,
            bare=bare,
            han=bare if _HAN_ONLY.fullmatch(bare) else None,
            pinyin=to_pinyin(bare, name.surname).full,
        )
    # A placeholder such as "N/A" has no key; ü is written v in pinyin (吕 lv).
    letters = _NOT_PINYIN.sub("", (name.key or "").replace("ü", "v"))
    return _terms(letters=letters or None)


def _terms(**given: str | None) -> Terms:
    return dict.fromkeys(TERMS) | given
