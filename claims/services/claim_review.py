"""Editorial review of a claim: every decision a person makes about it.

The admin calls these and the API calls the same functions. Each one:

- locks the claim it changes (`select_for_update`) and, given `expected_version` (the
  version the person saw), refuses if someone changed the claim since (`ConcurrentChange`);
- checks the change against the rules declared next to the model
  (`CLAIM_STATUS_ACTIONS`, `CLAIM_STATUS_TRANSITIONS`) and refuses with a message that says why;
- bumps the claim's version, keeps django-simple-history records with the acting user
  and reason, and appends a ReviewEvent, all in one transaction.

A decision is never overwritten silently: a decided claim is reopened explicitly (with
a reason) before it can be decided differently, and the bulk actions only decide
suggestions. Links between claims are decided in `claims.services.link_review`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q

from articles.errors import ApplicationError
from articles.models import Article
from claims.models import (
    CLAIM_STATUS_TRANSITIONS,
    DECISION_STATUS,
    Claim,
    ClaimKind,
    ClaimLink,
    ClaimStatus,
    LinkStatus,
    Rejection,
    ReviewAction,
    ReviewEvent,
)
from claims.services.claim_versions import (
    PAST_TENSE,
    BulkOutcome,
    bump_version,
    claim_state,
    decided_by,
    lock_claim,
)
from claims.services.link_review import claim_links_close_pending
from claims.services.rechecks import recheck_after_decision
from claims.services.sources import source_resolve

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser as User

# Fields a person may correct on a claim, before or after deciding it.
CORRECTABLE_FIELDS = ("statement", "kind", "source")

__all__ = [
    "claim_bulk_confirm",
    "claim_bulk_reject",
    "claim_confirm",
    "claim_dispute",
    "claim_edit",
    "claim_reject",
    "claim_reopen",
]

MAX_EVIDENCE_ITEMS = 50


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
        action=ReviewAction.CLAIM_REOPEN,
        actor=actor,
        expected_version=expected_version,
        reason=reason,
    )


@transaction.atomic
def claim_edit(
    *,
    claim: Claim,
    actor: User | None,
    expected_version: int | None,
    statement: str | None = None,
    kind: str | None = None,
    source: str | None = None,
    reason: str = "",
) -> Claim:
    """Correct a claim's statement, kind or source (None: leave it), suggested or decided.

    A corrected field is the person's from then on: re-extraction never rewrites it (nor
    the claim, which it keeps as the person's). The span and quote stay as extracted.
    """
    claim = lock_claim(claim, expected_version=expected_version)
    if claim.status == ClaimStatus.REJECTED:
        raise ApplicationError(
            f"Claim #{claim.pk} was rejected{decided_by(claim)}: reopen it before editing it."
        )
    wanted = {
        "statement": statement.strip() if statement is not None else None,
        "kind": kind or None,
        "source": " ".join(source.split()) if source is not None else None,
    }
    if wanted["statement"] == "":
        raise ApplicationError("The statement cannot be empty: write the claim as a sentence.")
    if wanted["source"] == "":
        raise ApplicationError(
            "Say who asserts the claim (“the outlet” for the article's own voice)."
        )
    if wanted["kind"] is not None and wanted["kind"] not in ClaimKind.values:
        raise ApplicationError(f"“{kind}” is not a kind of claim: choose one from the list.")
    changed = [
        name
        for name in CORRECTABLE_FIELDS
        if wanted[name] is not None and wanted[name] != getattr(claim, name)
    ]
    if not changed:
        raise ApplicationError("Nothing was changed: there is nothing to save.")
    before = {**claim_state(claim), "kind": claim.kind, "source": claim.source}
    for name in changed:
        setattr(claim, name, wanted[name])
    if "source" in changed:
        outlet = claim.article.outlet if claim.article_id else ""
        claim.asserted_by = source_resolve(raw=claim.source, outlet=outlet)
    claim.corrected_fields = sorted({*claim.corrected_fields, *changed})
    bump_version(claim, actor=actor, reason=reason or "Corrected: " + ", ".join(changed))
    ReviewEvent.objects.record(
        action=ReviewAction.CLAIM_EDIT,
        actor=actor,
        claim=claim,
        tracked_claim=claim.tracked_claim,
        from_status=claim.status,
        to_status=claim.status,
        reason=reason,
        data={
            **_claim_data(claim, before=before),
            "after": {**claim_state(claim), "kind": claim.kind, "source": claim.source},
            "changed": changed,
        },
    )
    return claim


def claim_bulk_confirm(
    *, claims: Iterable[Claim], actor: User | None, reason: str = ""
) -> BulkOutcome[Claim]:
    """Confirm many suggestions; each is its own transaction, decided claims are refused."""
    return _bulk(
        claims,
        lambda claim: claim_confirm(
            claim=claim, actor=actor, expected_version=None, reason=reason
        ),
    )


def claim_bulk_reject(
    *, claims: Iterable[Claim], actor: User | None, rejection: str, reason: str = ""
) -> BulkOutcome[Claim]:
    """Reject many suggestions; each is its own transaction, decided claims are refused."""
    return _bulk(
        claims,
        lambda claim: claim_reject(
            claim=claim, actor=actor, expected_version=None, rejection=rejection, reason=reason
        ),
    )


# --- Internals -------------------------------------------------------------------------


def _decide(
    *,
    claim: Claim,
    action: str,
    actor: User | None,
    expected_version: int | None,
    reason: str = "",
    evidence: list | None = None,
    rejection: str = "",
) -> Claim:
    claim = lock_claim(claim, expected_version=expected_version)
    to_status = DECISION_STATUS[action]
    _check_transition(claim, to_status)
    if to_status == ClaimStatus.REJECTED:
        _refuse_reject_linked(claim)
    before = claim_state(claim)
    from_status = claim.status
    claim.status = to_status
    bump_version(claim, actor=actor, reason=reason or PAST_TENSE[to_status].capitalize())
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
    if to_status == ClaimStatus.REJECTED:
        claim_links_close_pending(claim=claim, actor=actor)
    recheck_after_decision(claim=claim, actor=actor, action=action, reason=reason)
    return claim


def _bulk(claims: Iterable[Claim], decide) -> BulkOutcome[Claim]:
    outcome: BulkOutcome[Claim] = BulkOutcome()
    for claim in claims:
        try:
            with transaction.atomic():
                if claim.status != ClaimStatus.SUGGESTED:
                    # Checked again under the lock below; this gives the clearer message.
                    raise ApplicationError(
                        f"Claim #{claim.pk} was already {PAST_TENSE[claim.status]}"
                        f"{decided_by(claim)}: open it to change that decision."
                    )
                outcome.done.append(_bulk_decide(claim, decide))
        except ApplicationError as error:
            outcome.refused.append((claim, error.message))
    return outcome


def _bulk_decide(claim: Claim, decide) -> Claim:
    locked = lock_claim(claim, expected_version=None)
    if locked.status != ClaimStatus.SUGGESTED:
        raise ApplicationError(
            f"Claim #{locked.pk} was just {PAST_TENSE[locked.status]}{decided_by(locked)}: "
            "open it to change that decision."
        )
    return decide(locked)


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
            f"Claim #{claim.pk} is already {current}{decided_by(claim)}: nothing to change."
        )
    allowed = CLAIM_STATUS_TRANSITIONS[claim.status]
    hint = (
        "reopen it first, then decide again"
        if ClaimStatus.SUGGESTED in allowed
        else "it can only be " + " or ".join(sorted(PAST_TENSE[s] for s in allowed))
    )
    raise ApplicationError(
        f"Claim #{claim.pk} is {current}{decided_by(claim)} and cannot be "
        f"{PAST_TENSE[to_status]} from there: {hint}."
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


def _claim_data(claim: Claim, *, before: dict) -> dict:
    return {
        "claim_id": claim.pk,
        "article_id": claim.article_id,
        "before": before,
        "after": claim_state(claim),
    }
