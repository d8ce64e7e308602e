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
    records = _records_in(labelled)
    if not labelled.get("match") or not labelled.get("distinct"):
        raise InputError(f"{training_file} needs both matching and distinct labelled pairs.")
    matcher = dedupe.Dedupe(comparisons.dedupe_variables(), num_cores=num_cores)
    with training_file.open(encoding="utf-8") as handle:
        matcher.prepare_training(records, training_file=handle, sample_size=min(1500, len(records)))
    # Blocking is ours (resolution.blocking); Dedupe only needs a token predicate set.
    matcher.train(recall=0.0, index_predicates=False)
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


def _records_in(labelled: dict) -> dict[int, dict]:
    records = {}
    for kind in ("match", "distinct"):
        for pair in labelled.get(kind, []):
            for record in pair:
                records[len(records)] = record
    return records
