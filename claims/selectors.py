"""Read-side queries for claims, shared by the admin, commands and the API."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from articles.models import Article
from claims.models import (
    Change,
    Claim,
    ClaimLink,
    ClaimRecheck,
    ClaimStatus,
    FactCheck,
    ReviewAction,
    ReviewEvent,
    TrackedClaim,
)

# Review events shown on a claim's or an article's page; the history page has them all.
HISTORY_ON_PAGE = 100


def claim_list() -> QuerySet[Claim]:
    return Claim.objects.select_related("article")


def claim_export_rows() -> QuerySet[Claim]:
    # The article's key is joined, never its body: one body per claim row is what made a
    # 15,000-claim article's export run out of memory.
    return (
        claim_list()
        .defer("article__body", "article__raw", "article__minhash")
        .prefetch_related("links", "linked_from")
        .order_by("article__key", "start", "end", "id")
    )


@dataclass(frozen=True)
class TrackedClaimSummary:
    tracked_claim: TrackedClaim
    appearances: list[Claim]
    sources: list[str]
    independent_origins: int


def tracked_claim_summary(*, tracked_claim: TrackedClaim) -> TrackedClaimSummary:
    """Every appearance of a tracked claim, who asserts it, and how many independent origins.

    Appearances in a rewrite of another article (its near-duplicate) share the original's
    origin; each imported fact-check is an origin of its own.
    """
    appearances = list(
        tracked_claim.appearances.select_related("article", "fact_check").order_by(
            "article__published_at", "article__created_at", "id"
        )
    )
    origins = {_origin_of(claim) for claim in appearances}
    sources = sorted({claim.source for claim in appearances if claim.source})
    return TrackedClaimSummary(
        tracked_claim=tracked_claim,
        appearances=appearances,
        sources=sources,
        independent_origins=len(origins),
    )


def _origin_of(claim: Claim) -> tuple[str, int]:
    if claim.article_id is None:
        return ("claim", claim.pk)
    article, seen = claim.article, set()
    # Follow rewrites back to the article they rewrite (guarding against a cycle).
    while article.near_duplicate_of_id and article.pk not in seen:
        seen.add(article.pk)
        article = Article.objects.only("id", "near_duplicate_of_id").get(
            pk=article.near_duplicate_of_id
        )
    return ("article", article.pk)


# --- Re-checks ---------------------------------------------------------------------------


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


# --- API ---------------------------------------------------------------------------------
# Each list is one query per page (plus one per prefetch), whatever the page size.


def api_article_list() -> QuerySet[Article]:
    return Article.objects.defer("raw", "minhash", "body")


def api_article_get_queryset() -> QuerySet[Article]:
    return Article.objects.defer("raw", "minhash")


def api_claim_list() -> QuerySet[Claim]:
    return Claim.objects.select_related("article", "recheck", "recheck__last_check").defer(
        "article__body", "article__raw", "article__minhash"
    )


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
        .select_related("article", "tracked_claim")
        .defer("article__body", "article__raw", "article__minhash")
        .annotate(decided_at=Subquery(decided_at))
        .prefetch_related(Prefetch("tracked_claim__appearances", queryset=appearances))
    )
