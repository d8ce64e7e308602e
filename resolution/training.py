"""Labelled pairs for the Dedupe model: from generated truth, or from a person.

The shipped training file (`resolution/model/training.json`) is made from
generated data whose truth is known, with seeds no benchmark uses. Candidate
pairs come from the same blocking that `resolve` uses, so the model learns on
the kind of pairs it will score: a random half of matching candidate pairs, and distinct
candidate pairs (already alike enough to share a blocking key) for the rest.

Files are in Dedupe's training format: {"match": [[a, b], ...], "distinct": [...]}.
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

Record = Mapping[str, str | None]


def pairs_from_truth(
    records: Sequence[Record],
    truth: Sequence[str],
    pairs: np.ndarray,
    max_pairs: int,
    seed: int,
) -> dict[str, list[list[Record]]]:
    """Label candidate pairs by truth; `truth[i]` is record i's true person key."""
    rng = random.Random(seed)
    matches = [(a, b) for a, b in pairs.tolist() if truth[a] == truth[b]]
    distinct = [(a, b) for a, b in pairs.tolist() if truth[a] != truth[b]]
    rng.shuffle(matches)
    rng.shuffle(distinct)
    half = max_pairs // 2
    return {
        "match": [[dict(records[a]), dict(records[b])] for a, b in matches[:half]],
        "distinct": [
            [dict(records[a]), dict(records[b])]
            for a, b in distinct[: max_pairs - min(half, len(matches))]
        ],
    }


def merge_into(path: Path, labelled: Mapping[str, list]) -> dict[str, int]:
    """Add labelled pairs to a training file, keeping every earlier label."""
    existing = read(path) if path.exists() else {"match": [], "distinct": []}
    for kind in ("match", "distinct"):
        seen = {json.dumps(pair, sort_keys=True, ensure_ascii=False) for pair in existing[kind]}
        for pair in labelled.get(kind, []):
            text = json.dumps(pair, sort_keys=True, ensure_ascii=False)
            if text not in seen:
                existing[kind].append(pair)
                seen.add(text)
    write(path, existing)
    return {kind: len(existing[kind]) for kind in ("match", "distinct")}


def read(path: Path) -> dict[str, list]:
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    return {"match": data.get("match", []), "distinct": data.get("distinct", [])}


def write(path: Path, labelled: Mapping[str, list]) -> None:
    """One labelled pair per line, so that a diff of the file shows the pairs added."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["{"]
    for kind, comma in (("match", ","), ("distinct", "")):
        pairs = [
            json.dumps(pair, ensure_ascii=False, separators=(",", ":"))
            for pair in labelled.get(kind, [])
        ]
        lines.append(f' "{kind}": [')
        lines.append(",\n".join(f"  {pair}" for pair in pairs))
        lines.append(f" ]{comma}")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
