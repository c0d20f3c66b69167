"""Reactions to other apps' signals; each hands over to a service at once."""

from articles.models import Article


def queue_extraction_for_changed_article(*, sender, article: Article, **kwargs) -> None:
    from claims.services.extraction import article_extraction_queue

    article_extraction_queue(article=article, actor=None)


def enable_recursive_triggers(*, sender, connection, **kwargs) -> None:
    """Every new SQLite connection: REPLACE's implicit delete fires the DELETE triggers."""
    from claims.models.review_triggers import enable_recursive_triggers

    enable_recursive_triggers(connection)
