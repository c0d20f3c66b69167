"""ClaimReview JSON-LD per decided claim, the feed, and reading it back with import_fact_checks."""

import json

import pytest
from django.core.management import call_command

from claims.models import FactCheck
from claims.services import claim_review as review
from claims.services.link_review import claim_link_create
from claims.services.sources import source_resolve
from tests.articles.factories import ArticleFactory
from tests.claims.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def _confirmed_pair():
    first = ClaimFactory(
        article=ArticleFactory(title="Early report", outlet="Wire", published_at="2024-12-02"),
        statement="The dam was closed on Monday.",
        source="the ministry",
    )
    second = ClaimFactory(
        article=ArticleFactory(title="Later report", published_at="2024-12-04"),
        statement="The dam was closed on Monday.",
    )
    claim_link_create(claim=second, other=first, relation="same", actor=None, expected_version=1)
    first.refresh_from_db()
    review.claim_confirm(claim=first, actor=None, expected_version=first.version)
    return first, second


def test_claimreview_of_a_decided_claim(reader):
    first, second = _confirmed_pair()

    data = reader.get(f"/api/v1/claims/{first.pk}/claimreview/").json()

    assert data["@type"] == "ClaimReview" and data["claimReviewed"] == first.statement
    assert data["reviewRating"]["alternateName"] == "Confirmed"
    assert data["url"].endswith(f"/api/v1/claims/{first.pk}/claimreview/")
    assert data["author"]["name"] and data["datePublished"]
    item = data["itemReviewed"]
    assert item["@type"] == "Claim" and item["author"]["name"] == "the ministry"
    assert [a["headline"] for a in item["appearance"]] == ["Early report", "Later report"]
    assert item["firstAppearance"]["headline"] == "Early report"
    assert item["firstAppearance"]["datePublished"] == "2024-12-02"


def test_claimreview_is_404_for_an_undecided_claim(reader):
    assert reader.get(f"/api/v1/claims/{ClaimFactory().pk}/claimreview/").status_code == 404


def test_claimreview_feed_round_trips_through_import_fact_checks(reader, tmp_path, embedder):
    first, _ = _confirmed_pair()
    disputed = ClaimFactory(statement="The bridge is open.")
    review.claim_dispute(claim=disputed, actor=None, expected_version=1, reason="Closed.")

    feed = reader.get("/api/v1/claimreviews/").json()
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(feed))
    call_command("import_fact_checks", str(path), "--no-progress")

    imported = {f.claim.statement: f for f in FactCheck.objects.select_related("claim")}
    assert set(imported) == {first.statement, disputed.statement}
    assert imported[disputed.statement].rating == "Disputed"
    assert imported[first.statement].rating == "Confirmed"
    assert imported[first.statement].claim.source == "the ministry"
    assert imported[first.statement].external_id.endswith(f"/claims/{first.pk}/claimreview/")
    assert imported[first.statement].review_date is not None


@pytest.mark.parametrize(
    ("source", "outlet", "claimant"),
    [
        ("Mr Okafor", "", "Adaeze Okafor"),  # resolved to the person named in full before
        ("the outlet", "Harbour Times", "Harbour Times"),  # the article's own voice, named
        ("the outlet", "", None),  # own voice, outlet unknown: nobody is named
    ],
)
def test_claimreview_names_the_resolved_source_as_claimant(reader, source, outlet, claimant):
    source_resolve(raw="Dr Adaeze Okafor")
    article = ArticleFactory(outlet=outlet)
    claim = ClaimFactory(
        article=article,
        source=source,
        asserted_by=source_resolve(raw=source, outlet=outlet),
    )
    review.claim_confirm(claim=claim, actor=None, expected_version=1)

    item = reader.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()["itemReviewed"]

    assert item.get("author", {}).get("name") == claimant
