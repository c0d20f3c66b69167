"""Reads for the API: one query per page (plus one per prefetch), whatever the page size."""

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from articles.models import Article
from claims.models import (
    Change,
    Claim,
    ClaimLink,
    ClaimStatus,
    FactCheck,
    ReviewAction,
    ReviewEvent,
    TrackedClaim,
)


def api_article_list() -> QuerySet[Article]:
    return Article.objects.defer("raw", "minhash", "body")


def api_article_get_queryset() -> QuerySet[Article]:
    return Article.objects.defer("raw", "minhash")


def api_claim_list() -> QuerySet[Claim]:
    return Claim.objects.select_related(
        "article", "asserted_by", "recheck", "recheck__last_check"
    ).defer("article__body", "article__raw", "article__minhash")


def api_link_list() -> QuerySet[ClaimLink]:
    return ClaimLink.objects.select_related("decided_by")


def api_tracked_claim_list() -> QuerySet[TrackedClaim]:
    return TrackedClaim.objects.prefetch_related(
        Prefetch("appearances", queryset=Claim.objects.only("id", "tracked_claim_id"))
    )


def api_fact_check_list() -> QuerySet[FactCheck]:
    return FactCheck.objects.select_related("claim")


def api_review_event_list() -> QuerySet[ReviewEvent]:
    return ReviewEvent.objects.select_related("actor")


def api_change_list() -> QuerySet[Change]:
    # Only numbered rows: a row is numbered as its transaction commits (change_triggers).
    return Change.objects.filter(position__isnull=False)


DECISION_ACTIONS = (
    ReviewAction.CLAIM_CONFIRM,
    ReviewAction.CLAIM_DISPUTE,
    ReviewAction.CLAIM_REJECT,
    ReviewAction.CLAIM_REOPEN,
)


def claim_review_list() -> QuerySet[Claim]:
    """Decided claims (confirmed or disputed), as ClaimReview, with what it needs joined:
    when it was decided, its article and every appearance of its tracked claim."""
    decided_at = (
        ReviewEvent.objects.filter(claim=OuterRef("pk"), action__in=DECISION_ACTIONS)
        .order_by("-created_at", "-id")
        .values("created_at")[:1]
    )
    appearances = Claim.objects.select_related("article").defer(
        "article__body", "article__raw", "article__minhash"
    )
    return (
        Claim.objects.filter(status__in=(ClaimStatus.CONFIRMED, ClaimStatus.DISPUTED))
        .select_related("article", "tracked_claim", "asserted_by")
        .defer("article__body", "article__raw", "article__minhash")
        .annotate(decided_at=Subquery(decided_at))
        .prefetch_related(Prefetch("tracked_claim__appearances", queryset=appearances))
    )
