"""Every Cypher statement the code runs lives in `cypher/` as a .cypher file.

`statement("admin/server_version")` returns the text of
`cypher/admin/server_version.cypher`. Statements take parameters only; no user
text is ever formatted into them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

CYPHER_DIR = Path(__file__).resolve().parent.parent / "cypher"


@cache
def statement(name: str) -> str:
    path = CYPHER_DIR / f"{name}.cypher"
    return _strip_comments(path.read_text(encoding="utf-8"))


def statements_in(folder: str) -> list[tuple[str, str]]:
    """(file name, statement) for every .cypher file in a folder, in name order.

    A file may hold several statements separated by `;` at line ends.
    """
    result = []
    for path in sorted((CYPHER_DIR / folder).glob("*.cypher")):
        text = _strip_comments(path.read_text(encoding="utf-8"))
        result += [
            (path.name, part.strip()) for part in text.split(";\n") if part.strip().rstrip(";")
        ]
    return [(name, text.rstrip(";").strip()) for name, text in result]


def _strip_comments(text: str) -> str:
    return "\n".join(
        line for line in text.splitlines() if not line.lstrip().startswith("//")
    ).strip()
