"""Human decisions back into the model: `fengqiao label --from-decisions`.

The standing decisions of decisions.csv (the review desk's and the API's) become
labelled pairs: a confirmed match a matching pair, a rejection a distinct one, each
record as the model compares it (its fields in the resolution state). A share of them
is held out; the rest is added to the training file and the model retrained from it.
The held-out decisions are scored by the model before and after, so the team sees
what its work changed: precision and recall of "same person" at the link threshold.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from resolution import decisions as human
from resolution.errors import InputError
from resolution.model.store import Model, load_or_train
from resolution.scoring import model_fields
from resolution.state import ResolutionState
from resolution.training import merge_into

Record = Mapping[str, str | None]
Labelled = tuple[Record, Record, bool]  # a, b, same person


@dataclass(frozen=True)
class Quality:
    pairs: int
    precision: float | None  # None: the model called no held-out pair a match
    recall: float | None  # None: no held-out pair is a match

    def __str__(self) -> str:
        def shown(value: float | None) -> str:
            return "n/a" if value is None else f"{value:.3f}"

        return f"precision {shown(self.precision)}, recall {shown(self.recall)}"


@dataclass(frozen=True)
class Feedback:
    decisions: int  # standing decisions with both records in the state
    unknown: int  # decisions naming a record the state does not hold
    trained_on: int
    held_out: int
    training_counts: dict[str, int]
    before: Quality
    after: Quality
    model_before: str
    model_after: str


def labelled_decisions(decisions_file: Path, state_file: Path) -> tuple[list[Labelled], int]:
    """The standing decisions as labelled pairs of model records; and how many decisions
    name a record the state does not hold (left out)."""
    if not decisions_file.exists():
        raise InputError(f"{decisions_file} does not exist: no decision has been made yet.")
    standing = human.load(decisions_file)
    pairs = [(p, True) for p in sorted(standing.must_link)]
    pairs += [(p, False) for p in sorted(standing.cannot_link)]
    if not pairs:
        raise InputError(f"{decisions_file} holds no standing decision to learn from.")
    if not state_file.exists():
        raise InputError(f"{state_file} does not exist: `fengqiao ingest` builds the state.")
    state = ResolutionState(state_file)
    try:
        records = state.records({k for (a, b), _ in pairs for k in (a, b)})
    finally:
        state.close()
    known = [
        (model_fields(records[a].model), model_fields(records[b].model), same)
        for (a, b), same in pairs
        if a in records and b in records
    ]
    return known, len(pairs) - len(known)


def hold_out(
    pairs: Sequence[Labelled], share: float, seed: int
) -> tuple[list[Labelled], list[Labelled]]:
    """(to train on, held out): at least one of each when there are two pairs or more."""
    if not 0 < share < 1:
        raise InputError(f"The held-out share must be between 0 and 1, not {share}.")
    shuffled = list(pairs)
    random.Random(seed).shuffle(shuffled)
    held = min(max(1, math.ceil(share * len(shuffled))), len(shuffled) - 1)
    return shuffled[held:], shuffled[:held]


def quality(model: Model, pairs: Sequence[Labelled], threshold: float) -> Quality:
    """Precision and recall of the model's "same person" (score >= threshold) on pairs."""
    if not pairs:
        return Quality(0, None, None)
    distances = model.matcher.data_model.distances([(a, b) for a, b, _ in pairs])
    scores = model.matcher.classifier.predict_proba(distances)[:, -1]
    said = np.asarray(scores) >= threshold
    truth = np.array([same for _, _, same in pairs])
    hits = int(np.sum(said & truth))
    return Quality(
        len(pairs),
        hits / int(np.sum(said)) if said.any() else None,
        hits / int(np.sum(truth)) if truth.any() else None,
    )


def learn_from_decisions(
    decisions_file: Path,
    state_file: Path,
    training_file: Path,
    models_dir: Path,
    threshold: float,
    share: float,
    seed: int,
    num_cores: int,
) -> Feedback:
    """Add the decisions not held out to the training file, retrain, and compare."""
    pairs, unknown = labelled_decisions(decisions_file, state_file)
    if len(pairs) < 2:
        raise InputError(
            f"{decisions_file}: {len(pairs)} usable decision(s); at least two are needed, "
            "one to learn from and one to hold out."
        )
    train, held = hold_out(pairs, share, seed)
    before_model = load_or_train(models_dir, training_file, num_cores=num_cores)
    before = quality(before_model, held, threshold)
    counts = merge_into(
        training_file,
        {
            "match": [[dict(a), dict(b)] for a, b, same in train if same],
            "distinct": [[dict(a), dict(b)] for a, b, same in train if not same],
        },
    )
    after_model = load_or_train(models_dir, training_file, num_cores=num_cores)
    return Feedback(
        decisions=len(pairs),
        unknown=unknown,
        trained_on=len(train),
        held_out=len(held),
        training_counts=counts,
        before=before,
        after=quality(after_model, held, threshold),
        model_before=before_model.version,
        model_after=after_model.version,
    )
