"""Reading one platform file: its header, then its rows, each kept or quarantined.

A file is read twice. `scan` decodes and checks every row once, collecting the
quarantined ones and the counts; `rows` then streams the accepted rows again
from disk, so that 1.5 million rows never sit in memory at once. Both passes
share `_records`, so they cut the file into the same rows.

A row is quarantined when it cannot be used: a line that does not decode, a
CSV syntax error, a row with more or fewer fields than the header (trailing
empty fields beyond the header are tolerated: spreadsheets add them), an empty
required value (an id, a party's incident or case), or an id already seen
earlier in the file (the first row with it is kept). Blank lines, and rows
whose fields are all empty, are not rows: they are counted as `blank`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from resolution.errors import InputError
from resolution.sources.encoding import Encoding, detect
from resolution.sources.kinds import KINDS
from resolution.sources.mapping import PlatformSpec, header_key
from resolution.sources.rows import Quarantined, SourceRow

UNDECODED = re.compile("[\udc80-\udcff]")


@dataclass
class PlatformFile:
    """One platform's file, scanned: where it is, how it reads, what it holds."""

    spec: PlatformSpec
    path: Path
    encoding: Encoding
    headers: tuple[str, ...]
    columns: dict[str, int]
    """canonical column -> index in the row."""
    read: int = 0
    blank: int = 0
    quarantined: list[Quarantined] = field(default_factory=list)
    _skipped: set[int] = field(default_factory=set)
    """First lines of the rows `rows` leaves out: quarantined and blank ones."""

    @property
    def platform(self) -> str:
        return self.spec.name

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def accepted(self) -> int:
        return self.read - len(self.quarantined)

    def rows(self) -> Iterator[SourceRow]:
        """The accepted rows, streamed from disk in file order."""
        absent = {c: None for c in KINDS[self.kind].columns if c not in self.columns}
        columns, headers, skipped = self.columns.items(), self.headers, self._skipped
        platform, file, width = self.platform, self.path.name, len(self.headers)
        for line, _, values, _, _ in _records(self.path, self.encoding, True, keep_text=False):
            if line in skipped:
                continue
            fields = {column: values[i].strip() for column, i in columns}
            fields.update(absent)
            raw = dict(zip(headers, values[:width], strict=False))
            yield SourceRow(platform, file, line, fields, raw)


def scan(spec: PlatformSpec, path: Path) -> PlatformFile:
    """Read the header, then check every row; InputError if the file cannot be used at all."""
    encoding = detect(path, spec.encoding)
    records = _records(path, encoding, skip_header=False, keep_text=True)
    headers = _header(records, path, encoding)
    scanned = PlatformFile(spec, path, encoding, headers, _columns(headers, spec, path, encoding))
    checker = _RowChecker(scanned)
    for line, end, values, error, text in records:
        if values is not None and _blank(values):
            scanned.blank += 1
            scanned._skipped.add(line)
            continue
        scanned.read += 1
        problem = (
            _csv_problem(line, end, error) if values is None else checker.problem(line, end, values)
        )
        if problem is not None:
            column, reason = problem
            scanned.quarantined.append(Quarantined(path.name, line, column, reason, _raw(text)))
            scanned._skipped.add(line)
    return scanned


def _records(
    path: Path, encoding: Encoding, skip_header: bool, keep_text: bool = True
) -> Iterator[_Record]:
    """The file's rows in order, the header first unless skipped; blank lines before the
    header are not rows. The reader is strict: a quote left open runs to the end of the
    file and then fails, so those lines are quarantined as one row instead of being
    accepted as one long field. Without keep_text, `text` is "" (streaming is faster)."""
    errors = "surrogateescape" if encoding.damaged else "strict"
    with path.open(encoding=encoding.name, errors=errors, newline="") as handle:
        tape = _Tape(handle) if keep_text else None
        reader = csv.reader(tape or handle, strict=True)
        header_seen = False
        while True:
            first = reader.line_num + 1
            try:
                values, error = next(reader), None
            except StopIteration:
                return
            except csv.Error as failure:
                values, error = None, str(failure)
            text = tape.take() if tape else ""
            if not header_seen and values is not None and _blank(values):
                continue
            if header_seen or not skip_header:
                yield _Record(first, reader.line_num, values, error, text)
            header_seen = True


class _Record(NamedTuple):
    line: int
    """The first line of the row."""
    end: int
    values: list[str] | None
    """None when the CSV reader failed on the row."""
    error: str | None
    text: str
    """The row's lines as read."""


