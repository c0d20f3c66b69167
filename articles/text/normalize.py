"""Uploaded bytes or pasted text to one normalised article.

The body is what claim character offsets point into, so it is built once, the same way
for every input, and its shape is simple: paragraphs separated by exactly one blank line
("\\n\\n"), no other newlines, no tabs, single spaces, no leading or trailing whitespace,
Unicode NFC. Lines of one paragraph are joined with a space only when the text is
clearly hard-wrapped (see ``_is_hard_wrapped``); otherwise every line is a paragraph,
which is how the seeds are written (one line per paragraph, with or without blank lines
between). Markdown is parsed as a document first (``articles/text/markdown.py``), and its
blocks go through the same paragraph rule.

Invisible characters that change how text displays (bidirectional overrides and the
like, see ``articles/text/invisible.py``) are removed before the body exists, and every
change the uploader should check (those removals, bytes whose encoding was guessed)
comes back as a ``TextWarning`` in ``NormalizedArticle.warnings``.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import re
import statistics
import unicodedata
from dataclasses import dataclass

from articles.text.boilerplate import strip_boilerplate
from articles.text.decoding import (
    FileKind,
    decode_upload_with_warnings,
    file_kind,
    has_visible_text,
)
from articles.text.errors import TextWarning, UnreadableUpload
from articles.text.html import extract_html
from articles.text.invisible import remove_spoofing_characters
from articles.text.language import detect_language
from articles.text.markdown import MarkdownHeading, markdown_blocks
from articles.text.metadata import (
    TextMetadata,
    dateline_date,
    extract_metadata,
    is_header_line,
    split_dateline,
)
from articles.text.repair import repair_text


@dataclass(frozen=True)
class NormalizedArticle:
    body: str  # what claim character offsets will point into
    title: str
    published_at: datetime.date | None  # as the text states it; None if it does not
    section: str
    dateline: str
    outlet: str
    language: str
    sha256: str  # hex SHA-256 of body (UTF-8)
    warnings: tuple[TextWarning, ...] = ()  # what the uploader should check


def normalize_upload(data: bytes, *, filename: str | None, max_bytes: int) -> NormalizedArticle:
    """Normalise an uploaded file; raises UnreadableUpload with a message for the editor."""
    text, warnings = decode_upload_with_warnings(data, filename=filename, max_bytes=max_bytes)
    normalized = normalize_text(text, filename=filename)
    return dataclasses.replace(normalized, warnings=(*warnings, *normalized.warnings))


def normalize_text(text: str, *, filename: str | None = None) -> NormalizedArticle:
    """Normalise already-decoded text.

    Pasted text has no file name: it is plain text unless it starts like an HTML page.
    An .html/.htm file without any markup is read as plain text (trafilatura needs tags).
    """
    kind = file_kind(filename)
    if not has_visible_text(text):
        raise UnreadableUpload(
            "The text is empty (or only whitespace): paste or upload the article text.",
            kind="empty",
        )
    warnings: list[TextWarning] = []
    if (kind == "html" and _HTML_TAG.search(text)) or (
        filename is None and _looks_like_html(text)
    ):
        paragraphs, metadata = _html_paragraphs(text, warnings=warnings)
    else:
        # Before the repair too: ftfy drops some of them (interlinear annotations)
        # silently; after it, because repaired mojibake can spell one.
        text, removed = remove_spoofing_characters(text)
        warnings.extend(removed)
        text, removed = remove_spoofing_characters(repair_text(text))
        warnings.extend(removed)
        if kind == "markdown":
            paragraphs = _markdown_paragraphs(text)
        else:
            paragraphs = split_paragraphs(text, kind=kind)
        metadata, paragraphs = extract_metadata(strip_boilerplate(paragraphs))
    body = "\n\n".join(paragraphs)
    if not body:
        raise UnreadableUpload(
            "No article text was found (only a headline, header or web-page boilerplate): "
            "upload the full article text.",
            kind="empty",
        )
    return NormalizedArticle(
        body=body,
        title=_clean_line(metadata.title),
        published_at=metadata.published_at,
        section=_clean_line(metadata.section),
        dateline=_clean_line(metadata.dateline),
        outlet=_clean_line(metadata.outlet),
        language=detect_language(body),
        sha256=body_sha256(body),
        warnings=tuple(_merge(warnings)),
    )


def clean_title(title: str) -> tuple[str, list[TextWarning]]:
    """A title typed or pasted by a person, cleaned like the body (spoofing characters
    out, single spaces, NFC), with warnings for what was removed."""
    title, warnings = remove_spoofing_characters(title)
    return _clean_line(_INVISIBLE.sub("", title)), warnings


def _merge(warnings: list[TextWarning]) -> list[TextWarning]:
    """One warning per kind and message (the title and the body may both carry one)."""
    return list(dict.fromkeys(warnings))


def body_sha256(body: str) -> str:
    """Hex SHA-256 of the body's UTF-8 bytes: identical bodies are identical uploads."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _html_paragraphs(html: str, *, warnings: list[TextWarning]) -> tuple[list[str], TextMetadata]:
    # Removed from the page before trafilatura, which drops some of them silently.
    html, removed = remove_spoofing_characters(html)
    warnings.extend(removed)
    page = extract_html(html)
    text, removed = remove_spoofing_characters(repair_text(page.text))
    title, removed_from_title = remove_spoofing_characters(repair_text(page.title))
    warnings.extend([*removed_from_title, *removed])
    paragraphs = strip_boilerplate(split_paragraphs(text, kind="html"))
    title = _clean_line(title)
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs.pop(0)
    dateline = ""
    if paragraphs:
        dateline, rest = split_dateline(paragraphs[0])
        if dateline:
            paragraphs = [rest, *paragraphs[1:]] if rest else paragraphs[1:]
    metadata = TextMetadata(
        title=title,
        published_at=page.published_at or (dateline_date(dateline) if dateline else None),
        section=page.section,
        dateline=dateline,
        outlet=page.outlet,
    )
    return paragraphs, metadata


