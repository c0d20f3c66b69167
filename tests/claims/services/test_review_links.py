"""Linking by hand, accepting and rejecting suggestions, unlinking; tracked claims follow."""

import pytest

from articles.errors import ApplicationError
from claims.models import (
    ClaimLink,
    ClaimStatus,
    LinkRelation,
    LinkStatus,
    ReviewAction,
    ReviewEvent,
    TrackedClaim,
)
from claims.services import link_review
from tests.claims.factories import ClaimFactory, ClaimLinkFactory, TrackedClaimFactory

pytestmark = pytest.mark.django_db


def _actions() -> list[str]:
    return list(ReviewEvent.objects.order_by("id").values_list("action", flat=True))


def test_claim_link_create_same_makes_a_tracked_claim(editor, claim, prior_claim):
    link = link_review.claim_link_create(
        claim=claim,
        other=prior_claim,
        relation=LinkRelation.SAME,
        actor=editor,
        expected_version=1,
        reason="Same advance.",
    )

    claim.refresh_from_db()
    prior_claim.refresh_from_db()
    assert (link.method, link.status, link.decided_by) == ("manual", "accepted", editor)
    assert link.decided_at is not None
    assert claim.tracked_claim_id is not None
    assert claim.tracked_claim_id == prior_claim.tracked_claim_id
    assert claim.tracked_claim.statement == prior_claim.statement
    assert _actions() == [ReviewAction.LINK_CREATE, ReviewAction.TRACKED_CLAIM_CREATE]
    event = ReviewEvent.objects.get(action=ReviewAction.LINK_CREATE)
    assert event.link == link and event.reason == "Same advance."
    assert event.data["after"]["status"] == "accepted"
    assert link.history.first().history_user == editor


def test_claim_link_create_other_relation_tracks_nothing(editor, claim, prior_claim):
    link_review.claim_link_create(
        claim=claim,
        other=prior_claim,
        relation=LinkRelation.CONTRADICTS,
        actor=editor,
        expected_version=1,
    )

    claim.refresh_from_db()
    assert claim.tracked_claim is None
    assert not TrackedClaim.objects.exists()
    assert claim.version == 2


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("self", "cannot be linked to itself"),
        ("rejected", "reopen it before linking"),
        ("accepted", "already linked"),
        ("suggested", "already suggests"),
        ("reverse_suggested", "already suggests"),
        ("bad_relation", "not a kind of link"),
    ],
)
def test_claim_link_create_refusals(editor, claim, prior_claim, setup, message):
    relation, other = LinkRelation.SAME, prior_claim
    if setup == "self":
        other = claim
    elif setup == "rejected":
        prior_claim.status = ClaimStatus.REJECTED
        prior_claim.save()
    elif setup == "accepted":
        ClaimLinkFactory(claim=claim, other=prior_claim, status=LinkStatus.ACCEPTED)
    elif setup == "suggested":
        ClaimLinkFactory(claim=claim, other=prior_claim)
    elif setup == "reverse_suggested":
        ClaimLinkFactory(claim=prior_claim, other=claim)
    elif setup == "bad_relation":
        relation = "cousin"

    with pytest.raises(ApplicationError, match=message):
        link_review.claim_link_create(
            claim=claim, other=other, relation=relation, actor=editor, expected_version=1
        )
    assert not ReviewEvent.objects.exists()


def test_claim_link_create_redecides_a_rejected_suggestion(editor, claim, prior_claim):
    rejected = ClaimLinkFactory(
        claim=claim, other=prior_claim, status=LinkStatus.REJECTED, relation=LinkRelation.SAME
    )

    link = link_review.claim_link_create(
        claim=claim,
        other=prior_claim,
        relation=LinkRelation.UPDATES,
        actor=editor,
        expected_version=1,
    )

    assert link.pk == rejected.pk
    assert (link.status, link.relation, link.method) == ("accepted", "updates", "manual")
    event = ReviewEvent.objects.get()
    assert event.data["before"]["status"] == "rejected"


def test_claim_link_accept_same_creates_tracked_claim(editor, suggested_link):
    link = link_review.claim_link_accept(link=suggested_link, actor=editor, expected_version=1)

    assert (link.status, link.decided_by) == (LinkStatus.ACCEPTED, editor)
    claim, prior = link.claim, link.other
    prior.refresh_from_db()
    assert claim.tracked_claim_id == prior.tracked_claim_id is not None
    assert _actions() == [ReviewAction.LINK_ACCEPT, ReviewAction.TRACKED_CLAIM_CREATE]


def test_claim_link_accept_joins_an_existing_tracked_claim(editor, suggested_link):
    tracked = TrackedClaimFactory()
    prior = suggested_link.other
    prior.tracked_claim = tracked
    prior.save()

    link = link_review.claim_link_accept(link=suggested_link, actor=editor, expected_version=1)

    assert link.claim.tracked_claim_id == tracked.pk
    assert _actions() == [ReviewAction.LINK_ACCEPT, ReviewAction.TRACKED_CLAIM_JOIN]


