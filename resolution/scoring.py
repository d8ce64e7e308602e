"""Scoring candidate pairs with the Dedupe model, in chunks so progress can be shown."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from resolution.comparisons import FIELDS

Record = dict[str, str | None]
CHUNK = 100_000
IN_PROCESS = 5_000  # fewer pairs than this are scored here: worker processes cost more


def score_pairs(
    matcher,
    records: Sequence[Record],
    pairs: np.ndarray,
    on_progress: Callable[[int], None] | None = None,
) -> np.ndarray:
    """Match probability for each (a, b) row of `pairs` (indices into `records`)."""
    if len(pairs) < IN_PROCESS:
        scores = _score_here(matcher, records, pairs)
        if on_progress:
            on_progress(len(pairs))
        return scores
    scores = np.zeros(len(pairs), dtype="f4")
    for start in range(0, len(pairs), CHUNK):
        chunk = pairs[start : start + CHUNK]
        scored = matcher.score(((a, records[a]), (b, records[b])) for a, b in chunk.tolist())
        if len(scored):
            position = {(a, b): i for i, (a, b) in enumerate(chunk.tolist())}
            rows = [position[(int(a), int(b))] for a, b in scored["pairs"].tolist()]
            scores[start + np.asarray(rows, dtype=np.int64)] = scored["score"]
        if on_progress:
            on_progress(len(chunk))
    return scores


def _score_here(matcher, records: Sequence[Record], pairs: np.ndarray) -> np.ndarray:
    """What Dedupe's scoring workers compute (the data model's distances, the classifier's
    match probability), in this process: a batch's few pairs take moments, where
    starting workers takes a quarter of a second."""
    if not len(pairs):
        return np.zeros(0, dtype="f4")
    distances = matcher.data_model.distances([(records[a], records[b]) for a, b in pairs.tolist()])
    return matcher.classifier.predict_proba(distances)[:, -1].astype("f4")


def model_fields(record: Record) -> Record:
    """The record as Dedupe sees it: only the compared fields."""
    return {field: record.get(field) for field in FIELDS}
