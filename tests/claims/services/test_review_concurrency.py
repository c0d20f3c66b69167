"""Two editors on the same claim never silently overwrite each other."""

import pytest

from articles.errors import ConcurrentChange
from claims.models import Claim, ClaimStatus, LinkRelation, Rejection, ReviewEvent
from claims.services import claim_review, link_review
from tests.claims.factories import ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db


def test_second_editor_is_refused_and_told_who_changed_it(editor, second_editor, claim):
    # Both open the claim at version 1.
    seen_by_edna = Claim.objects.get(pk=claim.pk)
    seen_by_bob = Claim.objects.get(pk=claim.pk)
    claim_review.claim_confirm(
        claim=seen_by_edna, actor=editor, expected_version=seen_by_edna.version
    )

    with pytest.raises(ConcurrentChange) as refused:
        claim_review.claim_dispute(
            claim=seen_by_bob,
            actor=second_editor,
            expected_version=seen_by_bob.version,
            reason="I think it is wrong.",
        )

    message = refused.value.message
    assert f"Claim #{claim.pk} was changed by edna at " in message
    assert "since you opened it: reload to see the current state" in message
    assert refused.value.extra == {"version": 2}
    claim.refresh_from_db()
    assert (claim.status, claim.version) == (ClaimStatus.CONFIRMED, 2)
    assert ReviewEvent.objects.count() == 1

    # After reloading, Bob sees the confirmation and can still dispute it, deliberately.
    reloaded = Claim.objects.get(pk=claim.pk)
    disputed = claim_review.claim_dispute(
        claim=reloaded, actor=second_editor, expected_version=reloaded.version, reason="Wrong."
    )
    assert (disputed.status, disputed.version) == (ClaimStatus.DISPUTED, 3)


CALLS = {
    "confirm": lambda c, u, v: claim_review.claim_confirm(claim=c, actor=u, expected_version=v),
    "dispute": lambda c, u, v: claim_review.claim_dispute(
        claim=c, actor=u, expected_version=v, reason="r"
    ),
    "reject": lambda c, u, v: claim_review.claim_reject(
        claim=c, actor=u, expected_version=v, rejection=Rejection.NOT_A_CLAIM
    ),
    "reopen": lambda c, u, v: claim_review.claim_reopen(
        claim=c, actor=u, expected_version=v, reason="r"
    ),
    "edit": lambda c, u, v: claim_review.claim_edit_statement(
        claim=c, actor=u, expected_version=v, statement="Reworded."
    ),
    "link": lambda c, u, v: link_review.claim_link_create(
        claim=c, other=ClaimFactory(), relation=LinkRelation.SUPPORTS, actor=u, expected_version=v
    ),
    "accept": lambda c, u, v: link_review.claim_link_accept(
        link=ClaimLinkFactory(claim=c), actor=u, expected_version=v
    ),
    "reject_link": lambda c, u, v: link_review.claim_link_reject(
        link=ClaimLinkFactory(claim=c), actor=u, expected_version=v
    ),
}
STARTING_STATUS = {"reopen": ClaimStatus.CONFIRMED, "edit": ClaimStatus.CONFIRMED}


@pytest.mark.parametrize("action", sorted(CALLS))
def test_every_review_action_checks_and_bumps_the_version(editor, action):
    claim = ClaimFactory(status=STARTING_STATUS.get(action, ClaimStatus.SUGGESTED), version=4)

    with pytest.raises(ConcurrentChange):
        CALLS[action](claim, editor, 3)
    claim.refresh_from_db()
    assert claim.version == 4
    assert not ReviewEvent.objects.exists()

    CALLS[action](claim, editor, 4)
    claim.refresh_from_db()
    assert claim.version >= 5


def test_unlink_with_a_stale_version_is_refused(editor, second_editor, suggested_link):
    link_review.claim_link_accept(link=suggested_link, actor=editor, expected_version=1)

    with pytest.raises(ConcurrentChange, match="changed by edna"):
        link_review.claim_link_unlink(
            link=suggested_link, actor=second_editor, expected_version=1, reason="No."
        )
