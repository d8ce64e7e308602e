"""A folder of platform exports, read: `read_exports` and what it returns.

Which files must be there: none of the five built-in files is required on its
own, so that a bureau with only two platforms can still resolve; a missing one
is reported in `Exports.warnings`. At least one person-bearing file
(population, dispatch_parties, case_parties or a configured one of those
kinds) must be present. A platform declared in a mapping file is required
unless it says `required = false`: someone named that file on purpose.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from resolution.errors import InputError
from resolution.sources.kinds import KINDS
from resolution.sources.mapping import platform_specs
from resolution.sources.reader import PlatformFile, scan
from resolution.sources.rows import Quarantined, SourceRow

QUARANTINE_COLUMNS = ("file", "line", "column", "reason", "raw")


@dataclass(frozen=True)
class Exports:
    input_dir: Path
    files: tuple[PlatformFile, ...]
    """The platform files present, each scanned: encoding, counts, quarantined rows."""
    warnings: tuple[str, ...]

    def rows(self, kind: str) -> Iterator[SourceRow]:
        """The accepted rows of every platform of this kind, streamed from disk.

        Each call reads the files again, so the rows can be iterated more than once."""
        for scanned in self.files:
            if scanned.kind == kind:
                yield from scanned.rows()

    def count(self, kind: str) -> int:
        """How many rows `rows(kind)` yields."""
        return sum(f.accepted for f in self.files if f.kind == kind)

    @property
    def quarantined(self) -> list[Quarantined]:
        return [q for f in self.files for q in f.quarantined]

    @property
    def rows_read(self) -> int:
        return sum(f.read for f in self.files)

    @property
    def rows_accepted(self) -> int:
        return sum(f.accepted for f in self.files)

    @property
    def rows_quarantined(self) -> int:
        return sum(len(f.quarantined) for f in self.files)

    def counts(self) -> dict[str, dict[str, str | int]]:
        """Per file name: platform, kind, encoding and row counts (read = accepted + quarantined;
        blank rows are not counted as read)."""
        return {
            f.path.name: {
                "platform": f.platform,
                "kind": f.kind,
                "encoding": f.encoding.name,
                "read": f.read,
                "accepted": f.accepted,
                "quarantined": len(f.quarantined),
                "blank": f.blank,
            }
            for f in self.files
        }


def read_exports(input_dir: Path, mapping_file: Path | None = None) -> Exports:
    """Scan every platform file in input_dir; InputError if the folder cannot be used."""
    if not input_dir.is_dir():
        raise InputError(f"{input_dir} is not a folder of platform exports.")
    files: list[PlatformFile] = []
    warnings: list[str] = []
    for spec in platform_specs(mapping_file):
        path = input_dir / spec.file
        if not path.is_file() and (path.exists() or path.is_symlink()):
            what = "a folder" if path.is_dir() else "not a readable file"
            raise InputError(
                f"{spec.file} in {input_dir} is {what}: it cannot be read as an export."
            )
        if not path.is_file():
            if spec.required:
                raise InputError(
                    f"{spec.file} is missing from {input_dir} (platform {spec.name}, "
                    "declared in the mapping file)."
                )
            warnings.append(f"{spec.file} is missing from {input_dir}: no {spec.name} rows.")
            continue
        try:
            files.append(scan(spec, path))
        except OSError as error:
            raise InputError(
                f"{spec.file} in {input_dir} cannot be read: {error.strerror or error}."
            ) from None
    if not any(KINDS[f.kind].person_bearing for f in files):
        raise InputError(
            f"{input_dir} holds none of population.csv, dispatch_parties.csv, "
            "case_parties.csv: there is nobody to resolve."
        )
    return Exports(input_dir, tuple(files), tuple(warnings))


def write_quarantine(path: Path, items: Iterable[Quarantined]) -> int:
    """Write quarantine.csv (file,line,column,reason,raw); returns the number of rows."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(QUARANTINE_COLUMNS)
        for item in items:
            writer.writerow((item.file, item.line, item.column, item.reason, item.raw))
            count += 1
    return count
