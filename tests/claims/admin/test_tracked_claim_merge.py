"""Merging tracked claims from the admin: all or nothing."""

from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from articles.errors import ApplicationError
from claims.models import Claim, ReviewAction, ReviewEvent, TrackedClaim
from claims.models.review import ReviewEventManager
from tests.claims.factories import ClaimFactory, TrackedClaimFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:claims_trackedclaim_changelist"


def _merge(client, tracked_claims):
    return client.post(
        reverse(CHANGELIST),
        {"action": "merge_selected", "_selected_action": [t.pk for t in tracked_claims]},
        follow=True,
    )


def test_tracked_claim_merge_in_the_admin_merges_all_into_the_oldest(client, editor):
    tracked = TrackedClaimFactory.create_batch(3)
    members = [ClaimFactory(tracked_claim=t) for t in tracked]
    client.force_login(editor)

    _merge(client, tracked)

    assert list(TrackedClaim.objects.all()) == [tracked[0]]
    assert {m.tracked_claim_id for m in Claim.objects.filter(pk__in=[m.pk for m in members])} == {
        tracked[0].pk
    }
    assert ReviewEvent.objects.filter(action=ReviewAction.TRACKED_CLAIM_MERGE).count() == 2


def test_tracked_claim_merge_in_the_admin_refused_half_way_merges_nothing(client, editor):
    tracked = TrackedClaimFactory.create_batch(3)
    members = [ClaimFactory(tracked_claim=t) for t in tracked]
    record, merges = ReviewEventManager.record, []

    def refuse_the_second_merge(manager, **kwargs):
        if kwargs["action"] == ReviewAction.TRACKED_CLAIM_MERGE:
            merges.append(kwargs)
            if len(merges) == 2:
                raise ApplicationError("Tracked claim #0 was just changed: reload the page.")
        return record(manager, **kwargs)

    client.force_login(editor)
    with mock.patch.object(ReviewEventManager, "record", refuse_the_second_merge):
        response = _merge(client, tracked)

    assert len(merges) == 2  # the first merge ran, the second was refused
    assert TrackedClaim.objects.count() == 3
    for member, own in zip(members, tracked, strict=True):
        member.refresh_from_db()
        assert member.tracked_claim_id == own.pk
        assert member.version == 1
    assert not ReviewEvent.objects.exists()
    assert [m.message for m in get_messages(response.wsgi_request)] == [
        "Tracked claim #0 was just changed: reload the page."
    ]
