import pytest
from django.urls import reverse

from articles.models import ArticleStatus
from claims.models import ExtractionRun


@pytest.mark.django_db
def test_re_extract_action_runs_extraction_again(
    client, admin_user, seed_article, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    changelist = reverse("admin:articles_article_changelist")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            changelist,
            {"action": "re_extract", "_selected_action": [seed_article.pk]},
            follow=True,
        )

    seed_article.refresh_from_db()
    assert response.status_code == 200
    assert seed_article.status == ArticleStatus.EXTRACTED
    assert ExtractionRun.objects.filter(article=seed_article).count() == 1
    assert seed_article.claims.exists()


@pytest.mark.django_db
def test_article_page_shows_status_error_and_claims(client, admin_user, seed_article):
    from articles.services import article_set_status

    article_set_status(article_id=seed_article.pk, status=ArticleStatus.FAILED, error="Boom: x")
    client.force_login(admin_user)

    page = client.get(seed_article.get_admin_url()).content.decode()

    assert "Extraction failed" in page
    assert "Boom: x" in page
