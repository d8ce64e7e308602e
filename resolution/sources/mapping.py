"""Platform specifications: which file holds which kind of rows, under which headers.

The built-in specification (builtin.toml) is read first; a user's mapping file
(TOML or JSON, format in README.md) is laid over it: it may rename a built-in
platform's file, add header names for its columns, or declare a new platform.
Header names are compared by `header_key`, so `Record ID`, `record_id` and
`RECORD-ID` are one header, as are `姓名` and `姓 名`.
"""

from __future__ import annotations

import codecs
import json
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from resolution.errors import InputError
from resolution.normalise._text import simplified
from resolution.sources.kinds import KINDS

BUILTIN = Path(__file__).with_name("builtin.toml")
SETTINGS = ("kind", "file", "columns", "required", "encoding")


@dataclass(frozen=True)
class PlatformSpec:
    name: str
    kind: str
    file: str
    columns: dict[str, str]
    """header_key(header) -> canonical column; canonical names map to themselves."""
    required: bool
    """A missing file is an error (True) or a warning (False)."""
    encoding: str | None = None
    """Forced encoding; None detects it."""


def header_key(header: str) -> str:
    """How headers are compared: NFKC, simplified characters, case-folded, without spaces,
    `_` or `-` (戶籍地址 is 户籍地址)."""
    text = simplified(unicodedata.normalize("NFKC", header)).casefold()
    return "".join(ch for ch in text if not ch.isspace() and ch not in "_-")


def platform_specs(mapping_file: Path | None) -> list[PlatformSpec]:
    """The built-in platforms, with the mapping file's changes and additions."""
    settings = _platform_settings(_load(BUILTIN), BUILTIN, {})
    if mapping_file is not None:
        for name, extra in _platform_settings(_load(mapping_file), mapping_file, settings).items():
            base = settings.get(name, {"required": True})
            columns = {**base.get("columns", {}), **extra.get("columns", {})}
            settings[name] = {**base, **extra, "columns": columns}
    return [_spec(name, entry) for name, entry in settings.items()]


def _load(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"The mapping file {path} cannot be read: {error}.") from None
    try:
        return json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as error:
        kind = "JSON" if path.suffix.lower() == ".json" else "TOML"
        raise InputError(f"The mapping file {path} is not valid {kind}: {error}.") from None


def _platform_settings(
    document: dict[str, Any], path: Path, known: dict[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """The document's platforms, each checked against the kinds and the platforms known so far."""
    platforms = document.get("platforms")
    if not isinstance(platforms, dict) or set(document) - {"platforms"}:
        raise InputError(f"The mapping file {path} must hold one table, `platforms`, of platforms.")
    for name, entry in platforms.items():
        problem = _problem(entry, known.get(name))
        if problem:
            raise InputError(f"The mapping file {path}: platform {name} {problem}.")
    return platforms


def _problem(entry: Any, base: dict[str, Any] | None) -> str | None:
    """What is wrong with one platform's settings, as the end of a sentence; None if nothing."""
    if not isinstance(entry, dict):
        return "must be a table of settings"
    unknown = sorted(set(entry) - set(SETTINGS))
    if unknown:
        return f"has unknown setting {unknown[0]!r} (known: {', '.join(SETTINGS)})"
    if base is None and not {"kind", "file"} <= set(entry):
        return "is new, so it needs both `kind` and `file`"
    kind = entry.get("kind", base and base["kind"])
    if kind not in KINDS:
        return f"has unknown kind {kind!r} (known: {', '.join(KINDS)})"
    if base is not None and kind != base["kind"]:
        return f"is of kind {base['kind']}; declare a new platform for another kind"
    if not isinstance(entry.get("file", ""), str) or not isinstance(
        entry.get("required", True), bool
    ):
        return "needs a text `file` and a true/false `required`"
    if "encoding" in entry and not _is_codec(entry["encoding"]):
        return f"names an unknown encoding {entry['encoding']!r}"
    columns = entry.get("columns", {})
    if not isinstance(columns, dict):
        return "needs `columns` as a table of header = canonical column"
    for header, column in columns.items():
        if column not in KINDS[kind].columns:
            return f"maps {header!r} to {column!r}, which is not a {kind} column"
    return None


def _is_codec(name: Any) -> bool:
    try:
        codecs.lookup(name)
    except (LookupError, TypeError):
        return False
    return True


def _spec(name: str, entry: dict[str, Any]) -> PlatformSpec:
    kind = KINDS[entry["kind"]]
    columns = {header_key(c): c for c in kind.columns}
    columns.update({header_key(h): c for h, c in entry.get("columns", {}).items()})
    return PlatformSpec(
        name, kind.name, entry["file"], columns, entry.get("required", True), entry.get("encoding")
    )
