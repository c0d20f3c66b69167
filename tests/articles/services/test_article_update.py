import pytest

from articles.errors import ApplicationError
from articles.models import ArticleStatus
from articles.services import DuplicateArticle, article_set_status, article_update
from tests.articles.factories import ArticleFactory


@pytest.mark.django_db
def test_article_update_records_who_changed_what(admin_user):
    article = ArticleFactory()

    article_update(article=article, actor=admin_user, title="Corrected title", reason="Typo")

    article.refresh_from_db()
    assert article.title == "Corrected title"
    latest = article.history.first()
    assert latest.history_user == admin_user
    assert latest.history_change_reason == "Typo"
    assert latest.prev_record.title != "Corrected title"


@pytest.mark.django_db
def test_article_update_of_body_rehashes_and_refuses_a_body_that_exists(admin_user):
    article, other = ArticleFactory(), ArticleFactory()
    old_hash = article.sha256

    article_update(article=article, actor=admin_user, body=article.body + " One more sentence.")
    article.refresh_from_db()
    assert article.sha256 != old_hash

    with pytest.raises(DuplicateArticle):
        article_update(article=article, actor=admin_user, body=other.body)
    article.refresh_from_db()
    assert article.body != other.body


@pytest.mark.django_db
def test_article_update_refuses_unknown_fields():
    with pytest.raises(ApplicationError, match="sha256"):
        article_update(article=ArticleFactory(), actor=None, sha256="0" * 64)


@pytest.mark.django_db
def test_article_set_status_follows_declared_transitions():
    article = ArticleFactory(status=ArticleStatus.QUEUED)

    with pytest.raises(ApplicationError, match="cannot go from"):
        article_set_status(article_id=article.pk, status=ArticleStatus.EXTRACTED)

    article_set_status(article_id=article.pk, status=ArticleStatus.EXTRACTING)
    article.refresh_from_db()
    assert article.status == ArticleStatus.EXTRACTING
