"""Editorial review: every decision a person makes about a claim or a link.

The admin calls these now and the API will call the same functions. Each one:

- locks the claim it changes (`select_for_update`) and, given `expected_version` (the
  version the person saw), refuses if someone changed the claim since;
- checks the change against the rules declared next to the models
  (`CLAIM_STATUS_TRANSITIONS`, link statuses) and refuses with a message that says why;
- bumps the claim's version, keeps django-simple-history records with the acting user
  and reason, and appends a ReviewEvent, all in one transaction.

A decision is never overwritten silently: a decided claim is reopened explicitly (with
a reason) before it can be decided differently, a decided link is never re-decided, and
the bulk actions only decide suggestions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from articles.errors import ApplicationError
from articles.history import delete_with_history, save_with_history
from articles.models import Article
from claims.models import (
    CLAIM_STATUS_TRANSITIONS,
    Claim,
    ClaimLink,
    ClaimStatus,
    LinkRelation,
    LinkStatus,
    Rejection,
    ReviewAction,
    ReviewEvent,
)
from claims.services.rechecks import recheck_after_decision, recheck_schedule_tracked
from claims.services.tracked_claims import (
    tracked_claim_join,
    tracked_claim_merge,
    tracked_claim_unjoin,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser as User

__all__ = [
    "BulkOutcome",
    "ConcurrentChange",
    "claim_bulk_confirm",
    "claim_bulk_reject",
    "claim_confirm",
    "claim_dispute",
    "claim_edit_statement",
    "claim_link_accept",
    "claim_link_create",
    "claim_link_reject",
    "claim_link_unlink",
    "claim_reject",
    "claim_reopen",
    "claim_review_actions",
    "tracked_claim_merge",
]

MANUAL_METHOD = "manual"
MAX_EVIDENCE_ITEMS = 50
_PAST_TENSE = {
    ClaimStatus.CONFIRMED: "confirmed",
    ClaimStatus.DISPUTED: "disputed",
    ClaimStatus.REJECTED: "rejected",
    ClaimStatus.SUGGESTED: "reopened",
}


class ConcurrentChange(ApplicationError):
    """Someone changed the claim after the person opened it."""


# --- Claim decisions -------------------------------------------------------------------


@transaction.atomic
def claim_confirm(
    *,
    claim: Claim,
    actor: User | None,
    expected_version: int | None,
    reason: str = "",
    evidence_urls: Sequence[str] = (),
    evidence_articles: Sequence[Article] = (),
) -> Claim:
    """The claim is a check-worthy claim the article makes, and it holds."""
    return _decide(
        claim=claim,
        to_status=ClaimStatus.CONFIRMED,
        action=ReviewAction.CLAIM_CONFIRM,
        actor=actor,
        expected_version=expected_version,
        reason=reason,
        evidence=_evidence(evidence_urls, evidence_articles),
    )


@transaction.atomic
def claim_dispute(
    *,
    claim: Claim,
    actor: User | None,
    expected_version: int | None,
    reason: str,
    evidence_urls: Sequence[str] = (),
    evidence_articles: Sequence[Article] = (),
) -> Claim:
    """The claim is contested: a reason is required, evidence (links, articles) optional."""
    if not reason.strip():
        raise ApplicationError("Say why the claim is disputed: a reason is required.")
    return _decide(
        claim=claim,
        to_status=ClaimStatus.DISPUTED,
        action=ReviewAction.CLAIM_DISPUTE,
        actor=actor,
        expected_version=expected_version,
        reason=reason,
        evidence=_evidence(evidence_urls, evidence_articles),
    )


@transaction.atomic
def claim_reject(
    *,
    claim: Claim,
    actor: User | None,
    expected_version: int | None,
    rejection: str,
    reason: str = "",
) -> Claim:
    """The suggestion is not a claim, or was wrongly extracted (both count against precision)."""
    if rejection not in Rejection.values:
        choices = " or ".join(f"“{label}”" for label in Rejection.labels)
        raise ApplicationError(f"Say why the suggestion is rejected: {choices}.")
    return _decide(
        claim=claim,
        to_status=ClaimStatus.REJECTED,
        action=ReviewAction.CLAIM_REJECT,
        actor=actor,
        expected_version=expected_version,
        reason=reason,
        rejection=rejection,
    )


@transaction.atomic
def claim_reopen(
    *, claim: Claim, actor: User | None, expected_version: int | None, reason: str
) -> Claim:
    """Take a decided claim back to suggested, so it can be decided again; a reason is required.

    A reopened claim is a suggestion again: re-extraction may update or remove it.
    """
    if not reason.strip():
        raise ApplicationError("Say why the decision is reopened: a reason is required.")
    return _decide(
        claim=claim,
        to_status=ClaimStatus.SUGGESTED,
        action=ReviewAction.CLAIM_REOPEN,
        actor=actor,
        expected_version=expected_version,
        reason=reason,
    )


@transaction.atomic
def claim_edit_statement(
    *,
    claim: Claim,
    actor: User | None,
    expected_version: int | None,
    statement: str,
    reason: str = "",
) -> Claim:
    """Reword the claim's decontextualised statement (the quote and span stay as extracted)."""
    claim = _lock_claim(claim, expected_version=expected_version)
    statement = statement.strip()
    if not statement:
        raise ApplicationError("The statement cannot be empty: write the claim as a sentence.")
    if claim.status == ClaimStatus.SUGGESTED:
        raise ApplicationError(
            f"Claim #{claim.pk} is still a suggestion, which re-extraction may rewrite: "
            "confirm or dispute it first, then edit its statement."
        )
    if claim.status == ClaimStatus.REJECTED:
        raise ApplicationError(
            f"Claim #{claim.pk} was rejected{_decided_by(claim)}: reopen it before editing it."
        )
    if statement == claim.statement:
        raise ApplicationError("The statement is unchanged: there is nothing to save.")
    before = _claim_state(claim)
    claim.statement = statement
    _bump(claim, actor=actor, reason=reason or "Statement edited")
    ReviewEvent.objects.record(
        action=ReviewAction.CLAIM_EDIT_STATEMENT,
        actor=actor,
        claim=claim,
        tracked_claim=claim.tracked_claim,
        from_status=claim.status,
        to_status=claim.status,
        reason=reason,
        data=_claim_data(claim, before=before),
    )
    return claim


