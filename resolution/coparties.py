"""Parties of one incident or case who are, by what their roles mean, different persons.

A dispatch record names the caller (报警人), the parties on the caller's side
(当事人) and the other party (对方当事人): nobody is in dispute with himself,
so within one incident the other party is never the caller nor a party on the
caller's side. (A caller who is also listed as a party is common, so other
role pairs are not ruled out.) These pairs enter linking as cannot-links: a
homophone typed for the other party (刘静 for a 刘晶 next door) cannot then
join the caller's person, and is left to the person it does match.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from resolution.record import PersonRecord

RolePair = tuple[str, str]


def event_of(record: PersonRecord) -> str | None:
    """The incident or case a party row belongs to; None for registry records."""
    if record.source == "dispatch" and record.incident_id:
        return f"incident:{record.incident_id}"
    if record.source == "case" and record.case_id:
        return f"case:{record.case_id}"
    return None


def opposing_pairs(
    records: Sequence[PersonRecord], opposing_roles: Iterable[RolePair]
) -> set[tuple[int, int]]:
    """(i, j), i < j, for records of one event whose roles are an opposing pair."""
    opposing = {frozenset(pair) for pair in opposing_roles}
    if not opposing:
        return set()
    by_event: dict[str, list[int]] = defaultdict(list)
    for i, record in enumerate(records):
        event = event_of(record)
        if event and record.role:
            by_event[event].append(i)
    pairs = set()
    for members in by_event.values():
        for x, a in enumerate(members):
            for b in members[x + 1 :]:
                if frozenset((records[a].role, records[b].role)) in opposing:
                    pairs.add((a, b))
    return pairs
