"""Quoted speech: who speaks inside quotation marks that run over several sentences.

A quotation is a span between an opening and a closing mark within one paragraph
(curly “...”, or straight "..." paired in order). Its speaker is named by a speech verb
just outside it: after the closing mark in the same sentence ('..." she said.') or before
the opening mark ('She said: "...'). A unit inside the quotation whose own sentence names
no one (the first sentence of '"A. B," she said.') is the speaker's too. A quotation that
names no speaker of its own, later in the paragraph of one that does, goes on in that
voice ('"A," said X, a farmer who has camped there since Saturday. "B."').
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from claims.extraction.attribution import OUTLET, Attribution
from claims.extraction.segmentation import doc_text

_STRAIGHT = re.compile(r'"')
_CURLY = re.compile(r"[“”]")


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the text between paired quotation marks."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        opening: int | None = None
        for match in _CURLY.finditer(line):
            if match.group() == "“":
                opening = match.end()
            elif opening is not None:
                spans.append((offset + opening, offset + match.start()))
                opening = None
        marks = [m.start() for m in _STRAIGHT.finditer(line)]
        for first, second in zip(marks[::2], marks[1::2], strict=False):
            spans.append((offset + first + 1, offset + second))
        offset += len(line) + 1
    return sorted(spans)


def quotation_of(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The quotation that holds most of [start, end), if any."""
    for quote_start, quote_end in spans:
        inside = min(end, quote_end) - max(start, quote_start)
        if inside > 0 and inside >= 0.6 * (end - start):
            return quote_start, quote_end
    return None


def quotation_speakers(
    doc: Doc, spans: list[tuple[int, int]], attributions: list[tuple[int, int, Attribution]]
) -> dict[tuple[int, int], Attribution]:
    """Each quotation's speaker, from the attributed units right outside it.

    ``attributions`` are (start char, end char, attribution) of the doc's units.
    """
    speakers: dict[tuple[int, int], Attribution] = {}
    text = doc_text(doc)
    # The speaker of the paragraph's last quotation that named one, by paragraph start.
    voice: dict[int, Attribution] = {}
    for quote_start, quote_end in spans:
        line_end = text.find("\n", quote_end)
        line_end = len(text) if line_end < 0 else line_end
        line_start = text.rfind("\n", 0, quote_start) + 1
        best: tuple[int, Attribution] | None = None
        for _start, _end, attribution in attributions:
            if attribution.source == OUTLET or attribution.verb is None:
                continue
            verb_char = doc[attribution.verb].idx
            if quote_end < verb_char < line_end:
                distance = verb_char - quote_end
            elif line_start <= verb_char < quote_start:
                distance = quote_start - verb_char
            else:
                continue
            if distance <= 60 and (best is None or distance < best[0]):
                best = (distance, attribution)
        if best is not None:
            speaker = best[1]
            voice[line_start] = speakers[(quote_start, quote_end)] = Attribution(
                source=speaker.source, verb=None, denial=speaker.denial, phrase=None, quoted=True
            )
        elif line_start in voice:
            speakers[(quote_start, quote_end)] = voice[line_start]
    return speakers
