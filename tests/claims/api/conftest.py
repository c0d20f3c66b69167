import pytest
from rest_framework.test import APIClient

from tests.claims.review_fixtures import review_groups  # noqa: F401


@pytest.fixture
def make_token(db, review_groups):  # noqa: F811
    from claims.services.api_tokens import api_token_create

    def _make(username: str = "reader", scope: str = "read"):
        return api_token_create(username=username, scope=scope)

    return _make


def _client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def reader(make_token):
    _, key = make_token("reader", "read")
    return _client(key)


@pytest.fixture
def reviewer(make_token):
    token, key = make_token("robin", "review")
    client = _client(key)
    client.user = token.user
    return client
