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


IDENTITY_FIELDS = {"id_number": mask_id_number, "phone": mask_phone, "phones": mask_phone}


def mask_identity_text(field: str, value: str | None) -> str | None:
    """A value of a raw or evidence field, masked when the field holds an ID number or
    phones (several phones are separated by spaces or semicolons)."""
    mask = IDENTITY_FIELDS.get(field)
    if mask is None or not value:
        return value
    parts = value.replace("；", ";").replace(";", " ").split()
    return " ".join(mask(part) or "" for part in parts)
