"""Turning an article's body into claim suggestions, idempotently, never touching decisions."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from articles.history import delete_with_history, save_with_history
from articles.models import Article, ArticleStatus
from articles.services import article_set_status
from claims.extraction import (
    EXTRACTOR_NAME,
    EXTRACTOR_VERSION,
    ExtractedClaim,
    StatementContext,
    extract_claims,
)
from claims.models import Claim, ExtractionRun
from claims.nlp import get_nlp
from claims.services.linking import article_links_queue, decided_link_claim_ids
from claims.text_quote import relocate_span

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser as User

logger = logging.getLogger(__name__)

# Fields extraction owns on an unreviewed claim; it may rewrite them on a re-run.
EXTRACTED_FIELDS = (
    "quote",
    "prefix",
    "suffix",
    "statement",
    "kind",
    "source",
    "entities",
    "quantities",
    "score",
    "extractor_name",
    "extractor_version",
)


@transaction.atomic
def article_extraction_queue(*, article: Article, actor: User | None, force: bool = False) -> None:
    """Mark the article queued and run extraction once the transaction commits."""
    from claims.tasks import article_extract_claims_task

    if article.status != ArticleStatus.QUEUED:
        article_set_status(article_id=article.pk, status=ArticleStatus.QUEUED, actor=actor)
    article_extract_claims_task.delay_on_commit(article.pk, force=force)


@dataclass(frozen=True)
class ClaimSyncCounts:
    created: int = 0
    updated: int = 0
    removed: int = 0
    kept_reviewed: int = 0


def article_extract_claims(*, article_id: int, force: bool = False) -> ExtractionRun | None:
    """Extract the article's claims and store them as suggestions.

    Returns None when this body was already extracted by this extractor version (the
    work is done). The NLP runs outside any transaction; the write is one transaction.
    """
    article = Article.objects.get(pk=article_id)
    already_done = ExtractionRun.objects.filter(
        article=article,
        body_sha256=article.sha256,
        extractor_version=EXTRACTOR_VERSION,
        outcome=ExtractionRun.Outcome.SUCCEEDED,
    ).exists()
    if already_done and not force and article.status == ArticleStatus.EXTRACTED:
        return None

    article_set_status(article_id=article.pk, status=ArticleStatus.EXTRACTING)
    nlp = get_nlp()
    run = ExtractionRun.objects.create(
        article=article,
        body_sha256=article.sha256,
        extractor_name=EXTRACTOR_NAME,
        extractor_version=EXTRACTOR_VERSION,
        model_name=nlp.meta.get("name", ""),
    )
    context = StatementContext(
        title=article.title, published=article.published_at, dateline=article.dateline
    )
    extracted = extract_claims(article.body, nlp=nlp, context=context)

    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        if article.sha256 != run.body_sha256:
            # The body was edited while we worked; its own queued run will extract it.
            run.outcome, run.error = (
                ExtractionRun.Outcome.FAILED,
                "Body changed during extraction.",
            )
            run.finished_at = timezone.now()
            run.save()
            return run
        counts = _sync_claims(article=article, extracted=extracted)
        run.outcome = ExtractionRun.Outcome.SUCCEEDED
        run.claims_created = counts.created
        run.claims_updated = counts.updated
        run.claims_removed = counts.removed
        run.claims_kept_reviewed = counts.kept_reviewed
        run.finished_at = timezone.now()
        run.save()
        article_set_status(article_id=article.pk, status=ArticleStatus.EXTRACTED)
        article_links_queue(article_id=article.pk)
    return run


@transaction.atomic
def article_extraction_mark_failed(*, article_id: int, error: str) -> None:
    """The task gave up: record why on the article, where the admin shows it."""
    ExtractionRun.objects.filter(
        article_id=article_id, outcome=ExtractionRun.Outcome.RUNNING
    ).update(outcome=ExtractionRun.Outcome.FAILED, error=error[:5000], finished_at=timezone.now())
    article_set_status(article_id=article_id, status=ArticleStatus.FAILED, error=error[:5000])


def _sync_claims(*, article: Article, extracted: list[ExtractedClaim]) -> ClaimSyncCounts:
    existing = list(Claim.objects.select_for_update().filter(article=article))
    # A claim is a person's once they decided on it or on one of its links.
    linked = decided_link_claim_ids([claim.pk for claim in existing])
    reviewed = [claim for claim in existing if claim.is_reviewed or claim.pk in linked]
    unreviewed_by_span = {(c.start, c.end): c for c in existing if c not in reviewed}

    for claim in reviewed:
        _reanchor(claim, body=article.body)

    created = updated = kept = 0
    matched: set[int] = set()
    for item in extracted:
        if any(_overlaps(item.start, item.end, claim.start, claim.end) for claim in reviewed):
            kept += 1  # a person already decided on this part of the text
            continue
        values = _claim_values(item)
        claim = unreviewed_by_span.get((item.start, item.end))
        if claim is None:
            claim = Claim(article=article, start=item.start, end=item.end, **values)
            save_with_history(claim, actor=None, reason="Suggested by extraction")
            created += 1
        elif any(getattr(claim, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(claim, field, value)
            save_with_history(claim, actor=None, reason="Updated by re-extraction")
            updated += 1
        matched.add(claim.pk)

    stale = [claim for claim in unreviewed_by_span.values() if claim.pk not in matched]
    for claim in stale:
        delete_with_history(claim, actor=None, reason="No longer suggested by extraction")
    return ClaimSyncCounts(
        created=created, updated=updated, removed=len(stale), kept_reviewed=kept
    )


def _claim_values(item: ExtractedClaim) -> dict:
    data = item.to_dict()
    values = {field: data[field] for field in EXTRACTED_FIELDS if field in data}
    values["extractor_name"] = EXTRACTOR_NAME
    values["extractor_version"] = EXTRACTOR_VERSION
    values["entities"] = data["entities"]
    values["quantities"] = data["quantities"]
    return values


def _reanchor(claim: Claim, *, body: str) -> None:
    """Keep a reviewed claim pointing at its words after the body was edited."""
    if body[claim.start : claim.end] == claim.quote:
        return
    span = relocate_span(
        body, quote=claim.quote, prefix=claim.prefix, suffix=claim.suffix, hint=claim.start
    )
    if span is None:
        logger.warning("Claim %s: quote no longer found in the edited body", claim.pk)
        return
    claim.start, claim.end = span
    save_with_history(
        claim,
        actor=None,
        reason="Re-anchored after the article body was edited",
        update_fields=["start", "end", "updated_at"],
    )


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    overlap = min(a_end, b_end) - max(a_start, b_start)
    return overlap > 0 and overlap >= 0.5 * min(a_end - a_start, b_end - b_start)
