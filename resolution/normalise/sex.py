"""Sex as platforms write it: 男/女, M/F, male/female, or GB/T 2261.1 codes.

GB/T 2261.1: 1 male, 2 female, 0 not known, 9 not stated. Unknown, unstated,
blank and anything else are None: no evidence either way.
"""

from __future__ import annotations

from resolution.normalise._text import nfkc_compact

SEXES = {
    "男": "M",
    "男性": "M",
    "m": "M",
    "male": "M",
    "1": "M",
    "女": "F",
    "女性": "F",
    "f": "F",
    "female": "F",
    "2": "F",
}


def parse_sex(text: str | None) -> str | None:
    """ "M", "F" or None."""
    if not text:
        return None
    return SEXES.get(nfkc_compact(text).casefold())
