"""Scheduled re-checks: match claims that are due against what was ingested since.

A re-check raises, it never decides. It links each due claim to the claims ingested
since its last check (through the same linking service as new articles), records what
it looked at and found, and when the new evidence updates or contradicts the claim it
flags it "needs attention", appends a review event with that evidence, and sends
`claim_recheck_raised` once the transaction commits. The claim's status, version and
statement are never touched; the editor's next decision clears the flag.

Many workers and beats may run at once: a claim is taken by setting its schedule's
`started_at` in a short transaction that reads the due rows with
`SELECT ... FOR UPDATE SKIP LOCKED` on PostgreSQL, and by a conditional UPDATE
(only where nobody holds it) everywhere, so no claim is checked twice at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from articles.errors import ApplicationError
from claims.models import (
    Claim,
    ClaimLink,
    ClaimRecheck,
    ClaimStatus,
    FindingKind,
    LinkRelation,
    LinkStatus,
    RecheckOutcome,
    RecheckRun,
    RecheckSchedule,
    RecheckTrigger,
    ReviewAction,
    ReviewEvent,
)
from claims.services import recheck_policy
from claims.signals import claim_recheck_raised

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser as User

logger = logging.getLogger(__name__)

# Claims taken and linked together; small enough that a batch finishes quickly.
BATCH_SIZE = 50
# The most claims one scheduled run checks; the next beat picks up the rest.
SCHEDULED_RUN_LIMIT = 1000

_FINDING_OF_RELATION = {
    LinkRelation.SAME: FindingKind.APPEARANCE,
    LinkRelation.SUPPORTS: FindingKind.SUPPORTS,
    LinkRelation.UPDATES: FindingKind.UPDATES,
    LinkRelation.CONTRADICTS: FindingKind.CONTRADICTS,
}


# --- Running re-checks -----------------------------------------------------------------


def claims_recheck_due(
    *,
    actor: User | None,
    due_before: datetime | None = None,
    claim_ids: Sequence[int] = (),
    limit: int | None = None,
    trigger: str = RecheckTrigger.MANUAL,
    batch_size: int = BATCH_SIZE,
    on_checked: Callable[[ClaimRecheck], None] | None = None,
) -> RecheckRun:
    """Re-check the claims due before `due_before` (default now), or the claims asked for
    by id (due or not); at most `limit` claims. Returns the run with its counts.

    Not one transaction: each batch is taken, linked and recorded in short transactions
    of its own, so a long run never holds locks an editor is waiting for.
    """
    now = timezone.now()
    due_before = due_before or now
    claim_ids = sorted({int(i) for i in claim_ids})
    if claim_ids:
        _refuse_unknown_or_rejected(claim_ids)
    run = RecheckRun.objects.create(
        trigger=trigger,
        requested_by=actor if actor is not None and actor.is_authenticated else None,
        due_before=None if claim_ids else due_before,
        claim_ids=claim_ids,
    )
    asked_for = list(claim_ids)
    checked: set[int] = set()
    try:
        while limit is None or run.claims_checked < limit:
            size = batch_size if limit is None else min(batch_size, limit - run.claims_checked)
            if claim_ids:
                taken = _take(claim_ids=asked_for[:size], due_before=None, size=size)
                asked_for = asked_for[size:]
            else:
                taken = _take(claim_ids=None, due_before=due_before, size=size, skip=checked)
            checked.update(taken)
            if taken:
                for check in _check_batch_or_report(run=run, claim_ids=taken, actor=actor):
                    run.claims_checked += 1
                    run.claims_raised += check.raised
                    run.findings += len(check.findings)
                    if on_checked is not None:
                        on_checked(check)
            if claim_ids and not asked_for or not claim_ids and not taken:
                break
    except Exception as error:
        run.error = f"{type(error).__name__}: {error}"
        raise
    finally:
        run.finished_at = timezone.now()
        run.save(
            update_fields=["claims_checked", "claims_raised", "findings", "error", "finished_at"]
        )
    return run


def _refuse_unknown_or_rejected(claim_ids: Sequence[int]) -> None:
    found = dict(Claim.objects.filter(pk__in=claim_ids).values_list("pk", "status"))
    missing = [i for i in claim_ids if i not in found]
    if missing:
        raise ApplicationError(
            f"No claim #{', #'.join(map(str, missing))}: give the ids of existing claims."
        )
    rejected = [i for i in claim_ids if found[i] == ClaimStatus.REJECTED]
    if rejected:
        raise ApplicationError(
            f"Claim #{', #'.join(map(str, rejected))} was rejected (not a claim): there is "
            "nothing to re-check; reopen it first."
        )


def _free(now: datetime) -> Q:
    """Nobody is checking it, or whoever took it stopped long ago."""
    return Q(started_at__isnull=True) | Q(started_at__lt=now - recheck_policy.STALE_AFTER)


def _take(
    *,
    claim_ids: Sequence[int] | None,
    due_before: datetime | None,
    size: int,
    skip: Collection[int] = (),
) -> list[int]:
    """Mark up to `size` claims as being checked by this worker and return their ids."""
    now = timezone.now()
    if claim_ids is not None:
        # Asked for by id: give them a schedule row to take, if they have none yet.
        for claim_id in claim_ids:
            RecheckSchedule.objects.get_or_create(claim_id=claim_id)
    with transaction.atomic():
        rows = RecheckSchedule.objects.filter(_free(now)).exclude(
            claim__status=ClaimStatus.REJECTED
        )
        if claim_ids is not None:
            rows = rows.filter(claim_id__in=claim_ids)
        else:
            # Not again in one run, even if its next re-check also falls before `due_before`.
            rows = rows.filter(next_recheck_at__lte=due_before).exclude(claim_id__in=skip)
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True, of=("self",))
        ids = list(
            rows.order_by("next_recheck_at", "claim_id").values_list("claim_id", flat=True)[:size]
        )
        # The conditional update is what makes taking safe where rows cannot be locked
        # (SQLite): of two workers that read the same row, only one updates it.
        return [
            claim_id
            for claim_id in ids
            if RecheckSchedule.objects.filter(claim_id=claim_id)
            .filter(_free(now))
            .update(started_at=now)
        ]


def _check_batch_or_report(
    *, run: RecheckRun, claim_ids: Sequence[int], actor: User | None
) -> list[ClaimRecheck]:
    """Check one batch; a failure that is not the database's own is recorded on the run
    and the run goes on with the next batch (the failed claims are due again next time)."""
    try:
        return _check_batch(run=run, claim_ids=claim_ids, actor=actor)
    except (OperationalError, InterfaceError):
        raise  # the database is unreachable: the task retries the whole run
    except Exception as error:
        logger.exception("Re-check of claims %s failed", list(claim_ids))
        ids = ", ".join(f"#{i}" for i in claim_ids)
        run.error = (run.error + "\n" if run.error else "") + (
            f"Claims {ids} were not checked: {type(error).__name__}: {error}"
        )
        return []


def _check_batch(
    *, run: RecheckRun, claim_ids: Sequence[int], actor: User | None
) -> list[ClaimRecheck]:
    from claims.services.linking import claims_suggest_links

    claims = list(
        Claim.objects.filter(pk__in=claim_ids).select_related("article", "recheck").order_by("pk")
    )
    since = {claim.pk: claim.recheck.new_since or claim.created_at for claim in claims}
    try:
        if claims:
            claims_suggest_links(claims=claims, ingested_since=min(since.values()), actor=actor)
        checks = [_record_check(run=run, claim_id=c.pk, since=since[c.pk]) for c in claims]
        return [check for check in checks if check is not None]
    except Exception:
        # Let another run take the claims at once instead of waiting for them to go stale.
        RecheckSchedule.objects.filter(claim_id__in=claim_ids, started_at__isnull=False).update(
            started_at=None
        )
        raise


@transaction.atomic
def _record_check(*, run: RecheckRun, claim_id: int, since: datetime) -> ClaimRecheck | None:
    now = timezone.now()
    schedule = RecheckSchedule.objects.select_for_update().filter(claim_id=claim_id).first()
    claim = Claim.objects.select_related("article").filter(pk=claim_id).first()
    if schedule is None or claim is None:
        return None  # deleted meanwhile (re-extraction removed the claim)
    findings = claim_recheck_findings(claim=claim, since=since)
    raised = [f for f in findings if f["raises"]]
    outcome = _outcome(findings)
    schedule.quiet_runs = schedule.quiet_runs + 1 if not findings else 0
    schedule.next_recheck_at = recheck_policy.recheck_next_at(
        claim=claim, now=now, quiet_runs=schedule.quiet_runs
    )
    check = ClaimRecheck.objects.create(
        run=run,
        claim=claim,
        ingested_since=since,
        candidates=_candidate_count(claim, since),
        claim_status=claim.status,
        outcome=outcome,
        findings=findings,
        next_recheck_at=schedule.next_recheck_at,
    )
    schedule.last_rechecked_at = schedule.new_since = now
    schedule.last_check = check
    schedule.started_at = None
    if raised:
        schedule.needs_attention = True
        schedule.raised_by = check
        ReviewEvent.objects.record(
            action=ReviewAction.CLAIM_RECHECK_RAISE,
            actor=None,
            claim=claim,
            tracked_claim=claim.tracked_claim,
            reason=_raise_reason(raised),
            evidence=[_evidence_item(f) for f in raised],
            data={
                "claim_id": claim.pk,
                "check_id": check.pk,
                "run_id": run.pk,
                "status": claim.status,
            },
        )
        transaction.on_commit(
            lambda: claim_recheck_raised.send(
                sender=ClaimRecheck,
                claim_id=claim.pk,
                check_id=check.pk,
                run_id=run.pk,
                findings=raised,
            )
        )
    schedule.save()
    return check


def claim_recheck_findings(*, claim: Claim, since: datetime) -> list[dict]:
    """The claim's links (suggested or accepted) to claims ingested since `since`, as
    findings; one updating or contradicting the claim `raises` it."""
    links = (
        ClaimLink.objects.filter(Q(claim=claim) | Q(other=claim))
        .exclude(status=LinkStatus.REJECTED)
        .select_related("claim__article", "other__article")
        .order_by("-score", "pk")
    )
    findings = []
    for link in links:
        outgoing = link.claim_id == claim.pk
        other = link.other if outgoing else link.claim
        if other.status == ClaimStatus.REJECTED or other.created_at < since:
            continue
        kind = _FINDING_OF_RELATION[link.relation]
        # "other updates this" makes this claim out of date; "this updates other" (an
        # older report seen later) does not.
        raises = kind == FindingKind.CONTRADICTS or (kind == FindingKind.UPDATES and not outgoing)
        findings.append(
            {
                "kind": kind,
                "raises": raises,
                "claim_id": other.pk,
                "statement": other.statement,
                "article_id": other.article_id,
                "article_key": other.article.key if other.article_id else None,
                "link_id": link.pk,
                "relation": link.relation,
                "direction": "out" if outgoing else "in",
                "link_status": link.status,
                "score": round(link.score, 4),
            }
        )
    return findings


def _outcome(findings: Sequence[dict]) -> str:
    if any(f["raises"] for f in findings):
        return RecheckOutcome.RAISED
    if any(f["kind"] != FindingKind.APPEARANCE for f in findings):
        return RecheckOutcome.SUPPORTS
    if findings:
        return RecheckOutcome.APPEARANCES
    return RecheckOutcome.NOTHING


def _candidate_count(claim: Claim, since: datetime) -> int:
    return (
        Claim.objects.filter(Q(created_at__gte=since) | Q(article__created_at__gte=since))
        .exclude(status=ClaimStatus.REJECTED)
        .exclude(pk=claim.pk)
        .count()
    )


def _raise_reason(raised: Sequence[dict]) -> str:
    parts = [f"#{f['claim_id']} {f['kind']} it: “{f['statement'][:120]}”" for f in raised[:3]]
    more = f" (and {len(raised) - 3} more)" if len(raised) > 3 else ""
    return "Re-check found new evidence: " + "; ".join(parts) + more


def _evidence_item(finding: dict) -> dict:
    return {
        "type": "claim",
        "claim_id": finding["claim_id"],
        "article_id": finding["article_id"],
        "key": finding["article_key"],
        "relation": finding["relation"],
        "link_id": finding["link_id"],
        "statement": finding["statement"],
    }


# --- Editors' changes ------------------------------------------------------------------


@transaction.atomic
def claim_recheck_schedule(
    *, claim: Claim, actor: User | None, next_recheck_at: datetime | None, reason: str = ""
) -> RecheckSchedule:
    """Set when the claim is next re-checked, or clear it (None: no re-check scheduled)."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if next_recheck_at is not None and claim.status == ClaimStatus.REJECTED:
        raise ApplicationError(
            f"Claim #{claim.pk} was rejected (not a claim): reopen it before scheduling a "
            "re-check."
        )
    schedule, _ = RecheckSchedule.objects.select_for_update().get_or_create(claim=claim)
    before = _schedule_state(schedule)
    if schedule.next_recheck_at == next_recheck_at:
        when = next_recheck_at.isoformat() if next_recheck_at else "not scheduled"
        raise ApplicationError(f"The next re-check of claim #{claim.pk} is already {when}.")
    schedule.next_recheck_at = next_recheck_at
    schedule.save()
    ReviewEvent.objects.record(
        action=ReviewAction.CLAIM_RECHECK_SCHEDULE,
        actor=actor,
        claim=claim,
        reason=reason
        or (
            f"Next re-check set to {next_recheck_at:%Y-%m-%d %H:%M}"
            if next_recheck_at
            else "Re-check cleared"
        ),
        data={"claim_id": claim.pk, "before": before, "after": _schedule_state(schedule)},
    )
    return schedule


