"""Relay page info of the two kinds of connection, without a database."""

from __future__ import annotations

from api.graphql.paging import (
    connection,
    decode,
    encode,
    role_connection,
    window,
)

ROWS = [f"n{i}" for i in range(7)]


def test_offset_pages_say_what_lies_before_and_after():
    first = connection(ROWS[:4], window(None, 3), str.upper)
    assert [e.node for e in first.edges] == ["N0", "N1", "N2"]
    info = first.page_info
    assert info.has_next_page and not info.has_previous_page
    assert (info.start_cursor, info.end_cursor) == (first.edges[0].cursor, first.edges[2].cursor)

    at = window(info.end_cursor, 3)
    last = connection(ROWS[at.offset : at.offset + at.limit][:4], at, str.upper)
    assert last.page_info.has_previous_page and last.page_info.has_next_page
    assert decode(last.page_info.start_cursor) == "4"


def test_role_pages_count_offsets_like_the_others():
    rows = [{"node": name, "role": "报警人"} for name in ROWS[3:5]]
    page = role_connection(rows, window(encode("3"), 3), str)
    assert page.page_info.has_previous_page and not page.page_info.has_next_page
    assert page.page_info.start_cursor == page.edges[0].cursor == encode("4")
    assert page.edges[0].role == "报警人"


def test_an_empty_page_has_no_cursors():
    for page in (
        connection([], window(None, 5), str),
        role_connection([], window(None, 5), str),
    ):
        info = page.page_info
        assert (info.start_cursor, info.end_cursor, info.has_next_page) == (None, None, False)
