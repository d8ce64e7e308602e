"""Writing a resolve result (docs/resolve-output.md): links, persons, records,
incidents, cases, addresses, review, quarantine and the report."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

LINK_COLUMNS = ["source", "record_id", "person_id", "score"]
PERSON_COLUMNS = [
    "person_id",
    "name",
    "pinyin",
    "id_number",
    "birth_date",
    "sex",
    "phones",
    "ethnicity",
    "household_address_id",
    "residence_address_id",
    "record_count",
    "sources",
]
REVIEW_COLUMNS = [
    "source_a",
    "record_a",
    "person_a",
    "source_b",
    "record_b",
    "person_b",
    "score",
    "reason",
]


def write_csv(path: Path, columns: list[str], rows: Iterable[Mapping]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if row.get(k) is None else row.get(k) for k in columns})
            count += 1
    return count


def write_jsonl(path: Path, rows: Iterable[Mapping]) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
            handle.write("\n")
            count += 1
    return count


def read_jsonl(path: Path) -> Iterable[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def write_json(path: Path, value: Mapping) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
