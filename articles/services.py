"""Every write to articles goes through these functions: admin, commands and tasks alike."""

from __future__ import annotations

import dataclasses
import datetime
import re
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.errors import ApplicationError
from articles.history import save_with_history
from articles.models import (
    ARTICLE_STATUS_TRANSITIONS,
    Article,
    ArticleFingerprintBand,
    ArticleStatus,
    PublishedDateSource,
)
from articles.signals import article_text_changed
from articles.text import (
    NormalizedArticle,
    UnreadableUpload,
    fingerprint,
    normalize_text,
    normalize_upload,
)
from articles.text.errors import TextWarning
from articles.text.invisible import remove_spoofing_characters
from articles.text.normalize import body_sha256, clean_title

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


def article_import_file(
    *,
    data: bytes,
    filename: str,
    actor: User | None,
    published_at: datetime.date | None = None,
) -> Article:
    """Store an uploaded file as a new article, or refuse it whole with ApplicationError.

    ``published_at`` is the date the uploader gives, which wins over one the text states.
    What ingest changed or guessed is on the result's ``ingest_warnings``.
    """
    if not data:
        raise ApplicationError(
            f"{filename} is empty (0 bytes): nothing was imported from it. Choose the file "
            "that contains the article text."
        )
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
        published_at=published_at,
        actor=actor,
    )


def article_import_text(
    *,
    text: str,
    title: str = "",
    actor: User | None,
    published_at: datetime.date | None = None,
) -> Article:
    """Store pasted text as a new article (see ``article_import_file``)."""
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
    title, title_warnings = clean_title(title)
    normalized = dataclasses.replace(
        normalized,
        title=title or normalized.title,
        warnings=(*title_warnings, *normalized.warnings),
    )
    return _article_create(
        normalized=normalized,
        raw=data,
        raw_content_type="text/plain",
        source_name="",
        published_at=published_at,
        actor=actor,
    )


_REASON_LENGTH = Article.history.model._meta.get_field("history_change_reason").max_length

EDITABLE_FIELDS = ("title", "published_at", "section", "dateline", "outlet", "language", "body")


class ArticleChangedSince(ApplicationError):
    """Someone edited the article after the person opened it."""


@transaction.atomic
def article_update(
    *,
    article: Article,
    actor: User | None,
    expected_version: int | None = None,
    reason: str = "",
    **changes,
) -> Article:
    """Change an article's metadata or body; a new body is re-fingerprinted and re-extracted.

    A published date set here is recorded as the editor's; clearing it falls back to the
    import date. Spoofing characters (``articles.text.invisible``) are removed from a new
    body or title as at upload, and the removal is recorded in the history's reason.
    `expected_version` is the version the person saw (None: no check, for scripts); an
    edit made on an older version is refused, so nobody overwrites an edit unseen.
    Every edit bumps the version.
    """
    article = Article.objects.select_for_update().get(pk=article.pk)
    removed: list[TextWarning] = []
    for field in ("body", "title"):
        if isinstance(changes.get(field), str):
            changes[field], warnings = remove_spoofing_characters(changes[field])
            removed.extend(warnings)
    article_check_update(article=article, expected_version=expected_version, changes=changes)
    body_changed = "body" in changes and changes["body"] != article.body
    date_changed = "published_at" in changes and changes["published_at"] != article.published_at
    for field, value in changes.items():
        setattr(article, field, value)
    if date_changed:
        if article.published_at is None:
            article.published_at = timezone.localdate(article.created_at)
            article.published_date_source = PublishedDateSource.IMPORT_TIME
        else:
            article.published_date_source = PublishedDateSource.EDITOR
    if body_changed:
        article.sha256 = body_sha256(article.body)
    article.version += 1
    reason = reason or "Edited"
    if removed:  # the history's reason holds 100 characters: the count, not the messages
        kinds = ", ".join(sorted({w.kind.replace("_", " ") for w in removed}))
        suffix = f" (removed invisible characters: {kinds})"
        reason = reason[: _REASON_LENGTH - len(suffix)] + suffix
    save_with_history(article, actor=actor, reason=reason)
    if body_changed:
        _fingerprint(article, actor=actor)
        article_text_changed.send(sender=Article, article=article)
    return article


