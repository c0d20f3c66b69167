"""Header, headline and dateline become metadata and leave the body."""

from __future__ import annotations

import datetime

import pytest

from articles.text import normalize_text
from articles.text.metadata import extract_metadata, split_dateline
from articles.text.normalize import NormalizedArticle

BODY = "Syrian insurgents captured four new towns early Tuesday, opposition activists said."


def test_metadata_seed_001(seeds: dict[str, NormalizedArticle]) -> None:
    article = seeds["001"]
    assert article.published_at == datetime.date(2024, 12, 3)
    assert article.section == "World"
    assert article.dateline == "BEIRUT"
    assert article.title == (
        "Syrian insurgents capture four central towns as government forces reclaim some territory"
    )
    assert article.outlet == ""
    assert article.body.startswith("Syrian insurgents captured four new towns early Tuesday")
    for metadata in ("date 2024-12-03", "BEIRUT", "reclaim some territory"):
        assert metadata not in article.body


def test_metadata_seed_002_headline(seeds: dict[str, NormalizedArticle]) -> None:
    article = seeds["002"]
    assert article.title == "Syrian Army Strikes Back in Hama Against Rebels"
    assert article.body.startswith("Syria announced on Wednesday")
    assert "Strikes Back" not in article.body


@pytest.mark.parametrize("number", ["000", "003", "004"])
def test_metadata_seeds_without_header_keep_all_text(
    number: str, seeds: dict[str, NormalizedArticle], seed_raw: dict[str, bytes]
) -> None:
    article = seeds[number]
    assert (article.title, article.published_at, article.section, article.dateline) == (
        "",
        None,
        "",
        "",
    )
    raw_lines = [line.strip() for line in seed_raw[number].decode().splitlines() if line.strip()]
    assert article.body == "\n\n".join(raw_lines)


@pytest.mark.parametrize(
    ("paragraph", "dateline", "rest"),
    [
        ("BEIRUT -", "BEIRUT", ""),
        (f"BEIRUT (AP) — {BODY}", "BEIRUT (AP)", BODY),
        (f"WASHINGTON, Dec 3 (Reuters) - {BODY}", "WASHINGTON, Dec 3 (Reuters)", BODY),
        (f"HAMA, Syria — {BODY}", "HAMA, Syria", BODY),
        (f"NEW YORK – {BODY}", "NEW YORK", BODY),
        (f"KESSICK, Monday 4 October 2021 - {BODY}", "KESSICK, Monday 4 October 2021", BODY),
        (f"LONDON, March 3 (Reuters) - {BODY}", "LONDON, March 3 (Reuters)", BODY),
        (f"HAMA, Syria, Dec. 3, 2024 (AP) — {BODY}", "HAMA, Syria, Dec. 3, 2024 (AP)", BODY),
    ],
)
def test_metadata_split_dateline(paragraph: str, dateline: str, rest: str) -> None:
    assert split_dateline(paragraph) == (dateline, rest)


@pytest.mark.parametrize(
    "paragraph",
    [
        "UN — The United Nations said it was alarmed.",
        "NATO - the alliance met on Tuesday.",
        BODY,
        "Beirut - a city on the coast - was calm.",
    ],
)
def test_metadata_no_dateline_in_ordinary_sentences(paragraph: str) -> None:
    assert split_dateline(paragraph) == ("", paragraph)


def test_metadata_inline_dateline_leaves_first_paragraph() -> None:
    article = normalize_text(f"Rebels near Hama\n\nWASHINGTON, Dec 3 (Reuters) - {BODY}\n\n{BODY}")
    assert article.title == "Rebels near Hama"
    assert article.dateline == "WASHINGTON, Dec 3 (Reuters)"
    assert article.body == f"{BODY}\n\n{BODY}"


def test_metadata_dateline_gives_the_published_date_when_nothing_else_does() -> None:
    article = normalize_text(f"Floods in the valley\n\nKESSICK, Monday 4 October 2021 - {BODY}")
    assert (article.dateline, article.published_at) == (
        "KESSICK, Monday 4 October 2021",
        datetime.date(2021, 10, 4),
    )
    assert article.body == BODY
    # A day and month without a year say nothing about the year.
    assert (
        normalize_text(f"Floods in the valley\n\nLONDON, March 3 (Reuters) - {BODY}").published_at
        is None
    )
    # A date line wins over the dateline.
    stated = normalize_text(
        f"Floods in the valley\n\n5 October 2021\n\nKESSICK, 4 October 2021 - {BODY}"
    )
    assert stated.published_at == datetime.date(2021, 10, 5)


