"""An article body as HTML with each claim's span marked: pure, and every character escaped.

Spans may overlap or touch. The body is cut at every span boundary; each piece is
escaped and, if claims cover it, wrapped in one `<mark>` naming all of them, so the
markup never nests badly and no text of the article is ever read as HTML.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Span:
    claim_id: int
    start: int
    end: int
    status: str
    title: str = ""


def highlight_spans(body: str, spans: Iterable[Span]) -> SafeString:
    """Return `body` as safe HTML with `<mark>`s over the spans (invalid spans are skipped)."""
    valid = [span for span in spans if 0 <= span.start < span.end <= len(body)]
    cuts = sorted({0, len(body), *(s.start for s in valid), *(s.end for s in valid)})
    starting: dict[int, list[int]] = defaultdict(list)
    for position, span in enumerate(valid):
        starting[span.start].append(position)
    # A sweep over the cuts: the spans open at a piece are those started and not yet
    # ended, so each span is added and dropped once (linear in spans, not quadratic).
    open_spans: set[int] = set()
    pieces: list[str] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        text = body[left:right]
        open_spans = {p for p in open_spans if valid[p].end > left}
        open_spans.update(starting.get(left, ()))
        covering = [valid[p] for p in sorted(open_spans)]
        if not covering:
            pieces.append(escape(text))
            continue
        # The narrowest span wins the colour: it is the most specific claim here.
        main = min(covering, key=lambda s: (s.end - s.start, s.claim_id))
        classes = f"claim-span claim-{main.status}" + (
            " claim-overlap" if len(covering) > 1 else ""
        )
        pieces.append(
            format_html(
                '<mark class="{}" data-claims="{}" title="{}"><a href="#claim-{}">{}</a></mark>',
                classes,
                " ".join(str(s.claim_id) for s in covering),
                " | ".join(f"#{s.claim_id} {s.status}: {s.title}" for s in covering),
                main.claim_id,
                text,
            )
        )
    # Every piece above is escaped or built by format_html.
    return mark_safe("".join(pieces))  # noqa: S308
