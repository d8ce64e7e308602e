"""Every Cypher statement the code runs lives in `cypher/` as a .cypher file.

`statement("admin/server_version")` returns the text of
`cypher/admin/server_version.cypher`. Statements take parameters only; no user
text is ever formatted into them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import cypher

CYPHER_DIR = Path(cypher.__file__).resolve().parent
"""The `cypher` package's folder: the repository's `cypher/`, or its copy in site-packages."""


_requested: set[str] = set()


def statement(name: str) -> str:
    _requested.add(name)
    return _text(name)


def text_only(name: str) -> str:
    """A statement's text without counting it as run: for planning ahead (graph.warm),
    which must not hide from the suite a statement nothing executes."""
    return _text(name)


def requested() -> frozenset[str]:
    """The statements this process has asked for; the test suite checks it covers them all."""
    return frozenset(_requested)


def all_statements() -> list[str]:
    """Every statement file, as `folder/name` (the Bloom perspective is not Cypher)."""
    return sorted(
        path.relative_to(CYPHER_DIR).with_suffix("").as_posix()
        for path in CYPHER_DIR.glob("**/*.cypher")
    )


@cache
def _text(name: str) -> str:
    path = CYPHER_DIR / f"{name}.cypher"
    return _strip_comments(path.read_text(encoding="utf-8"))


def statements_in(folder: str) -> list[tuple[str, str]]:
    """(file name, statement) for every .cypher file in a folder, in name order.

    A file may hold several statements separated by `;` at line ends.
    """
    result = []
    for path in sorted((CYPHER_DIR / folder).glob("*.cypher")):
        _requested.add(f"{folder}/{path.stem}")
        text = _strip_comments(path.read_text(encoding="utf-8"))
        result += [
            (path.name, part.strip()) for part in text.split(";\n") if part.strip().rstrip(";")
        ]
    return [(name, text.rstrip(";").strip()) for name, text in result]


def _strip_comments(text: str) -> str:
    return "\n".join(
        line for line in text.splitlines() if not line.lstrip().startswith("//")
    ).strip()
