"""When a claim is next re-checked: the one policy, in one place.

Sooner for what changes (figures, events still unfolding, denials, disputed claims),
later for durable background; each run that finds nothing new doubles the wait, up to
a ceiling. Pure: it reads a claim's kind, status and date and returns a time.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from claims.models import Claim, ClaimKind, ClaimStatus

# Base intervals, before backing off.
CHANGING_INTERVAL = timedelta(days=1)  # quantities, events still unfolding
DENIAL_INTERVAL = timedelta(days=2)
ATTRIBUTION_INTERVAL = timedelta(days=3)
SETTLED_EVENT_INTERVAL = timedelta(days=7)  # an event reported long ago
DURABLE_INTERVAL = timedelta(days=30)  # background
DISPUTED_INTERVAL = timedelta(hours=12)  # a disputed claim is never checked later than this
# An event is still unfolding for this long after it was reported.
UNFOLDING_WINDOW = timedelta(days=14)
# Each run in a row that finds nothing new multiplies the wait, up to the ceiling.
BACKOFF_FACTOR = 2
MAX_INTERVAL = timedelta(days=180)
# A claim taken by a worker that has not finished within this long is taken again.
STALE_AFTER = timedelta(hours=1)

# Decided claims, and claims a person joined into a tracked claim, are re-checked.
RECHECKED_STATUSES = frozenset({ClaimStatus.CONFIRMED, ClaimStatus.DISPUTED})


def recheck_is_scheduled_for(claim: Claim) -> bool:
    """Whether the policy gives this claim a next re-check at all."""
    if claim.status in RECHECKED_STATUSES:
        return True
    return bool(claim.tracked_claim_id) and claim.status != ClaimStatus.REJECTED


def recheck_interval(
    *, kind: str, status: str, reported_on: date | None, quiet_runs: int, now: datetime
) -> timedelta:
    """The wait before the next re-check of a claim of this kind and status."""
    if kind == ClaimKind.QUANTITY:
        base = CHANGING_INTERVAL
    elif kind == ClaimKind.EVENT:
        unfolding = reported_on is None or now.date() - reported_on <= UNFOLDING_WINDOW
        base = CHANGING_INTERVAL if unfolding else SETTLED_EVENT_INTERVAL
    elif kind == ClaimKind.DENIAL:
        base = DENIAL_INTERVAL
    elif kind == ClaimKind.ATTRIBUTION:
        base = ATTRIBUTION_INTERVAL
    else:
        base = DURABLE_INTERVAL
    if status == ClaimStatus.DISPUTED:
        base = min(base, DISPUTED_INTERVAL)
    # Cap the exponent before multiplying: the product stays a sane timedelta.
    backoff = BACKOFF_FACTOR ** min(max(quiet_runs, 0), 16)
    return min(base * backoff, MAX_INTERVAL)


def recheck_next_at(*, claim: Claim, now: datetime, quiet_runs: int = 0) -> datetime | None:
    """When the claim is next due, or None when the policy does not re-check it."""
    if not recheck_is_scheduled_for(claim):
        return None
    return now + recheck_interval(
        kind=claim.kind,
        status=claim.status,
        reported_on=_reported_on(claim),
        quiet_runs=quiet_runs,
        now=now,
    )


def _reported_on(claim: Claim) -> date | None:
    if claim.article_id and claim.article.published_at:
        return claim.article.published_at
    return claim.created_at.date() if claim.created_at else None
