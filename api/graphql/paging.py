"""Relay connections with a bounded page size, and the cursors they hand out.

A cursor is opaque to clients: the base64 of an offset into an ordered list. A
cursor that this API did not give out is refused.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import strawberry

from api.graphql.errors import ClientError

T = TypeVar("T")
R = TypeVar("R")


@strawberry.type(
    description="Relay's page info. Pages go forward (first, after): hasPreviousPage says "
    "whether items come before this page; startCursor and endCursor are the cursors of its "
    "first and last edges."
)
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    node: T
    cursor: str


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo


@strawberry.type(description="An edge that also says the person's role (报警人, 当事人, ...).")
class RoleEdge(Generic[T]):
    node: T
    cursor: str
    role: str | None


@strawberry.type
class RoleConnection(Generic[T]):
    edges: list[RoleEdge[T]]
    page_info: PageInfo


@dataclass(frozen=True)
class Window:
    """Which slice to read: rows [offset, offset + size), plus one to know if more follow."""

    offset: int
    size: int

    @property
    def limit(self) -> int:
        return self.size + 1


def window(after: str | None, size: int) -> Window:
    offset = decode(after) or "0"
    if not offset.isdigit():
        raise ClientError("That cursor is not one this API gave out.")
    return Window(int(offset), size)


def connection(rows: Sequence[R], at: Window, node: Callable[[R], T]) -> Connection[T]:
    edges = [
        Edge(node=node(row), cursor=encode(str(at.offset + i + 1)))
        for i, row in enumerate(rows[: at.size])
    ]
    return Connection(edges=edges, page_info=_page_info(len(rows) > at.size, at.offset > 0, edges))


def role_connection(
    rows: Sequence[dict], at: Window, node: Callable[[dict], T]
) -> RoleConnection[T]:
    edges = [
        RoleEdge(node=node(row["node"]), cursor=encode(str(at.offset + i + 1)), role=row["role"])
        for i, row in enumerate(rows[: at.size])
    ]
    return RoleConnection(
        edges=edges, page_info=_page_info(len(rows) > at.size, at.offset > 0, edges)
    )


def _page_info(more: bool, earlier: bool, edges: Sequence[Edge | RoleEdge]) -> PageInfo:
    return PageInfo(
        has_next_page=more,
        has_previous_page=earlier,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )


def encode(value: str) -> str:
    return base64.urlsafe_b64encode(value.encode("utf-8")).decode("ascii")


def decode(cursor: str | None) -> str | None:
    if not cursor:
        return None
    try:
        value = base64.urlsafe_b64decode(cursor.encode("ascii")).decode("utf-8")
    except (ValueError, UnicodeError):
        raise ClientError("That cursor is not one this API gave out.") from None
    return value
