"""Why two records are one person: the evidence per field and what it weighed.

The model is Dedupe's logistic regression over the comparison distances (and
one "has a value" indicator per field). Its log-odds decompose into a sum over
features, so each field's contribution is exact: weight = coefficient x
feature value, summed over the field's distance and indicator features.
Positive weights argue for a match, negative ones against.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from resolution import comparisons

Record = Mapping[str, str | None]


class Explainer:
    def __init__(self, matcher) -> None:
        self._data_model = matcher.data_model
        classifier = matcher.classifier
        estimator = getattr(classifier, "best_estimator_", classifier)
        self._coef = np.asarray(estimator.coef_[0], dtype=float)
        self._intercept = float(np.ravel(estimator.intercept_)[0])
        fields = list(comparisons.FIELDS)
        # feature columns: one distance per field, then one indicator per field with missing values
        self._columns = fields + fields[: len(self._coef) - len(fields)]

    def explain(self, a: Record, b: Record) -> dict:
        return self.explain_all([(a, b)])[0]

    def explain_all(self, pairs: Sequence[tuple[Record, Record]]) -> list[dict]:
        """`explain` of many pairs, with one call of the data model's distances: a call
        costs a pair's work and as much again in setting up."""
        if not pairs:
            return []
        features = self._data_model.distances(list(pairs))
        return [self._evidence(a, b, f) for (a, b), f in zip(pairs, features, strict=True)]

    def _evidence(self, a: Record, b: Record, features) -> dict:
        weights: dict[str, float] = {}
        for column, coef, value in zip(self._columns, self._coef, features, strict=True):
            weights[column] = weights.get(column, 0.0) + float(coef * value)
        return {
            "intercept": round(self._intercept, 3),
            "fields": [
                {
                    "field": c.field,
                    "a": a.get(c.field),
                    "b": b.get(c.field),
                    "level": agreement_level(c.field, a.get(c.field), b.get(c.field)),
                    "weight": round(weights.get(c.field, 0.0), 3),
                }
                for c in comparisons.COMPARISONS
            ],
        }


def agreement_level(field: str, a: str | None, b: str | None) -> str:
    """A word for how two values compare: agree, partial, disagree, or missing."""
    if a is None or b is None:
        return "missing"
    if field == "addresses":
        return comparisons.address_agreement(a, b)
    comparison = next(c for c in comparisons.COMPARISONS if c.field == field)
    distance = (
        0.0
        if comparison.comparator is None and a == b
        else (1.0 if comparison.comparator is None else comparison.comparator(a, b))
    )
    if distance == 0.0:
        return "agree"
    return "disagree" if distance >= 1.0 else "partial"
