"""Scoring candidate pairs with the Dedupe model, in chunks so progress can be shown."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from resolution.comparisons import FIELDS

Record = dict[str, str | None]
CHUNK = 100_000


def score_pairs(
    matcher,
    records: Sequence[Record],
    pairs: np.ndarray,
    on_progress: Callable[[int], None] | None = None,
) -> np.ndarray:
    """Match probability for each (a, b) row of `pairs` (indices into `records`), in this
    process. Dedupe's own scoring (`matcher.score`) sends every record pair to worker
    processes through queues; measured on real pairs that cost more than it gained
    on two cores (docs/benchmarks.md)."""
    scores = np.zeros(len(pairs), dtype="f4")
    for start in range(0, len(pairs), CHUNK):
        chunk = pairs[start : start + CHUNK]
        scores[start : start + len(chunk)] = _score_here(matcher, records, chunk)
        if on_progress:
            on_progress(len(chunk))
    return scores


def _score_here(matcher, records: Sequence[Record], pairs: np.ndarray) -> np.ndarray:
    """What Dedupe's scoring workers compute: the data model's distances, the classifier's
    match probability."""
    if not len(pairs):
        return np.zeros(0, dtype="f4")
    distances = matcher.data_model.distances([(records[a], records[b]) for a, b in pairs.tolist()])
    return matcher.classifier.predict_proba(distances)[:, -1].astype("f4")


def model_fields(record: Record) -> Record:
    """The record as Dedupe sees it: only the compared fields."""
    return {field: record.get(field) for field in FIELDS}
