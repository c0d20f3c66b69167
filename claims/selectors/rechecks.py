"""Re-check state as the queues, the claim page, the command and the API read it."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from claims.models import Claim, ClaimRecheck, ClaimStatus, RecheckSchedule
from claims.selectors.claims import claim_list


def recheck_due_list(*, due_before: datetime) -> QuerySet[Claim]:
    """The claims due for a re-check before `due_before`, soonest first."""
    return (
        claim_list()
        .filter(recheck__next_recheck_at__lte=due_before)
        .exclude(status=ClaimStatus.REJECTED)
        .order_by("recheck__next_recheck_at", "pk")
    )


def claim_recheck_list(
    *, needs_attention: bool | None = None, due_before: datetime | None = None
) -> QuerySet[Claim]:
    """Claims with their re-check state, filtered as the admin queues and the API do."""
    claims = claim_list().select_related("recheck", "recheck__raised_by")
    if needs_attention is not None:
        claims = (
            claims.filter(recheck__needs_attention=True)
            if needs_attention
            else claims.exclude(recheck__needs_attention=True)
        )
    if due_before is not None:
        claims = claims.filter(recheck__next_recheck_at__lte=due_before)
    return claims


def claim_recheck_history(*, claim: Claim) -> QuerySet[ClaimRecheck]:
    """Every re-check of a claim, latest first, with its run."""
    return claim.rechecks.select_related("run").order_by("-checked_at", "-id")


@dataclass(frozen=True)
class ClaimRecheckSummary:
    schedule: RecheckSchedule | None
    checks: list[ClaimRecheck]
    check_count: int


def claim_recheck_summary_get(*, claim: Claim, checks_shown: int) -> ClaimRecheckSummary:
    """A claim's re-check schedule (with who raised its flag) and its latest checks."""
    return ClaimRecheckSummary(
        schedule=RecheckSchedule.objects.filter(claim=claim).select_related("raised_by").first(),
        checks=list(claim_recheck_history(claim=claim)[:checks_shown]),
        check_count=claim.rechecks.count(),
    )
