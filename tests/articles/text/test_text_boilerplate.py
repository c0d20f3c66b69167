"""Trailing web-page boilerplate is cut; article text that mentions such words is kept."""

from __future__ import annotations

from articles.text import normalize_text
from articles.text.boilerplate import is_block_start, is_noise_line, strip_boilerplate
from articles.text.normalize import NormalizedArticle

PARA = (
    "Syrian insurgents captured four new towns early Tuesday, bringing them closer to the "
    "central city of Hama, opposition activists said."
)


def test_boilerplate_seed_002_ends_before_check_also(seeds: dict[str, NormalizedArticle]) -> None:
    body = seeds["002"].body
    assert body.endswith("and have now aligned with the Syrian president.")
    for furniture in ("Check Also", "Money Changer", "Leave a Reply", "email address"):
        assert furniture not in body


def test_boilerplate_cuts_trailing_block_from_first_marker() -> None:
    paragraphs = [PARA, PARA, PARA, "Related posts", "Hama falls", "Share this:", "Comments"]
    assert strip_boilerplate(paragraphs) == [PARA, PARA, PARA]


def test_boilerplate_cuts_comment_form() -> None:
    text = "\n\n".join(
        [
            PARA,
            PARA,
            "Your email address will not be published. Required fields are marked *",
            "Comment *",
            "Save my name, email, and website in this browser for the next time I comment.",
        ]
    )
    assert normalize_text(text).body == f"{PARA}\n\n{PARA}"


def test_boilerplate_keeps_prose_that_mentions_reply_share_or_comments() -> None:
    prose = [
        PARA,
        "The ministry did not reply to a request for comment.",
        "Share prices in Damascus fell on the news.",
        "Comments by the envoy drew a sharp response from Damascus.",
        "Read the statement carefully, he told reporters. Nobody did.",
        "Leave a reply, the officer told the monitor, and they did.",
    ]
    assert strip_boilerplate(prose) == prose


def test_boilerplate_marker_early_in_the_article_does_not_cut_it() -> None:
    paragraphs = [PARA, "Related", PARA, PARA, PARA, PARA]
    assert strip_boilerplate(paragraphs) == paragraphs


def test_boilerplate_drops_share_and_subscribe_lines_anywhere() -> None:
    paragraphs = [
        "Share on Facebook",
        PARA,
        "Facebook Twitter WhatsApp",
        PARA,
        "Advertisement",
        "Read more: Syria’s war explained",
        PARA,
        "Subscribe to our newsletter",
    ]
    assert strip_boilerplate(paragraphs) == [PARA, PARA, PARA]


def test_boilerplate_markers_match_whole_lines_only() -> None:
    assert is_block_start("Check Also")
    assert is_block_start("LEAVE A REPLY")
    assert is_block_start("You may also like:")
    assert not is_block_start("Check also the figures from the monitor, activists said.")
    assert is_noise_line("Follow us on Twitter")
    assert not is_noise_line("Follow the money, the envoy said.")