class _Tape:
    """The lines the CSV reader takes, kept until its row is complete."""

    def __init__(self, handle: Iterator[str]) -> None:
        self.handle = handle
        self.pending: list[str] = []

    def __iter__(self) -> _Tape:
        return self

    def __next__(self) -> str:
        line = next(self.handle)
        self.pending.append(line)
        return line

    def take(self) -> str:
        text = "".join(self.pending).rstrip("\r\n")
        self.pending.clear()
        return text


def _blank(values: list[str]) -> bool:
    return all(not v.strip() for v in values)


def _header(records: Iterator, path: Path, encoding: Encoding) -> tuple[str, ...]:
    first = next(records, None)
    if first is None:
        raise InputError(f"{path.name} is empty: it has no header row.")
    values, error = first.values, first.error
    if values is None or (encoding.damaged and any(UNDECODED.search(v) for v in values)):
        raise InputError(
            f"The header row of {path.name} cannot be read ({error or 'undecodable bytes'})."
        )
    headers = [v.strip().lstrip("\ufeff") for v in values]
    return tuple(h or f"(column {i + 1})" for i, h in enumerate(_unique(headers)))


def _unique(headers: list[str]) -> list[str]:
    """Repeated header names get #2, #3... so that raw keeps every column."""
    seen: dict[str, int] = {}
    out = []
    for header in headers:
        seen[header] = seen.get(header, 0) + 1
        out.append(header if seen[header] == 1 or not header else f"{header}#{seen[header]}")
    return out


def _columns(
    headers: tuple[str, ...], spec: PlatformSpec, path: Path, encoding: Encoding
) -> dict[str, int]:
    """canonical column -> index; InputError for two headers of one column or a missing one."""
    columns: dict[str, int] = {}
    if not any(header_key(h) in spec.columns for h in headers):
        raise InputError(
            f"{path.name} has none of the headers of a {spec.kind} export (read as "
            f"{encoding.name}, it begins {', '.join(headers[:3])}): is it the right "
            "file, and in UTF-8 or GB18030?"
        )
    for index, header in enumerate(headers):
        column = spec.columns.get(header_key(header))
        if column is None:
            continue
        if column in columns:
            raise InputError(
                f"{path.name} has two columns for {column}: "
                f"{headers[columns[column]]!r} and {header!r}."
            )
        columns[column] = index
    for column in KINDS[spec.kind].required_columns:
        if column not in columns:
            raise InputError(
                f"{path.name} has no {column} column ({_header_names(spec, column)}); "
                "name it in a mapping file if the export calls it otherwise."
            )
    return columns


def _header_names(spec: PlatformSpec, column: str) -> str:
    """The headers accepted for a column, for an error message: `record_id` or `记录编号`."""
    names = [column] + [
        h for h, c in spec.columns.items() if c == column and h != header_key(column)
    ]
    return " or ".join(names)


class _RowChecker:
    """Whether a row can be used: (column, reason) of the first problem found, or None."""

    def __init__(self, scanned: PlatformFile) -> None:
        kind = KINDS[scanned.kind]
        self.headers = scanned.headers
        self.damaged = scanned.encoding.damaged
        self.encoding = scanned.encoding.name
        self.required = [
            (scanned.headers[scanned.columns[c]], scanned.columns[c], c)
            for c in kind.required_values
        ]
        self.id_index = scanned.columns[kind.id_column]
        self.id_column = kind.id_column
        self.first_line: dict[str, int] = {}

    def problem(self, line: int, end: int, values: list[str]) -> tuple[str, str] | None:
        if self.damaged:
            for header, value in zip(self.headers, values, strict=False):
                if UNDECODED.search(value):
                    return header, f"undecodable bytes (not valid {self.encoding})"
        width = len(self.headers)
        if len(values) < width or (len(values) > width and not _blank(values[width:])):
            span = f" over lines {line}-{end}" if end > line else ""
            return "", f"ragged row: {len(values)} fields where the header has {width}{span}"
        for header, index, column in self.required:
            if not values[index].strip():
                return header, f"empty {column}"
        row_id = values[self.id_index].strip()
        first = self.first_line.setdefault(row_id, line)
        if first != line:
            return self.headers[
                self.id_index
            ], f"duplicate {self.id_column} {row_id} (first at line {first})"
        return None


def _csv_problem(line: int, end: int, error: str | None) -> tuple[str, str]:
    span = f" (lines {line}-{end}: a quote left open?)" if end > line else ""
    return "", f"not valid CSV: {error}{span}"


def _raw(text: str) -> str:
    """The row as read, with bytes that did not decode written as \\xNN."""
    return UNDECODED.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", text)
