"""Stable person ids that do not depend on Dedupe's internal order.

A person's id is derived from its anchor record (registry records first, then
dispatch parties, then case parties, the smallest key within each), so the same
input gives the same ids. When a previous result exists, a cluster keeps the
previous id of its anchor record (after a split, the part holding the record the
previous person's id derived from first); one whose anchor is new inherits the previous
id most of its members carried. So ids of persons whose membership did not change never
move; after a merge the person holding the merged one's anchor keeps its id, after a
split the part holding the anchor; and a person that only gains records keeps its
id, since the order puts first the records a person reaches the platforms with (a
110 call usually comes before the case opened from it). That is the id a whole run
over the same records derives, which a batch of the living graph must give too.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

SOURCE_PRIORITY = {"population": 0, "dispatch": 1, "case": 2}


def anchor(members: Iterable[str]) -> str:
    """The record a person's id derives from: registry first, then dispatch, then case
    parties, the smallest key within each."""
    return min(members, key=lambda key: (SOURCE_PRIORITY.get(key.split(":", 1)[0], 9), key))


def derived_id(anchor_key: str, attempt: int = 0) -> str:
    salt = f"{anchor_key}#{attempt}" if attempt else anchor_key
    return "P" + hashlib.sha1(salt.encode("utf-8")).hexdigest()[:12].upper()


def assign_person_ids(
    clusters: Sequence[Sequence[str]],
    previous: Mapping[str, str] | None = None,
    used: Callable[[str], bool] = lambda _id: False,
) -> list[str]:
    """One id per cluster (clusters of record keys), stable across runs.

    `used` says whether an id outside `previous` was ever given (a batch sees only
    the persons it touches; the state knows every id)."""
    previous = previous or {}
    held: dict[str, list[str]] = defaultdict(list)
    for key, person_id in previous.items():
        held[person_id].append(key)
    anchors = {person_id: anchor(keys) for person_id, keys in held.items()}
    # (not holding the previous person's anchor, not the anchor's, -overlap, size order,
    # previous id, cluster): after a split the part with the anchor the id derived from
    # keeps it, as a whole run derives it again from that record
    claims: list[tuple[bool, bool, int, int, str, int]] = []
    for index, members in enumerate(clusters):
        anchored = previous.get(anchor(members))
        counts = Counter(previous[m] for m in members if m in previous)
        inside = set(members)
        for person_id, overlap in counts.items():
            claims.append(
                (
                    anchors[person_id] not in inside,
                    person_id != anchored,
                    -overlap,
                    -len(members),
                    person_id,
                    index,
                )
            )
    ids: list[str | None] = [None] * len(clusters)
    taken: set[str] = set()
    for *_order, person_id, index in sorted(claims):
        if ids[index] is None and person_id not in taken:
            ids[index] = person_id
            taken.add(person_id)
    taken |= set(previous.values())  # an id given up by a split is never reused for someone else
    for index, members in enumerate(clusters):
        if ids[index] is None:
            key, attempt = anchor(members), 0
            while (candidate := derived_id(key, attempt)) in taken or used(candidate):
                attempt += 1
            ids[index] = candidate
            taken.add(candidate)
    return ids  # type: ignore[return-value]
