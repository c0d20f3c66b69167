"""Reactions to other apps' signals; each hands over to a service at once."""

from articles.models import Article


def queue_extraction_for_changed_article(*, sender, article: Article, **kwargs) -> None:
    from claims.services.extraction import article_extraction_queue

    article_extraction_queue(article=article, actor=None)