@transaction.atomic
def claim_attention_clear(*, claim: Claim, actor: User | None, reason: str) -> RecheckSchedule:
    """The editor looked at what the re-check raised and keeps the decision as it is."""
    if not reason.strip():
        raise ApplicationError(
            "Say why the decision stands despite the re-check: a reason is required."
        )
    claim = (
        Claim.objects.select_for_update(of=("self",)).select_related("article").get(pk=claim.pk)
    )
    schedule = RecheckSchedule.objects.select_for_update().filter(claim=claim).first()
    if schedule is None or not schedule.needs_attention:
        raise ApplicationError(
            f"Claim #{claim.pk} is not flagged by a re-check: nothing to clear."
        )
    _clear_attention(claim=claim, schedule=schedule, actor=actor, reason=reason, decision="kept")
    schedule.quiet_runs = 0
    schedule.new_since = timezone.now()
    schedule.next_recheck_at = recheck_policy.recheck_next_at(claim=claim, now=schedule.new_since)
    schedule.save()
    return schedule


def recheck_after_decision(*, claim: Claim, actor: User | None, action: str, reason: str) -> None:
    """Called by the review services inside a decision's transaction: schedule the next
    re-check by the policy (none once reopened or rejected), and clear the flag with a
    history entry if a re-check had raised the claim."""
    schedule, _ = RecheckSchedule.objects.select_for_update().get_or_create(claim=claim)
    if schedule.needs_attention:
        _clear_attention(
            claim=claim, schedule=schedule, actor=actor, reason=reason, decision=action
        )
    schedule.quiet_runs = 0
    schedule.new_since = timezone.now()
    if claim.status in recheck_policy.RECHECKED_STATUSES:
        schedule.next_recheck_at = recheck_policy.recheck_next_at(
            claim=claim, now=schedule.new_since
        )
    else:
        schedule.next_recheck_at = None
    schedule.save()


