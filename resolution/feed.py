"""A folder of exports cut into a first build and daily batches, as a 110 feed delivers them.

The registry and everything before the cut go into `base/`; each later day's
incidents (with their parties) and cases (with their parties) into a folder
`day-YYYY-MM-DD/` of its own (or of `days_per_batch` days together), in the same
layout. With `bulk_days`, the days before those go together into one folder
`bulk-YYYY-MM-DD/` (a large batch). Rows whose time cannot be
read stay in the base. For the demo and `fengqiao bench ingest`: generated data
(and the sample) come as one history.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from resolution.normalise.dates import parse_datetime

EVENTS = (  # (events file, its time column, its parties file, the key both share)
    ("dispatch_incidents.csv", "reported_at", "dispatch_parties.csv", "incident_id"),
    ("cases.csv", "opened_at", "case_parties.csv", "case_id"),
)
BASE = "base"


def split_feed(
    input_dir: Path, out_dir: Path, days: int, bulk_days: int = 0, days_per_batch: int = 1
) -> list[Path]:
    """Write `base/`, the bulk folder, and a folder per `days_per_batch` days of the last
    `days` days (named for its first day); returns them in the order they are ingested."""
    tables = {name: _read(input_dir / name) for name in _names(input_dir)}
    day_of: dict[str, dict[str, date | None]] = {}
    for events, column, _parties, key in EVENTS:
        if events in tables:
            day_of[events] = {row[key]: _day(row.get(column)) for row in tables[events][1]}
    last = max((d for days_ in day_of.values() for d in days_.values() if d), default=None)
    cut = last - timedelta(days=days - 1) if last else None
    bulk = cut - timedelta(days=bulk_days) if cut and bulk_days else None

    batches: dict[str, dict[str, list[dict[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for name, (_header, rows) in tables.items():
        for row in rows:
            batches[_batch_of(name, row, day_of, cut, bulk, days_per_batch)][name].append(row)
    folders = []
    for batch in sorted(batches, key=_ingest_order):
        folder = out_dir / batch
        folder.mkdir(parents=True, exist_ok=True)
        for name, (header, _rows) in tables.items():
            _write(folder / name, header, batches[batch].get(name, []))
        folders.append(folder)
    return folders


def _batch_of(
    name: str, row: dict[str, str], day_of, cut: date | None, bulk: date | None, per: int
) -> str:
    for events, _column, parties, key in EVENTS:
        if name in (events, parties) and events in day_of:
            day = day_of[events].get(row.get(key, ""))
            if cut is not None and day is not None and day >= cut:
                first = cut + timedelta(days=(day - cut).days // per * per)
                return f"day-{first.isoformat()}"
            if bulk is not None and day is not None and day >= bulk:
                return f"bulk-{bulk.isoformat()}"
    return BASE


def _ingest_order(batch: str) -> tuple[int, str]:
    return (0 if batch == BASE else 1 if batch.startswith("bulk-") else 2), batch


def _names(input_dir: Path) -> list[str]:
    return sorted(p.name for p in input_dir.glob("*.csv") if not p.name.startswith("truth"))


def _day(text: str | None) -> date | None:
    value = parse_datetime(text).value
    return value.date() if value else None


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        writer.writerows(rows)
