"""The append-only audit log: one JSON line per API request, refused ones too.

Each entry says who asked (user, role, station, token), when, why (purpose, case
number), what (the operation, its root fields however written, the normalised
query document with personal data redacted, the variables redacted), what came
back (the ids of the persons returned, result size, status, outcome) and how long
it took. `api/app.py` writes them; other parts of the API (the review page) call
`AuditLog.record` with their own fields.

Tamper evidence: every line carries the SHA-256 of the line before it, and a head
kept outside the log (`<log>.head`: line count, hash of the last line, and an
HMAC of both under a key in `<log>.key`, both owner-only; either may be placed
elsewhere) says where the chain ends. `verify` (`fengqiao audit verify`) finds an
edited line, a re-chained edit (the head's HMAC needs the key) and a removed tail
(the head counts lines). Writers take an exclusive lock on the log, so two server
processes append to one chain and never fork it.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import os
import re
import secrets
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from api.security.files import write_private

# Argument, field and variable names whose values identify a person, whatever their type.
PERSONAL_KEYS = re.compile(
    r"(id_?number|idnumber|phone|name|search|query|text|note|pinyin|birth|born)",
    re.IGNORECASE,
)
_HAN = re.compile(r"[\u3400-\u9fff]")
_DIGIT_RUN = re.compile(r"(?<![0-9A-Za-z])\d{7,}|\d{6,}[\s-]\d{4}")
LARGEST_PLAIN_NUMBER = 99_999  # larger numbers may be phones or ID numbers


def redact(variables: Mapping[str, Any] | None, personal: frozenset[str] = frozenset()) -> dict:
    """Variables as they may be logged: values that could identify a person hidden,
    wherever they are (nested objects, lists, numbers). `personal` names variables
    that the query passes to a personal argument (e.g. `people(search: $s)`)."""
    out: dict[str, Any] = {}
    for key, value in (variables or {}).items():
        out[key] = (
            _hidden(value) if key in personal or PERSONAL_KEYS.search(key) else _redacted(value)
        )
    return out


def _redacted(value: Any) -> Any:
    if isinstance(value, Mapping):
        return redact(value)
    if isinstance(value, list):
        return [_redacted(item) for item in value]
    if isinstance(value, str) and looks_personal(value):
        return _hidden(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value if abs(value) <= LARGEST_PLAIN_NUMBER else _hidden(value)
    return value


def _hidden(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, Mapping)):
        return f"<redacted {type(value).__name__} of {len(value)}>"
    return f"<redacted {len(str(value))} chars>"


def looks_personal(value: str) -> bool:
    """Han characters (a name, an address) or a run of digits that could be a phone or
    an ID number; the API's own ids (letters, then hex) are not."""
    return bool(_HAN.search(value) or _DIGIT_RUN.search(value))


