"""Markdown to plain text with markdown-it-py (CommonMark), keeping every word.

Markdown is parsed as a whole document, the way any Markdown renderer reads it, so markup
is recognised only where CommonMark says it is (a ``#`` opens a heading only at the start
of a line, a ``>`` quotes only there): "The index rose > 3 points." keeps its ">".
What is dropped is markup only: heading and quote markers, emphasis, backticks, link
destinations and titles (a link keeps its text, whatever its URL: markdown-it's
validation of "safe" URLs is turned off, since no URL is ever rendered), inline HTML tags,
images (they carry no article text) and thematic breaks. Ordered list items keep their
number ("2024. The year ...": the number is text), bullets lose their marker.

A YAML front matter block (``---`` lines around ``key: value`` lines at the very top, as
Jekyll and Hugo write) is metadata, not text: its lines come back as ``front_matter``
blocks, one per line, with quotes around values dropped, for the header rules to read.

Each block becomes one text block; its soft line breaks stay line breaks, so that
``split_paragraphs`` decides, exactly as for plain text, whether its lines are one
hard-wrapped paragraph or one paragraph per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token


@dataclass(frozen=True)
class MarkdownBlock:
    text: str  # plain text; lines separated by "\n"
    heading: bool = False
    front_matter: bool = False


_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\n(?P<body>.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S
)
_FRONT_MATTER_LINE = re.compile(r"(?P<key>[A-Za-z_][\w-]*)\s*:(?:\s+(?P<value>.*)|\s*)")
_MAX_FRONT_MATTER = 4000


def _front_matter(text: str) -> tuple[list[MarkdownBlock], str]:
    """Front matter lines as blocks, and the text after it (see module doc)."""
    match = _FRONT_MATTER.match(text[:_MAX_FRONT_MATTER])
    if match is None:
        return [], text
    blocks = []
    for line in match.group("body").splitlines():
        if not line.strip() or line.startswith((" ", "\t", "-", "#")):
            continue  # blank lines, nested YAML, list items and comments carry no header
        pair = _FRONT_MATTER_LINE.fullmatch(line.strip())
        if pair is None:
            return [], text  # not YAML front matter after all: read it as Markdown
        value = (pair.group("value") or "").strip().strip("\"'")
        if value:
            blocks.append(MarkdownBlock(text=f"{pair.group('key')}: {value}", front_matter=True))
    return blocks, text[match.end() :]


class MarkdownHeading(str):
    """A paragraph that was a Markdown heading, so that the headline rule can take the
    first one as the title; a str, so it passes through every other rule unchanged."""

    __slots__ = ()


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    # Links are never rendered, only their text kept: a javascript: or data: link is
    # still a link whose text belongs to the article (the default validation would leave
    # the whole "[text](javascript:...)" in the body as literal text).
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


_MD = _parser()


def markdown_blocks(text: str, *, front_matter: bool = True) -> list[MarkdownBlock]:
    """The document's blocks as plain text, in order (empty blocks left out)."""
    blocks, text = _front_matter(text) if front_matter else ([], text)
    prefix = ""  # an ordered list item's number, put before its first line
    ordered: list[bool] = []  # for each open list, whether it is ordered
    row: list[str] | None = None  # cells of the table row being read
    heading = False
    for token in _MD.parse(text):
        kind = token.type
        if kind in ("ordered_list_open", "bullet_list_open"):
            ordered.append(kind == "ordered_list_open")
        elif kind in ("ordered_list_close", "bullet_list_close"):
            ordered.pop()
        elif kind == "list_item_open":
            prefix = f"{token.info}{token.markup} " if ordered and ordered[-1] else ""
        elif kind == "heading_open":
            heading = True
        elif kind == "heading_close":
            heading = False
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            _append(blocks, " | ".join(cell for cell in row if cell))
            row = None
        elif kind == "inline":
            content = render_inline(token.children or [])
            if row is not None:
                row.append(" ".join(content.split()))
            else:
                _append(blocks, prefix + content, heading=heading)
                prefix = ""
        elif kind in ("fence", "code_block"):
            _append(blocks, prefix + token.content)
            prefix = ""
        elif kind == "html_block":
            _append(blocks, prefix + _html_text(token.content))
            prefix = ""
    return blocks


def render_inline(children: list[Token]) -> str:
    """An inline token's children as plain text: text and code kept, markup dropped."""
    parts: list[str] = []
    for child in children:
        kind = child.type
        # An image's alt text is in its own children, which are not rendered.
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif kind == "html_inline":
            continue  # a tag such as <b> or <br>; the text around it is kept
        # link_open/close, em/strong/s open/close: markup only.
    return "".join(parts)


def _append(blocks: list[MarkdownBlock], text: str, *, heading: bool = False) -> None:
    if text.strip():
        blocks.append(MarkdownBlock(text=text.strip("\n"), heading=heading))


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0  # inside <script> or <style>

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _html_text(html: str) -> str:
    """The text of a raw HTML block inside Markdown (tags dropped, text kept)."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)
