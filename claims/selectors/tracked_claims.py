"""Tracked claims as their pages and exports read them."""

from dataclasses import dataclass

from articles.models import Article
from claims.models import Claim, TrackedClaim


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
