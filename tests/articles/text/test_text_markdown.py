"""Markdown uploads: markup is dropped where CommonMark says it is markup, text never."""

from __future__ import annotations

import pytest

from articles.text import normalize_text

LEAD = "Syrian insurgents captured four new towns early Tuesday, opposition activists said."


def _body(markdown: str) -> str:
    return normalize_text(f"{LEAD}\n\n{markdown}", filename="story.md").body.split("\n\n", 1)[1]


@pytest.mark.parametrize(
    "sentence",
    [
        "The index rose > 3 points.",
        "The index rose >3 points and fell < 2 later.",
        "Fighters held post # 4 and post #5 on the road.",
        "Prices rose 5 * 3 times, then 2 * 2.",
        "He said x_1 and y_2 were the unit names.",
    ],
)
def test_markdown_keeps_symbols_inside_a_sentence(sentence: str) -> None:
    assert _body(sentence) == sentence


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("See [click](javascript:alert(1)) now.", "See click now."),
        ("See [the monitor](https://example.org/a_(b)) now.", "See the monitor now."),
        ('See [the monitor](https://example.org "Title") now.', "See the monitor now."),
        ("See [the data][ref] now.\n\n[ref]: https://example.org/x", "See the data now."),
        ("See [a](data:text/html,x) and [b](vbscript:msgbox(1)).", "See a and b."),
        ("A map ![map of Hama](map.png) shows it.", "A map shows it."),
        ("It was <b>clearly</b> closed.", "It was clearly closed."),
        ("It was **very** _clearly_ `closed`.", "It was very clearly closed."),
    ],
)
def test_markdown_links_keep_their_text_and_drop_the_url(markdown: str, expected: str) -> None:
    assert _body(markdown) == expected


def test_markdown_block_markers_only_at_line_starts() -> None:
    markdown = (
        "## Background\n\n"
        "> The index rose > 3 points.\n\n"
        "1. Halfaya fell > 2 days ago.\n"
        "2. Soran fell later.\n\n"
        "- First bullet.\n"
        "- Second bullet.\n\n"
        "***\n\n"
        "2024. The year ended.\n"
    )
    assert _body(markdown).split("\n\n") == [
        "Background",
        "The index rose > 3 points.",
        "1. Halfaya fell > 2 days ago.",
        "2. Soran fell later.",
        "First bullet.",
        "Second bullet.",
        "2024. The year ended.",
    ]


def test_markdown_heading_is_the_title_and_hard_wrapped_lines_join() -> None:
    text = (
        "Rebels near Hama\n================\n\n"
        "Syrian insurgents captured four new towns early Tuesday, bringing\n"
        "them closer to the central city of Hama, opposition activists said\n"
        "in a statement.\n"
    )
    article = normalize_text(text, filename="story.md")
    assert article.title == "Rebels near Hama"
    assert article.body == (
        "Syrian insurgents captured four new towns early Tuesday, bringing them closer to "
        "the central city of Hama, opposition activists said in a statement."
    )


def test_markdown_code_keeps_its_text() -> None:
    assert _body("```\nraw figures: 10 > 3\n```") == "raw figures: 10 > 3"


def test_markdown_front_matter_is_metadata_not_text() -> None:
    text = (
        '---\nlayout: post\ntitle: "Rebels near Hama"\ndate: 2023-03-14 10:00:00 +0000\n'
        f"tags:\n  - syria\n---\n\n{LEAD}\n\nState media denied it.\n"
    )
    article = normalize_text(text, filename="story.md")
    assert article.title == "Rebels near Hama"
    assert str(article.published_at) == "2023-03-14"
    assert article.body == f"{LEAD}\n\nState media denied it."


def test_markdown_rules_around_text_are_not_front_matter() -> None:
    text = f"---\n\n{LEAD}\n\n---\n\nState media denied it.\n"
    assert normalize_text(text, filename="story.md").body == f"{LEAD}\n\nState media denied it."
