"""Masking of personal identifiers for roles that may not see them in full."""

from __future__ import annotations


def mask_id_number(value: str | None) -> str | None:
    """`370802199001011234` -> `3708**********1234`: region prefix and last four kept."""
    if not value:
        return value
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str | None) -> str | None:
    """`13812345678` -> `138****5678`; landlines keep the area code and last four."""
    if not value:
        return value
    if len(value) <= 7:
        return "*" * len(value)
    keep_front = 3 if value.startswith("1") else min(4, len(value) - 4)
    return value[:keep_front] + "*" * (len(value) - keep_front - 4) + value[-4:]
