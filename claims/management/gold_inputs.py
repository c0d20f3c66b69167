"""The texts the evaluation commands score: a gold article's imported body, or its file."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import CommandError
from django.db import DatabaseError

from articles.models import Article
from articles.text import normalize_upload


@dataclass(frozen=True)
class GoldArticleText:
    key: str
    body: str
    published_at: datetime.date | None


def gold_article_texts(keys: list[str], *, folders: list[Path]) -> list[GoldArticleText]:
    """Each key's text: the imported article with that key, else a file `<key>.*` in folders."""
    return [_text_of(key, folders=folders) for key in keys]


def _text_of(key: str, *, folders: list[Path]) -> GoldArticleText:
    try:
        article = (
            Article.objects.filter(key=key)
            .only("body", "published_at", "published_date_source")
            .first()
        )
    except DatabaseError:  # no database set up (never migrated): score the files
        article = None
    if article:
        return GoldArticleText(key, article.body, article.stated_published_at)
    for folder in folders:
        for path in sorted(folder.glob(f"{key}.*")):
            data = path.read_bytes()
            normalized = normalize_upload(data, filename=path.name, max_bytes=len(data) + 1)
            return GoldArticleText(key, normalized.body, normalized.published_at)
    raise CommandError(
        f"No text for gold article {key}: import it, or pass --texts with a folder holding "
        f"{key}.txt."
    )
