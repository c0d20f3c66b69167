"""Tracked claims: the claims joined by accepted “same” links, followed across articles.

The review services call these when a “same” link is accepted, made or removed, and an
editor may merge two tracked claims by hand. Each function runs inside the caller's
transaction, locks what it changes, bumps the version of every claim it moves, keeps
django-simple-history records with the acting user and reason, and writes one
ReviewEvent per change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q

from articles.errors import ApplicationError
from articles.history import delete_with_history, save_with_history
from claims.models import (
    Claim,
    ClaimLink,
    LinkRelation,
    LinkStatus,
    ReviewAction,
    ReviewEvent,
    TrackedClaim,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser as User


@transaction.atomic
def tracked_claim_join(
    *, claim: Claim, other: Claim, actor: User | None, reason: str = ""
) -> TrackedClaim:
    """Put two claims found to be the same into one tracked claim.

    Neither tracked yet: a new tracked claim, stated as the prior claim (`other`) is.
    One tracked: the other claim joins it. Both, in different ones: they are merged.
    """
    claim, other = _lock_claims(claim.pk, other.pk)
    if claim.tracked_claim_id and claim.tracked_claim_id == other.tracked_claim_id:
        return claim.tracked_claim
    if not claim.tracked_claim_id and not other.tracked_claim_id:
        tracked = TrackedClaim(statement=other.statement)
        save_with_history(tracked, actor=actor, reason=reason or "Created from a same link")
        for member in (other, claim):
            _move(member, to=tracked, actor=actor, reason=f"Tracked as #{tracked.pk}")
        ReviewEvent.objects.record(
            action=ReviewAction.TRACKED_CLAIM_CREATE,
            actor=actor,
            claim=claim,
            tracked_claim=tracked,
            reason=reason,
            data={
                "tracked_claim_id": tracked.pk,
                "statement": tracked.statement,
                "claim_ids": [other.pk, claim.pk],
            },
        )
        return tracked
    if claim.tracked_claim_id and other.tracked_claim_id:
        into, merged = sorted(
            (claim.tracked_claim, other.tracked_claim), key=lambda t: (t.created_at, t.pk)
        )
        return tracked_claim_merge(into=into, other=merged, actor=actor, reason=reason)

    tracked = claim.tracked_claim or other.tracked_claim
    joining = other if claim.tracked_claim_id else claim
    _move(joining, to=tracked, actor=actor, reason=f"Joined tracked claim #{tracked.pk}")
    ReviewEvent.objects.record(
        action=ReviewAction.TRACKED_CLAIM_JOIN,
        actor=actor,
        claim=joining,
        tracked_claim=tracked,
        reason=reason,
        data={"tracked_claim_id": tracked.pk, "claim_id": joining.pk},
    )
    return tracked


@transaction.atomic
def tracked_claim_merge(
    *, into: TrackedClaim, other: TrackedClaim, actor: User | None, reason: str = ""
) -> TrackedClaim:
    """Move every appearance of `other` into `into`, then remove `other` (its history stays)."""
    if into.pk == other.pk:
        raise ApplicationError("These are the same tracked claim: there is nothing to merge.")
    locked = {
        t.pk: t
        for t in TrackedClaim.objects.select_for_update().filter(pk__in=[into.pk, other.pk])
    }
    for wanted in (into, other):
        if wanted.pk not in locked:
            raise ApplicationError(_gone_message(wanted.pk))
    into, other = locked[into.pk], locked[other.pk]

    members = list(Claim.objects.select_for_update().filter(tracked_claim=other).order_by("pk"))
    for member in members:
        _move(
            member,
            to=into,
            actor=actor,
            reason=f"Tracked claim #{other.pk} merged into #{into.pk}",
        )
    ReviewEvent.objects.record(
        action=ReviewAction.TRACKED_CLAIM_MERGE,
        actor=actor,
        tracked_claim=into,
        reason=reason,
        data={
            "into": {"id": into.pk, "statement": into.statement},
            "merged": {"id": other.pk, "statement": other.statement},
            "claim_ids": [member.pk for member in members],
        },
    )
    delete_with_history(other, actor=actor, reason=f"Merged into tracked claim #{into.pk}")
    save_with_history(
        into,
        actor=actor,
        reason=reason or f"Merged #{other.pk} into it",
        update_fields=["updated_at"],
    )
    return into


@transaction.atomic
def tracked_claims_merge(
    *, tracked_claims: Sequence[TrackedClaim], actor: User | None, reason: str = ""
) -> tuple[TrackedClaim, list[TrackedClaim]]:
    """Merge several tracked claims into the oldest, all or nothing: if one merge is
    refused, none is made. Returns the tracked claim kept and those merged into it."""
    selected = sorted(tracked_claims, key=lambda t: (t.created_at, t.pk))
    if len(selected) < 2:
        raise ApplicationError("Select at least two tracked claims to merge.")
    into, others = selected[0], selected[1:]
    for other in others:
        into = tracked_claim_merge(into=into, other=other, actor=actor, reason=reason)
    return into, others


@transaction.atomic
def tracked_claim_unjoin(
    *, claim: Claim, other: Claim, actor: User | None, reason: str = ""
) -> TrackedClaim | None:
    """After a “same” link between two claims is removed, keep only what still holds.

    A claim that no longer has an accepted “same” link to another appearance leaves the
    tracked claim; a tracked claim left with a single appearance is dissolved. Nothing
    else is split: a merge an editor made by hand stays as it is.
    """
    claim, other = _lock_claims(claim.pk, other.pk)
    tracked = claim.tracked_claim or other.tracked_claim
    if tracked is None:
        return None
    tracked = TrackedClaim.objects.select_for_update().get(pk=tracked.pk)
    for member in (claim, other):
        if member.tracked_claim_id == tracked.pk and not _still_joined(member, tracked):
            _move(member, to=None, actor=actor, reason=f"Left tracked claim #{tracked.pk}")
            ReviewEvent.objects.record(
                action=ReviewAction.TRACKED_CLAIM_LEAVE,
                actor=actor,
                claim=member,
                tracked_claim=tracked,
                reason=reason,
                data={"tracked_claim_id": tracked.pk, "claim_id": member.pk},
            )
    remaining = list(Claim.objects.select_for_update().filter(tracked_claim=tracked))
    if len(remaining) >= 2:
        return tracked
    for member in remaining:
        _move(member, to=None, actor=actor, reason=f"Tracked claim #{tracked.pk} dissolved")
    ReviewEvent.objects.record(
        action=ReviewAction.TRACKED_CLAIM_DISSOLVE,
        actor=actor,
        tracked_claim=tracked,
        reason=reason,
        data={
            "tracked_claim_id": tracked.pk,
            "statement": tracked.statement,
            "claim_ids": [member.pk for member in remaining],
        },
    )
    delete_with_history(tracked, actor=actor, reason="Dissolved: fewer than two appearances left")
    return None


def _still_joined(claim: Claim, tracked: TrackedClaim) -> bool:
    """Whether an accepted “same” link still ties the claim to another appearance."""
    return ClaimLink.objects.filter(
        Q(claim=claim, other__tracked_claim=tracked)
        | Q(other=claim, claim__tracked_claim=tracked),
        relation=LinkRelation.SAME,
        status=LinkStatus.ACCEPTED,
    ).exists()


def _lock_claims(*pks: int) -> list[Claim]:
    locked = {c.pk: c for c in Claim.objects.select_for_update().filter(pk__in=pks).order_by("pk")}
    missing = [pk for pk in pks if pk not in locked]
    if missing:
        raise ApplicationError(
            f"Claim #{missing[0]} no longer exists (re-extraction may have removed it): "
            "reload the page."
        )
    return [locked[pk] for pk in pks]


def _move(claim: Claim, *, to: TrackedClaim | None, actor: User | None, reason: str) -> None:
    claim.tracked_claim = to
    claim.version += 1
    save_with_history(claim, actor=actor, reason=reason)


def _gone_message(pk: int) -> str:
    merged = (
        ReviewEvent.objects.filter(action=ReviewAction.TRACKED_CLAIM_MERGE, data__merged__id=pk)
        .select_related("actor")
        .first()
    )
    if merged is None:
        return f"Tracked claim #{pk} no longer exists: reload the page."
    who = merged.actor.get_username() if merged.actor_id else "the system"
    return (
        f"Tracked claim #{pk} was already merged into #{merged.data['into']['id']} by {who} "
        f"at {merged.created_at:%Y-%m-%d %H:%M}: reload to see the current state."
    )
