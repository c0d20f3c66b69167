"""What the upload page says (issue 10, items 7 and 8)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article

UPLOAD_URL = reverse("admin:articles_article_upload")


@pytest.fixture
def editor_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _messages_html(response) -> str:
    page = response.content.decode()
    return page[page.find('class="messagelist"') :]


@pytest.mark.django_db
def test_upload_view_shows_file_names_as_written(editor_client):
    upload = SimpleUploadedFile("story.txt", b"", content_type="text/plain")

    response = editor_client.post(UPLOAD_URL, {"files": [upload]}, follow=True)

    shown = _messages_html(response)
    assert "story.txt is empty" in shown
    assert "Story.txt" not in shown


@pytest.mark.django_db
def test_upload_view_puts_one_full_stop_after_a_title_that_ends_with_one(editor_client):
    response = editor_client.post(
        UPLOAD_URL,
        {
            "text": "Rebels entered the city on Thursday, a monitor said.",
            "title": "Rebels advance.",
        },
        follow=True,
    )

    shown = _messages_html(response)
    assert "Rebels advance.</a>" in shown
    assert "Rebels advance.</a>." not in shown


@pytest.mark.django_db
def test_upload_view_says_the_article_is_queued_for_extraction(editor_client):
    response = editor_client.post(
        UPLOAD_URL, {"text": "Rebels entered the city on Thursday, a monitor said."}, follow=True
    )

    assert Article.objects.get().status == "queued"
    assert "queued for claim extraction" in _messages_html(response)


@pytest.mark.django_db
def test_article_page_shows_extraction_progress_until_claims_appear(editor_client):
    editor_client.post(
        UPLOAD_URL, {"text": "Rebels entered the city on Thursday, a monitor said."}
    )
    article = Article.objects.get()
    page = editor_client.get(article.get_admin_url()).content.decode()
    progress_url = reverse("admin:articles_article_processing", args=[article.pk])
    assert 'id="processing-progress"' in page and progress_url in page

    state = editor_client.get(progress_url).json()
    assert (state["status"], state["in_progress"]) == ("queued", True)

    Article.objects.filter(pk=article.pk).update(status="extracted")
    assert editor_client.get(progress_url).json()["in_progress"] is False
    assert (
        'id="processing-progress"'
        not in editor_client.get(article.get_admin_url()).content.decode()
    )
    assert (
        editor_client.get(reverse("admin:articles_article_processing", args=["abc"])).status_code
        == 404
    )
