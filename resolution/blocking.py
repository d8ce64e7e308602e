"""Candidate pairs from blocking keys built on discriminating evidence only.

Dedupe's own blocking learner, on data like ours, builds giant blocks from
generic values (a province prefix, a sex) and runs out of memory. Here every
key combines evidence that is rare by itself: an ID number (and its
one-typo neighbours), a phone, the sound of a name within one building or with
one birth date, a surname within one flat. No key is a generic value alone.

A block larger than `max_block` is not compared all-pairs: its records are
sorted and each is compared with its `window` successors, so one very common
value costs O(n * window) pairs instead of O(n^2) while true matches inside
it (a repeat caller's fifty calls share a phone) stay connected.

Every run (whole, batch, labelling) blocks with `pairs_of`, which gives the pairs
of `blocks` and `candidate_pairs` (the rules written out plainly, which the tests
check it against) from arrays (a 64-bit hash of each key beside its record)
instead of a dict of every key's members: an ID number alone has nineteen keys.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import numpy as np

Record = Mapping[str, str | None]


@dataclass(frozen=True)
class BlockingConfig:
    max_block: int = 40
    window: int = 8


def blocking_keys(record: Record) -> list[str]:
    """The blocking keys of one record; see the module docstring for the why."""
    keys: list[str] = []
    id_number = record.get("id_number")
    if id_number:
        keys.append(f"id:{id_number}")
        # one mistyped character, or two swapped neighbours, leave some one-character
        # deletion of both numbers equal (not necessarily at the same position)
        keys += [f"id-1:{id_number[:i]}{id_number[i + 1 :]}" for i in range(len(id_number))]
    for phone in (record.get("phones") or "").split():
        keys.append(f"tel:{phone}")
    pinyin, name, birth = record.get("pinyin"), record.get("name"), record.get("birth_date")
    if pinyin and birth:
        keys.append(f"py-born:{pinyin}|{birth}")
    for address in (record.get("addresses") or "").split(";"):
        place, building, flat = _place_keys(address)
        if pinyin and building:
            keys.append(f"py-building:{pinyin}|{building}")
        if pinyin and place:
            keys.append(f"py-place:{pinyin}|{place}")
        if name and flat:
            keys.append(f"surname-flat:{name[0]}|{flat}")
    return keys


def _place_keys(address: str) -> tuple[str, str, str]:
    """(place, building, flat) keys of an address key, "" where unknown.

    The place is the compound, or the road when there is no compound; district
    and road are left out because exports write them inconsistently (the
    comparison still checks them)."""
    parts = (address.split("|") + [""] * 6)[:6]
    _district, road, compound, building, unit, room = parts
    place = compound or road
    if not place:
        return "", "", ""
    building_key = f"{place}|{building}" if building else ""
    flat_key = f"{building_key}|{unit}|{room}" if building_key and room else ""
    return place, building_key, flat_key


def blocks(records: Iterable[tuple[int, Record]]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for rid, record in records:
        for key in dict.fromkeys(blocking_keys(record)):
            index[key].append(rid)
    return index


def candidate_pairs(
    index: Mapping[str, list[int]],
    config: BlockingConfig = BlockingConfig(),
    left: set[int] | None = None,
    right: set[int] | None = None,
) -> np.ndarray:
    """Unique (a, b) id pairs with a < b, as an (n, 2) int64 array in sorted order.

    With `left` and `right`, only pairs joining one side to the other are kept
    (linking); otherwise every pair within a block (deduplication).
    """
    chunks: list[np.ndarray] = []
    for ids in index.values():
        if len(ids) < 2:
            continue
        members = np.unique(np.asarray(ids, dtype=np.int64))
        if len(members) < 2:
            continue
        if len(members) <= config.max_block:
            a, b = _all_pairs(len(members))
        else:
            a, b = _window(len(members), config.window)
        chunks.append(np.stack([members[a], members[b]], axis=1))
    if not chunks:
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.unique(np.concatenate(chunks), axis=0)
    if left is not None and right is not None:
        la = np.isin(pairs[:, 0], list(left))
        rb = np.isin(pairs[:, 1], list(right))
        ra = np.isin(pairs[:, 0], list(right))
        lb = np.isin(pairs[:, 1], list(left))
        pairs = pairs[(la & rb) | (ra & lb)]
    return pairs


@cache
def _all_pairs(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Every (a, b), a < b, of n members: the same few block sizes recur thousands of times."""
    return np.triu_indices(n, k=1)


