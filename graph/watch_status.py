"""The watcher's status file: written by `fengqiao watch` (graph.watch), read by
`fengqiao status` and the API's `/readyz`. Light on purpose: the API reads it
without loading the resolver."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from graph.local.instance import process_alive


def write_status(status_file: Path, status: dict[str, Any]) -> None:
    """Replace the file at once, so a reader never sees half of it."""
    status_file.parent.mkdir(parents=True, exist_ok=True)
    partial = status_file.with_suffix(".tmp")
    partial.write_text(json.dumps(status, ensure_ascii=False), encoding="utf-8")
    partial.replace(status_file)


def read_status(status_file: Path) -> dict[str, Any] | None:
    """The watcher's last status, with whether its process still runs."""
    try:
        status = json.loads(status_file.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    status["running"] = bool(status.get("pid")) and process_alive(status["pid"])
    return status
