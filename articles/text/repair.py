"""Unicode repair: undo mojibake that ftfy does not know, then let ftfy do the rest.

Seed 002 is UTF-8 that was decoded as the Thai code page cp874, with the bytes cp874
leaves undefined read as cp1252 (Windows does this): ``’`` (E2 80 99) became ``โ€™``.
ftfy does not try cp874, so we reverse it ourselves, one run of suspicious characters
at a time, and keep a run only if its bytes are valid UTF-8. Genuine Thai text does not
decode: a Thai word is a long run whose bytes would all have to form well-made UTF-8
sequences (a lead byte, then exactly the right number of continuation bytes, again and
again), and the decoded result must not itself be Thai. A run made only of Thai letters
is repaired only when the same text also has an unmistakable cp874 mojibake run (one
that contains cp1252 punctuation such as ``€`` or ``™`` glued to a Thai letter), so a
lone short Thai word that happens to be valid UTF-8 is left alone in genuine Thai text.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy


def _single_byte(ch: str) -> int | None:
    """The byte a character came from if it was decoded from cp874 (or cp1252)."""
    for encoding in ("cp874", "cp1252"):
        try:
            encoded = ch.encode(encoding)
        except UnicodeEncodeError:
            continue
        if len(encoded) == 1 and encoded[0] >= 0x80:
            return encoded[0]
    # Bytes undefined in both code pages are sometimes passed through as C1 controls.
    if 0x80 <= ord(ch) <= 0x9F:
        return ord(ch)
    return None


_SUSPICIOUS = "".join(ch for ch in map(chr, range(0x80, 0x3000)) if _single_byte(ch) is not None)
_RUN = re.compile("[" + re.escape(_SUSPICIOUS) + "]{2,}")


def _is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def _decode_run(run: str) -> str | None:
    """The UTF-8 text a run of cp874/cp1252 characters stood for, or None."""
    data = bytes(_single_byte(ch) for ch in run)  # type: ignore[misc]
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if any(_is_thai(ch) or unicodedata.category(ch) in ("Cc", "Cn", "Co") for ch in decoded):
        return None
    if unicodedata.category(decoded[0]).startswith("M"):  # a combining mark has no base
        return None
    return decoded


def repair_cp874_mojibake(text: str) -> str:
    """Reverse UTF-8 read as cp874/cp1252; leave runs (and real Thai) that do not decode."""
    candidates: list[tuple[re.Match[str], str]] = []
    for match in _RUN.finditer(text):
        decoded = _decode_run(match.group())
        if decoded is not None:
            candidates.append((match, decoded))
    # Only-Thai runs are trusted when some run carries cp1252 punctuation (see module doc).
    if not any(any(not _is_thai(ch) for ch in m.group()) for m, _ in candidates):
        return text
    parts: list[str] = []
    position = 0
    for match, decoded in candidates:
        parts.append(text[position : match.start()])
        parts.append(decoded)
        position = match.end()
    parts.append(text[position:])
    return "".join(parts)


def repair_text(text: str) -> str:
    """All Unicode repair: our cp874 reversal, then ftfy for the common cases.

    ``uncurl_quotes=False`` because curly quotes are correct text (seed 003's ``’``),
    not damage; ftfy's default would flatten them to ASCII.
    """
    return ftfy.fix_text(repair_cp874_mojibake(text), uncurl_quotes=False)
