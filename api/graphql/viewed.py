"""Which persons a request's answer holds, for the audit log's `person_ids`.

Every Person the API returns is built by `Person.of_row` (or drawn as a node of a
neighbourhood or path); each notes its id here, in a set that lives for one request.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_viewed: ContextVar[set[str] | None] = ContextVar("fengqiao_viewed_persons", default=None)


@contextmanager
def collecting() -> Iterator[set[str]]:
    """The ids of the persons returned while the block runs (tasks it starts included)."""
    seen: set[str] = set()
    token = _viewed.set(seen)
    try:
        yield seen
    finally:
        _viewed.reset(token)


def note(person_id: str) -> None:
    seen = _viewed.get()
    if seen is not None:
        seen.add(person_id)
