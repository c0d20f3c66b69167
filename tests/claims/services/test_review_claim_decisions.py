"""Confirm, dispute, reject, reopen and edit-statement: rules, history and messages."""

import pytest

from articles.errors import ApplicationError
from claims.models import (
    CLAIM_STATUS_TRANSITIONS,
    ClaimStatus,
    LinkStatus,
    Rejection,
    ReviewAction,
    ReviewEvent,
)
from claims.services import claim_review
from claims.services.review_actions import review_verbs_allowed
from tests.articles.factories import ArticleFactory
from tests.claims.factories import ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db

ACTIONS = {
    # action -> (target status, call)
    "confirm": (
        ClaimStatus.CONFIRMED,
        lambda claim, actor: claim_review.claim_confirm(
            claim=claim, actor=actor, expected_version=None
        ),
    ),
    "dispute": (
        ClaimStatus.DISPUTED,
        lambda claim, actor: claim_review.claim_dispute(
            claim=claim, actor=actor, expected_version=None, reason="Other reports differ."
        ),
    ),
    "reject": (
        ClaimStatus.REJECTED,
        lambda claim, actor: claim_review.claim_reject(
            claim=claim, actor=actor, expected_version=None, rejection=Rejection.NOT_A_CLAIM
        ),
    ),
    "reopen": (
        ClaimStatus.SUGGESTED,
        lambda claim, actor: claim_review.claim_reopen(
            claim=claim, actor=actor, expected_version=None, reason="Decided too early."
        ),
    ),
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("from_status", ClaimStatus.values)
def test_claim_review_follows_declared_transitions(editor, action, from_status):
    claim = ClaimFactory(status=from_status)
    to_status, call = ACTIONS[action]

    if to_status in CLAIM_STATUS_TRANSITIONS[from_status]:
        result = call(claim, editor)
        assert result.status == to_status
        assert result.version == 2
        event = ReviewEvent.objects.get(claim=claim)
        assert (event.action, event.from_status, event.to_status) == (
            f"claim.{action}",
            from_status,
            to_status,
        )
    else:
        with pytest.raises(ApplicationError) as refused:
            call(claim, editor)
        claim.refresh_from_db()
        assert claim.status == from_status
        assert claim.version == 1
        assert not ReviewEvent.objects.exists()
        assert f"Claim #{claim.pk}" in refused.value.message


def test_claim_confirm_records_actor_time_before_after(editor, claim):
    confirmed = claim_review.claim_confirm(
        claim=claim, actor=editor, expected_version=1, reason="Matches the monitor's report."
    )

    event = ReviewEvent.objects.get()
    assert confirmed.status == ClaimStatus.CONFIRMED
    assert event.action == ReviewAction.CLAIM_CONFIRM
    assert event.actor == editor
    assert event.created_at is not None
    assert event.claim == claim
    assert event.article_id == claim.article_id
    assert event.reason == "Matches the monitor's report."
    assert event.data["before"] == {
        "status": "suggested",
        "statement": claim.statement,
        "version": 1,
        "tracked_claim_id": None,
    }
    assert event.data["after"]["status"] == "confirmed"
    assert event.data["after"]["version"] == 2


def test_claim_confirm_keeps_simple_history_with_user_and_reason(editor, claim):
    claim_review.claim_confirm(claim=claim, actor=editor, expected_version=1, reason="Checked.")

    latest = claim.history.first()
    assert latest.history_user == editor
    assert latest.history_change_reason == "Checked."
    assert latest.status == ClaimStatus.CONFIRMED


def test_claim_dispute_requires_a_reason(editor, claim):
    with pytest.raises(ApplicationError, match="reason is required"):
        claim_review.claim_dispute(claim=claim, actor=editor, expected_version=1, reason="  ")

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUGGESTED
    assert not ReviewEvent.objects.exists()


def test_claim_dispute_records_reason_and_evidence(editor, claim):
    source = ArticleFactory(key="state-media-denial", title="State media denies")

    claim_review.claim_dispute(
        claim=claim,
        actor=editor,
        expected_version=1,
        reason="State media denied it.",
        evidence_urls=["https://example.org/report", " "],
        evidence_articles=[source],
    )

    event = ReviewEvent.objects.get()
    assert event.reason == "State media denied it."
    assert event.evidence == [
        {"type": "url", "url": "https://example.org/report"},
        {
            "type": "article",
            "article_id": source.pk,
            "key": "state-media-denial",
            "title": "State media denies",
        },
    ]


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "not a url", "ftp://example.org/x"])
def test_claim_dispute_refuses_evidence_that_is_not_a_web_address(editor, claim, bad):
    with pytest.raises(ApplicationError, match="not a web address"):
        claim_review.claim_dispute(
            claim=claim, actor=editor, expected_version=1, reason="x", evidence_urls=[bad]
        )
    assert not ReviewEvent.objects.exists()


@pytest.mark.parametrize("rejection", Rejection.values)
def test_claim_reject_records_which_kind_of_rejection(editor, claim, rejection):
    claim_review.claim_reject(claim=claim, actor=editor, expected_version=1, rejection=rejection)

    event = ReviewEvent.objects.get()
    assert event.action == ReviewAction.CLAIM_REJECT
    assert event.rejection == rejection


def test_claim_reject_requires_a_known_rejection(editor, claim):
    with pytest.raises(ApplicationError, match="Not a claim"):
        claim_review.claim_reject(claim=claim, actor=editor, expected_version=1, rejection="meh")


