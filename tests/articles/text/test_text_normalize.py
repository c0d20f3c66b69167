"""The body's shape: paragraphs joined by exactly one blank line, clean whitespace, NFC."""

from __future__ import annotations

import hashlib
import textwrap

import pytest

from articles.text import NormalizedArticle, normalize_text, normalize_upload

P1 = (
    "Syrian insurgents captured four new towns early Tuesday, bringing them closer to the "
    "central city of Hama, opposition activists said."
)
P2 = (
    "The capture of the towns is the latest in the push by insurgents led by the salafi "
    "jihadi Hayat Tahrir al-Sham, as well as Turkiye-backed opposition fighters."
)
P3 = "Khanaser sits on one of the roads that lead to Aleppo."


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_normalize_seed_body_shape(number: str, seeds: dict[str, NormalizedArticle]) -> None:
    body = seeds[number].body
    paragraphs = body.split("\n\n")
    assert len(paragraphs) >= 7
    for paragraph in paragraphs:
        assert paragraph and paragraph == paragraph.strip()
        assert "\n" not in paragraph and "\t" not in paragraph and "  " not in paragraph


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_normalize_seed_language_and_hash(
    number: str, seeds: dict[str, NormalizedArticle]
) -> None:
    article = seeds[number]
    assert article.language == "en"
    assert article.sha256 == hashlib.sha256(article.body.encode("utf-8")).hexdigest()


def test_normalize_one_line_per_paragraph_and_indented_blocks_agree() -> None:
    one_line = f"{P1}\n{P2}\n{P3}\n"
    indented = f"\n    {P1}\n\n    {P2}\n\n\n\t{P3}  \n\n"
    expected = f"{P1}\n\n{P2}\n\n{P3}"
    assert normalize_text(one_line).body == expected
    assert normalize_text(indented).body == expected


def test_normalize_line_endings_and_spaces() -> None:
    spaced = P2.replace(" ", "  \t ", 3)
    text = f"{P1}\r\n\r\n{spaced}\r{P3}\u2029"
    assert normalize_text(text).body == f"{P1}\n\n{P2}\n\n{P3}"


def test_normalize_unicode_nfc_and_invisible_characters() -> None:
    text = "\ufeffDamascus cafe\u0301 owners said the ro\u00adad to Hama was\u200b closed today."
    assert (
        normalize_text(text).body == "Damascus café owners said the road to Hama was closed today."
    )


def test_normalize_joins_hard_wrapped_paragraphs() -> None:
    wrapped = "\n\n".join(textwrap.fill(p, 60) for p in (P1, P2))
    assert "\n" in textwrap.fill(P1, 60)
    assert normalize_text(wrapped, filename="a.txt").body == f"{P1}\n\n{P2}"


def test_normalize_joins_hard_wrapped_text_without_blank_lines() -> None:
    wrapped = "\n".join(textwrap.fill(p, 60) for p in (P1, P2, P3))
    assert normalize_text(wrapped).body == f"{P1}\n\n{P2}\n\n{P3}"


def test_normalize_keeps_short_lines_as_paragraphs() -> None:
    text = "Halfaya\nTaybat al-Imam\nMaardis\nSoran"
    assert normalize_text(text).body == "Halfaya\n\nTaybat al-Imam\n\nMaardis\n\nSoran"


def test_normalize_upload_and_text_agree(seed_raw: dict[str, bytes]) -> None:
    data = seed_raw["001"]
    assert normalize_upload(data, filename="001.txt", max_bytes=10**6) == normalize_text(
        data.decode("utf-8"), filename="001.txt"
    )


def test_normalize_hash_changes_with_body_only() -> None:
    first = normalize_text(f"{P1}\n{P2}")
    assert normalize_text(f"  {P1}\r\n\r\n{P2}  ").sha256 == first.sha256
    assert normalize_text(f"{P1}\n{P3}").sha256 != first.sha256


def test_normalize_markdown() -> None:
    text = (
        "# Rebels near **Hama**\n\n"
        f"{P1} See [the monitor](https://example.org) and *its* `data`.\n\n"
        "## Background\n\n"
        f"> {P3}\n\n---\n"
    )
    article = normalize_text(text, filename="story.md")
    assert article.title == "Rebels near Hama"
    assert article.body == f"{P1} See the monitor and its data.\n\nBackground\n\n{P3}"


def test_normalize_language_of_other_languages() -> None:
    french = "Les insurgés syriens ont pris quatre villes mardi, selon des militants."
    assert normalize_text(french).language == "fr"
    assert normalize_text("Hama").language == ""
