"""The JSON shape of an article in exports: one place, so every export agrees."""

import json
import sys
from collections.abc import Iterable

from articles.models import Article


def article_export_row(article: Article) -> dict:
    return {
        "article": article.key,
        "title": article.title,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "published_date_source": article.published_date_source,
        "section": article.section,
        "dateline": article.dateline,
        "outlet": article.outlet,
        "language": article.language,
        "source_name": article.source_name,
        "body": article.body,
        "sha256": article.sha256,
        "near_duplicate_of": article.near_duplicate_of.key if article.near_duplicate_of else None,
        "near_duplicate_score": article.near_duplicate_score,
        "status": article.status,
        "last_error": article.last_error,
        "ingest_warnings": article.ingest_warnings,
    }


def write_json_lines(rows: Iterable[dict], *, output: str | None) -> int:
    """Write rows as JSON Lines to `output`, or to standard output; returns the count."""
    stream = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    count = 0
    try:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    finally:
        if output:
            stream.close()
        else:
            stream.flush()
    return count
