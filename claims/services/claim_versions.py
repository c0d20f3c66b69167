"""What every review decision shares: the claim locked at the version the person saw, its
version bumped with history, its state as the audit rows record it, and who decided it.

Used by `claim_review` (decisions on claims) and `link_review` (links between claims).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

from django.utils import timezone

from articles.errors import ApplicationError, ConcurrentChange
from articles.history import save_with_history
from claims.models import Claim, ClaimStatus, ReviewEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser as User

PAST_TENSE = {
    ClaimStatus.CONFIRMED: "confirmed",
    ClaimStatus.DISPUTED: "disputed",
    ClaimStatus.REJECTED: "rejected",
    ClaimStatus.SUGGESTED: "reopened",
}


def lock_claim(claim: Claim, *, expected_version: int | None) -> Claim:
    try:
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
    except Claim.DoesNotExist:
        raise ApplicationError(
            f"Claim #{claim.pk} no longer exists (re-extraction may have removed it): "
            "reload the page."
        ) from None
    if expected_version is not None and locked.version != expected_version:
        raise ConcurrentChange(_changed_since_message(locked), extra={"version": locked.version})
    return locked


def _changed_since_message(claim: Claim) -> str:
    latest = claim.history.select_related("history_user").first()
    who, when = "someone", ""
    if latest is not None:
        who = latest.history_user.get_username() if latest.history_user else "the system"
        when = f" at {timezone.localtime(latest.history_date):%Y-%m-%d %H:%M}"
    return (
        f"Claim #{claim.pk} was changed by {who}{when} since you opened it: reload to see "
        "the current state."
    )


def decided_by(claim: Claim) -> str:
    event = (
        ReviewEvent.objects.filter(claim=claim, to_status=claim.status)
        .exclude(from_status=claim.status)
        .select_related("actor")
        .first()
    )
    if event is None:
        return ""
    who = event.actor.get_username() if event.actor_id else "the system"
    return f" (by {who} at {timezone.localtime(event.created_at):%Y-%m-%d %H:%M})"


def bump_version(claim: Claim, *, actor: User | None, reason: str) -> None:
    claim.version += 1
    save_with_history(claim, actor=actor, reason=reason)


def claim_state(claim: Claim) -> dict:
    return {
        "status": claim.status,
        "statement": claim.statement,
        "version": claim.version,
        "tracked_claim_id": claim.tracked_claim_id,
    }


Decided = TypeVar("Decided")


@dataclass
class BulkOutcome(Generic[Decided]):
    """What a bulk decision did: the claims or links decided, and those refused with why."""

    done: list[Decided] = field(default_factory=list)
    refused: list[tuple[Decided, str]] = field(default_factory=list)
