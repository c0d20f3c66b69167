"""HTML to article text with trafilatura, plus the metadata the page declares.

trafilatura finds the main content of a page (dropping scripts, styles, navigation,
footers and comments) and reads title, date, author and site name from the head; rules
like ours for plain text cannot see the page structure, so HTML always goes through it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import trafilatura

# Only dates the page states about itself; no guessing from the text or URL.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True)
class HtmlArticle:
    """Main text of a page (one line per paragraph) and its declared metadata."""

    text: str
    title: str = ""
    published_at: datetime.date | None = None
    outlet: str = ""
    section: str = ""


def extract_html(html: str) -> HtmlArticle:
    """The article in an HTML page: main text without page furniture, and its metadata."""
    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if document is None:
        # Too little for trafilatura's main-content heuristics: take all visible text.
        return HtmlArticle(text=trafilatura.html2txt(html) or "")
    categories = getattr(document, "categories", None) or []
    return HtmlArticle(
        text=getattr(document, "text", None) or "",
        title=(getattr(document, "title", None) or "").strip(),
        published_at=_date(getattr(document, "date", None)),
        outlet=(
            getattr(document, "sitename", None) or getattr(document, "author", None) or ""
        ).strip(),
        section=str(categories[0]).strip() if categories else "",
    )


def _date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None
