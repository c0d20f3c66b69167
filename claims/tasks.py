from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.db import InterfaceError, OperationalError

from claims.errors import TransientError

# Failures worth another try: the database or broker was briefly unreachable.
RETRYABLE = (TransientError, OperationalError, InterfaceError, ConnectionError)


class ArticleExtractionTask(DjangoTask):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        from claims.services.extraction import article_extraction_mark_failed

        article_id = args[0] if args else kwargs["article_id"]
        article_extraction_mark_failed(article_id=article_id, error=f"{type(exc).__name__}: {exc}")


class ArticleLinkingTask(DjangoTask):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        from claims.services.linking import article_links_mark_failed

        article_id = args[0] if args else kwargs["article_id"]
        article_links_mark_failed(article_id=article_id, error=f"{type(exc).__name__}: {exc}")


@shared_task(
    base=ArticleExtractionTask,
    autoretry_for=RETRYABLE,
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
    acks_late=True,
)
def article_extract_claims_task(article_id: int, force: bool = False) -> None:
    from claims.services.extraction import article_extract_claims

    article_extract_claims(article_id=article_id, force=force)


@shared_task(
    base=ArticleLinkingTask,
    autoretry_for=RETRYABLE,
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
    acks_late=True,
)
def article_suggest_links_task(article_id: int) -> None:
    from claims.services.linking import article_suggest_links

    article_suggest_links(article_id=article_id)


@shared_task(
    autoretry_for=RETRYABLE,
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
    acks_late=True,
)
def claims_recheck_due_task() -> int:
    """The periodic re-check (scheduled by django-celery-beat): the claims due now.

    Safe to run on many workers at once and to run again: each claim is taken by one
    worker, and a checked claim is not due again until its next re-check.
    """
    from claims.models import RecheckTrigger
    from claims.services.rechecks import SCHEDULED_RUN_LIMIT, claims_recheck_due

    run = claims_recheck_due(
        actor=None, trigger=RecheckTrigger.SCHEDULE, limit=SCHEDULED_RUN_LIMIT
    )
    return run.pk


@shared_task(acks_late=True)
def article_processing_sweep_task() -> None:
    from claims.services.processing import article_processing_sweep

    article_processing_sweep(actor=None)


@shared_task(acks_late=True, autoretry_for=RETRYABLE, retry_backoff=True, retry_jitter=True)
def webhook_deliver_task(delivery_id: int) -> None:
    """One attempt; a failed attempt is scheduled again by the service, sent by the sweep."""
    from claims.services.webhooks import webhook_deliver

    webhook_deliver(delivery_id=delivery_id)


@shared_task(acks_late=True)
def webhook_deliveries_sweep_task() -> int:
    from claims.services.webhooks import webhook_deliveries_due

    due = webhook_deliveries_due()
    for delivery_id in due:
        webhook_deliver_task.delay(delivery_id)
    return len(due)


@shared_task(acks_late=True)
def changes_compact_task() -> int:
    from claims.services.changes import changes_compact

    return changes_compact()
