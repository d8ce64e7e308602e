"""Errors whose message the client may read; every other error is masked."""

from __future__ import annotations


class ClientError(Exception):
    """A request the API cannot answer as asked (a bad cursor, an unknown record, ...)."""

    code = "BAD_USER_INPUT"


class Refused(ClientError):
    """A request the caller's role may not make."""

    code = "FORBIDDEN"


class RateLimited(ClientError):
    """A token over one of its budgets (api/security/limits.py): HTTP 429."""

    code = "RATE_LIMITED"