@dataclass
class BulkOutcome:
    """What a bulk action did: the claims decided, and those refused with the reason."""

    done: list[Claim] = field(default_factory=list)
    refused: list[tuple[Claim, str]] = field(default_factory=list)


def claim_bulk_confirm(
    *, claims: Iterable[Claim], actor: User | None, reason: str = ""
) -> BulkOutcome:
    """Confirm many suggestions; each is its own transaction, decided claims are refused."""
    return _bulk(
        claims,
        lambda claim: claim_confirm(
            claim=claim, actor=actor, expected_version=None, reason=reason
        ),
    )


def claim_bulk_reject(
    *, claims: Iterable[Claim], actor: User | None, rejection: str, reason: str = ""
) -> BulkOutcome:
    """Reject many suggestions; each is its own transaction, decided claims are refused."""
    return _bulk(
        claims,
        lambda claim: claim_reject(
            claim=claim, actor=actor, expected_version=None, rejection=rejection, reason=reason
        ),
    )


# --- Links -----------------------------------------------------------------------------


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
    claim = _lock_claim(claim, expected_version=expected_version)
    other = _lock_claim(other, expected_version=None)
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
    link.decided_by = actor if actor and actor.is_authenticated else None
    link.decided_at = timezone.now()
    save_with_history(link, actor=actor, reason=reason or "Linked by hand")

    claim_before = _claim_state(claim)
    _bump(claim, actor=actor, reason=f"Linked to claim #{other.pk} ({relation})")
    ReviewEvent.objects.record(
        action=ReviewAction.LINK_CREATE,
        actor=actor,
        claim=claim,
        link=link,
        reason=reason,
        data=_link_data(link, before=before, claim_before=claim_before, claim=claim),
    )
    if relation == LinkRelation.SAME:
        tracked_claim_join(claim=claim, other=other, actor=actor, reason=reason)
        claim.refresh_from_db()
        recheck_schedule_tracked(claims=[claim, other])
    link.claim = claim
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
    _refuse_decided_link(link, verb="accepted")
    other = _lock_claim(link.other, expected_version=None)
    _refuse_rejected(claim, other)

    before = _link_state(link)
    if relation is not None:
        link.relation = relation
    link.status = LinkStatus.ACCEPTED
    link.decided_by = actor if actor and actor.is_authenticated else None
    link.decided_at = timezone.now()
    save_with_history(link, actor=actor, reason=reason or "Suggestion accepted")
    claim_before = _claim_state(claim)
    _bump(claim, actor=actor, reason=f"Link to claim #{other.pk} accepted ({link.relation})")
    ReviewEvent.objects.record(
        action=ReviewAction.LINK_ACCEPT,
        actor=actor,
        claim=claim,
        link=link,
        reason=reason,
        data=_link_data(link, before=before, claim_before=claim_before, claim=claim),
    )
    if link.relation == LinkRelation.SAME:
        tracked_claim_join(claim=claim, other=other, actor=actor, reason=reason)
        claim.refresh_from_db()
        recheck_schedule_tracked(claims=[claim, other])
    link.claim = claim
    return link


