"""Each list endpoint runs a fixed number of queries whatever the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import ClaimStatus, FactCheck, RecheckSchedule
from claims.services import claim_review as review
from tests.claims.factories import ClaimFactory, ClaimLinkFactory, TrackedClaimFactory

pytestmark = pytest.mark.django_db

# Queries per page: authentication (token and user), then the endpoint's own.
ENDPOINTS = {
    "/api/v1/articles/": 2,
    "/api/v1/claims/": 2,
    "/api/v1/links/": 2,
    "/api/v1/tracked-claims/": 3,
    "/api/v1/fact-checks/": 2,
    "/api/v1/review-events/": 2,
    "/api/v1/changes/": 2,
    "/api/v1/claimreviews/": 3,
}


@pytest.fixture
def many(db):
    for number in range(24):
        tracked = TrackedClaimFactory()
        claim = ClaimFactory(tracked_claim=tracked, status=ClaimStatus.SUGGESTED)
        ClaimFactory(tracked_claim=tracked)
        ClaimLinkFactory(claim=claim)
        review.claim_confirm(claim=claim, actor=None, expected_version=1)
        RecheckSchedule.objects.filter(claim=claim).update(needs_attention=number % 2 == 0)
        FactCheck.objects.create(claim=ClaimFactory(), external_id=f"fc-{number}")
    if connection.vendor == "postgresql":
        # Number the changes now, as the commit would (the test's transaction never commits).
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


@pytest.mark.parametrize("url", list(ENDPOINTS))
def test_api_list_runs_a_fixed_number_of_queries(reader, many, url, django_assert_num_queries):
    reader.get(url)  # the token's first use notes its time once

    for page_size in (5, 20):
        with django_assert_num_queries(ENDPOINTS[url]):
            response = reader.get(f"{url}?page_size={page_size}")
        assert response.status_code == 200
        page = response.json()
        assert len(page.get("results", page.get("@graph"))) == page_size, url


def test_api_claims_page_queries_with_filters(reader, many):
    reader.get("/api/v1/claims/")
    counts = []
    for page_size in (5, 20):
        with CaptureQueriesContext(connection) as queries:
            reader.get(f"/api/v1/claims/?page_size={page_size}&needs_attention=true&q=a")
        counts.append(len(queries))
    assert counts[0] == counts[1]