def test_claim_link_accept_merges_two_tracked_claims(editor, suggested_link):
    older, newer = TrackedClaimFactory(), TrackedClaimFactory()
    bystander = ClaimFactory(tracked_claim=newer)
    claim, prior = suggested_link.claim, suggested_link.other
    prior.tracked_claim = older
    prior.save()
    claim.tracked_claim = newer
    claim.save()

    link_review.claim_link_accept(link=suggested_link, actor=editor, expected_version=1)

    bystander.refresh_from_db()
    claim.refresh_from_db()
    assert claim.tracked_claim_id == bystander.tracked_claim_id == older.pk
    assert not TrackedClaim.objects.filter(pk=newer.pk).exists()
    merge = ReviewEvent.objects.get(action=ReviewAction.TRACKED_CLAIM_MERGE)
    assert merge.data["merged"]["id"] == newer.pk
    assert sorted(merge.data["claim_ids"]) == sorted([claim.pk, bystander.pk])
    assert bystander.history.first().history_user == editor


def test_claim_link_accept_can_correct_the_relation(editor, suggested_link):
    link = link_review.claim_link_accept(
        link=suggested_link, actor=editor, expected_version=1, relation=LinkRelation.UPDATES
    )

    assert link.relation == LinkRelation.UPDATES
    assert not TrackedClaim.objects.exists()
    event = ReviewEvent.objects.get()
    assert event.data["before"]["relation"] == "same"
    assert event.data["after"]["relation"] == "updates"


def test_claim_link_accept_refuses_a_decided_link_and_names_who(
    editor, second_editor, suggested_link
):
    link_review.claim_link_reject(link=suggested_link, actor=second_editor, expected_version=1)

    with pytest.raises(ApplicationError, match="already rejected \\(by bob at"):
        link_review.claim_link_accept(link=suggested_link, actor=editor, expected_version=None)


def test_claim_link_accept_refuses_a_rejected_claim(editor, suggested_link):
    prior = suggested_link.other
    prior.status = ClaimStatus.REJECTED
    prior.save()

    with pytest.raises(ApplicationError, match="reopen it before linking"):
        link_review.claim_link_accept(link=suggested_link, actor=editor, expected_version=1)


def test_claim_link_reject_records_the_decision(editor, suggested_link):
    link = link_review.claim_link_reject(
        link=suggested_link, actor=editor, expected_version=1, reason="Different town."
    )

    assert (link.status, link.decided_by) == (LinkStatus.REJECTED, editor)
    event = ReviewEvent.objects.get()
    assert (event.action, event.reason, event.link) == (
        ReviewAction.LINK_REJECT,
        "Different town.",
        link,
    )
    assert not TrackedClaim.objects.exists()


def test_claim_link_unlink_requires_a_reason(editor, suggested_link):
    link_review.claim_link_accept(link=suggested_link, actor=editor, expected_version=1)

    with pytest.raises(ApplicationError, match="reason is required"):
        link_review.claim_link_unlink(
            link=suggested_link, actor=editor, expected_version=None, reason=""
        )


def test_claim_link_unlink_refuses_a_suggestion(editor, suggested_link):
    with pytest.raises(ApplicationError, match="reject it instead"):
        link_review.claim_link_unlink(
            link=suggested_link, actor=editor, expected_version=1, reason="no"
        )


def test_claim_link_unlink_keeps_the_record_and_dissolves_a_pair(editor, suggested_link):
    link_review.claim_link_accept(link=suggested_link, actor=editor, expected_version=1)
    claim = suggested_link.claim
    claim.refresh_from_db()
    tracked_id = claim.tracked_claim_id

    link_review.claim_link_unlink(
        link=suggested_link, actor=editor, expected_version=claim.version, reason="Mistake."
    )

    claim.refresh_from_db()
    assert not ClaimLink.objects.exists()
    assert claim.tracked_claim is None
    assert not TrackedClaim.objects.filter(pk=tracked_id).exists()
    accept = ReviewEvent.objects.get(action=ReviewAction.LINK_ACCEPT)
    assert accept.link is None  # the row is gone; the event and its ids stay
    assert accept.data["link_id"] == suggested_link.pk
    unlink = ReviewEvent.objects.get(action=ReviewAction.LINK_UNLINK)
    assert unlink.reason == "Mistake."
    assert unlink.data["before"]["status"] == "accepted" and unlink.data["after"] is None
    assert {ReviewAction.TRACKED_CLAIM_LEAVE, ReviewAction.TRACKED_CLAIM_DISSOLVE} <= set(
        _actions()
    )
    deleted = ClaimLink.history.filter(id=suggested_link.pk, history_type="-").get()
    assert deleted.history_user == editor


def test_claim_link_unlink_keeps_claims_still_joined_by_another_link(editor, claim, prior_claim):
    third = ClaimFactory()
    first = link_review.claim_link_create(
        claim=claim, other=prior_claim, relation="same", actor=editor, expected_version=None
    )
    link_review.claim_link_create(
        claim=third, other=prior_claim, relation="same", actor=editor, expected_version=None
    )

    link_review.claim_link_unlink(
        link=first, actor=editor, expected_version=None, reason="Not same."
    )

    claim.refresh_from_db()
    prior_claim.refresh_from_db()
    third.refresh_from_db()
    assert claim.tracked_claim is None
    assert prior_claim.tracked_claim_id == third.tracked_claim_id is not None
