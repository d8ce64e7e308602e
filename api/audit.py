"""The append-only audit log: one JSON line per API request, refused ones too.

Each entry: time, user, role, operation, query hash, variables with personal
data redacted, result size, latency, client address, outcome. Entries are
chained (each carries the SHA-256 of the previous line), so a deleted or
edited line shows. The file is opened for appending only, mode 0600.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

PERSONAL_KEYS = re.compile(r"(id_?number|idnumber|phone|name|search|query|text)", re.IGNORECASE)


def redact(variables: Mapping[str, Any] | None) -> dict[str, Any]:
    """Variables as they may be logged: values that could identify a person hidden."""
    out: dict[str, Any] = {}
    for key, value in (variables or {}).items():
        if isinstance(value, Mapping):
            out[key] = redact(value)
        elif isinstance(value, str) and (PERSONAL_KEYS.search(key) or _looks_personal(value)):
            out[key] = f"<redacted {len(value)} chars>"
        else:
            out[key] = value
    return out


def _looks_personal(value: str) -> bool:
    digits = sum(ch.isdigit() for ch in value)
    return digits >= 7 or any("\u4e00" <= ch <= "\u9fff" for ch in value)


def query_hash(query: str) -> str:
    return hashlib.sha256(query.encode("utf-8")).hexdigest()[:16]


class AuditLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._previous = self._last_hash()

    def record(self, **entry: Any) -> None:
        with self._lock:
            line = json.dumps(
                {
                    "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
                    **entry,
                    "previous": self._previous,
                },
                ensure_ascii=False,
                separators=(",", ":"),
            )
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as handle:
                handle.write(line + "\n")
            self._previous = hashlib.sha256(line.encode("utf-8")).hexdigest()

    def entries(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [
            json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines() if line
        ]

    def _last_hash(self) -> str | None:
        if not self.path.exists():
            return None
        lines = self.path.read_text(encoding="utf-8").splitlines()
        return hashlib.sha256(lines[-1].encode("utf-8")).hexdigest() if lines else None
