"""Two editors on one article: the second save, made on what the first changed, is refused."""

from html.parser import HTMLParser
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


class _FormFields(HTMLParser):
    """The fields a browser would post from the page's change form."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, str] = {}
        self._in_form = False
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "article_form":
            self._in_form = True
        elif self._in_form and tag == "input" and attrs.get("name"):
            if attrs.get("type") in {"submit", "checkbox"}:
                return
            self.data[attrs["name"]] = attrs.get("value") or ""
        elif self._in_form and tag == "textarea":
            self._textarea = attrs["name"]
            self.data[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._in_form = False


def _open(client, article) -> dict[str, str]:
    parser = _FormFields()
    parser.feed(client.get(article.get_admin_url()).content.decode())
    # A textarea's content starts after the newline Django puts after the tag.
    return {key: value.removeprefix("\n") for key, value in parser.data.items()}


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _staff(django_user_model, username: str, *codenames: str):
    user = django_user_model.objects.create_user(username, password="pw-123456", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
    )
    return django_user_model.objects.get(pk=user.pk)


@pytest.fixture
def edna(django_user_model):
    return _staff(django_user_model, "edna", "view_article", "change_article")


@pytest.fixture
def bob(django_user_model):
    return _staff(django_user_model, "bob", "view_article", "change_article")


@pytest.fixture
def article():
    return ArticleFactory(title="Rebels near Hama", body="Rebels were 10 km from the city.")


def test_change_view_refuses_a_save_made_on_an_older_version(client, edna, bob, article):
    client.force_login(edna)
    ednas_form = _open(client, article)
    client.force_login(bob)
    bobs_form = _open(client, article)

    client.force_login(edna)
    saved = client.post(
        article.get_admin_url(),
        {**ednas_form, "body": "Rebels were 10 km from the city, a monitor said."},
        follow=True,
    )
    assert any("changed successfully" in m for m in _messages(saved))

    client.force_login(bob)
    refused = client.post(article.get_admin_url(), {**bobs_form, "title": "Bob's title"})

    article.refresh_from_db()
    assert article.body == "Rebels were 10 km from the city, a monitor said."
    assert article.title == "Rebels near Hama"
    assert refused.status_code == 200  # the form again, not a redirect
    page = refused.content.decode()
    assert "changed by edna at" in page
    assert "nothing was saved" in page
    assert "Bob&#x27;s title" in page or "Bob's title" in page  # his input is kept
    assert not any("changed successfully" in m for m in _messages(refused))
    assert bobs_form["expected_version"] == "1"
    assert article.version == 2


def test_change_view_saves_after_reopening_the_article(client, edna, bob, article):
    client.force_login(bob)
    stale = _open(client, article)
    client.force_login(edna)
    client.post(article.get_admin_url(), {**_open(client, article), "outlet": "Wire"})

    client.force_login(bob)
    client.post(article.get_admin_url(), {**stale, "title": "Bob's title"})
    fresh = _open(client, article)
    response = client.post(article.get_admin_url(), {**fresh, "title": "Bob's title"})

    article.refresh_from_db()
    assert response.status_code == 302
    assert (article.title, article.outlet, article.version) == ("Bob's title", "Wire", 3)


def test_change_view_reports_a_refusal_from_the_service_without_saving(client, edna, bob, article):
    """An edit committed between the form's check and the save: the service refuses it."""
    client.force_login(bob)
    stale = _open(client, article)
    client.force_login(edna)
    client.post(article.get_admin_url(), {**_open(client, article), "title": "Edna's"})

    client.force_login(bob)
    with mock.patch("articles.forms.article_check_update"):
        response = client.post(article.get_admin_url(), {**stale, "title": "Bob's"}, follow=True)

    article.refresh_from_db()
    assert article.title == "Edna's"
    assert response.status_code == 200
    assert any("changed by edna" in m for m in _messages(response))


def test_change_view_refuses_a_body_another_article_has_on_the_form(client, edna, article):
    other = ArticleFactory()
    client.force_login(edna)

    response = client.post(article.get_admin_url(), {**_open(client, article), "body": other.body})

    article.refresh_from_db()
    assert response.status_code == 200
    assert "already in the CMS" in response.content.decode()
    assert article.body != other.body


def test_change_view_for_view_only_staff_shows_no_version_field(
    client, django_user_model, article
):
    client.force_login(_staff(django_user_model, "otto", "view_article"))

    response = client.get(article.get_admin_url())

    assert response.status_code == 200
    assert "expected_version" not in response.content.decode()
    assert "Expected version" not in response.content.decode()