def recheck_schedule_tracked(*, claims: Sequence[Claim]) -> None:
    """Called by the review services when claims join a tracked claim: each is re-checked
    from now on, by the policy, unless it already has a next re-check."""
    now = timezone.now()
    for claim in Claim.objects.filter(pk__in=[c.pk for c in claims]).select_related("article"):
        if not recheck_policy.recheck_is_scheduled_for(claim):
            continue
        schedule, _ = RecheckSchedule.objects.select_for_update().get_or_create(claim=claim)
        if schedule.next_recheck_at is None:
            schedule.new_since = schedule.new_since or now
            schedule.next_recheck_at = recheck_policy.recheck_next_at(
                claim=claim, now=now, quiet_runs=schedule.quiet_runs
            )
            schedule.save()


def _clear_attention(
    *, claim: Claim, schedule: RecheckSchedule, actor: User | None, reason: str, decision: str
) -> None:
    ReviewEvent.objects.record(
        action=ReviewAction.CLAIM_ATTENTION_CLEAR,
        actor=actor,
        claim=claim,
        reason=reason or "Cleared by the editor's decision",
        data={"claim_id": claim.pk, "check_id": schedule.raised_by_id, "decision": decision},
    )
    schedule.needs_attention = False
    schedule.raised_by = None


def _schedule_state(schedule: RecheckSchedule) -> dict:
    return {
        "next_recheck_at": schedule.next_recheck_at.isoformat()
        if schedule.next_recheck_at
        else None,
        "needs_attention": schedule.needs_attention,
    }


def claim_attention_raise_text_changed(
    *, claim: Claim, old_quote: str, new_quote: str, body_sha256: str
) -> None:
    """Extraction found a decided claim's words changed in the edited body: flag it for
    re-review (the decision stands until an editor looks), with the old and new words in
    the history. Called inside extraction's transaction."""
    schedule, _ = RecheckSchedule.objects.select_for_update().get_or_create(claim=claim)
    schedule.needs_attention = True
    schedule.raised_by = None
    schedule.save()
    ReviewEvent.objects.record(
        action=ReviewAction.CLAIM_TEXT_CHANGED,
        actor=None,
        claim=claim,
        tracked_claim=claim.tracked_claim,
        reason=(
            f"The article's words for this claim changed from “{old_quote}” to “{new_quote}”."
            if new_quote
            else f"The article no longer has this claim's words: “{old_quote}”."
        ),
        data={
            "claim_id": claim.pk,
            "status": claim.status,
            "old_quote": old_quote,
            "new_quote": new_quote,
            "body_sha256": body_sha256,
        },
    )
