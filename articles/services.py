"""Every write to articles goes through these functions: admin, commands and tasks alike."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction

from articles.errors import ApplicationError
from articles.history import save_with_history
from articles.models import (
    ARTICLE_STATUS_TRANSITIONS,
    Article,
    ArticleFingerprintBand,
    ArticleStatus,
)
from articles.signals import article_text_changed
from articles.text import (
    NormalizedArticle,
    UnreadableUpload,
    fingerprint,
    normalize_text,
    normalize_upload,
)
from articles.text.normalize import body_sha256

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser as User


class DuplicateArticle(ApplicationError):
    """An upload whose normalised text is already stored as another article."""

    def __init__(self, *, existing: Article):
        super().__init__(
            f"This article is already in the CMS as “{existing}” ({existing.key}); "
            "nothing was saved. Open the existing article instead of uploading it again."
            + unfinished_processing_hint(existing),
            extra={"existing_id": existing.pk, "existing_key": existing.key},
        )
        self.existing = existing


def unfinished_processing_hint(article: Article) -> str:
    """What to do when the existing copy's claim extraction has not finished (or failed)."""
    if article.status == ArticleStatus.FAILED:
        return (
            f" Its claim extraction failed ({article.last_error[:200] or 'no reason recorded'}):"
            " select it in the article list and run “Re-extract claims”."
        )
    if article.status not in (ArticleStatus.QUEUED, ArticleStatus.EXTRACTING):
        return ""
    minutes = max(1, getattr(settings, "CLAIMS_PROCESSING_STALE_SECONDS", 600) // 60)
    since = article.processing_heartbeat_at or article.updated_at
    return (
        f" Its claim extraction is {article.get_status_display().lower()} (last progress "
        f"{since:%Y-%m-%d %H:%M} UTC). Work that stopped is queued again automatically after "
        f"{minutes} minute(s) without progress; to start it now, select the article in the "
        "article list and run “Re-extract claims”."
    )


def article_import_file(*, data: bytes, filename: str, actor: User | None) -> Article:
    """Store an uploaded file as a new article, or refuse it whole with ApplicationError."""
    try:
        normalized = normalize_upload(
            data, filename=filename, max_bytes=settings.ARTICLE_MAX_UPLOAD_BYTES
        )
    except UnreadableUpload as error:
        raise ApplicationError(f"{filename}: {error}") from error
    return _article_create(
        normalized=normalized,
        raw=data,
        raw_content_type=_content_type_of(filename),
        source_name=Path(filename).name,
        actor=actor,
    )


def article_import_text(*, text: str, title: str = "", actor: User | None) -> Article:
    """Store pasted text as a new article."""
    data = text.encode("utf-8")
    if len(data) > settings.ARTICLE_MAX_UPLOAD_BYTES:
        raise ApplicationError(
            f"The pasted text is {len(data):,} bytes, more than the limit of "
            f"{settings.ARTICLE_MAX_UPLOAD_BYTES:,} bytes: paste a shorter article."
        )
    try:
        normalized = normalize_text(text)
    except UnreadableUpload as error:
        raise ApplicationError(f"Pasted text: {error}") from error
    if title.strip():
        normalized = dataclasses.replace(normalized, title=title.strip())
    return _article_create(
        normalized=normalized,
        raw=data,
        raw_content_type="text/plain",
        source_name="",
        actor=actor,
    )


EDITABLE_FIELDS = ("title", "published_at", "section", "dateline", "outlet", "language", "body")


@transaction.atomic
def article_update(
    *, article: Article, actor: User | None, reason: str = "", **changes
) -> Article:
    """Change an article's metadata or body; a new body is re-fingerprinted and re-extracted."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ApplicationError(f"These fields cannot be edited: {', '.join(sorted(unknown))}.")
    article = Article.objects.select_for_update().get(pk=article.pk)
    body_changed = "body" in changes and changes["body"] != article.body
    for field, value in changes.items():
        setattr(article, field, value)
    if body_changed:
        if not article.body.strip():
            raise ApplicationError("The body cannot be empty: keep the article text.")
        article.sha256 = body_sha256(article.body)
        existing = Article.objects.filter(sha256=article.sha256).exclude(pk=article.pk).first()
        if existing:
            raise DuplicateArticle(existing=existing)
    save_with_history(article, actor=actor, reason=reason or "Edited")
    if body_changed:
        _fingerprint(article, actor=actor)
        article_text_changed.send(sender=Article, article=article)
    return article


@transaction.atomic
def article_set_status(
    *, article_id: int, status: str, error: str = "", actor: User | None = None
) -> Article:
    """Move an article's processing status along its declared transitions."""
    article = Article.objects.select_for_update().get(pk=article_id)
    if status != article.status and status not in ARTICLE_STATUS_TRANSITIONS[article.status]:
        raise ApplicationError(
            f"Article {article.key} cannot go from {article.get_status_display().lower()} "
            f"to {status}."
        )
    article.status = status
    article.last_error = error
    save_with_history(article, actor=actor, reason=f"Status: {status}")
    return article


@transaction.atomic
def _article_create(
    *,
    normalized: NormalizedArticle,
    raw: bytes,
    raw_content_type: str,
    source_name: str,
    actor: User | None,
) -> Article:
    existing = Article.objects.filter(sha256=normalized.sha256).first()
    if existing:
        raise DuplicateArticle(existing=existing)
    article = Article(
        source_name=source_name,
        key=_unique_key(source_name=source_name, sha256=normalized.sha256),
        raw=raw,
        raw_content_type=raw_content_type,
        body=normalized.body,
        sha256=normalized.sha256,
        title=normalized.title or _title_from_body(normalized.body),
        published_at=normalized.published_at,
        section=normalized.section,
        dateline=normalized.dateline,
        outlet=normalized.outlet,
        language=normalized.language,
        created_by=actor,
    )
    try:
        with transaction.atomic():
            save_with_history(article, actor=actor, reason="Uploaded")
    except IntegrityError:
        # The same text was uploaded concurrently and committed first.
        raise DuplicateArticle(existing=Article.objects.get(sha256=normalized.sha256)) from None
    _fingerprint(article, actor=actor)
    article_text_changed.send(sender=Article, article=article)
    return article


def _fingerprint(article: Article, *, actor: User | None) -> None:
    """Store the MinHash and LSH bands, then flag this article or its original as a rewrite."""
    signature = fingerprint.minhash_signature(article.body)
    band_keys = fingerprint.lsh_band_keys(signature)
    article.minhash = signature
    Article.objects.filter(pk=article.pk).update(minhash=signature)
    article.fingerprint_bands.all().delete()
    ArticleFingerprintBand.objects.bulk_create(
        ArticleFingerprintBand(article=article, band_key=key) for key in band_keys
    )

    threshold = settings.ARTICLE_NEAR_DUPLICATE_THRESHOLD
    if threshold is None:
        threshold = fingerprint.DEFAULT_NEAR_DUPLICATE_THRESHOLD
    candidates = (
        Article.objects.filter(fingerprint_bands__band_key__in=band_keys)
        .exclude(pk=article.pk)
        .distinct()
        .only("id", "minhash", "published_at", "body", "near_duplicate_score", "created_at")
    )
    best, best_score = None, threshold
    for candidate in candidates:
        score = fingerprint.estimated_similarity(signature, candidate.minhash)
        if score >= best_score:
            best, best_score = candidate, score
    if best is None:
        return
    original, rewrite = _original_and_rewrite(article, best)
    if rewrite.near_duplicate_score is not None and rewrite.near_duplicate_score >= best_score:
        return  # it already rewrites something closer
    rewrite = Article.objects.select_for_update().get(pk=rewrite.pk)
    rewrite.near_duplicate_of = original
    rewrite.near_duplicate_score = round(best_score, 4)
    save_with_history(
        rewrite, actor=actor, reason=f"Near-duplicate of {original.key} ({best_score:.2f})"
    )


def _original_and_rewrite(a: Article, b: Article) -> tuple[Article, Article]:
    """Which of two near-duplicates is the original.

    A known earlier publication date wins; a dated article precedes an undated copy
    (the date attests it); otherwise the longer text, since rewrites condense.
    """
    if a.published_at and b.published_at and a.published_at != b.published_at:
        return (a, b) if a.published_at < b.published_at else (b, a)
    if bool(a.published_at) != bool(b.published_at):
        return (a, b) if a.published_at else (b, a)
    if len(a.body) != len(b.body):
        return (a, b) if len(a.body) > len(b.body) else (b, a)
    return (a, b) if a.pk < b.pk else (b, a)


_KEY_UNSAFE = re.compile(r"[^\w.-]+")


def _unique_key(*, source_name: str, sha256: str) -> str:
    base = _KEY_UNSAFE.sub("-", Path(source_name).stem).strip("-")[:200] or f"pasted-{sha256[:12]}"
    key, suffix = base, 2
    while Article.objects.filter(key=key).exists():
        key, suffix = f"{base}-{suffix}", suffix + 1
    return key


def _title_from_body(body: str) -> str:
    first_sentence = re.split(r"(?<=[.!?])\s", body.strip(), maxsplit=1)[0]
    return first_sentence[:120] + ("…" if len(first_sentence) > 120 else "")


def _content_type_of(filename: str) -> str:
    return {
        ".html": "text/html",
        ".htm": "text/html",
        ".md": "text/markdown",
    }.get(Path(filename).suffix.lower(), "text/plain")
