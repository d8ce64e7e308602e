"""Writing a resolve result (docs/resolve-output.md): links, persons, records,
incidents, cases, addresses, review, quarantine and the report."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

import orjson

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
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if (v := row.get(k)) is None else v for k in columns])
            count += 1
    return count


def write_jsonl(path: Path, rows: Iterable[Mapping]) -> int:
    count = 0
    with path.open("wb") as handle:
        for row in rows:
            handle.write(orjson.dumps(row, option=orjson.OPT_APPEND_NEWLINE))
            count += 1
    return count


def read_jsonl(path: Path) -> Iterable[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield orjson.loads(line)


def write_json(path: Path, value: Mapping) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
