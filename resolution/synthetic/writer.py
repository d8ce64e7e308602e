"""Writing the five exports (English or Chinese headers, UTF-8 or GB18030) and the truth.

Column names and their Chinese headers are the data contract's
(/work/shared/contract/README.md). The truth files are always UTF-8 with
English headers: they are for tests and benchmarks, not a platform's export.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import TextIO

EXPORTS: dict[str, tuple[tuple[str, str], ...]] = {
    "population": (
        ("record_id", "记录编号"),
        ("name", "姓名"),
        ("id_number", "公民身份号码"),
        ("gender", "性别"),
        ("birth_date", "出生日期"),
        ("ethnicity", "民族"),
        ("phone", "联系电话"),
        ("household_address", "户籍地址"),
        ("residence_address", "现住址"),
        ("updated_at", "更新时间"),
    ),
    "dispatch_incidents": (
        ("incident_id", "警情编号"),
        ("reported_at", "报警时间"),
        ("category", "警情类别"),
        ("address", "事发地址"),
        ("summary", "简要警情"),
        ("disposition", "处警结果"),
        ("case_id", "案件编号"),
    ),
    "dispatch_parties": (
        ("party_id", "人员编号"),
        ("incident_id", "警情编号"),
        ("role", "角色"),
        ("name", "姓名"),
        ("phone", "联系电话"),
        ("id_number", "公民身份号码"),
        ("gender", "性别"),
    ),
    "cases": (
        ("case_id", "案件编号"),
        ("opened_at", "立案时间"),
        ("case_type", "案由"),
        ("status", "案件状态"),
        ("address", "发案地址"),
        ("summary", "简要案情"),
        ("source_incident_id", "警情编号"),
    ),
    "case_parties": (
        ("party_id", "人员编号"),
        ("case_id", "案件编号"),
        ("role", "角色"),
        ("name", "姓名"),
        ("id_number", "公民身份号码"),
        ("phone", "联系电话"),
        ("gender", "性别"),
        ("birth_date", "出生日期"),
        ("address", "住址"),
    ),
}
"""Each export's columns as (English name, Chinese header), in file order."""

TRUTH_LINKS = "truth_links.csv"
TRUTH_NETWORKS = "truth_networks.json"
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030")
"""utf-8-sig writes a BOM, as exports saved from Excel have."""


class ExportWriter:
    """Streams rows into the exports and truth_links.csv; counts what it wrote."""

    def __init__(self, out_dir: Path, headers: str, encoding: str) -> None:
        if headers not in ("en", "zh"):
            raise ValueError(f"headers must be en or zh, not {headers!r}")
        if encoding not in ENCODINGS:
            raise ValueError(f"encoding must be one of {', '.join(ENCODINGS)}, not {encoding!r}")
        out_dir.mkdir(parents=True, exist_ok=True)
        self.rows: Counter[str] = Counter()
        self._files: list[TextIO] = []
        self._writers = {}
        for stem, columns in EXPORTS.items():
            names = [en if headers == "en" else zh for en, zh in columns]
            self._writers[stem] = self._open(out_dir / f"{stem}.csv", encoding, names)
        self._truth = self._open(
            out_dir / TRUTH_LINKS, "utf-8", ["source", "record_id", "person_key"]
        )

    def _open(self, path: Path, encoding: str, header: list[str]):
        handle = path.open("w", encoding=encoding, newline="")
        self._files.append(handle)
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        return writer

    def write(self, stem: str, row: tuple[str, ...]) -> None:
        self._writers[stem].writerow(row)
        self.rows[stem] += 1

    def truth(self, source: str, record_id: str, person_key: str) -> None:
        self._truth.writerow((source, record_id, person_key))
        self.rows["truth_links"] += 1

    def close(self) -> None:
        for handle in self._files:
            handle.close()
