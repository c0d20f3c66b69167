import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article
from tests.conftest import SEED_KEYS

UPLOAD_URL = reverse("admin:articles_article_upload")


def _file(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/plain")


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def admin_client_logged_in(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.django_db
def test_upload_view_imports_several_files_at_once(admin_client_logged_in, seed_bytes):
    files = [_file(f"{key}.txt", seed_bytes[key]) for key in SEED_KEYS[:3]]

    response = admin_client_logged_in.post(UPLOAD_URL, {"files": files}, follow=True)

    assert response.status_code == 200
    assert Article.objects.count() == 3
    assert sum("imported as" in m for m in _messages(response)) == 3


@pytest.mark.django_db
def test_upload_view_imports_pasted_text_with_title(admin_client_logged_in, admin_user):
    response = admin_client_logged_in.post(
        UPLOAD_URL,
        {"text": "Rebels entered Hama on Thursday, a monitor said.", "title": "Hama"},
        follow=True,
    )

    article = Article.objects.get()
    assert article.title == "Hama"
    assert article.created_by == admin_user
    assert article.history.get().history_user == admin_user
    assert any("imported as" in m for m in _messages(response))


@pytest.mark.django_db
def test_upload_view_refuses_duplicate_with_link_to_existing(admin_client_logged_in, seed_bytes):
    data = seed_bytes[SEED_KEYS[0]]
    admin_client_logged_in.post(UPLOAD_URL, {"files": [_file("first.txt", data)]}, follow=True)

    response = admin_client_logged_in.post(
        UPLOAD_URL, {"files": [_file("again.txt", data)]}, follow=True
    )

    existing = Article.objects.get()
    [message] = _messages(response)
    assert "already uploaded" in message
    assert existing.get_admin_url() in message


@pytest.mark.django_db
def test_upload_view_refuses_bad_file_but_imports_the_good_one(admin_client_logged_in):
    files = [
        _file("good.txt", b"Insurgents captured the town of Soran on Tuesday."),
        _file("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ]

    response = admin_client_logged_in.post(UPLOAD_URL, {"files": files}, follow=True)

    assert list(Article.objects.values_list("source_name", flat=True)) == ["good.txt"]
    assert any("picture.txt" in m and "not text" in m for m in _messages(response))


@pytest.mark.django_db
def test_upload_view_asks_for_input_when_form_is_empty(admin_client_logged_in):
    response = admin_client_logged_in.post(UPLOAD_URL, {"text": "  "})

    assert response.status_code == 200
    assert "Choose at least one file or paste the article text" in response.content.decode()
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_upload_view_is_forbidden_without_add_permission(client, django_user_model):
    viewer = django_user_model.objects.create_user(
        "viewer", password="pw-viewer-123", is_staff=True
    )
    client.force_login(viewer)

    response = client.post(UPLOAD_URL, {"text": "Something happened in Hama today."})

    assert response.status_code == 403
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_add_view_leads_to_upload(admin_client_logged_in):
    response = admin_client_logged_in.get(reverse("admin:articles_article_add"))

    assert response.status_code == 302
    assert response.url == UPLOAD_URL


@pytest.mark.django_db
def test_upload_view_takes_a_published_date(admin_client_logged_in):
    response = admin_client_logged_in.post(
        UPLOAD_URL,
        {"text": "Rebels entered Hama on Thursday, a monitor said.", "published_at": "2023-03-14"},
        follow=True,
    )

    article = Article.objects.get()
    assert article.published_at.isoformat() == "2023-03-14"
    assert article.published_date_source == "uploader"
    assert any("imported as" in m for m in _messages(response))


@pytest.mark.django_db
def test_upload_view_shows_ingest_warnings(admin_client_logged_in):
    files = [_file("latin.txt", b"The caf\xe9 in Soran was closed on Tuesday, residents said.")]

    response = admin_client_logged_in.post(UPLOAD_URL, {"files": files}, follow=True)

    messages = _messages(response)
    assert any("imported as" in m for m in messages)
    assert any("latin.txt" in m and "Windows-1252" in m and "0xE9" in m for m in messages)
    change_page = admin_client_logged_in.get(Article.objects.get().get_admin_url())
    assert "Windows-1252" in change_page.content.decode()


@pytest.mark.django_db
def test_upload_view_refuses_an_empty_file_on_its_own_and_imports_the_others(
    admin_client_logged_in,
):
    files = [
        _file("good.txt", b"Insurgents captured the town of Soran on Tuesday."),
        _file("story.txt", b""),
        _file("other.txt", b"The army said it had retaken two villages north of the city."),
    ]

    response = admin_client_logged_in.post(UPLOAD_URL, {"files": files}, follow=True)

    assert sorted(Article.objects.values_list("source_name", flat=True)) == [
        "good.txt",
        "other.txt",
    ]
    messages = _messages(response)
    errors = [m for m in messages if "imported as" not in m]
    assert len(errors) == 1
    assert errors[0].startswith("story.txt is empty")
    assert sum("imported as" in m for m in messages) == 2


@pytest.mark.django_db
def test_upload_view_reports_a_lone_empty_file_once(admin_client_logged_in):
    response = admin_client_logged_in.post(
        UPLOAD_URL, {"files": [_file("story.txt", b"")]}, follow=True
    )

    page = response.content.decode()
    assert Article.objects.count() == 0
    assert "Choose at least one file" not in page
    assert "The submitted file is empty" not in page
    [message] = _messages(response)
    assert message.startswith("story.txt is empty")
