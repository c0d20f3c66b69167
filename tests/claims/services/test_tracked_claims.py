"""The tracked-claim primitives the review services call."""

import pytest

from articles.errors import ApplicationError
from claims.models import ReviewAction, ReviewEvent, TrackedClaim
from claims.services.tracked_claims import (
    tracked_claim_join,
    tracked_claim_merge,
    tracked_claims_merge,
)
from tests.claims.factories import ClaimFactory, TrackedClaimFactory

pytestmark = pytest.mark.django_db


def test_tracked_claim_join_of_already_joined_claims_changes_nothing(editor):
    tracked = TrackedClaimFactory()
    a, b = ClaimFactory(tracked_claim=tracked), ClaimFactory(tracked_claim=tracked)

    assert tracked_claim_join(claim=a, other=b, actor=editor) == tracked
    assert not ReviewEvent.objects.exists()


def test_tracked_claim_join_bumps_versions_of_moved_claims(editor):
    a, b = ClaimFactory(), ClaimFactory()

    tracked = tracked_claim_join(claim=a, other=b, actor=editor, reason="same")

    a.refresh_from_db()
    b.refresh_from_db()
    assert a.tracked_claim == b.tracked_claim == tracked
    assert a.version == b.version == 2
    assert tracked.history.first().history_user == editor


def test_tracked_claim_merge_moves_appearances_and_keeps_history(editor):
    into, other = TrackedClaimFactory(statement="Kept"), TrackedClaimFactory(statement="Gone")
    members = ClaimFactory.create_batch(2, tracked_claim=other)

    result = tracked_claim_merge(into=into, other=other, actor=editor, reason="Duplicates")

    assert result == into
    assert set(into.appearances.all()) == set(members)
    assert not TrackedClaim.objects.filter(pk=other.pk).exists()
    assert TrackedClaim.history.filter(id=other.pk, history_type="-").get().history_user == editor
    event = ReviewEvent.objects.get()
    assert event.action == ReviewAction.TRACKED_CLAIM_MERGE
    assert event.reason == "Duplicates"
    assert event.data["merged"] == {"id": other.pk, "statement": "Gone"}


def test_tracked_claim_merge_twice_says_who_merged_it(editor, second_editor):
    into, other = TrackedClaimFactory(), TrackedClaimFactory()
    stale_other = TrackedClaim.objects.get(pk=other.pk)
    tracked_claim_merge(into=into, other=other, actor=second_editor)

    with pytest.raises(ApplicationError, match=f"already merged into #{into.pk} by bob"):
        tracked_claim_merge(into=into, other=stale_other, actor=editor)


def test_tracked_claim_merge_refuses_merging_into_itself(editor):
    tracked = TrackedClaimFactory()

    with pytest.raises(ApplicationError, match="same tracked claim"):
        tracked_claim_merge(into=tracked, other=tracked, actor=editor)


def test_tracked_claims_merge_refuses_fewer_than_two(editor):
    with pytest.raises(ApplicationError, match="at least two"):
        tracked_claims_merge(tracked_claims=[TrackedClaimFactory()], actor=editor)
    assert TrackedClaim.objects.count() == 1
