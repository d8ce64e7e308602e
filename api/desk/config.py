"""What the review desk needs beside the API's own configuration."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PURPOSE = "review of uncertain matches"  # the X-Purpose the page sends with each call


@dataclass(frozen=True)
class DeskConfig:
    state_file: Path  # the resolution state (resolution.state): each record's model fields
    models_dir: Path  # where the Dedupe model is kept (resolution.model.store)
    training_file: Path  # the labelled pairs the model is trained from
    review_band: tuple[float, float]  # merged records scored in it are queued
    mapping_file: Path | None = None  # the bureau's column mapping, for masking raw columns
    queue_page: int = 50  # queue items sent at once
    person_incidents: int = 20  # incidents listed per person in the pair view
