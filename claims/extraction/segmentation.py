"""Segmentation: line breaks first, then spaCy sentences, with exact character offsets.

The sentence splitter happily merges a header line or a dateline into the next sentence,
so a pipeline component marks every token that follows a line break as a sentence start
before the parser runs; the parser respects preset boundaries.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

LINE_BREAK_COMPONENT = "claimtrack_line_breaks"


@Language.component(LINE_BREAK_COMPONENT)
def mark_line_break_sentence_starts(doc: Doc) -> Doc:
    """Start a sentence at the first token after any line break."""
    after_line_break = True
    for token in doc:
        if token.is_space:
            if "\n" in token.text:
                after_line_break = True
            continue
        if after_line_break:
            token.is_sent_start = True
            after_line_break = False
    return doc


def paragraph_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of ``text``, stripped of surrounding spaces."""
    offsets: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = position + line.index(stripped)
            offsets.append((start, start + len(stripped)))
        position += len(line) + 1
    return offsets


def sentence_spans(doc: Doc) -> list[Span]:
    """The doc's sentences with leading and trailing whitespace tokens trimmed off.

    Sentences never cross a line break (see the component above); empty ones are dropped.
    """
    spans: list[Span] = []
    for sentence in doc.sents:
        start, end = sentence.start, sentence.end
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if end > start:
            spans.append(doc[start:end])
    return spans


def doc_text(doc: Doc) -> str:
    """The doc's text, built once per doc: ``Doc.text`` joins every token on each call,
    so reading it per clause or per claim makes long texts quadratic."""
    text = doc.user_data.get("claimtrack_text")
    if text is None:
        text = doc.user_data["claimtrack_text"] = doc.text
    return text