def query_hash(query: str) -> str:
    return hashlib.sha256(query.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Head:
    lines: int
    last: str | None

    def mac(self, key: bytes) -> str:
        return hmac.new(key, f"{self.lines}:{self.last}".encode(), hashlib.sha256).hexdigest()


class AuditLog:
    def __init__(
        self, path: Path, head_file: Path | None = None, key_file: Path | None = None
    ) -> None:
        self.path = path
        self.head_file = head_file or path.with_name(path.name + ".head")
        self.key_file = key_file or path.with_name(path.name + ".key")
        self._lock = threading.Lock()
        self._known_key: bytes | None = None

    def record(self, **entry: Any) -> None:
        """Append one entry, chained to the line before it, and move the head."""
        with self._lock, self._locked() as handle:
            lines, last = self._tail(handle)
            line = json.dumps(
                {
                    "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
                    **entry,
                    "previous": last,
                },
                ensure_ascii=False,
                separators=(",", ":"),
                default=str,
            )
            handle.seek(0, os.SEEK_END)
            handle.write((line + "\n").encode("utf-8"))
            handle.flush()
            self._write_head(Head(lines + 1, _line_hash(line)))

    def entries(self) -> list[dict]:
        return [entry for _number, _line, entry in self._lines() if entry is not None]

    def who_viewed(self, person_id: str) -> list[dict]:
        """Every request whose answer held the person, oldest first."""
        return [e for e in self.entries() if person_id in (e.get("person_ids") or ())]

    def head(self) -> Head | None:
        try:
            stored = json.loads(self.head_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        return Head(stored["lines"], stored["last"])

    def verify(self) -> list[str]:
        """What is wrong with the log, one sentence each; empty when the chain holds
        from the first line to the head."""
        problems: list[str] = []
        previous, count = None, 0
        for number, line, entry in self._lines():
            count = number
            if entry is None:
                problems.append(f"line {number} is not an entry (edited?)")
            elif entry.get("previous") != previous:
                problems.append(
                    f"line {number} does not follow line {number - 1}: "
                    "a line before it was edited, inserted or removed"
                )
            previous = _line_hash(line)
        problems.extend(self._check_head(count, previous))
        return problems

    def _check_head(self, count: int, last: str | None) -> list[str]:
        try:
            stored = json.loads(self.head_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return [] if count == 0 else [f"the head {self.head_file} is missing"]
        head = Head(stored["lines"], stored["last"])
        problems = []
        if not hmac.compare_digest(stored.get("mac", ""), head.mac(self._key())):
            problems.append("the head was written without the key: the log was re-chained")
        if count < head.lines:
            problems.append(
                f"the log has {count} lines, its head says {head.lines}: its tail was removed"
            )
        elif count > head.lines:
            problems.append(
                f"the log has {count} lines, its head says {head.lines}: lines were added"
            )
        elif last != head.last:
            problems.append("the last line is not the one the head names: it was edited")
        return problems

    def _lines(self) -> Iterator[tuple[int, str, dict | None]]:
        if not self.path.exists():
            return
        with self.path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                line = raw.decode("utf-8", errors="replace").rstrip("\n")
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:
                    entry = None
                yield number, line, entry if isinstance(entry, dict) else None

    def _locked(self) -> _Locked:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return _Locked(self.path)

    def _tail(self, handle: Any) -> tuple[int, str | None]:
        """How many lines the log has and the hash of its last, read under the lock
        (another process may have appended since this one last wrote)."""
        head = self.head()
        size = handle.seek(0, os.SEEK_END)
        if size == 0:
            return 0, None
        last = _last_line(handle, size)
        if head is not None and head.last == _line_hash(last):
            return head.lines, head.last
        handle.seek(0)
        return sum(1 for _ in handle), _line_hash(last)

    def _write_head(self, head: Head) -> None:
        document = {"lines": head.lines, "last": head.last, "mac": head.mac(self._key())}
        write_private(self.head_file, json.dumps(document))

    def _key(self) -> bytes:
        """The HMAC key of the head, made at the first write; read once per process."""
        if self._known_key is None:
            try:
                self._known_key = bytes.fromhex(self.key_file.read_text(encoding="ascii").strip())
            except FileNotFoundError:
                key = secrets.token_bytes(32)
                write_private(self.key_file, key.hex())
                self._known_key = key
        return self._known_key


class _Locked:
    """The log opened for appending (owner-only), under an exclusive lock across processes."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> Any:
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
        self.handle = os.fdopen(fd, "r+b")
        fcntl.flock(self.handle, fcntl.LOCK_EX)
        return self.handle

    def __exit__(self, *_exc: object) -> None:
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()


def _last_line(handle: Any, size: int) -> str:
    step, start = 4096, size
    tail = b""
    while start > 0:
        start = max(0, start - step)
        handle.seek(start)
        tail = handle.read(size - start)
        if tail.rstrip(b"\n").count(b"\n") >= 1:
            break
    return tail.rstrip(b"\n").rsplit(b"\n", 1)[-1].decode("utf-8", errors="replace")


def _line_hash(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8")).hexdigest()
