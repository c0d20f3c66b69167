"""Invisible characters that make text display differently from what it says.

A bidirectional override reverses what a reviewer sees without changing what is stored:
``Health Minister \\u202eyas ton did\\u202c said`` *displays* as "Health Minister did not
say said", while search, extraction and the claim's quote all read "yas ton did". Claims
point into the body by character offsets, so these characters are removed before the
body exists (never afterwards, which would move every offset), and each removal is
reported to the uploader with the text as it really reads.

What is removed, and what is deliberately kept:

- **Bidirectional embeddings, overrides and isolates** (U+202A-U+202E, U+2066-U+2069):
  always removed. Right-to-left text displays correctly without them (the Unicode
  bidirectional algorithm orders Arabic or Hebrew words by itself); they only change
  how mixed text is laid out, which is exactly what a spoof needs.
- **Directional marks** LRM, RLM and the Arabic letter mark (U+200E, U+200F, U+061C):
  kept on lines that contain right-to-left letters, where writers need them (to place a
  number or a quote mark correctly next to Arabic or Hebrew). On a line with no
  right-to-left letter they have no legitimate use and can still reorder numbers on
  screen ("10 - 20" can display as "20 - 10"), so they are removed.
- **Zero-width joiner and non-joiner** (U+200D, U+200C): required in Persian, the Indic
  scripts and emoji sequences, so they are kept, except between two letters or digits
  of the Latin, Greek or Cyrillic scripts, which never use them; there they only split
  a word for search and duplicate detection ("Ha<ZWJ>ma" is not "Hama").
- **Tag characters** (U+E0001, U+E0020-U+E007F) spell ASCII text nobody can see: kept
  only inside an emoji tag sequence (the flags of England, Scotland, Wales), removed
  elsewhere, and the hidden text is shown in the warning.
- **Other invisible operators and format characters** with no place in prose
  (U+2061-U+2064 invisible maths operators, U+206A-U+206F deprecated format
  characters, U+FFF9-U+FFFB interlinear annotation): removed.

Byte-order marks, zero-width spaces, soft hyphens and word joiners are dropped silently
by ``split_paragraphs``: they are common in text copied from web pages and hide nothing.
Everything else (variation selectors, Arabic number signs, the Hangul fillers) is kept.
"""

from __future__ import annotations

import re
import unicodedata

from articles.text.errors import TextWarning, WarningKind

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
BIDI_MARKS = frozenset("\u200e\u200f\u061c")
JOINERS = frozenset("\u200c\u200d")
_OTHER_INVISIBLE = frozenset(
    [*map(chr, range(0x2061, 0x2065)), *map(chr, range(0x206A, 0x2070))]
    + ["\ufff9", "\ufffa", "\ufffb"]
)
_BLACK_FLAG = "\U0001f3f4"  # starts an emoji tag sequence (subdivision flags)
_LATIN_LIKE = ("LATIN ", "GREEK ", "CYRILLIC ", "DIGIT ")

_EXCERPT_CONTEXT = 40
_MAX_NAMES = 4


def _is_tag(ch: str) -> bool:
    return ch == "\U000e0001" or "\U000e0020" <= ch <= "\U000e007f"


def _is_latin_like(ch: str) -> bool:
    return ch.isalnum() and unicodedata.name(ch, "").startswith(_LATIN_LIKE)


def _is_rtl_letter(ch: str) -> bool:
    return ch.isalpha() and unicodedata.bidirectional(ch) in ("R", "AL")


def _in_emoji_tag_sequence(line: str, index: int) -> bool:
    start = index
    while start > 0 and _is_tag(line[start - 1]):
        start -= 1
    return start > 0 and line[start - 1] == _BLACK_FLAG


def _removal_kind(line: str, index: int, *, rtl_line: bool) -> WarningKind | None:
    ch = line[index]
    if ch in BIDI_CONTROLS:
        return "bidi_control"
    if ch in BIDI_MARKS:
        return None if rtl_line else "bidi_mark"
    if ch in JOINERS:
        before = line[index - 1] if index > 0 else ""
        after = line[index + 1] if index + 1 < len(line) else ""
        return "joiner" if _is_latin_like(before) and _is_latin_like(after) else None
    if _is_tag(ch):
        return None if _in_emoji_tag_sequence(line, index) else "hidden_text"
    if ch in _OTHER_INVISIBLE:
        return "invisible"
    return None