def article_check_update(*, article: Article, expected_version: int | None, changes: dict) -> None:
    """Raise ApplicationError if `article_update` would refuse these changes.

    `article` is the stored article (article_update passes it locked); forms call this
    too, so a refusal is shown on the form with everything the editor typed.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ApplicationError(f"These fields cannot be edited: {', '.join(sorted(unknown))}.")
    if expected_version is not None and expected_version != article.version:
        raise ArticleChangedSince(
            _changed_since_message(article, expected_version=expected_version),
            extra={"version": article.version},
        )
    if "body" in changes and changes["body"] != article.body:
        if not changes["body"].strip():
            raise ApplicationError("The body cannot be empty: keep the article text.")
        sha256 = body_sha256(changes["body"])
        existing = Article.objects.filter(sha256=sha256).exclude(pk=article.pk).first()
        if existing:
            raise DuplicateArticle(existing=existing)


def _changed_since_message(article: Article, *, expected_version: int) -> str:
    # The record that brought the current version (later ones only changed the status).
    edit = (
        article.history.filter(version=article.version)
        .select_related("history_user")
        .order_by("history_date", "history_id")
        .first()
    )
    who, when = "someone", ""
    if edit is not None:
        who = edit.history_user.get_username() if edit.history_user else "the system"
        when = f" at {timezone.localtime(edit.history_date):%Y-%m-%d %H:%M}"
    return (
        f"Article “{article}” was changed by {who}{when} since you opened it (you opened "
        f"version {expected_version}, it is now version {article.version}): nothing was "
        "saved. Your edits are still in the form: open the article again in a new tab to "
        "see the current text, then make your edits there."
    )


@transaction.atomic
def article_set_status(
    *, article_id: int, status: str, error: str = "", actor: User | None = None
) -> Article:
    """Move an article's processing status along its declared transitions.

    The version stays: the status is not something an editor edits, and article_update
    writes only the fields an editor changed, so no edit can undo a status change.
    """
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
    published_at: datetime.date | None,
    actor: User | None,
) -> Article:
    existing = Article.objects.filter(sha256=normalized.sha256).first()
    if existing:
        raise DuplicateArticle(existing=existing)
    published_at, source, date_warnings = _published_date(
        given=published_at, stated=normalized.published_at
    )
    warnings = [*normalized.warnings, *date_warnings]
    article = Article(
        source_name=source_name,
        key=_unique_key(source_name=source_name, sha256=normalized.sha256),
        raw=raw,
        raw_content_type=raw_content_type,
        body=normalized.body,
        sha256=normalized.sha256,
        title=normalized.title or _title_from_body(normalized.body),
        published_at=published_at,
        published_date_source=source,
        ingest_warnings=[warning.to_dict() for warning in warnings],
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


def _published_date(
    *, given: datetime.date | None, stated: datetime.date | None
) -> tuple[datetime.date, str, list[TextWarning]]:
    """The date to store and where it came from: the uploader's, else the text's, else
    today's (the import date, marked as such)."""
    if given is not None:
        warnings = []
        if stated is not None and stated != given:
            warnings.append(
                TextWarning(
                    kind="published_date",
                    message=(
                        f"The text gives {stated.isoformat()} as its date; the published "
                        f"date given at upload, {given.isoformat()}, was kept. Correct it "
                        "on the article page if the text is right."
                    ),
                )
            )
        return given, PublishedDateSource.UPLOADER, warnings
    if stated is not None:
        return stated, PublishedDateSource.TEXT, []
    return timezone.localdate(), PublishedDateSource.IMPORT_TIME, []


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
        .only(
            "id",
            "minhash",
            "published_at",
            "published_date_source",
            "body",
            "near_duplicate_score",
            "created_at",
        )
    )
    best, best_score = None, threshold
    for candidate in candidates:
        score = fingerprint.estimated_similarity(signature, candidate.minhash)
        if score >= best_score and fingerprint.is_near_duplicate(
            article.body, candidate.body, similarity=score, threshold=threshold
        ):
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
    (the date attests it); otherwise the longer text, since rewrites condense. An import
    date is not a publication date: it says when we saw the text, not when it appeared.
    """
    a_date, b_date = a.stated_published_at, b.stated_published_at
    if a_date and b_date and a_date != b_date:
        return (a, b) if a_date < b_date else (b, a)
    if bool(a_date) != bool(b_date):
        return (a, b) if a_date else (b, a)
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
