"""Property-based requests from the OpenAPI schema: no request may cause a server error.

Each operation gets a few generated examples (HYPOTHESIS_MAX_EXAMPLES, 8 by default) so
the whole run stays within a few minutes in CI.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from claims.api.throttling import TokenRateThrottle
from claims.models import LinkRelation
from claims.services import claim_review as review
from tests.claims.factories import ClaimFactory, ClaimLinkFactory, TrackedClaimFactory

MAX_EXAMPLES = int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "8"))


def _schema():
    from config.wsgi import application

    # Generated from the code, without the database (the schema view reads none).
    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


schema = _schema()


@pytest.fixture
def keep_test_connection():
    """Requests go through the WSGI app, not the test client: like the test client, keep
    Django from closing the test's database connection at the end of each request."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def review_key(make_token, monkeypatch, keep_test_connection):
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": None})
    tracked = TrackedClaimFactory()
    for number in range(3):
        claim = ClaimFactory(tracked_claim=tracked)
        ClaimLinkFactory(claim=claim, relation=LinkRelation.CONTRADICTS)
        if number:
            review.claim_confirm(claim=claim, actor=None, expected_version=1)
    _, key = make_token("fuzz", "review")
    return key


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
@pytest.mark.django_db
def test_api_schemathesis_finds_no_server_error(case, review_key):
    case.call_and_validate(
        headers={"Authorization": f"Token {review_key}"}, checks=[not_a_server_error]
    )
