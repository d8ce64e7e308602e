"""From scored pairs to clusters of records, with human decisions enforced.

Dedupe's hierarchical clustering (connected components, then centroid
linkage) does the work; confirmed pairs enter it with score 1 and rejected
pairs are removed. Linkage can still join a rejected pair through others, so
any cluster holding one is re-cut by a greedy merge in score order that never
joins the two sides; confirmed pairs are then joined unless a rejection forbids.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from dedupe.clustering import cluster as dedupe_cluster

SCORE_DTYPE = np.dtype([("pairs", np.int64, 2), ("score", "f4")])


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
) -> list[tuple[tuple[int, ...], tuple[float, ...]]]:
    """Clusters of size >= 2 as (member ids, per-member confidence)."""
    must = {_ordered(p) for p in must_link}
    cannot = {_ordered(p) for p in cannot_link}
    scored = _apply_decisions(scored, must, cannot)
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


def _ordered(pair: tuple[int, int]) -> tuple[int, int]:
    a, b = pair
    return (a, b) if a < b else (b, a)


def _apply_decisions(scored: np.ndarray, must: set, cannot: set) -> np.ndarray:
    if not must and not cannot:
        return scored
    keep = np.array([tuple(p) not in cannot for p in scored["pairs"].tolist()], dtype=bool)
    scored = scored[keep] if len(scored) else scored
    known = {tuple(p) for p in scored["pairs"].tolist()}
    for pair in must - cannot:
        if pair in known:
            scored["score"][[tuple(p) == pair for p in scored["pairs"].tolist()]] = 1.0
    extra = [p for p in must - cannot if p not in known]
    if extra:
        scored = np.concatenate(
            [scored, scores_array(np.array(extra, dtype=np.int64), np.ones(len(extra)))]
        )
    return scored


def _recut(clusters, scored, threshold, cannot):
    pair_score = {
        tuple(p): float(s) for p, s in zip(scored["pairs"].tolist(), scored["score"], strict=True)
    }
    out = []
    for ids, conf in clusters:
        members = set(ids)
        if not any(a in members and b in members for a, b in cannot):
            out.append((ids, conf))
            continue
        edges = sorted(
            (
                (s, a, b)
                for (a, b), s in pair_score.items()
                if a in members and b in members and s >= threshold
            ),
            key=lambda e: (-e[0], e[1], e[2]),
        )
        groups = {i: {i} for i in ids}
        for _s, a, b in edges:
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