@transaction.atomic
def claim_link_reject(
    *, link: ClaimLink, actor: User | None, expected_version: int | None, reason: str = ""
) -> ClaimLink:
    """Reject a suggested link; link suggestion will not propose it again."""
    link, claim = _lock_link(link, expected_version=expected_version)
    _refuse_decided_link(link, verb="rejected")
    before = _link_state(link)
    link.status = LinkStatus.REJECTED
    link.decided_by = actor if actor and actor.is_authenticated else None
    link.decided_at = timezone.now()
    save_with_history(link, actor=actor, reason=reason or "Suggestion rejected")
    claim_before = _claim_state(claim)
    _bump(claim, actor=actor, reason=f"Link to claim #{link.other_id} rejected")
    ReviewEvent.objects.record(
        action=ReviewAction.LINK_REJECT,
        actor=actor,
        claim=claim,
        link=link,
        reason=reason,
        data=_link_data(link, before=before, claim_before=claim_before, claim=claim),
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
    if link.status == LinkStatus.SUGGESTED:
        raise ApplicationError(
            f"The link from claim #{link.claim_id} to #{link.other_id} is only a suggestion: "
            "reject it instead."
        )
    if link.status == LinkStatus.REJECTED:
        raise ApplicationError(
            f"The link from claim #{link.claim_id} to #{link.other_id} was already "
            f"rejected{_link_decided_by(link)}: there is nothing to unlink."
        )
    before = _link_state(link)
    other = link.other
    claim_before = _claim_state(claim)
    _bump(claim, actor=actor, reason=f"Unlinked from claim #{other.pk}")
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


def claim_review_actions(*, claim: Claim) -> frozenset[str]:
    """The review actions the rules allow on this claim now (for showing the right buttons)."""
    allowed = CLAIM_STATUS_TRANSITIONS[claim.status]
    actions = {
        action
        for action, status in (
            ("confirm", ClaimStatus.CONFIRMED),
            ("dispute", ClaimStatus.DISPUTED),
            ("reject", ClaimStatus.REJECTED),
            ("reopen", ClaimStatus.SUGGESTED),
        )
        if status in allowed
    }
    if claim.status in (ClaimStatus.CONFIRMED, ClaimStatus.DISPUTED):
        actions.add("edit-statement")
    if claim.status != ClaimStatus.REJECTED:
        actions.add("link")
    return frozenset(actions)


# --- Internals -------------------------------------------------------------------------


def _decide(
    *,
    claim: Claim,
    to_status: str,
    action: str,
    actor: User | None,
    expected_version: int | None,
    reason: str = "",
    evidence: list | None = None,
    rejection: str = "",
) -> Claim:
    claim = _lock_claim(claim, expected_version=expected_version)
    _check_transition(claim, to_status)
    if to_status == ClaimStatus.REJECTED:
        _refuse_reject_linked(claim)
    before = _claim_state(claim)
    from_status = claim.status
    claim.status = to_status
    _bump(claim, actor=actor, reason=reason or _PAST_TENSE[to_status].capitalize())
    ReviewEvent.objects.record(
        action=action,
        actor=actor,
        claim=claim,
        tracked_claim=claim.tracked_claim,
        from_status=from_status,
        to_status=to_status,
        rejection=rejection,
        reason=reason,
        evidence=evidence,
        data=_claim_data(claim, before=before),
    )
    recheck_after_decision(claim=claim, actor=actor, action=action, reason=reason)
    return claim


def _bulk(claims: Iterable[Claim], decide) -> BulkOutcome:
    outcome = BulkOutcome()
    for claim in claims:
        try:
            with transaction.atomic():
                if claim.status != ClaimStatus.SUGGESTED:
                    # Checked again under the lock below; this gives the clearer message.
                    raise ApplicationError(
                        f"Claim #{claim.pk} was already {_PAST_TENSE[claim.status]}"
                        f"{_decided_by(claim)}: open it to change that decision."
                    )
                outcome.done.append(_bulk_decide(claim, decide))
        except ApplicationError as error:
            outcome.refused.append((claim, error.message))
    return outcome


def _bulk_decide(claim: Claim, decide) -> Claim:
    locked = _lock_claim(claim, expected_version=None)
    if locked.status != ClaimStatus.SUGGESTED:
        raise ApplicationError(
            f"Claim #{locked.pk} was just {_PAST_TENSE[locked.status]}{_decided_by(locked)}: "
            "open it to change that decision."
        )
    return decide(locked)


def _lock_claim(claim: Claim, *, expected_version: int | None) -> Claim:
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


def _lock_link(link: ClaimLink, *, expected_version: int | None) -> tuple[ClaimLink, Claim]:
    claim = _lock_claim(Claim(pk=link.claim_id), expected_version=expected_version)
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


def _check_transition(claim: Claim, to_status: str) -> None:
    if to_status in CLAIM_STATUS_TRANSITIONS[claim.status]:
        return
    current = claim.get_status_display().lower()
    if to_status == claim.status == ClaimStatus.SUGGESTED:
        raise ApplicationError(
            f"Claim #{claim.pk} is not decided yet: there is nothing to reopen."
        )
    if to_status == claim.status:
        raise ApplicationError(
            f"Claim #{claim.pk} is already {current}{_decided_by(claim)}: nothing to change."
        )
    allowed = CLAIM_STATUS_TRANSITIONS[claim.status]
    hint = (
        "reopen it first, then decide again"
        if ClaimStatus.SUGGESTED in allowed
        else "it can only be " + " or ".join(sorted(_PAST_TENSE[s] for s in allowed))
    )
    raise ApplicationError(
        f"Claim #{claim.pk} is {current}{_decided_by(claim)} and cannot be "
        f"{_PAST_TENSE[to_status]} from there: {hint}."
    )


def _refuse_reject_linked(claim: Claim) -> None:
    linked = list(
        ClaimLink.objects.filter(
            Q(claim=claim) | Q(other=claim), status=LinkStatus.ACCEPTED
        ).values_list("claim_id", "other_id")
    )
    if linked:
        others = ", ".join(f"#{b if a == claim.pk else a}" for a, b in linked)
        raise ApplicationError(
            f"Claim #{claim.pk} is linked to claim {others} by an accepted link: unlink it "
            "first, then reject it."
        )


def _refuse_rejected(*claims: Claim) -> None:
    for claim in claims:
        if claim.status == ClaimStatus.REJECTED:
            raise ApplicationError(
                f"Claim #{claim.pk} was rejected{_decided_by(claim)}: reopen it before linking it."
            )


def _refuse_decided_link(link: ClaimLink, *, verb: str) -> None:
    if link.status == LinkStatus.SUGGESTED:
        return
    raise ApplicationError(
        f"The link from claim #{link.claim_id} to #{link.other_id} was already "
        f"{link.get_status_display().lower()}{_link_decided_by(link)}; it cannot be "
        f"{verb} now. Unlink it to undo an accepted link."
    )


def _decided_by(claim: Claim) -> str:
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


def _link_decided_by(link: ClaimLink) -> str:
    if not link.decided_at:
        return ""
    who = link.decided_by.get_username() if link.decided_by_id else "the system"
    return f" (by {who} at {timezone.localtime(link.decided_at):%Y-%m-%d %H:%M})"


def _bump(claim: Claim, *, actor: User | None, reason: str) -> None:
    claim.version += 1
    save_with_history(claim, actor=actor, reason=reason)


def _evidence(urls: Sequence[str], articles: Sequence[Article]) -> list[dict]:
    validate = URLValidator(schemes=["http", "https"])
    items: list[dict] = []
    for url in urls:
        url = url.strip()
        if not url:
            continue
        try:
            validate(url)
        except ValidationError:
            raise ApplicationError(
                f"“{url}” is not a web address: give evidence as links starting with "
                "http:// or https://."
            ) from None
        items.append({"type": "url", "url": url})
    for article in articles:
        items.append(
            {
                "type": "article",
                "article_id": article.pk,
                "key": article.key,
                "title": article.title,
            }
        )
    if len(items) > MAX_EVIDENCE_ITEMS:
        raise ApplicationError(
            f"Give at most {MAX_EVIDENCE_ITEMS} pieces of evidence ({len(items)} were given)."
        )
    return items


def _claim_state(claim: Claim) -> dict:
    return {
        "status": claim.status,
        "statement": claim.statement,
        "version": claim.version,
        "tracked_claim_id": claim.tracked_claim_id,
    }


def _claim_data(claim: Claim, *, before: dict) -> dict:
    return {
        "claim_id": claim.pk,
        "article_id": claim.article_id,
        "before": before,
        "after": _claim_state(claim),
    }


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
        "claim_after": _claim_state(claim),
    }
