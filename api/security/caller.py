"""Who is calling, from a request: the bearer token's principal, and the audit entry's
who and why (`X-Purpose`, `X-Case-Number`). The GraphQL endpoint and the review desk
both read callers this way."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from starlette.requests import Request

from api.security.tokens import Principal, TokenStore

MAX_PURPOSE_CHARS = 500


def principal_of(request: Request, tokens: TokenStore) -> Principal | None:
    """The principal of the request's bearer token; None without a valid one."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return tokens.authenticate(token.strip())


def who(request: Request, principal: Principal | None) -> dict[str, Any]:
    """The audit entry's who and why, known before the body is read."""
    return {
        "user": principal.user if principal else None,
        "role": principal.role.value if principal else None,
        "station": principal.station if principal else None,
        "districts": list(principal.districts) if principal else None,
        "token": principal.token_id if principal else None,
        "purpose": header_text(request, "x-purpose"),
        "case_number": header_text(request, "x-case-number"),
        "client": request.client.host if request.client else None,
    }


def header_text(request: Request, name: str) -> str | None:
    """A free-text header: UTF-8, sent raw or percent-encoded (browsers send only
    Latin-1 in headers, so GraphiQL encodes its purpose with encodeURIComponent)."""
    value = request.headers.get(name)
    if value is None:
        return None
    try:
        text = value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        text = value
    text = unquote(text).strip()
    return text[:MAX_PURPOSE_CHARS] or None