def _window(n: int, window: int) -> tuple[np.ndarray, np.ndarray]:
    a = np.repeat(np.arange(n), window)
    b = a + np.tile(np.arange(1, window + 1), n)
    keep = b < n
    return a[keep], b[keep]


def pairs_of(
    records: Iterable[tuple[int, Record]], config: BlockingConfig = BlockingConfig()
) -> np.ndarray:
    """`candidate_pairs(blocks(records), config)`, the same pairs in the same order, from
    sorted arrays. Two keys with one hash (about one chance in 10^19 for a pair of keys)
    would only add pairs to score, never lose one."""
    hashes, ids = array("q"), array("q")  # 8 bytes a key, where a list holds an int object
    for rid, record in records:
        for key in dict.fromkeys(blocking_keys(record)):
            hashes.append(hash(key))
            ids.append(rid)
    if not ids:
        return np.empty((0, 2), dtype=np.int64)
    key_of = np.frombuffer(hashes, dtype=np.int64)
    member = np.frombuffer(ids, dtype=np.int64)
    order = np.lexsort((member, key_of))
    key_of, member = key_of[order], member[order]
    del order, hashes, ids  # the unsorted keys (and the arrays' spare capacity) go now
    fresh = np.ones(len(member), dtype=bool)  # one record twice under one key counts once
    fresh[1:] = (key_of[1:] != key_of[:-1]) | (member[1:] != member[:-1])
    key_of, member = key_of[fresh], member[fresh]
    starts = np.flatnonzero(np.r_[True, key_of[1:] != key_of[:-1]])
    sizes = np.diff(np.r_[starts, len(member)])
    chunks = [_block_pairs(member, starts[sizes == n], n) for n in range(2, config.max_block + 1)]
    chunks.append(_windowed_pairs(member, starts, sizes, config))
    pairs = np.concatenate([c for c in chunks if len(c)] or [np.empty((0, 2), np.int64)])
    if not len(pairs):
        return pairs
    span = int(member.max()) + 1
    codes = np.unique(pairs[:, 0] * span + pairs[:, 1])
    return np.stack([codes // span, codes % span], axis=1)


def _block_pairs(member: np.ndarray, starts: np.ndarray, n: int) -> np.ndarray:
    """Every pair within each block of n members starting at `starts`."""
    if not len(starts):
        return np.empty((0, 2), dtype=np.int64)
    a, b = _all_pairs(n)
    return np.stack(
        [member[starts[:, None] + a].ravel(), member[starts[:, None] + b].ravel()], axis=1
    )


def _windowed_pairs(
    member: np.ndarray, starts: np.ndarray, sizes: np.ndarray, config: BlockingConfig
) -> np.ndarray:
    """Each member of an oversized block with its `window` successors."""
    big = sizes > config.max_block
    if not big.any():
        return np.empty((0, 2), dtype=np.int64)
    block = np.repeat(np.arange(big.sum()), sizes[big])
    position = np.concatenate(
        [np.arange(s, s + n) for s, n in zip(starts[big], sizes[big], strict=True)]
    )
    chunks = []
    for step in range(1, config.window + 1):
        same = block[:-step] == block[step:]
        chunks.append(
            np.stack([member[position[:-step][same]], member[position[step:][same]]], axis=1)
        )
    return np.concatenate(chunks)