# --- whitespace and paragraphs --------------------------------------------------------

_LINE_BREAKS = str.maketrans(
    {"\r": "\n", "\v": "\n", "\x85": "\n", "\u2028": "\n", "\f": "\n\n", "\u2029": "\n\n"}
)
# Characters that carry no text: BOM / zero-width space / soft hyphen / word joiner.
_INVISIBLE = re.compile("[\ufeff\u200b\u00ad\u2060]")
_HSPACE = re.compile(r"[^\S\n]+")
_LIST_ITEM = re.compile(r"(?:[-*+•]|\d{1,3}[.)])\s")
_MARKDOWN_BLOCK = re.compile(r"(?:#|>|\||```|---|\*\*\*)")
_SENTENCE_END = tuple('.!?:…"”’)')

_WRAP_MAX_WIDTH = 100
_WRAP_MIN_WIDTH = 40


def split_paragraphs(text: str, *, kind: FileKind) -> list[str]:
    """Text to a list of clean paragraphs (see module doc for the joining rule)."""
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    text = _INVISIBLE.sub("", text)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    text = unicodedata.normalize("NFC", text)
    raw_lines = text.split("\n")
    lines = [_HSPACE.sub(" ", line).strip() for line in raw_lines]

    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [block for block in blocks if block]

    if kind == "html":  # trafilatura writes one paragraph per line
        return [line for block in blocks for line in block]
    if len(blocks) == 1 and _is_wrapped_without_blank_lines(blocks[0]):
        return _rewrap(blocks[0], raw_lines=[r for r in raw_lines if r.strip()])
    paragraphs: list[str] = []
    for block in blocks:
        if len(block) > 1 and _is_hard_wrapped(block):
            paragraphs.append(" ".join(block))
        else:
            paragraphs.extend(block)
    return paragraphs


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Lines broken at a fixed width rather than at paragraph ends.

    All lines but the last are of nearly the same length (at least ``_WRAP_MIN_WIDTH``
    characters and 70% of the longest, at most ``_WRAP_MAX_WIDTH``), none is a list
    item or Markdown structure, and most of them do not end a sentence (a writer who puts
    one paragraph per line ends nearly every line with a full stop).
    """
    body = lines[:-1]
    if not body:
        return False
    width = max(len(line) for line in lines)
    if width > _WRAP_MAX_WIDTH or any(
        len(line) < max(_WRAP_MIN_WIDTH, 0.7 * width) for line in body
    ):
        return False
    if any(_LIST_ITEM.match(line) or _MARKDOWN_BLOCK.match(line) for line in lines):
        return False
    open_ended = sum(1 for line in body if not line.endswith(_SENTENCE_END))
    return open_ended * 2 >= len(body)


def _is_wrapped_without_blank_lines(lines: list[str]) -> bool:
    """A whole text hard-wrapped with no blank lines: most lines are near the wrap width
    and most of those do not end a sentence; paragraph ends are the short lines."""
    if len(lines) < 3:
        return False
    width = max(len(line) for line in lines)
    if width > _WRAP_MAX_WIDTH:
        return False
    if any(_LIST_ITEM.match(line) or _MARKDOWN_BLOCK.match(line) for line in lines):
        return False
    full = [line for line in lines if len(line) >= max(_WRAP_MIN_WIDTH, 0.7 * width)]
    if len(full) * 5 < len(lines) * 3:
        return False
    open_ended = sum(1 for line in full if not line.endswith(_SENTENCE_END))
    return open_ended * 2 >= len(full)


def _rewrap(lines: list[str], *, raw_lines: list[str]) -> list[str]:
    """Join hard-wrapped lines; a paragraph ends after a short line (or a fairly short one
    that ends a sentence: the next word would have fitted), or before an indented line."""
    width = max(len(line) for line in lines)
    typical_indent = statistics.median(len(r) - len(r.lstrip()) for r in raw_lines)
    paragraphs: list[list[str]] = [[]]
    for index, line in enumerate(lines):
        indent = len(raw_lines[index]) - len(raw_lines[index].lstrip())
        if paragraphs[-1] and indent > typical_indent:
            paragraphs.append([])
        paragraphs[-1].append(line)
        short = len(line) < 0.6 * width
        if short or (line.endswith(_SENTENCE_END) and len(line) < 0.8 * width):
            paragraphs.append([])
    return [" ".join(p) for p in paragraphs if p]


def _clean_line(value: str) -> str:
    return unicodedata.normalize("NFC", _HSPACE.sub(" ", value.replace("\n", " ")).strip())


_HTML_TAG = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*|!doctype)[\s>/]", re.I)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


# --- Markdown ---------------------------------------------------------------------------


def _markdown_paragraphs(text: str) -> list[str]:
    """The document's blocks as paragraphs, each split by the plain-text paragraph rule."""
    paragraphs: list[str] = []
    blocks = markdown_blocks(text)
    front = [block for block in blocks if block.front_matter]
    if front and not any(is_header_line(block.text) for block in front):
        blocks = markdown_blocks(text, front_matter=False)  # "---" lines, not front matter
    for block in blocks:
        if block.front_matter:
            # Known header keys (title, date, source...) are read as header lines;
            # the rest (layout, tags, ...) is site configuration, not article text.
            if is_header_line(block.text):
                paragraphs.append(block.text)
            continue
        parts = split_paragraphs(block.text, kind="markdown")
        if block.heading:
            parts = [MarkdownHeading(" ".join(parts))] if parts else []
        paragraphs.extend(parts)
    return paragraphs
