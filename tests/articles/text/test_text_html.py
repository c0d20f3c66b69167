"""HTML uploads: trafilatura keeps the article, drops the page, and reads the metadata."""

from __future__ import annotations

import datetime

from articles.text import normalize_text, normalize_upload

P1 = (
    "Syrian insurgents captured four new towns early Tuesday, bringing them closer to the "
    "central city of Hama, opposition activists said, while government forces retook some "
    "territory they lost last week."
)
P2 = (
    "The Britain-based Syrian Observatory for Human Rights, an opposition war monitor, "
    "confirmed that the towns were taken."
)
P3 = "Khanaser sits on one of the roads that lead to Aleppo."

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Syrian insurgents near Hama | Example News</title>
<meta property="og:title" content="Syrian insurgents near Hama">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-12-03T09:30:00Z">
<style>p {{ color: red; }} .secret-style {{ display: none; }}</style>
<script>var trackingSecret = "do not index";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li>
<li><a href="/world">World navigation link</a></li></ul></nav>
<article>
<h1>Syrian insurgents near Hama</h1>
<p>BEIRUT (AP) — {P1}</p>
<p>{P2}</p>
<script>document.write("inline script text");</script>
<p>{P3}</p>
</article>
<aside>Most read: Sidebar teaser about something else entirely</aside>
<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer>
</body></html>"""


def test_html_reduced_to_article_text() -> None:
    article = normalize_upload(PAGE.encode("utf-8"), filename="page.html", max_bytes=100_000)
    assert article.body == f"{P1}\n\n{P2}\n\n{P3}"


def test_html_metadata() -> None:
    article = normalize_upload(PAGE.encode("utf-8"), filename="page.html", max_bytes=100_000)
    assert article.title == "Syrian insurgents near Hama"
    assert article.published_at == datetime.date(2024, 12, 3)
    assert article.outlet == "Example News"
    assert article.dateline == "BEIRUT (AP)"
    assert article.language == "en"


def test_html_pasted_page_is_recognised() -> None:
    assert normalize_text(PAGE).body == f"{P1}\n\n{P2}\n\n{P3}"


def test_html_declared_legacy_charset() -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "Khanaser sits", "Khanaser – sits"
    )
    article = normalize_upload(page.encode("cp1252"), filename="page.htm", max_bytes=100_000)
    assert "Khanaser – sits" in article.body


def test_html_file_without_markup_is_read_as_text() -> None:
    article = normalize_upload(f"{P1}\n{P2}".encode(), filename="page.html", max_bytes=100_000)
    assert article.body == f"{P1}\n\n{P2}"
