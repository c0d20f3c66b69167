"""The highlighted article body: spans marked, every character of the text escaped."""

from claims.anchoring.highlight import Span, highlight_spans


def test_highlight_spans_without_spans_is_the_escaped_body():
    assert highlight_spans("a < b & c", []) == "a &lt; b &amp; c"


def test_highlight_spans_marks_one_span_with_its_status():
    html = highlight_spans("Rebels took Hama. Calm.", [Span(7, 0, 17, "confirmed", "Took")])

    assert html.startswith('<mark class="claim-span claim-confirmed" data-claims="7"')
    assert '<a href="#claim-7">Rebels took Hama.</a></mark> Calm.' in html


def test_highlight_spans_escapes_script_in_body_and_titles():
    body = '<script>alert("x")</script> said <b>so</b>'
    html = highlight_spans(body, [Span(1, 0, len(body), "suggested", '"><img src=x>')])

    assert "<script>" not in html and "<b>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert 'title="#1 suggested: &quot;&gt;&lt;img src=x&gt;"' in html


def test_highlight_spans_adjacent_spans_get_separate_marks():
    html = highlight_spans("AAABBB", [Span(1, 0, 3, "confirmed"), Span(2, 3, 6, "disputed")])

    assert html.count("<mark") == 2
    assert 'data-claims="1"' in html and 'data-claims="2"' in html
    assert ">AAA</a></mark><mark" in html


def test_highlight_spans_overlapping_spans_never_nest_and_keep_all_text():
    body = "0123456789"
    spans = [Span(1, 0, 6, "confirmed"), Span(2, 4, 10, "disputed")]

    html = highlight_spans(body, spans)

    assert html.count("<mark") == 3  # 0-4 by 1, 4-6 by both, 6-10 by 2
    assert 'data-claims="1 2"' in html
    assert "claim-overlap" in html
    text = "".join(part.split(">")[-1] for part in html.split("</a>")[:-1])
    assert text == body


def test_highlight_spans_inner_span_takes_the_colour_of_the_overlap():
    html = highlight_spans("abcdef", [Span(1, 0, 6, "confirmed"), Span(2, 2, 4, "rejected")])

    assert '<mark class="claim-span claim-rejected claim-overlap" data-claims="1 2"' in html


def test_highlight_spans_skips_spans_outside_the_body():
    html = highlight_spans("short", [Span(1, 3, 99, "confirmed"), Span(2, 4, 2, "confirmed")])

    assert html == "short"


def test_highlight_spans_names_exactly_the_spans_covering_each_piece():
    """Many nested and overlapping spans: each mark lists the spans that cover its
    text, in the order given, and nothing else (checked against a direct count)."""
    import random
    import re

    rng = random.Random(5)
    body = "".join(rng.choice("abcdef ") for _ in range(400))
    spans = []
    for claim_id in range(60):
        start = rng.randrange(0, 390)
        spans.append(Span(claim_id, start, rng.randrange(start + 1, 400), "suggested"))

    html = highlight_spans(body, spans)

    position = 0
    for piece in re.finditer(
        r'<mark [^>]*data-claims="([\d ]+)"[^>]*><a [^>]*>([^<]*)</a></mark>|([^<]+)', html
    ):
        text = piece.group(2) if piece.group(2) is not None else piece.group(3)
        expected = [
            s.claim_id for s in spans if s.start <= position and position + len(text) <= s.end
        ]
        named = [int(n) for n in piece.group(1).split()] if piece.group(1) else []
        assert named == expected
        position += len(text)
    assert position == len(body)
