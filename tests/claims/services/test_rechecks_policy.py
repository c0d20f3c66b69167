"""The re-check policy: sooner for what changes, later for background, backing off."""

from datetime import UTC, date, datetime, timedelta

import pytest

from claims.models import ClaimKind, ClaimStatus
from claims.services import recheck_policy
from claims.services.recheck_policy import recheck_interval, recheck_is_scheduled_for
from tests.claims.factories import ClaimFactory

NOW = datetime(2024, 12, 10, 12, 0, tzinfo=UTC)
TODAY = NOW.date()


def _interval(kind, status=ClaimStatus.CONFIRMED, reported_on=TODAY, quiet_runs=0):
    return recheck_interval(
        kind=kind, status=status, reported_on=reported_on, quiet_runs=quiet_runs, now=NOW
    )


def test_recheck_interval_is_sooner_for_figures_than_for_background():
    assert _interval(ClaimKind.QUANTITY) < _interval(ClaimKind.ATTRIBUTION)
    assert _interval(ClaimKind.ATTRIBUTION) < _interval(ClaimKind.BACKGROUND)


def test_recheck_interval_is_sooner_for_an_event_still_unfolding():
    unfolding = _interval(ClaimKind.EVENT, reported_on=date(2024, 12, 8))
    settled = _interval(ClaimKind.EVENT, reported_on=date(2024, 6, 1))
    assert unfolding == recheck_policy.CHANGING_INTERVAL
    assert settled == recheck_policy.SETTLED_EVENT_INTERVAL


def test_recheck_interval_is_sooner_for_a_disputed_claim():
    disputed = _interval(ClaimKind.BACKGROUND, status=ClaimStatus.DISPUTED)
    assert disputed == recheck_policy.DISPUTED_INTERVAL < _interval(ClaimKind.BACKGROUND)


def test_recheck_interval_backs_off_after_quiet_runs_up_to_the_ceiling():
    waits = [_interval(ClaimKind.QUANTITY, quiet_runs=n) for n in range(4)]
    assert waits == [timedelta(days=d) for d in (1, 2, 4, 8)]
    assert _interval(ClaimKind.BACKGROUND, quiet_runs=40) == recheck_policy.MAX_INTERVAL


@pytest.mark.parametrize(
    ("status", "tracked", "scheduled"),
    [
        (ClaimStatus.CONFIRMED, False, True),
        (ClaimStatus.DISPUTED, False, True),
        (ClaimStatus.SUGGESTED, False, False),
        (ClaimStatus.SUGGESTED, True, True),
        (ClaimStatus.REJECTED, False, False),
    ],
)
def test_recheck_is_scheduled_for_decided_and_tracked_claims_only(status, tracked, scheduled):
    claim = ClaimFactory.build(status=status, tracked_claim_id=7 if tracked else None)
    assert recheck_is_scheduled_for(claim) is scheduled
