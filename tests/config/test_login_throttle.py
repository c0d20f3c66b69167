"""Admin logins are throttled by username and address (django-axes)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIRequestFactory

LOGIN_URL = "/admin/login/?next=/admin/"
ATTACKER = "203.0.113.7"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "edna", password="pw-edna-123", is_staff=True, is_superuser=True
    )


def _login(username: str, password: str, address: str = ATTACKER, **headers):
    client = Client(REMOTE_ADDR=address, **headers)
    response = client.post(LOGIN_URL, {"username": username, "password": password})
    return client, response


def _logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def _fail(username: str, times: int, address: str = ATTACKER) -> None:
    for _ in range(times):
        _, response = _login(username, "wrong-guess", address)
        assert response.status_code in (200, 429)


@pytest.mark.django_db
def test_login_throttle_refuses_the_right_password_after_the_failure_limit(editor, settings):
    _fail("edna", 30)

    client, response = _login("edna", "pw-edna-123")

    assert response.status_code == 429
    assert not _logged_in(client)
    page = response.content.decode()
    assert "locked after 5 failed" in page and "Try again in 15 minutes" in page


@pytest.mark.django_db
def test_login_throttle_locks_at_the_limit_not_before(editor, settings):
    _fail("edna", settings.AXES_FAILURE_LIMIT - 1)

    client, response = _login("edna", "pw-edna-123")

    assert response.status_code == 302
    assert _logged_in(client)


@pytest.mark.django_db
def test_login_throttle_does_not_lock_another_user_from_the_same_address(editor, admin_user):
    _fail("edna", 10)

    client, response = _login("boss", "pw-boss-123")

    assert response.status_code == 302 and _logged_in(client)


@pytest.mark.django_db
def test_login_throttle_does_not_lock_the_user_from_another_address(editor):
    _fail("edna", 10)

    client, response = _login("edna", "pw-edna-123", address="198.51.100.20")

    assert response.status_code == 302 and _logged_in(client)


@pytest.mark.django_db
def test_login_throttle_resets_the_count_on_a_successful_login(editor, settings):
    below = settings.AXES_FAILURE_LIMIT - 1
    _fail("edna", below)
    assert _logged_in(_login("edna", "pw-edna-123")[0])

    _fail("edna", below)

    assert _logged_in(_login("edna", "pw-edna-123")[0])


@pytest.mark.django_db
def test_login_throttle_lets_the_user_in_after_the_cool_off(editor, settings):
    from axes.models import AccessAttempt

    _fail("edna", 10)
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timezone.timedelta(seconds=1)
    )

    client, response = _login("edna", "pw-edna-123")

    assert response.status_code == 302 and _logged_in(client)


@pytest.mark.django_db
def test_login_throttle_takes_the_address_the_proxy_saw(editor, settings):
    """Behind one proxy the client's address is the last X-Forwarded-For entry: changing
    the entries before it (the client's own) does not get around the lock."""
    settings.CLAIMTRACK_PROXY_COUNT = 1
    for forged in range(10):
        _login("edna", "wrong", "10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.{forged}, {ATTACKER}")

    locked_client, locked = _login(
        "edna", "pw-edna-123", "10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.99, {ATTACKER}"
    )
    other_client, other = _login(
        "edna", "pw-edna-123", "10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.20"
    )

    assert locked.status_code == 429 and not _logged_in(locked_client)
    assert other.status_code == 302 and _logged_in(other_client)


@pytest.mark.django_db
def test_login_throttle_leaves_api_token_authentication_alone(editor):
    from claims.api.authentication import ApiTokenAuthentication
    from claims.services.api_tokens import api_token_create

    _, key = api_token_create(username=editor.username, scope="read")
    _fail("edna", 10)

    request = APIRequestFactory().get("/api/v1/", HTTP_AUTHORIZATION=f"Token {key}")
    user, _ = ApiTokenAuthentication().authenticate(request)

    assert user == editor


@pytest.mark.django_db
def test_login_throttle_attempts_are_listed_in_the_admin(editor, admin_user, client):
    _fail("edna", 3)
    client.force_login(admin_user)

    response = client.get("/admin/axes/accessattempt/")

    assert response.status_code == 200
    assert "edna" in response.content.decode()
    assert get_user_model().objects.filter(username="edna").exists()
