"""Read-side queries for articles, shared by the admin, commands and the API."""

from django.db.models import QuerySet

from articles.models import Article


def article_list() -> QuerySet[Article]:
    return Article.objects.select_related("near_duplicate_of").defer("raw", "minhash")


def article_export_rows() -> QuerySet[Article]:
    return article_list().order_by("key")


IN_PROGRESS = ("queued", "extracting")


def article_processing_get(*, article_id: int) -> dict | None:
    """Where an article's processing is, for the page that waits for its claims."""
    article = (
        Article.objects.filter(pk=article_id)
        .only("status", "linking_status", "processing_heartbeat_at", "last_error", "updated_at")
        .first()
    )
    if article is None:
        return None
    since = article.processing_heartbeat_at
    return {
        "status": article.status,
        "status_display": article.get_status_display(),
        "in_progress": article.status in IN_PROGRESS,
        "linking_status": article.linking_status,
        "linking_status_display": article.get_linking_status_display(),
        "last_progress_at": since.isoformat() if since else None,
        "error": article.last_error[:500],
    }
