"""The normalisers' caches of distinct values, emptied once a run has normalised its rows.

Each distinct name, address, phone, ID number and date is worked out once while rows
are normalised (the caches are bounded); afterwards the records hold what they need,
and the caches, about a third of the memory normalising took, are let go.
"""

from __future__ import annotations

from resolution.normalise import _text, address, dates, idnumber, names, phone, pinyin

CACHED = (
    _text.simplified,
    address.parse_address,
    dates.parse_datetime,
    idnumber.parse_id,
    names.parse_name,
    phone.parse_phones,
    pinyin.to_pinyin,
    pinyin._reading,
)


def clear() -> None:
    for cached in CACHED:
        cached.cache_clear()
