"""The demo login admin/admin works only with DEBUG on, whatever the database holds."""

import logging

import pytest
from django.core.management import call_command
from django.test import Client


@pytest.fixture
def demo_admin(settings):
    """The superuser a `make run` database has: created with DEBUG on."""
    settings.DEBUG = True
    call_command("create_demo_admin")


def _admin_login(username: str, password: str) -> Client:
    client = Client()
    client.post("/admin/login/?next=/admin/", {"username": username, "password": password})
    return client


@pytest.mark.django_db
def test_demo_login_is_refused_with_debug_off_and_says_so_in_the_log(demo_admin, settings, caplog):
    settings.DEBUG = False

    with caplog.at_level(logging.WARNING, logger="config.auth"):
        client = _admin_login("admin", "admin")

    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # back to the login page
    assert "Refused the demo login 'admin'" in caplog.text
    assert "changepassword admin" in caplog.text


@pytest.mark.django_db
def test_demo_login_works_with_debug_on(demo_admin, settings):
    settings.DEBUG = True

    client = _admin_login("admin", "admin")

    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_demo_account_logs_in_with_debug_off_once_it_has_a_real_password(
    demo_admin, settings, django_user_model
):
    user = django_user_model.objects.get(username="admin")
    user.set_password("a-real-passphrase-9")
    user.save()
    settings.DEBUG = False

    client = _admin_login("admin", "a-real-passphrase-9")

    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_admin_css_is_served_with_debug_off(settings):
    """runserver serves no static files with DEBUG off; WhiteNoise does."""
    settings.DEBUG = False

    response = Client().get("/static/admin/css/base.css")

    assert response.status_code == 200
    assert b"".join(response.streaming_content).strip()