def test_metadata_key_value_header_names_outlet() -> None:
    text = f"Source: Reuters\nDate: December 3, 2024\nSection: Middle East\n\n{BODY}\n\n{BODY}"
    article = normalize_text(text)
    assert article.outlet == "Reuters"
    assert article.published_at == datetime.date(2024, 12, 3)
    assert article.section == "Middle East"
    assert article.body == f"{BODY}\n\n{BODY}"


def test_metadata_first_sentence_is_not_a_headline() -> None:
    meta, rest = extract_metadata([BODY, BODY])
    assert meta.title == ""
    assert rest == [BODY, BODY]


def test_metadata_single_short_line_is_body_not_headline() -> None:
    article = normalize_text("Hama under siege")
    assert (article.title, article.body) == ("", "Hama under siege")


def test_metadata_byline_is_dropped() -> None:
    article = normalize_text(f"Rebels near Hama\n\nBy Albert Aji and Bassem Mroue\n\n{BODY}")
    assert article.title == "Rebels near Hama"
    assert article.body == BODY


@pytest.mark.parametrize(
    "byline", ["By a staff reporter", "By our correspondent", "By Staff Writers"]
)
def test_metadata_role_byline_is_dropped_and_the_dateline_read(byline: str) -> None:
    article = normalize_text(f"Rebels near Hama\n\n{byline}\n\nHAMA, Syria — {BODY}")
    assert (article.title, article.dateline, article.body) == (
        "Rebels near Hama",
        "HAMA, Syria",
        BODY,
    )


def test_metadata_invalid_header_date_is_body() -> None:
    article = normalize_text(f"date 2024-13-45 World\n\n{BODY}")
    assert article.published_at is None
    assert article.body.startswith("date 2024-13-45 World")


def test_metadata_time_after_header_date_is_not_a_section() -> None:
    article = normalize_text(f"Published: 3 December 2024 10:30 GMT\n\n{BODY}")
    assert article.published_at == datetime.date(2024, 12, 3)
    assert article.section == ""
    assert article.body == BODY


MARCH_14 = datetime.date(2023, 3, 14)


@pytest.mark.parametrize(
    "line",
    [
        "Published 14 March 2023",
        "Published on 14 March 2023, 09:15 GMT",
        "Mar. 14, 2023",
        "March 14, 2023 5:30 PM EDT",
        "Tuesday, 14 March 2023",
        "2023-03-14",
        "2023-03-14T09:15:00Z",
        "Posted: 14/03/2023",
        "Last updated: 14 March 2023",
        "Tuesday 14 March 2023 | 5 min read",
        "Published 14 March 2023 · Updated 15 March 2023",
    ],
)
def test_metadata_date_line_after_headline(line: str) -> None:
    article = normalize_text(f"Rebels near Hama\n\n{line}\n\n{BODY}\n\n{BODY}")
    assert article.published_at == MARCH_14
    assert article.title == "Rebels near Hama"
    assert article.body == f"{BODY}\n\n{BODY}"


def test_metadata_date_line_before_headline_and_after_byline() -> None:
    before = normalize_text(f"14 March 2023\n\nRebels near Hama\n\n{BODY}\n\n{BODY}")
    after = normalize_text(f"Rebels near Hama\n\nBy Jane Roe\n\nMar 14, 2023\n\n{BODY}")
    for article in (before, after):
        assert (article.published_at, article.title) == (MARCH_14, "Rebels near Hama")
        assert article.body.startswith(BODY) and "2023" not in article.body


def test_metadata_published_date_wins_over_updated() -> None:
    article = normalize_text(
        f"Rebels near Hama\n\nUpdated: 16 March 2023\n\nPublished: 14 March 2023\n\n{BODY}"
    )
    assert article.published_at == MARCH_14
    assert article.body == BODY


def test_metadata_updated_date_alone_is_used() -> None:
    article = normalize_text(f"Rebels near Hama\n\nUpdated 14 March 2023 10:02\n\n{BODY}")
    assert article.published_at == MARCH_14


@pytest.mark.parametrize(
    "line",
    [
        "03/04/2023",  # March or April: not guessed
        "Updated 2 hours ago",
        "Tuesday, 14 March",
        "On 14 March 2023, rebels entered the city of Hama, activists said.",
        "Published in 2023, the report counted 40 dead.",
    ],
)
def test_metadata_no_date_from_ambiguous_relative_or_sentence_lines(line: str) -> None:
    article = normalize_text(f"Rebels near Hama\n\n{line}\n\n{BODY}")
    assert article.published_at is None
    assert article.body == f"{line}\n\n{BODY}"
