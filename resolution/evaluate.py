"""Pairwise precision, recall and F1 of resolved links against generated truth.

A pair of records counts as predicted when both carry the same person_id and
as true when both carry the same person_key; counted per cluster, never by
enumerating pairs, so it scales to millions of rows.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Accuracy:
    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    rows_missing: int  # truth rows with no link


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def compare(links: Path, truth: Path) -> Accuracy:
    predicted = _column(links, "person_id")
    actual = _column(truth, "person_key")
    missing = len(actual.keys() - predicted.keys())
    both = actual.keys() & predicted.keys()
    true_pairs = sum(_pairs(n) for n in Counter(actual[k] for k in both).values())
    predicted_pairs = sum(_pairs(n) for n in Counter(predicted[k] for k in both).values())
    correct = sum(_pairs(n) for n in Counter((actual[k], predicted[k]) for k in both).values())
    precision = correct / predicted_pairs if predicted_pairs else 1.0
    recall = correct / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Accuracy(precision, recall, f1, true_pairs, predicted_pairs, correct, missing)


def _column(path: Path, column: str) -> dict[tuple[str, str], str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {(row["source"], row["record_id"]): row[column] for row in csv.DictReader(handle)}


@dataclass(frozen=True)
class SubsetRecall:
    """Recall of the true pairs that involve one of a subset of records (the other parties)."""

    records: int
    recall: float
    true_pairs: int
    correct_pairs: int
    split_off: int
    """Records of the subset whose true person has other records, none of which they share a
    person with."""


def subset_recall(links: Path, truth: Path, subset: set[tuple[str, str]]) -> SubsetRecall:
    predicted = _column(links, "person_id")
    actual = _column(truth, "person_key")
    both = actual.keys() & predicted.keys()
    true_pairs = _touching(Counter(actual[k] for k in both), both, subset, lambda k: actual[k])
    correct = _touching(
        Counter((actual[k], predicted[k]) for k in both),
        both,
        subset,
        lambda k: (actual[k], predicted[k]),
    )
    sizes = Counter(actual[k] for k in both)
    joint = Counter((actual[k], predicted[k]) for k in both)
    split = sum(
        1 for k in subset & both if sizes[actual[k]] > 1 and joint[(actual[k], predicted[k])] == 1
    )
    recall = correct / true_pairs if true_pairs else 1.0
    return SubsetRecall(len(subset & both), recall, true_pairs, correct, split)


def _touching(sizes: Counter, keys, subset: set, group_of) -> int:
    """Pairs within groups that involve at least one subset record: C(n,2) - C(n-m,2)."""
    inside = Counter(group_of(k) for k in keys if k in subset)
    return sum(_pairs(n) - _pairs(n - inside.get(g, 0)) for g, n in sizes.items())
