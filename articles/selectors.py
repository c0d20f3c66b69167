"""Read-side queries for articles, shared by the admin, commands and the API."""

from django.db.models import QuerySet

from articles.models import Article


def article_list() -> QuerySet[Article]:
    return Article.objects.select_related("near_duplicate_of").defer("raw", "minhash")


def article_export_rows() -> QuerySet[Article]:
    return article_list().order_by("key")
