"""The review actions' table: every action a status allows has a service, run by verb."""

import pytest

from claims.models import (
    CLAIM_STATUS_ACTIONS,
    LINK_STATUS_ACTIONS,
    ClaimStatus,
    LinkStatus,
    ReviewAction,
)
from claims.services.review_actions import (
    REVIEW_ACTIONS,
    review_action_by_verb,
    review_action_take,
)
from tests.claims.factories import ClaimFactory, ClaimLinkFactory

ALLOWED = set().union(*CLAIM_STATUS_ACTIONS.values(), *LINK_STATUS_ACTIONS.values())


def test_review_actions_cover_every_action_a_status_allows():
    assert set(REVIEW_ACTIONS) >= ALLOWED


def test_review_action_by_verb_tells_claims_from_links():
    assert review_action_by_verb(subject="claim", verb="reject") == ReviewAction.CLAIM_REJECT
    assert review_action_by_verb(subject="link", verb="reject") == ReviewAction.LINK_REJECT
    assert review_action_by_verb(subject="link", verb="confirm") is None


@pytest.mark.django_db
def test_review_action_take_runs_the_service_and_says_what_it_did(editor):
    link = ClaimLinkFactory()

    done = review_action_take(
        action=ReviewAction.LINK_REJECT, target=link, actor=editor, expected_version=1, reason=""
    )

    link.refresh_from_db()
    assert link.status == LinkStatus.REJECTED
    assert done == f"Link from claim #{link.claim_id} to #{link.other_id} rejected."


@pytest.mark.django_db
def test_review_action_take_on_a_claim(editor):
    claim = ClaimFactory()

    done = review_action_take(
        action=ReviewAction.CLAIM_CONFIRM, target=claim, actor=editor, expected_version=1
    )

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONFIRMED
    assert done == f"Claim #{claim.pk} confirmed."