def test_claim_reject_refuses_a_claim_with_an_accepted_link(editor, claim, prior_claim):
    ClaimLinkFactory(claim=claim, other=prior_claim, status=LinkStatus.ACCEPTED)

    with pytest.raises(ApplicationError, match=f"linked to claim #{prior_claim.pk}.*unlink"):
        claim_review.claim_reject(
            claim=claim, actor=editor, expected_version=1, rejection=Rejection.NOT_A_CLAIM
        )


def test_claim_confirm_refusal_says_who_decided_before(editor, second_editor, claim):
    claim_review.claim_dispute(claim=claim, actor=second_editor, expected_version=1, reason="No.")

    with pytest.raises(ApplicationError) as refused:
        claim_review.claim_dispute(
            claim=claim, actor=editor, expected_version=None, reason="Also no."
        )

    assert "already disputed (by bob at" in refused.value.message


def test_claim_reject_from_confirmed_says_reopen_first(editor):
    claim = ClaimFactory(status=ClaimStatus.CONFIRMED)

    with pytest.raises(ApplicationError, match="reopen it first"):
        claim_review.claim_reject(
            claim=claim, actor=editor, expected_version=None, rejection=Rejection.NOT_A_CLAIM
        )


def test_claim_reopen_requires_a_reason(editor):
    claim = ClaimFactory(status=ClaimStatus.REJECTED)

    with pytest.raises(ApplicationError, match="reason is required"):
        claim_review.claim_reopen(claim=claim, actor=editor, expected_version=None, reason="")


def test_claim_reopen_of_a_suggestion_says_nothing_to_reopen(editor, claim):
    with pytest.raises(ApplicationError, match="nothing to reopen"):
        claim_review.claim_reopen(claim=claim, actor=editor, expected_version=None, reason="why")


def test_claim_edit_statement_records_before_and_after(editor):
    claim = ClaimFactory(status=ClaimStatus.CONFIRMED, statement="Old words.")

    edited = claim_review.claim_edit_statement(
        claim=claim, actor=editor, expected_version=1, statement="  New words.  ", reason="Typo"
    )

    event = ReviewEvent.objects.get()
    assert edited.statement == "New words."
    assert edited.version == 2
    assert event.action == ReviewAction.CLAIM_EDIT_STATEMENT
    assert event.data["before"]["statement"] == "Old words."
    assert event.data["after"]["statement"] == "New words."
    assert (event.from_status, event.to_status) == ("confirmed", "confirmed")
    assert claim.history.first().history_change_reason == "Typo"


@pytest.mark.parametrize(
    ("status", "statement", "message"),
    [
        (ClaimStatus.SUGGESTED, "New.", "still a suggestion"),
        (ClaimStatus.REJECTED, "New.", "reopen it"),
        (ClaimStatus.CONFIRMED, "   ", "cannot be empty"),
        (ClaimStatus.CONFIRMED, "Same.", "unchanged"),
    ],
)
def test_claim_edit_statement_refusals(editor, status, statement, message):
    claim = ClaimFactory(status=status, statement="Same.")

    with pytest.raises(ApplicationError, match=message):
        claim_review.claim_edit_statement(
            claim=claim, actor=editor, expected_version=1, statement=statement
        )
    assert not ReviewEvent.objects.exists()


def test_claim_bulk_confirm_decides_suggestions_and_reports_the_rest(editor):
    suggested = ClaimFactory.create_batch(2)
    disputed = ClaimFactory(status=ClaimStatus.DISPUTED)

    outcome = claim_review.claim_bulk_confirm(claims=[*suggested, disputed], actor=editor)

    assert [c.pk for c in outcome.done] == [c.pk for c in suggested]
    [(refused, message)] = outcome.refused
    assert refused.pk == disputed.pk
    assert "already disputed" in message and "open it" in message
    disputed.refresh_from_db()
    assert disputed.status == ClaimStatus.DISPUTED
    assert ReviewEvent.objects.filter(action=ReviewAction.CLAIM_CONFIRM).count() == 2


def test_claim_bulk_reject_records_the_rejection_on_each(editor):
    claims = ClaimFactory.create_batch(3)

    outcome = claim_review.claim_bulk_reject(
        claims=claims, actor=editor, rejection=Rejection.WRONGLY_EXTRACTED
    )

    assert len(outcome.done) == 3 and outcome.refused == []
    assert set(ReviewEvent.objects.values_list("rejection", flat=True)) == {
        Rejection.WRONGLY_EXTRACTED
    }


def test_review_verbs_allowed_follow_the_claim_status():
    assert review_verbs_allowed(target=ClaimFactory.build()) == {
        "confirm",
        "dispute",
        "reject",
        "link",
    }
    assert review_verbs_allowed(target=ClaimFactory.build(status=ClaimStatus.CONFIRMED)) == {
        "dispute",
        "reopen",
        "edit-statement",
        "link",
    }
    assert review_verbs_allowed(target=ClaimFactory.build(status=ClaimStatus.REJECTED)) == {
        "reopen"
    }


def test_claim_status_transitions_are_those_its_actions_lead_to():
    assert {
        ClaimStatus.SUGGESTED: {ClaimStatus.CONFIRMED, ClaimStatus.DISPUTED, ClaimStatus.REJECTED},
        ClaimStatus.CONFIRMED: {ClaimStatus.SUGGESTED, ClaimStatus.DISPUTED},
        ClaimStatus.DISPUTED: {ClaimStatus.SUGGESTED, ClaimStatus.CONFIRMED},
        ClaimStatus.REJECTED: {ClaimStatus.SUGGESTED},
    } == CLAIM_STATUS_TRANSITIONS
