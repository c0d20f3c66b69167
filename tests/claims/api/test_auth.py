import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from claims.models import ApiToken
from claims.services.api_tokens import api_token_revoke
from tests.claims.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_api_refuses_anonymous_requests_except_schema_and_docs():
    client = APIClient()

    assert client.get("/api/v1/claims/").status_code == 401
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200


def test_api_token_authenticates_and_is_stored_hashed(reader, make_token):
    token, key = make_token("other", "read")

    assert reader.get("/api/v1/claims/").status_code == 200
    assert not ApiToken.objects.filter(key_sha256=key).exists()
    assert ApiToken.objects.get(pk=token.pk).key_sha256 == ApiToken.hash_key(key)


def test_api_token_revoked_is_refused(make_token):
    token, key = make_token("gone", "read")
    api_token_revoke(token=token)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    response = client.get("/api/v1/claims/")

    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_api_read_token_cannot_review(reader):
    claim = ClaimFactory()

    response = reader.post(f"/api/v1/claims/{claim.pk}/confirm/", {"expected_version": 1})

    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.status == "suggested"


def test_create_api_token_prints_the_token_alone_on_its_last_line(review_groups, capsys):
    call_command("create_api_token", "newsroom", "--scope", "review")

    last_line = capsys.readouterr().out.strip().splitlines()[-1]
    token = ApiToken.objects.get(key_sha256=ApiToken.hash_key(last_line))
    assert token.user.username == "newsroom" and token.scope == "review"
    assert token.user.groups.filter(name="Reviewer").exists()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {last_line}")
    assert client.get("/api/v1/articles/").status_code == 200


def test_api_throttles_per_token(reader, settings, make_token):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "token": "2/minute"}
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = rates
    try:
        from django.core.cache import cache

        cache.clear()
        codes = [reader.get("/api/v1/claims/").status_code for _ in range(3)]
        _, other_key = make_token("second", "read")
        other = APIClient()
        other.credentials(HTTP_AUTHORIZATION=f"Token {other_key}")
        other_code = other.get("/api/v1/claims/").status_code
    finally:
        SimpleRateThrottle.THROTTLE_RATES = original
        cache.clear()

    assert codes == [200, 200, 429]
    assert other_code == 200


def test_admin_creates_a_token_showing_the_key_once_and_revokes_it(client, admin_user):
    client.force_login(admin_user)

    response = client.post(
        "/admin/claims/apitoken/add/",
        {"username": "dashboard", "scope": "read", "name": "Newsroom dashboard"},
        follow=True,
    )

    [message] = [str(m) for m in response.context["messages"] if "copy it now" in str(m)]
    key = message.split(": ")[1].split(" ")[0]
    token = ApiToken.objects.get(key_sha256=ApiToken.hash_key(key))
    assert token.user.username == "dashboard" and token.name == "Newsroom dashboard"
    client.post(
        "/admin/claims/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.revoked_at is not None
