"""The claim page: review forms, suggested links side by side, history; POSTs call services."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from claims.models import (
    ClaimLink,
    ClaimStatus,
    LinkRelation,
    LinkStatus,
    ReviewAction,
    ReviewEvent,
)
from claims.services import claim_review
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _review_url(claim, action):
    return reverse("admin:claims_claim_review", args=[claim.pk, action])


def _link_url(link, action):
    return reverse("admin:claims_claim_link_review", args=[link.claim_id, link.pk, action])


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_claim_page_shows_review_forms_and_suggested_links_side_by_side(
    editor_client, suggested_link
):
    page = editor_client.get(suggested_link.claim.get_admin_url()).content.decode()

    assert 'id="confirm-form"' in page and 'id="dispute-form"' in page
    assert 'id="reject-form"' in page and 'id="link-form"' in page
    assert 'name="expected_version" value="1"' in page
    assert "Earlier Times" in page  # the prior claim's outlet, beside this claim's
    assert suggested_link.other.statement in page
    assert _link_url(suggested_link, "accept") in page
    assert "admin/js/autocomplete.js" in page  # the link form's autocomplete widget


def test_claim_page_confirm(editor_client, editor, claim):
    response = editor_client.post(
        _review_url(claim, "confirm"), {"expected_version": 1, "reason": "Checked."}, follow=True
    )

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONFIRMED
    assert f"Claim #{claim.pk} confirmed." in _messages(response)
    assert response.redirect_chain[-1][0] == claim.get_admin_url()
    event = ReviewEvent.objects.get()
    assert (event.actor, event.reason) == (editor, "Checked.")


def test_claim_page_dispute_needs_a_reason(editor_client, claim):
    response = editor_client.post(
        _review_url(claim, "dispute"), {"expected_version": 1, "reason": ""}, follow=True
    )

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUGGESTED
    assert any("a reason is required" in m for m in _messages(response))


def test_claim_page_dispute_with_reason_and_evidence(editor_client, claim):
    other_article = ArticleFactory()

    editor_client.post(
        _review_url(claim, "dispute"),
        {
            "expected_version": 1,
            "reason": "State media denied it.",
            "evidence_urls": "https://example.org/a\n\nhttps://example.org/b",
            "evidence_articles": [other_article.pk],
        },
    )

    claim.refresh_from_db()
    event = ReviewEvent.objects.get()
    assert claim.status == ClaimStatus.DISPUTED
    assert [item.get("url") or item["article_id"] for item in event.evidence] == [
        "https://example.org/a",
        "https://example.org/b",
        other_article.pk,
    ]


def test_claim_page_reject_reopen_and_edit_statement(editor_client, claim):
    editor_client.post(
        _review_url(claim, "reject"), {"expected_version": 1, "rejection": "not_a_claim"}
    )
    editor_client.post(
        _review_url(claim, "reopen"), {"expected_version": 2, "reason": "Too fast."}
    )
    editor_client.post(_review_url(claim, "confirm"), {"expected_version": 3})
    editor_client.post(
        _review_url(claim, "edit"),
        {
            "expected_version": 4,
            "statement": "Rebels neared Hama.",
            "kind": claim.kind,
            "source": claim.source,
        },
    )

    claim.refresh_from_db()
    assert (claim.status, claim.statement, claim.version) == (
        "confirmed",
        "Rebels neared Hama.",
        5,
    )
    assert list(ReviewEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "claim.reject",
        "claim.reopen",
        "claim.confirm",
        "claim.edit",
    ]


def test_claim_page_refused_action_explains_why(editor_client, claim):
    claim.status = ClaimStatus.CONFIRMED
    claim.save()

    response = editor_client.post(
        _review_url(claim, "reject"),
        {"expected_version": 1, "rejection": "not_a_claim"},
        follow=True,
    )

    assert any("reopen it first" in m for m in _messages(response))
    assert not ReviewEvent.objects.exists()


def test_claim_page_stale_version_is_refused_and_keeps_the_typed_text(
    editor_client, second_editor, claim
):
    claim_review.claim_confirm(claim=claim, actor=second_editor, expected_version=1)

    response = editor_client.post(
        _review_url(claim, "dispute"),
        {"expected_version": 1, "reason": "The figure is from another day."},
        follow=True,
    )

    [message] = _messages(response)
    assert "changed by bob" in message and "reload to see the current state" in message
    assert "The figure is from another day." in message
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONFIRMED
    # The page it returns to shows the current state and version.
    assert 'data-version="2"' in response.content.decode()


def test_claim_page_manual_link_by_autocomplete_choice(editor_client, claim, prior_claim):
    editor_client.post(
        _review_url(claim, "link"),
        {
            "expected_version": 1,
            "other": prior_claim.pk,
            "relation": LinkRelation.SAME,
            "reason": "",
        },
    )

    link = ClaimLink.objects.get()
    assert (link.claim, link.other, link.method, link.status) == (
        claim,
        prior_claim,
        "manual",
        "accepted",
    )


def test_autocomplete_finds_claims_to_link_but_not_rejected_ones(editor_client, prior_claim):
    rejected = prior_claim.__class__.objects.get(pk=prior_claim.pk)
    rejected.pk = None
    rejected.status = ClaimStatus.REJECTED
    rejected.save()

    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Rebels",
            "app_label": "claims",
            "model_name": "claimlink",
            "field_name": "other",
        },
    )

    ids = [int(item["id"]) for item in response.json()["results"]]
    assert ids == [prior_claim.pk]


def test_claim_page_accept_reject_and_unlink_links(editor_client, suggested_link, prior_claim):
    claim = suggested_link.claim

    editor_client.post(_link_url(suggested_link, "accept"), {"expected_version": 1})
    suggested_link.refresh_from_db()
    claim.refresh_from_db()
    assert suggested_link.status == LinkStatus.ACCEPTED
    assert claim.tracked_claim_id is not None

    response = editor_client.post(
        _link_url(suggested_link, "unlink"),
        {"expected_version": claim.version, "reason": ""},
        follow=True,
    )
    assert any("a reason is required" in m for m in _messages(response))

    editor_client.post(
        _link_url(suggested_link, "unlink"),
        {"expected_version": claim.version, "reason": "Not same."},
    )
    assert not ClaimLink.objects.exists()
    assert ReviewEvent.objects.filter(action=ReviewAction.LINK_UNLINK).exists()


def test_claim_page_accept_with_another_relation(editor_client, suggested_link):
    editor_client.post(
        _link_url(suggested_link, "accept"), {"expected_version": 1, "relation": "updates"}
    )

    suggested_link.refresh_from_db()
    assert (suggested_link.status, suggested_link.relation) == ("accepted", "updates")


def test_claim_page_reject_link(editor_client, suggested_link):
    response = editor_client.post(
        _link_url(suggested_link, "reject"), {"expected_version": 1}, follow=True
    )

    suggested_link.refresh_from_db()
    assert suggested_link.status == LinkStatus.REJECTED
    assert any("rejected" in m for m in _messages(response))


def test_review_urls_accept_only_post(editor_client, claim):
    assert editor_client.get(_review_url(claim, "confirm")).status_code == 405


def test_review_redirects_only_to_this_site(editor_client, claim):
    article_url = claim.article.get_admin_url()
    response = editor_client.post(
        _review_url(claim, "confirm"), {"expected_version": 1, "next": "https://evil.example/"}
    )
    assert response.url == claim.get_admin_url()

    claim.refresh_from_db()
    response = editor_client.post(
        _review_url(claim, "dispute"), {"expected_version": 2, "reason": "x", "next": article_url}
    )
    assert response.url == article_url


def test_claim_page_shows_history_with_reason(editor_client, editor, claim):
    claim_review.claim_dispute(
        claim=claim, actor=editor, expected_version=1, reason="<b>Denied</b>"
    )

    page = editor_client.get(claim.get_admin_url()).content.decode()

    assert "claim.dispute" in page
    assert "&lt;b&gt;Denied&lt;/b&gt;" in page
    history = editor_client.get(reverse("admin:claims_claim_history", args=[claim.pk]))
    assert history.status_code == 200
    assert "&lt;b&gt;Denied&lt;/b&gt;" in history.content.decode()


def test_claim_page_shows_why_a_link_was_suggested(editor_client, claim, prior_claim):
    from tests.claims.factories import ClaimLinkFactory

    link = ClaimLinkFactory(
        claim=claim,
        other=prior_claim,
        relation=LinkRelation.UPDATES,
        reasons={
            "similarity": 0.84,
            "shared_entities": ["Valdora"],
            "figures": {"measure": "arrests (people)", "this": "40 people", "other": "12"},
        },
    )

    page = editor_client.get(link.claim.get_admin_url()).content.decode()

    assert "different figure for arrests (people): 40 people vs 12" in page
    assert "names in common: Valdora" in page


@pytest.mark.parametrize(
    ("date_source", "shown", "not_shown"),
    [
        ("text", ", 2024-12-03", "no date stated"),
        ("import_time", "no date stated (imported 2024-12-03)", ", 2024-12-03<"),
    ],
)
def test_claim_page_says_when_a_prior_claims_date_is_only_the_import_date(
    editor_client, suggested_link, date_source, shown, not_shown
):
    article = suggested_link.other.article
    article.published_at = datetime.date(2024, 12, 3)
    article.published_date_source = date_source
    article.save()

    page = editor_client.get(suggested_link.claim.get_admin_url()).content.decode()

    assert shown in page
    assert not_shown not in page
