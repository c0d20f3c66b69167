"""Recovering work a stopped process left behind: the processing sweep."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from articles.models import Article, ArticleStatus, LinkingStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser as User


@dataclass(frozen=True)
class SweepCounts:
    extraction_requeued: int = 0
    linking_requeued: int = 0


def stale_cutoff(*, now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(seconds=settings.CLAIMS_PROCESSING_STALE_SECONDS)


def _stale(queryset, cutoff: datetime):
    return queryset.filter(
        Q(processing_heartbeat_at__lt=cutoff)
        | Q(processing_heartbeat_at__isnull=True, updated_at__lt=cutoff)
    )


def article_processing_sweep(*, actor: User | None, now: datetime | None = None) -> SweepCounts:
    """Queue again the articles whose extraction or linking stopped without finishing.

    Work counts as stopped when the article is queued or being processed and its heartbeat
    (refreshed on queueing and after every piece of work) is older than
    CLAIMS_PROCESSING_STALE_SECONDS: the worker was killed, or the message was lost.
    Idempotent: re-queueing refreshes the heartbeat, so a second sweep leaves it alone.
    """
    from claims.services.extraction import article_extraction_queue, article_heartbeat
    from claims.services.linking import article_linking_set_status, article_links_queue

    cutoff = stale_cutoff(now=now)
    extraction = list(
        _stale(
            Article.objects.filter(status__in=[ArticleStatus.QUEUED, ArticleStatus.EXTRACTING]),
            cutoff,
        ).values_list("pk", flat=True)
    )
    for article_id in extraction:
        article = Article.objects.defer("raw", "minhash").get(pk=article_id)
        article_extraction_queue(article=article, actor=actor)
    linking = list(
        _stale(
            Article.objects.filter(
                status=ArticleStatus.EXTRACTED,
                linking_status__in=[LinkingStatus.QUEUED, LinkingStatus.LINKING],
            ),
            cutoff,
        ).values_list("pk", flat=True)
    )
    for article_id in linking:
        article_linking_set_status(article_id=article_id, status=LinkingStatus.QUEUED)
        article_heartbeat(article_id=article_id)
        article_links_queue(article_id=article_id)
    return SweepCounts(extraction_requeued=len(extraction), linking_requeued=len(linking))


def article_links_requeue(*, article: Article, actor: User | None) -> None:
    """Suggest links for the article again (the admin's re-run action)."""
    from claims.services.extraction import article_heartbeat
    from claims.services.linking import article_linking_set_status, article_links_queue

    article_linking_set_status(article_id=article.pk, status=LinkingStatus.QUEUED)
    article_heartbeat(article_id=article.pk)
    article_links_queue(article_id=article.pk)
