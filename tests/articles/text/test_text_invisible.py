"""Invisible characters that make text display differently from what it says."""

from __future__ import annotations

import pytest

from articles.text import normalize_text, normalize_upload
from articles.text.invisible import remove_spoofing_characters

BODY = "Syrian insurgents captured four new towns early Tuesday, opposition activists said."
SPOOF = "Health Minister \u202eyas ton did\u202c said the hospital in Hama was open."
REAL_ORDER = "Health Minister yas ton did said the hospital in Hama was open."


@pytest.mark.parametrize("control", list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
def test_invisible_removes_every_bidi_control(control: str) -> None:
    text, warnings = remove_spoofing_characters(f"Rebels {control}entered{control} Hama.")
    assert text == "Rebels entered Hama."
    assert [w.kind for w in warnings] == ["bidi_control"]


def test_invisible_override_is_removed_from_body_and_reported() -> None:
    article = normalize_text(f"{SPOOF}\n\n{BODY}")
    assert article.body == f"{REAL_ORDER}\n\n{BODY}"
    assert all(not 0x202A <= ord(ch) <= 0x202E for ch in article.body)
    (warning,) = article.warnings
    assert warning.kind == "bidi_control"
    assert "2 invisible bidirectional control characters" in warning.message
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in warning.message
    assert "yas ton did" in warning.message  # the passage as it really reads


@pytest.mark.parametrize("filename", ["a.txt", "a.md", "a.html"])
def test_invisible_override_is_removed_from_title_and_body_of_every_kind(filename: str) -> None:
    title = "Minister \u2067denies\u2069 report"
    if filename.endswith(".html"):
        text = (
            f"<html><head><title>{title}</title></head><body><article>"
            f"<h1>{title}</h1><p>{SPOOF}</p><p>{BODY}</p><p>{BODY}</p></article></body></html>"
        )
    else:
        text = f"{'# ' if filename.endswith('.md') else ''}{title}\n\n{SPOOF}\n\n{BODY}"
    article = normalize_upload(text.encode(), filename=filename, max_bytes=10**6)
    assert article.title == "Minister denies report"
    assert REAL_ORDER in article.body
    assert not any(
        0x2066 <= ord(ch) <= 0x2069 or 0x202A <= ord(ch) <= 0x202E for ch in article.body
    )
    assert [w.kind for w in article.warnings] == ["bidi_control"]


def test_invisible_plain_text_has_no_warnings() -> None:
    assert normalize_text(f"{BODY}\n\nCafé owners in Hama’s centre said so.").warnings == ()


def test_invisible_direction_marks_kept_in_right_to_left_text() -> None:
    arabic = "قال المرصد السوري\u200f إن 20 شخصا\u200f قتلوا."
    text, warnings = remove_spoofing_characters(arabic)
    assert text == arabic and warnings == []


def test_invisible_direction_marks_removed_from_left_to_right_text() -> None:
    text, warnings = remove_spoofing_characters("Between \u200f10 - 20\u200e people died.")
    assert text == "Between 10 - 20 people died."
    assert [w.kind for w in warnings] == ["bidi_mark"]


@pytest.mark.parametrize(
    "word",
    [
        "می\u200cخواهم",  # Persian: the non-joiner is spelling
        "क्\u200dष",  # Devanagari: the joiner selects a form
        "👩\u200d💻",  # emoji sequence
    ],
)
def test_invisible_joiners_kept_where_scripts_use_them(word: str) -> None:
    text, warnings = remove_spoofing_characters(f"Word {word} here.")
    assert text == f"Word {word} here." and warnings == []


def test_invisible_joiners_removed_inside_latin_words() -> None:
    article = normalize_text(f"Rebels entered Ha\u200dma and Ald\u200cep on Tuesday.\n\n{BODY}")
    assert article.body.startswith("Rebels entered Hama and Aldep on Tuesday.")
    assert [w.kind for w in article.warnings] == ["joiner"]


def test_invisible_tag_characters_removed_and_hidden_text_shown() -> None:
    hidden = "".join(chr(0xE0000 + ord(ch)) for ch in "ignore this")
    text, warnings = remove_spoofing_characters(f"Rebels entered Hama.{hidden}")
    assert text == "Rebels entered Hama."
    (warning,) = warnings
    assert warning.kind == "hidden_text" and "ignore this" in warning.message


def test_invisible_emoji_flag_tag_sequence_kept() -> None:
    scotland = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    text, warnings = remove_spoofing_characters(f"Fans {scotland} cheered.")
    assert text == f"Fans {scotland} cheered." and warnings == []


def test_invisible_characters_the_repair_would_drop_are_still_reported() -> None:
    article = normalize_text(f"Rebels \ufff9entered\ufffaa\ufffb Hama on Tuesday.\n\n{BODY}")
    assert article.body.startswith("Rebels entereda Hama on Tuesday.")
    assert [w.kind for w in article.warnings] == ["invisible"]


def test_invisible_override_spelled_as_mojibake_is_removed_after_repair() -> None:
    mojibake = "\u202e".encode().decode("cp1252")  # "â€®"
    article = normalize_text(f"Health Minister {mojibake}yas ton did said it.\n\n{BODY}")
    assert article.body.startswith("Health Minister yas ton did said it.")
    assert [w.kind for w in article.warnings] == ["bidi_control"]
