"""Which text encoding a platform file is in.

Real exports are UTF-8 (with or without a byte-order mark) or GB18030/GBK.
The whole file is decoded strictly as UTF-8, then as GB18030; the first that
decodes every byte wins. A file that neither decodes completely is usually
one of them with a few damaged lines (a truncated multi-byte character, a
line pasted from elsewhere): the encoding that decodes the most lines is
chosen when it decodes nearly all of them (see `_damaged`), and the damaged
lines' rows are quarantined. Only then is charset-normalizer asked, and its answer is taken
only if it is an encoding Chinese text can plausibly be in and it decodes the
whole file: a Western single-byte code page "decodes" anything, into mojibake.

GB18030 also "decodes" nearly any byte string: Big5 (traditional characters,
Taiwan and Hong Kong exports) read as GB18030 gives valid but garbled text whose
characters are mostly rare ones. So a file that decodes as GB18030 is checked
for plausibility (`_plausible`): real Chinese text is almost all common
characters (GB2312's, once simplified). A file that fails is read as Big5 when
that decodes it plausibly, and refused with a sentence saying so otherwise.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from resolution.errors import InputError
from resolution.normalise._text import HAN, simplified

CHUNK = 1 << 20
BOM = codecs.BOM_UTF8
DAMAGE_TOLERATED = 0.1
"""Largest share of damaged non-ASCII lines for which a file is read, its damaged rows
quarantined."""
PLAUSIBLE_FALLBACKS = frozenset(
    {
        "big5",
        "big5hkscs",
        "cp950",
        "utf_16",
        "utf_16_le",
        "utf_16_be",
        "utf_32",
        "utf_32_le",
        "utf_32_be",
    }
)
BIG5 = "big5hkscs"
COMMON_SHARE = 0.9
"""Least share of a file's Han characters that must be common ones (in GB2312 once simplified):
real exports score above 0.99, Big5 read as GB18030 about 0.5."""
PLAUSIBILITY_SAMPLE = 20
"""Fewest Han characters on which plausibility is judged; a file with fewer passes."""


@dataclass(frozen=True)
class Encoding:
    name: str
    """A Python codec name: utf-8, utf-8-sig, gb18030, or charset-normalizer's answer."""
    damaged: bool = False
    """Some lines do not decode: read with surrogateescape and quarantine those rows."""


def detect(path: Path, forced: str | None = None) -> Encoding:
    """The file's encoding; InputError if it cannot be read as text at all."""
    if forced is not None:
        return Encoding(forced, damaged=not _decodes(path, forced))
    with path.open("rb") as handle:
        has_bom = handle.read(len(BOM)) == BOM
    utf8 = "utf-8-sig" if has_bom else "utf-8"
    if _decodes(path, utf8):
        return Encoding(utf8)
    if _decodes(path, "gb18030"):
        return _checked_gb18030(path)
    return _damaged(path, utf8) or _fallback(path)


def _checked_gb18030(path: Path) -> Encoding:
    """GB18030 if the text it gives is plausible, else Big5 if that is; else InputError."""
    share = _common_share(path, "gb18030")
    if share >= COMMON_SHARE:
        return Encoding("gb18030")
    if _decodes(path, BIG5) and _common_share(path, BIG5) >= COMMON_SHARE:
        return Encoding(BIG5)
    raise InputError(
        f"{path.name} decodes as GB18030 only into garbled text ({1 - share:.0%} of its "
        "Chinese characters are rare ones, as when a file in another encoding such as Big5 "
        "is read as GB18030); export it again as UTF-8."
    )


def _common_share(path: Path, encoding: str) -> float:
    """The share of the first CHUNK bytes' Han characters that are common (1.0 for too few)."""
    with path.open("rb") as handle:
        text = handle.read(CHUNK).decode(encoding, errors="ignore")
    characters = HAN.findall(simplified("".join(HAN.findall(text))))
    if len(characters) < PLAUSIBILITY_SAMPLE:
        return 1.0
    return sum(_common(c) for c in characters) / len(characters)


def _common(character: str) -> bool:
    try:
        character.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _damaged(path: Path, utf8: str) -> Encoding | None:
    """UTF-8 or GB18030 with a few lines that do not decode, if the file is that.

    A few: at most one line, or a tenth of the lines that are not plain ASCII
    (ASCII lines decode in either and say nothing about the encoding).
    """
    damage = {name: _damaged_lines(path, name) for name in ("utf-8", "gb18030")}
    name = min(damage, key=lambda n: damage[n][0])
    bad, non_ascii, header_bad = damage[name]
    if header_bad or bad > max(1, DAMAGE_TOLERATED * non_ascii):
        return None
    return Encoding(utf8 if name == "utf-8" else name, damaged=True)


def _damaged_lines(path: Path, encoding: str) -> tuple[int, int, bool]:
    """(lines that do not decode, lines that are not ASCII, whether the first line does not).

    Splitting bytes at b"\\n" is safe for both encodings: neither uses 0x0A
    inside a multi-byte character.
    """
    bad = non_ascii = 0
    header_bad = False
    with path.open("rb") as handle:
        for number, line in enumerate(handle):
            if line.isascii():
                continue
            non_ascii += 1
            try:
                line.removeprefix(BOM if number == 0 else b"").decode(encoding)
            except UnicodeDecodeError:
                bad += 1
                header_bad = header_bad or number == 0
    return bad, non_ascii, header_bad


def _fallback(path: Path) -> Encoding:
    best = charset_normalizer.from_path(path).best()
    if best is not None and best.encoding in PLAUSIBLE_FALLBACKS and _decodes(path, best.encoding):
        return Encoding(best.encoding)
    raise InputError(
        f"{path.name} is neither UTF-8 nor GB18030 (many of its lines do not decode "
        "as either); export it again as UTF-8."
    )
