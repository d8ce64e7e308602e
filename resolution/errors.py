"""Errors about input that a person can fix: each names the file, row and field."""


class InputError(Exception):
    """Input that cannot be used at all (a missing file, an unreadable encoding, a
    required column absent). Row-level problems go to quarantine instead."""
