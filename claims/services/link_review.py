"""Editorial review of links between claims: linking by hand, accepting or rejecting a
suggested link, and unlinking.

The same rules as `claims.services.claim_review`: each function locks the link's claim at
the version the person saw (`expected_version`), refuses a stale or disallowed change
with a message that says why, and records history and a ReviewEvent in one transaction.
A decided link is never re-decided; an accepted link is unlinked explicitly. Accepted
"same" links join claims into a tracked claim.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from articles.errors import ApplicationError
from articles.history import delete_with_history, save_with_history
from claims.models import (
    Claim,
    ClaimLink,
    LinkRelation,
    LinkStatus,
    ReviewAction,
    ReviewEvent,
)
from claims.services.claim_versions import (
    BulkOutcome,
    bump_version,
    claim_state,
    decided_by,
    lock_claim,
)
from claims.services.rechecks import recheck_schedule_tracked
from claims.services.tracked_claims import tracked_claim_join, tracked_claim_unjoin

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser as User

__all__ = [
    "claim_link_accept",
    "claim_link_bulk_accept",
    "claim_link_bulk_reject",
    "claim_link_create",
    "claim_link_reject",
    "claim_link_unlink",
    "claim_links_close_pending",
]

MANUAL_METHOD = "manual"


@transaction.atomic
def claim_link_create(
    *,
    claim: Claim,
    other: Claim,
    relation: str,
    actor: User | None,
    expected_version: int | None,
    reason: str = "",
) -> ClaimLink:
    """Link a claim to a prior claim by hand (“claim <relation> other”), accepted at once.

    A “same” link puts both in one tracked claim. `expected_version` is the claim's.
    """
    if relation not in LinkRelation.values:
        raise ApplicationError(f"“{relation}” is not a kind of link: choose one from the list.")
    if claim.pk == other.pk:
        raise ApplicationError("A claim cannot be linked to itself: choose another claim.")
    claim = lock_claim(claim, expected_version=expected_version)
    other = lock_claim(other, expected_version=None)
    _refuse_rejected(claim, other)

    existing = list(
        ClaimLink.objects.select_for_update(of=("self",))
        .filter(Q(claim=claim, other=other) | Q(claim=other, other=claim))
        .select_related("decided_by")
    )
    for found in existing:
        if found.status == LinkStatus.ACCEPTED:
            raise ApplicationError(
                f"Claims #{claim.pk} and #{other.pk} are already linked "
                f"({found.get_relation_display().lower()}){_link_decided_by(found)}: "
                "unlink them first to change the kind of link."
            )
        if found.status == LinkStatus.SUGGESTED:
            raise ApplicationError(
                f"The system already suggests linking claims #{found.claim_id} and "
                f"#{found.other_id} ({found.get_relation_display().lower()}): accept that "
                f"suggestion on claim #{found.claim_id}'s page (you can change its kind "
                "there) or reject it."
            )
    link = next((found for found in existing if found.claim_id == claim.pk), None)
    before = _link_state(link) if link else None
    if link is None:
        link = ClaimLink(claim=claim, other=other, score=1.0, method=MANUAL_METHOD)
    link.relation = relation
    link.status = LinkStatus.ACCEPTED
    link.method = MANUAL_METHOD
    _record_link_decision(
        link,
        claim=claim,
        action=ReviewAction.LINK_CREATE,
        actor=actor,
        reason=reason,
        before=before,
        link_reason="Linked by hand",
        claim_reason=f"Linked to claim #{other.pk} ({relation})",
    )
    _join_if_same(link, claim=claim, other=other, actor=actor, reason=reason)
    return link


@transaction.atomic
def claim_link_accept(
    *,
    link: ClaimLink,
    actor: User | None,
    expected_version: int | None,
    relation: str | None = None,
    reason: str = "",
) -> ClaimLink:
    """Accept a suggested link, optionally correcting its kind; “same” joins tracked claims.

    `expected_version` is the version of the link's claim (the page the link is shown on).
    """
    link, claim = _lock_link(link, expected_version=expected_version)
    if relation is not None and relation not in LinkRelation.values:
        raise ApplicationError(f"“{relation}” is not a kind of link: choose one from the list.")
    _refuse_decided_link(link, action=ReviewAction.LINK_ACCEPT, verb="accepted")
    other = lock_claim(link.other, expected_version=None)
    _refuse_rejected(claim, other)

    before = _link_state(link)
    if relation is not None:
        link.relation = relation
    link.status = LinkStatus.ACCEPTED
    _record_link_decision(
        link,
        claim=claim,
        action=ReviewAction.LINK_ACCEPT,
        actor=actor,
        reason=reason,
        before=before,
        link_reason="Suggestion accepted",
        claim_reason=f"Link to claim #{other.pk} accepted ({link.relation})",
    )
    _join_if_same(link, claim=claim, other=other, actor=actor, reason=reason)
    return link


@transaction.atomic
def claim_link_reject(
    *, link: ClaimLink, actor: User | None, expected_version: int | None, reason: str = ""
) -> ClaimLink:
    """Reject a suggested link; link suggestion will not propose it again."""
    link, claim = _lock_link(link, expected_version=expected_version)
    _refuse_decided_link(link, action=ReviewAction.LINK_REJECT, verb="rejected")
    before = _link_state(link)
    link.status = LinkStatus.REJECTED
    _record_link_decision(
        link,
        claim=claim,
        action=ReviewAction.LINK_REJECT,
        actor=actor,
        reason=reason,
        before=before,
        link_reason="Suggestion rejected",
        claim_reason=f"Link to claim #{link.other_id} rejected",
    )
    return link


@transaction.atomic
def claim_link_unlink(
    *, link: ClaimLink, actor: User | None, expected_version: int | None, reason: str
) -> None:
    """Remove an accepted link (a reason is required); its history and events remain.

    Removing a “same” link takes the claims out of their tracked claim where no other
    accepted “same” link still holds them in it.
    """
    if not reason.strip():
        raise ApplicationError("Say why the link is removed: a reason is required.")
    link, claim = _lock_link(link, expected_version=expected_version)
    if ReviewAction.LINK_UNLINK not in link.review_actions:
        if link.status == LinkStatus.SUGGESTED:
            raise ApplicationError(
                f"The link from claim #{link.claim_id} to #{link.other_id} is only a "
                "suggestion: reject it instead."
            )
        raise ApplicationError(
            f"The link from claim #{link.claim_id} to #{link.other_id} was already "
            f"rejected{_link_decided_by(link)}: there is nothing to unlink."
        )
    before = _link_state(link)
    other = link.other
    claim_before = claim_state(claim)
    bump_version(claim, actor=actor, reason=f"Unlinked from claim #{other.pk}")
    ReviewEvent.objects.record(
        action=ReviewAction.LINK_UNLINK,
        actor=actor,
        claim=claim,
        link=None,  # the row is deleted below; its id and state are in `data`
        reason=reason,
        data=_link_data(link, before=before, claim_before=claim_before, claim=claim, after=None),
    )
    delete_with_history(link, actor=actor, reason=reason)
    if before["relation"] == LinkRelation.SAME:
        tracked_claim_unjoin(claim=claim, other=other, actor=actor, reason=reason)


def claim_link_bulk_accept(
    *, links: Iterable[ClaimLink], actor: User | None, reason: str = ""
) -> BulkOutcome[ClaimLink]:
    """Accept many suggested links as suggested; each is its own transaction."""
    return _bulk(
        links,
        lambda link: claim_link_accept(
            link=link, actor=actor, expected_version=None, reason=reason
        ),
    )


def claim_link_bulk_reject(
    *, links: Iterable[ClaimLink], actor: User | None, reason: str = ""
) -> BulkOutcome[ClaimLink]:
    """Reject many suggested links; each is its own transaction."""
    return _bulk(
        links,
        lambda link: claim_link_reject(
            link=link, actor=actor, expected_version=None, reason=reason
        ),
    )


def claim_links_close_pending(*, claim: Claim, actor: User | None) -> list[ClaimLink]:
    """Reject the suggested links from and to a claim that was just rejected (called by
    `claim_reject` in its transaction): a rejected claim has nothing left to link, and its
    suggestions must not wait in the queue. Each closing is in the history."""
    reason = f"Closed: claim #{claim.pk} was rejected."
    closed = []
    pending = (
        ClaimLink.objects.select_for_update(of=("self",))
        .filter(Q(claim=claim) | Q(other=claim), status=LinkStatus.SUGGESTED)
        .order_by("pk")
    )
    for link in pending:
        owner = (
            claim
            if link.claim_id == claim.pk
            else lock_claim(Claim(pk=link.claim_id), expected_version=None)
        )
        before = _link_state(link)
        link.status = LinkStatus.REJECTED
        _record_link_decision(
            link,
            claim=owner,
            action=ReviewAction.LINK_REJECT,
            actor=actor,
            reason=reason,
            before=before,
            link_reason=reason,
            claim_reason=reason,
        )
        closed.append(link)
    return closed


def _bulk(links: Iterable[ClaimLink], decide) -> BulkOutcome[ClaimLink]:
    outcome: BulkOutcome[ClaimLink] = BulkOutcome()
    for link in links:
        try:
            with transaction.atomic():
                outcome.done.append(decide(link))
        except ApplicationError as error:
            outcome.refused.append((link, error.message))
    return outcome


# --- Internals -------------------------------------------------------------------------


def _lock_link(link: ClaimLink, *, expected_version: int | None) -> tuple[ClaimLink, Claim]:
    claim = lock_claim(Claim(pk=link.claim_id), expected_version=expected_version)
    try:
        locked = (
            ClaimLink.objects.select_for_update(of=("self",))
            .select_related("decided_by", "other")
            .get(pk=link.pk)
        )
    except ClaimLink.DoesNotExist:
        raise ApplicationError(
            f"That link between claims #{link.claim_id} and #{link.other_id} no longer "
            "exists (someone unlinked it): reload the page."
        ) from None
    return locked, claim


def _record_link_decision(
    link: ClaimLink,
    *,
    claim: Claim,
    action: str,
    actor: User | None,
    reason: str,
    before: dict | None,
    link_reason: str,
    claim_reason: str,
) -> None:
    """Save the decided link and bump its claim, with history and a ReviewEvent."""
    link.decided_by = actor if actor and actor.is_authenticated else None
    link.decided_at = timezone.now()
    save_with_history(link, actor=actor, reason=reason or link_reason)
    claim_before = claim_state(claim)
    bump_version(claim, actor=actor, reason=claim_reason)
    ReviewEvent.objects.record(
        action=action,
        actor=actor,
        claim=claim,
        link=link,
        reason=reason,
        data=_link_data(link, before=before, claim_before=claim_before, claim=claim),
    )


def _join_if_same(
    link: ClaimLink, *, claim: Claim, other: Claim, actor: User | None, reason: str
) -> None:
    """An accepted “same” link puts both claims in one tracked claim."""
    if link.relation == LinkRelation.SAME:
        tracked_claim_join(claim=claim, other=other, actor=actor, reason=reason)
        claim.refresh_from_db()
        recheck_schedule_tracked(claims=[claim, other])
    link.claim = claim


def _refuse_rejected(*claims: Claim) -> None:
    for claim in claims:
        if ReviewAction.LINK_CREATE not in claim.review_actions:
            raise ApplicationError(
                f"Claim #{claim.pk} was {claim.get_status_display().lower()}"
                f"{decided_by(claim)}: reopen it before linking it."
            )


def _refuse_decided_link(link: ClaimLink, *, action: str, verb: str) -> None:
    if action in link.review_actions:
        return
    raise ApplicationError(
        f"The link from claim #{link.claim_id} to #{link.other_id} was already "
        f"{link.get_status_display().lower()}{_link_decided_by(link)}; it cannot be "
        f"{verb} now. Unlink it to undo an accepted link."
    )


def _link_decided_by(link: ClaimLink) -> str:
    if not link.decided_at:
        return ""
    who = link.decided_by.get_username() if link.decided_by_id else "the system"
    return f" (by {who} at {timezone.localtime(link.decided_at):%Y-%m-%d %H:%M})"


def _link_state(link: ClaimLink) -> dict:
    return {
        "relation": link.relation,
        "status": link.status,
        "method": link.method,
        "score": link.score,
        "decided_by_id": link.decided_by_id,
        "decided_at": link.decided_at.isoformat() if link.decided_at else None,
    }


_KEEP = object()


def _link_data(
    link: ClaimLink,
    *,
    before: dict | None,
    claim_before: dict,
    claim: Claim,
    after=_KEEP,
) -> dict:
    return {
        "link_id": link.pk,
        "claim_id": link.claim_id,
        "other_id": link.other_id,
        "article_id": claim.article_id,
        "before": before,
        "after": _link_state(link) if after is _KEEP else after,
        "claim_before": claim_before,
        "claim_after": claim_state(claim),
    }
