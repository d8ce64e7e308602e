"""From scored pairs to clusters of records, with human decisions enforced.

Dedupe's hierarchical clustering (centroid linkage) does the work; confirmed
pairs enter it with score 1 and rejected pairs are removed. Linkage can still
join a rejected pair through others, so any cluster holding one is re-cut by a
greedy merge in score order that never joins the two sides; confirmed pairs are
then joined unless a rejection forbids.

No giant components. Dedupe would take the connected components of every
scored pair, those below the threshold too, and build a distance matrix of
n^2 / 2 for each: at a million persons, chains of unlikely pairs made
components of 72,000 records. Here the components are those of the pairs at or
above the threshold (a pair below it cannot start a merge), and a component of
more than `MAX_COMPONENT` records has its threshold raised, for it alone, until
every part is at most that large (the weakest links go first, as Dedupe does
beyond 30,000). Dedupe then sees only pairs within one part, so no component it
clusters, and no cluster, holds more than `MAX_COMPONENT` records.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
from dedupe.clustering import cluster as dedupe_cluster
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

SCORE_DTYPE = np.dtype([("pairs", np.int64, 2), ("score", "f4")])
MAX_COMPONENT = 2_000
"""The most records one component may hold: far more than any one person's records
(the largest at 200,000 persons holds a few dozen), small enough that its distance
matrix (MAX_COMPONENT^2 / 2 floats) takes moments."""


def scores_array(pairs: np.ndarray, scores: np.ndarray) -> np.ndarray:
    out = np.empty(len(pairs), dtype=SCORE_DTYPE)
    out["pairs"] = pairs
    out["score"] = scores
    return out


def cluster(
    scored: np.ndarray,
    threshold: float,
    must_link: Iterable[tuple[int, int]] = (),
    cannot_link: Iterable[tuple[int, int]] = (),
    max_component: int = MAX_COMPONENT,
) -> list[tuple[tuple[int, ...], tuple[float, ...]]]:
    """Clusters of size >= 2 as (member ids, per-member confidence); none holds more than
    `max_component` records (see the module docstring)."""
    must = {_ordered(p) for p in must_link}
    cannot = {_ordered(p) for p in cannot_link}
    scored = _apply_decisions(scored, must, cannot)
    scored = within_components(scored, threshold, max_component)
    if len(scored) == 0:
        return []
    order = np.lexsort((scored["pairs"][:, 1], scored["pairs"][:, 0]))  # input-order independent
    clusters = [
        (tuple(int(i) for i in ids), tuple(float(c) for c in conf))
        for ids, conf in dedupe_cluster(scored[order], threshold)
    ]
    if cannot:
        clusters = _recut(clusters, scored, threshold, cannot)
    if must:
        clusters = _join_confirmed(clusters, must, cannot)
    return sorted(clusters)


def within_components(scored: np.ndarray, threshold: float, max_component: int) -> np.ndarray:
    """The pairs whose two records are in one component of at most `max_component`
    records, the components being those of the pairs at or above the threshold, raised
    for an oversized component alone until its parts are small enough."""
    if len(scored) == 0:
        return scored
    ids, compact = np.unique(scored["pairs"], return_inverse=True)
    compact = compact.reshape(-1, 2)
    label = _components(len(ids), compact, scored["score"], threshold, max_component)
    same = label[compact[:, 0]] == label[compact[:, 1]]
    return scored[same & (label[compact[:, 0]] >= 0)]


def _components(n: int, pairs: np.ndarray, scores: np.ndarray, threshold, bound) -> np.ndarray:
    """A component label per record (-1: in no pair at or above the threshold)."""
    label = np.full(n, -1, dtype=np.int64)
    pending = [(np.arange(len(pairs)), float(threshold))]  # (pair rows, threshold) to label
    next_label = 0
    while pending:
        rows, at = pending.pop()
        rows = rows[scores[rows] >= at]
        if not len(rows):
            continue
        count, parts = connected_components(_graph(n, pairs[rows]), directed=False)
        part_of_row = parts[pairs[rows, 0]]
        oversized = np.bincount(parts, minlength=count)[part_of_row] > bound
        fitting = pairs[rows[~oversized]]
        label[fitting] = next_label + parts[fitting]
        next_label += count
        if oversized.any():
            big_rows, big_parts = rows[oversized], part_of_row[oversized]
            order = np.argsort(big_parts, kind="stable")
            big_rows, big_parts = big_rows[order], big_parts[order]
            for part_rows in np.split(big_rows, np.flatnonzero(np.diff(big_parts)) + 1):
                pending.append((part_rows, _raised(scores[part_rows], at)))
    return label


def _graph(n: int, pairs: np.ndarray) -> coo_matrix:
    ones = np.ones(len(pairs), dtype=np.int8)
    return coo_matrix((ones, (pairs[:, 0], pairs[:, 1])), shape=(n, n))


def _raised(scores: np.ndarray, threshold: float) -> float:
    """The next threshold for an oversized component: a log-odds step above its weakest
    link (as Dedupe re-filters), and always above that link, so that the loop ends."""
    weakest = float(scores.min())
    clipped = min(max(weakest, 1e-9), 1 - 1e-9)
    stepped = 1 / (1 + math.exp(-(math.log(clipped / (1 - clipped)) + 1)))
    return max(threshold, float(np.nextafter(np.float32(weakest), np.float32(2))), stepped)


def _ordered(pair: tuple[int, int]) -> tuple[int, int]:
    a, b = pair
    return (a, b) if a < b else (b, a)


def _apply_decisions(scored: np.ndarray, must: set, cannot: set) -> np.ndarray:
    if not must and not cannot:
        return scored
    pairs = scored["pairs"].tolist()
    keep = np.array([tuple(p) not in cannot for p in pairs], dtype=bool)
    scored = scored[keep] if len(scored) else scored
    position = {tuple(p): i for i, p in enumerate(scored["pairs"].tolist())}
    confirmed = [position[p] for p in must - cannot if p in position]
    scored["score"][confirmed] = 1.0
    extra = [p for p in must - cannot if p not in position]
    if extra:
        scored = np.concatenate(
            [scored, scores_array(np.array(extra, dtype=np.int64), np.ones(len(extra)))]
        )
    return scored


def _recut(clusters, scored, threshold, cannot):
    owner = {i: n for n, (ids, _) in enumerate(clusters) for i in ids}
    broken = {owner[a] for a, b in cannot if a in owner and owner[a] == owner.get(b)}
    if not broken:
        return clusters
    edges_of: dict[int, list[tuple[float, int, int]]] = {n: [] for n in broken}
    for (a, b), s in zip(scored["pairs"].tolist(), scored["score"].tolist(), strict=True):
        n = owner.get(a)
        if n in broken and owner.get(b) == n and s >= threshold:
            edges_of[n].append((s, a, b))
    out = []
    for n, (ids, conf) in enumerate(clusters):
        if n not in broken:
            out.append((ids, conf))
            continue
        groups = {i: {i} for i in ids}
        for _s, a, b in sorted(edges_of[n], key=lambda e: (-e[0], e[1], e[2])):
            ga, gb = groups[a], groups[b]
            if ga is gb or any((min(x, y), max(x, y)) in cannot for x in ga for y in gb):
                continue
            ga |= gb
            for member in gb:
                groups[member] = ga
        for group in {id(g): g for g in groups.values()}.values():
            if len(group) > 1:
                members_sorted = tuple(sorted(group))
                out.append((members_sorted, tuple(conf[ids.index(m)] for m in members_sorted)))
    return out


def _join_confirmed(clusters, must, cannot):
    owner: dict[int, int] = {}
    groups: list[set[int]] = []
    confidence: dict[int, float] = {}
    for ids, conf in clusters:
        groups.append(set(ids))
        for i, c in zip(ids, conf, strict=True):
            owner[i] = len(groups) - 1
            confidence[i] = c
    for a, b in sorted(must):
        for member in (a, b):
            if member not in owner:
                groups.append({member})
                owner[member] = len(groups) - 1
                confidence[member] = 1.0
        ga, gb = owner[a], owner[b]
        if ga == gb or any(
            (min(x, y), max(x, y)) in cannot for x in groups[ga] for y in groups[gb]
        ):
            continue
        groups[ga] |= groups[gb]
        for member in groups[gb]:
            owner[member] = ga
        groups[gb] = set()
    return [
        (tuple(sorted(g)), tuple(confidence[m] for m in sorted(g))) for g in groups if len(g) > 1
    ]
