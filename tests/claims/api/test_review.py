"""Review over the API: the admin's services, rules and history."""

import pytest
from django.urls import reverse

from claims.models import ClaimStatus, LinkStatus, ReviewEvent
from claims.services import claim_review as review
from tests.claims.admin.test_review_parity import _events, _last_id
from tests.claims.factories import ClaimFactory, ClaimLinkFactory
from tests.claims.review_fixtures import make_staff

pytestmark = pytest.mark.django_db


def test_api_confirm_decides_the_claim_and_records_who(reviewer):
    claim = ClaimFactory()

    response = reviewer.post(
        f"/api/v1/claims/{claim.pk}/confirm/",
        {"expected_version": 1, "reason": "Matches the wire report."},
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "confirmed" and response.json()["version"] == 2
    event = ReviewEvent.objects.get(claim=claim)
    assert event.actor.username == "robin" and event.reason == "Matches the wire report."


def test_api_stale_version_is_a_409_naming_who_changed_it(reviewer, django_user_model):
    claim = ClaimFactory()
    other = django_user_model.objects.create_user("olga")
    review.claim_confirm(claim=claim, actor=other, expected_version=1)

    response = reviewer.post(
        f"/api/v1/claims/{claim.pk}/dispute/",
        {"expected_version": 1, "reason": "Denied."},
        format="json",
    )

    assert response.status_code == 409
    assert "olga" in response.json()["detail"] and response.json()["version"] == 2


def test_api_refused_transition_is_a_400_saying_why(reviewer):
    claim = ClaimFactory()

    response = reviewer.post(
        f"/api/v1/claims/{claim.pk}/reopen/",
        {"expected_version": 1, "reason": "Try."},
        format="json",
    )

    assert response.status_code == 400
    assert "nothing to reopen" in response.json()["detail"]


def test_api_dispute_needs_a_reason(reviewer):
    claim = ClaimFactory()

    response = reviewer.post(
        f"/api/v1/claims/{claim.pk}/dispute/", {"expected_version": 1}, format="json"
    )

    assert response.status_code == 400 and "reason" in response.json()


def test_api_links_accept_and_reject(reviewer):
    accepted, rejected = ClaimLinkFactory(), ClaimLinkFactory()

    ok = reviewer.post(
        f"/api/v1/links/{accepted.pk}/accept/",
        {"expected_version": 1, "relation": "supports"},
        format="json",
    )
    no = reviewer.post(
        f"/api/v1/links/{rejected.pk}/reject/", {"expected_version": 1}, format="json"
    )

    assert ok.status_code == 200 and ok.json()["status"] == LinkStatus.ACCEPTED
    assert ok.json()["relation"] == "supports" and ok.json()["decided_by"] == "robin"
    assert no.status_code == 200 and no.json()["status"] == LinkStatus.REJECTED


def test_api_link_by_hand_creates_an_accepted_link(reviewer):
    claim, prior = ClaimFactory(), ClaimFactory()

    response = reviewer.post(
        f"/api/v1/claims/{claim.pk}/link/",
        {"expected_version": 1, "other": prior.pk, "relation": "same"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["other"] == prior.pk
    claim.refresh_from_db()
    assert claim.tracked_claim_id is not None


def test_api_recheck_set_and_clear(reviewer):
    claim = ClaimFactory(status=ClaimStatus.CONFIRMED)
    url = f"/api/v1/claims/{claim.pk}/recheck/"

    set_ = reviewer.post(url, {"next_recheck_at": "2030-01-02T03:04:05Z"}, format="json")
    cleared = reviewer.post(url, {"next_recheck_at": None}, format="json")

    assert set_.status_code == 200
    assert set_.json()["recheck"]["next_recheck_at"].startswith("2030-01-02T03:04:05")
    assert cleared.status_code == 200 and cleared.json()["recheck"]["next_recheck_at"] is None


def _same_actor(value):
    """The two doors act as two users: compare everything but which one."""
    if isinstance(value, dict):
        return {
            k: "someone" if k in ("actor", "decided_by_id") and v else _same_actor(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_same_actor(item) for item in value]
    return value


def test_api_and_admin_write_identical_review_events(reviewer, django_user_model, review_groups):
    """The same decisions from the admin's forms and from the API record the same history."""
    admin_user = make_staff(django_user_model, "robin-admin", review_groups["Reviewer"])
    django_user_model.objects.filter(pk=reviewer.user.pk).update(username="robin-admin-api")
    from django.test import Client

    admin = Client()
    admin.force_login(admin_user)
    decisions = [
        (
            "dispute",
            {"reason": "Denied by state media."},
            {"evidence_urls": ["https://example.org/d"]},
        ),
        ("reject", {"rejection": "not_a_claim", "reason": "An opinion."}, {}),
        ("confirm", {"reason": "Seen on the wire."}, {}),
    ]
    recorded = {}
    for door in ("admin", "api"):
        since = _last_id()
        for action, data, evidence in decisions:
            claim = ClaimFactory(statement="The bridge was closed.")
            if door == "admin":
                form = {**data, "version": 1, "expected_version": 1}
                form.update({k: "\n".join(v) for k, v in evidence.items()})
                admin.post(reverse("admin:claims_claim_review", args=[claim.pk, action]), form)
            else:
                response = reviewer.post(
                    f"/api/v1/claims/{claim.pk}/{action}/",
                    {**data, **evidence, "expected_version": 1},
                    format="json",
                )
                assert response.status_code == 200, response.json()
        link = ClaimLinkFactory(claim__statement="A.", other__statement="B.")
        if door == "admin":
            admin.post(
                reverse("admin:claims_claim_link_review", args=[link.claim_id, link.pk, "accept"]),
                {"version": 1, "expected_version": 1, "relation": "", "reason": "Same report."},
            )
        else:
            reviewer.post(
                f"/api/v1/links/{link.pk}/accept/",
                {"expected_version": 1, "reason": "Same report."},
                format="json",
            )
        recorded[door] = _same_actor(_events(since))

    assert len(recorded["admin"]) >= 4
    assert recorded["api"] == recorded["admin"]


def test_api_edit_corrects_a_suggestion_before_it_is_decided(reviewer):
    claim = ClaimFactory(statement="He said the bridge was closed.", kind="event")

    response = reviewer.post(
        f"/api/v1/claims/{claim.pk}/edit/",
        {
            "expected_version": 1,
            "statement": "The mayor said the bridge was closed on Monday.",
            "source": "the mayor",
            "reason": "Named the speaker.",
        },
        format="json",
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == ClaimStatus.SUGGESTED and body["version"] == 2
    assert body["statement"] == "The mayor said the bridge was closed on Monday."
    assert body["kind"] == "event" and body["source"] == "the mayor"
    event = ReviewEvent.objects.get(claim=claim)
    assert event.action == "claim.edit" and event.reason == "Named the speaker."
