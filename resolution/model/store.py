"""Training a Dedupe model from a labelled file, and keeping it saved and versioned.

A model is identified by what it was made from: the hash of the training file
and of the comparison set (`COMPARISONS`). `load_or_train` returns the saved
model when one exists for that identity and trains (then saves) otherwise, so
`resolve` retrains only when asked (`--retrain`) or when its inputs changed.
Saved as `<models_dir>/<version>/model.dedupe` (Dedupe's settings format) with
`model.json` beside it describing where it came from.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import dedupe
from dedupe.api import flatten_training

from resolution import comparisons
from resolution.errors import InputError

SHIPPED_TRAINING = Path(__file__).with_name("training.json")
log = logging.getLogger(__name__)


@dataclass
class Model:
    matcher: dedupe.StaticDedupe
    version: str
    path: Path


def model_version(training_file: Path) -> str:
    digest = hashlib.sha256(training_file.read_bytes())
    digest.update(inspect.getsource(comparisons).encode())
    digest.update(dedupe.__version__.encode() if hasattr(dedupe, "__version__") else b"")
    return digest.hexdigest()[:12]


def load_or_train(
    models_dir: Path,
    training_file: Path = SHIPPED_TRAINING,
    retrain: bool = False,
    num_cores: int = 2,
) -> Model:
    if not training_file.exists():
        raise InputError(
            f"Training file {training_file} does not exist: label some pairs with `fengqiao label`."
        )
    version = model_version(training_file)
    folder = models_dir / version
    settings = folder / "model.dedupe"
    if retrain or not settings.exists():
        train(training_file, folder, num_cores)
    with settings.open("rb") as handle:
        matcher = dedupe.StaticDedupe(handle, num_cores=num_cores)
    return Model(matcher, version, settings)


def train(training_file: Path, folder: Path, num_cores: int = 2) -> Path:
    """Fit the classifier on every labelled pair in `training_file`; save it in `folder`."""
    started = time.perf_counter()
    with training_file.open(encoding="utf-8") as handle:
        labelled = json.load(handle)
    if not labelled.get("match") or not labelled.get("distinct"):
        raise InputError(f"{training_file} needs both matching and distinct labelled pairs.")
    matcher = dedupe.Dedupe(comparisons.dedupe_variables(), num_cores=num_cores)
    matcher.mark_pairs(labelled)
    # Dedupe's train() also learns blocking predicates with its active learner, which
    # holds every candidate pair of the sample in memory and is what blows up on this
    # data. Blocking is ours (resolution.blocking), so only the classifier is fitted.
    examples, labels = flatten_training(matcher.training_pairs)
    matcher.classifier.fit(matcher.data_model.distances(examples), labels)
    matcher.predicates = ()
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "model.dedupe").open("wb") as handle:
        matcher.write_settings(handle)
    meta = {
        "version": folder.name,
        "training_file": str(training_file),
        "pairs": {"match": len(labelled["match"]), "distinct": len(labelled["distinct"])},
        "fields": list(comparisons.FIELDS),
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - started, 2),
    }
    (folder / "model.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False))
    log.info("trained model %s on %s pairs", folder.name, meta["pairs"])
    return folder / "model.dedupe"
