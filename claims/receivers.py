"""Reactions to other apps' signals; each hands over to a service at once."""

from articles.models import Article


def queue_extraction_for_changed_article(*, sender, article: Article, **kwargs) -> None:
    from claims.services.extraction import article_extraction_queue

    article_extraction_queue(article=article, actor=None)


def enable_recursive_triggers(*, sender, connection, **kwargs) -> None:
    """Every new SQLite connection: REPLACE's implicit delete fires the DELETE triggers."""
    from claims.models.review_triggers import enable_recursive_triggers

    enable_recursive_triggers(connection)


# Webhooks. The review services already write one ReviewEvent per decision, in the
# decision's transaction, and extraction one ExtractionRun: the deliveries are written
# beside them, so an event that rolls back is never announced and one that commits is
# never lost.


def webhook_for_review_event(*, sender, instance, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        from claims.services.webhooks import webhook_review_event_recorded

        webhook_review_event_recorded(review_event=instance)


def webhook_for_extraction_run(*, sender, instance, raw: bool = False, **kwargs):
    if not raw:
        from claims.services.webhooks import webhook_extraction_finished

        webhook_extraction_finished(run=instance)


def webhook_for_recheck_raised(*, sender, claim_id, check_id, run_id, findings, **kwargs):
    from claims.services.webhooks import webhook_recheck_raised

    webhook_recheck_raised(claim_id=claim_id, check_id=check_id, run_id=run_id, findings=findings)