_CANDIDATE = re.compile(
    "["
    + "".join(sorted(BIDI_CONTROLS | BIDI_MARKS | JOINERS | _OTHER_INVISIBLE))
    + "\U000e0001\U000e0020-\U000e007f]"
)


def remove_spoofing_characters(text: str) -> tuple[str, list[TextWarning]]:
    """The text without the characters listed in the module doc, and one warning per
    kind of character removed (none if nothing was)."""
    if _CANDIDATE.search(text) is None:
        return text, []
    removed: dict[WarningKind, list[tuple[str, int]]] = {}
    out_lines: list[str] = []
    offset = 0  # where the current line starts in the cleaned text
    for line in text.split("\n"):
        rtl_line: bool | None = None  # computed when a direction mark needs it
        kept: list[str] = []
        kept_length = position = 0
        for match in _CANDIDATE.finditer(line):
            index = match.start()
            if line[index] in BIDI_MARKS and rtl_line is None:
                rtl_line = any(_is_rtl_letter(ch) for ch in line)
            kind = _removal_kind(line, index, rtl_line=bool(rtl_line))
            if kind is None:
                continue
            kept.append(line[position:index])
            kept_length += index - position
            position = index + 1
            removed.setdefault(kind, []).append((line[index], offset + kept_length))
        kept.append(line[position:])
        cleaned_line = "".join(kept)
        out_lines.append(cleaned_line)
        offset += len(cleaned_line) + 1
    cleaned = "\n".join(out_lines)
    warnings = [
        TextWarning(kind=kind, message=_message(kind, chars, cleaned))
        for kind, chars in removed.items()
    ]
    return cleaned, warnings


def _message(kind: WarningKind, chars: list[tuple[str, int]], cleaned: str) -> str:
    count = len(chars)
    names = _names(ch for ch, _ in chars)
    where = f"first at “{_excerpt(cleaned, chars[0][1])}”"
    if kind == "bidi_control":
        return (
            f"Removed {_plural(count, 'invisible bidirectional control character')} "
            f"({names}): they make text display in an order other than the one it reads in, "
            f"so a reviewer could see words that are not there. The text now shows as it "
            f"really reads, {where}; check that passage."
        )
    if kind == "bidi_mark":
        return (
            f"Removed {_plural(count, 'direction mark')} ({names}) from text without any "
            "right-to-left script, where they can only reorder numbers and punctuation on "
            f"screen; {where}."
        )
    if kind == "joiner":
        return (
            f"Removed {_plural(count, 'zero-width joiner')} ({names}) from inside Latin, "
            "Greek or Cyrillic words, which never use them (they split a word for search "
            f"and duplicate checks without showing); {where}."
        )
    if kind == "hidden_text":
        hidden = "".join(
            chr(ord(ch) - 0xE0000) for ch, _ in chars if "\U000e0020" <= ch <= "\U000e007e"
        )
        return (
            f"Removed {_plural(count, 'invisible tag character')}, which spell text no "
            f"reader can see (“{_shorten(hidden)}”); {where}."
        )
    return f"Removed {_plural(count, 'invisible format character')} ({names}); {where}."


def _names(chars) -> str:
    unique = sorted(set(chars))
    shown = [f"U+{ord(ch):04X} {unicodedata.name(ch, 'UNNAMED')}" for ch in unique[:_MAX_NAMES]]
    if len(unique) > _MAX_NAMES:
        shown.append(f"{len(unique) - _MAX_NAMES} more")
    return ", ".join(shown)


def _excerpt(text: str, position: int) -> str:
    start = max(0, position - _EXCERPT_CONTEXT)
    end = min(len(text), position + _EXCERPT_CONTEXT)
    excerpt = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + excerpt + ("…" if end < len(text) else "")


def _shorten(value: str, limit: int = 120) -> str:
    return value if len(value) <= limit else value[:limit] + "…"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
