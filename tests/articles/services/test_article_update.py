import pytest

from articles.errors import ApplicationError
from articles.models import ArticleStatus
from articles.services import (
    ArticleChangedSince,
    DuplicateArticle,
    article_set_status,
    article_update,
)
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


@pytest.mark.django_db
def test_article_update_bumps_the_version_on_every_edit(admin_user):
    article = ArticleFactory()
    assert article.version == 1

    article_update(article=article, actor=admin_user, expected_version=1, title="One")
    article_update(article=article, actor=admin_user, expected_version=2, outlet="Two")

    article.refresh_from_db()
    assert article.version == 3
    assert article.history.first().version == 3


@pytest.mark.django_db
def test_article_update_refuses_a_stale_version_and_names_who_changed_it(django_user_model):
    edna = django_user_model.objects.create_user("edna")
    bob = django_user_model.objects.create_user("bob")
    article = ArticleFactory(title="Original")
    article_update(
        article=article, actor=edna, expected_version=1, body=article.body + " Edna's line."
    )

    with pytest.raises(ArticleChangedSince, match=r"changed by edna at \d{4}-\d\d-\d\d \d\d:\d\d"):
        article_update(
            article=article, actor=bob, expected_version=1, body=article.body, title="Bob's"
        )

    article.refresh_from_db()
    assert article.body.endswith(" Edna's line.")
    assert (article.title, article.version) == ("Original", 2)
    assert article.history.count() == 2  # the factory's save and edna's edit


@pytest.mark.django_db
def test_article_set_status_keeps_the_version_editors_opened():
    article = ArticleFactory(status=ArticleStatus.QUEUED)

    article_set_status(article_id=article.pk, status=ArticleStatus.EXTRACTING)
    article_update(article=article, actor=None, expected_version=1, title="Still mine")

    article.refresh_from_db()
    assert (article.title, article.version) == ("Still mine", 2)
