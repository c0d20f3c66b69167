"""Lists, filters, cursor pages, conditional GET, history, the changes feed."""

import pytest

from claims.models import Claim, ClaimStatus, LinkRelation
from claims.services import claim_review as review
from claims.services.sources import source_resolve
from tests.articles.factories import ArticleFactory
from tests.claims.factories import ClaimFactory, ClaimLinkFactory, TrackedClaimFactory

pytestmark = pytest.mark.django_db


def _all(client, url):
    items = []
    while url:
        page = client.get(url).json()
        items += page["results"]
        url = page["next"]
    return items


def _all_changes(client, url):
    """The feed's last page also has a `next`: stop at the first empty page."""
    items = []
    while True:
        page = client.get(url).json()
        if not page["results"]:
            return items
        items += page["results"]
        url = page["next"]


def test_api_claims_page_through_everything_by_cursor(reader):
    claims = ClaimFactory.create_batch(7)

    items = _all(reader, "/api/v1/claims/?page_size=3")

    assert [item["id"] for item in items] == [c.pk for c in claims]


def test_api_claims_filters(reader):
    article = ArticleFactory(outlet="Wire")
    high = ClaimFactory(article=article, score=0.9, kind="quantity", status="confirmed")
    ClaimFactory(score=0.2)
    conflicted = ClaimFactory(score=0.5)
    ClaimLinkFactory(claim=conflicted, relation=LinkRelation.CONTRADICTS)

    def ids(query):
        return [item["id"] for item in reader.get(f"/api/v1/claims/?{query}").json()["results"]]

    assert ids("score_min=0.85") == [high.pk]
    assert ids("status=confirmed&kind=quantity") == [high.pk]
    assert ids(f"article={article.pk}") == [high.pk]
    assert conflicted.pk in ids("has_conflict=true") and high.pk not in ids("has_conflict=true")
    assert high.pk in ids("has_conflict=false") and conflicted.pk not in ids("has_conflict=false")
    assert ids(f"q={high.statement.split()[1]}")[:1] in ([high.pk], [])


def test_api_malformed_filter_is_a_400_naming_the_parameter(reader):
    for query, name in (
        ("score_min=high", "score_min"),
        ("updated_since=yesterday", "updated_since"),
        ("status=maybe", "status"),
        ("has_conflict=perhaps", "has_conflict"),
    ):
        response = reader.get(f"/api/v1/claims/?{query}")
        assert response.status_code == 400, query
        assert name in response.json(), query
    assert reader.get("/api/v1/articles/?published_after=soon").status_code == 400


def test_api_q_matches_statements_and_quotes(reader):
    match = ClaimFactory(statement="Insurgents reached the outskirts of the city.")
    ClaimFactory(statement="Talks resumed on Monday.")

    items = reader.get("/api/v1/claims/?q=outskirts").json()["results"]

    assert [item["id"] for item in items] == [match.pk]


def test_api_single_object_has_an_etag_and_answers_304(reader):
    claim = ClaimFactory()
    first = reader.get(f"/api/v1/claims/{claim.pk}/")

    again = reader.get(f"/api/v1/claims/{claim.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    review.claim_confirm(claim=claim, actor=None, expected_version=1)
    changed = reader.get(f"/api/v1/claims/{claim.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200 and first["ETag"]
    assert again.status_code == 304
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_api_claim_history_and_article_history(reader):
    claim = ClaimFactory()
    review.claim_confirm(claim=claim, actor=None, expected_version=1)
    review.claim_reopen(claim=claim, actor=None, expected_version=2, reason="Second look.")

    claim_history = reader.get(f"/api/v1/claims/{claim.pk}/history/").json()["results"]
    article_history = reader.get(f"/api/v1/articles/{claim.article_id}/history/").json()

    assert [e["action"] for e in claim_history] == ["claim.confirm", "claim.reopen"]
    assert [e["id"] for e in article_history["results"]] == [e["id"] for e in claim_history]


def test_api_claim_shows_its_recheck_state_and_needs_attention_filter(reader):
    from claims.models import RecheckSchedule

    flagged, quiet = ClaimFactory(status=ClaimStatus.CONFIRMED), ClaimFactory()
    RecheckSchedule.objects.create(claim=flagged, needs_attention=True)

    items = reader.get("/api/v1/claims/?needs_attention=true").json()["results"]

    assert [item["id"] for item in items] == [flagged.pk]
    assert items[0]["recheck"]["needs_attention"] is True
    assert reader.get(f"/api/v1/claims/{quiet.pk}/").json()["recheck"] is None


# PostgreSQL numbers a change when its transaction commits: these tests commit.
@pytest.mark.django_db(transaction=True)
def test_api_changes_feed_lists_creates_updates_and_deletions_in_order(reader):
    seen = _all_changes(reader, "/api/v1/changes/?page_size=500")
    claim = ClaimFactory()
    tracked = TrackedClaimFactory()
    # (No review event: SQLite's flush after a committing test cannot delete history.)
    Claim.objects.filter(pk=claim.pk).update(status=ClaimStatus.CONFIRMED)
    ids = {("claim", claim.pk), ("tracked_claim", tracked.pk)}
    claim.delete()
    tracked.delete()

    changes = _all_changes(reader, "/api/v1/changes/?page_size=2")[len(seen) :]
    mine = [
        (c["object_type"], c["operation"])
        for c in changes
        if (c["object_type"], c["object_id"]) in ids
    ]

    assert mine[0] == ("claim", "create")
    assert ("claim", "update") in mine
    assert mine[-2:] == [("claim", "delete"), ("tracked_claim", "delete")]
    positions = [c["position"] for c in changes]
    assert positions == sorted(set(positions))


# PostgreSQL numbers a change when its transaction commits: these tests commit.
@pytest.mark.django_db(transaction=True)
def test_api_changes_last_page_gives_the_cursor_to_come_back_with(reader):
    ClaimFactory.create_batch(3)
    first = reader.get("/api/v1/changes/?page_size=500").json()
    empty = reader.get(first["next"]).json()
    later = ClaimFactory()

    resumed = reader.get(empty["next"]).json()

    assert empty["results"] == [] and empty["next"]
    assert [(c["object_type"], c["object_id"]) for c in resumed["results"]] == [
        ("article", later.article_id),
        ("claim", later.pk),
    ]
    assert resumed["results"][0]["position"] > first["results"][-1]["position"]


def test_api_date_time_filter_with_an_extreme_offset_is_read_in_utc(reader):
    ClaimFactory()

    odd = reader.get("/api/v1/claims/?updated_since=0234-05-05T18:32:28-23:54")
    overflow = reader.get("/api/v1/claims/?updated_since=0001-01-01T00:00:00%2B23:00")

    assert odd.status_code == 200 and len(odd.json()["results"]) == 1
    assert overflow.status_code == 400 and "updated_since" in overflow.json()


def test_api_claims_source_filter_finds_the_resolved_source_too(reader):
    person = source_resolve(raw="Minister Ines Varga")
    by_pronoun = ClaimFactory(source="she", asserted_by=person)
    by_name = ClaimFactory(source="Ms Varga", asserted_by=person)
    other = ClaimFactory(source="the port authority")

    def ids(query):
        return {item["id"] for item in reader.get(f"/api/v1/claims/?{query}").json()["results"]}

    assert ids("source=varga") == {by_pronoun.pk, by_name.pk}
    assert ids(f"asserted_by={person.pk}") == {by_pronoun.pk, by_name.pk}
    assert ids("source=port") == {other.pk}
