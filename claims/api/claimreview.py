"""A decided claim as schema.org ClaimReview JSON-LD (https://schema.org/ClaimReview).

`import_fact_checks` reads this back (tests/claims/api/test_claimreview.py).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from claims.extraction.attribution import OUTLET
from claims.models import Claim, ClaimStatus

# Our verdicts on a 1-5 scale, with the words aggregators show (`alternateName`).
RATINGS = {
    ClaimStatus.CONFIRMED: (5, "Confirmed"),
    ClaimStatus.DISPUTED: (1, "Disputed"),
}


def claim_review_url(request, claim_id: int) -> str:
    return request.build_absolute_uri(
        reverse("api:claim-claimreview", kwargs={"version": "v1", "pk": claim_id})
    )


def _appearance(request, claim: Claim) -> dict:
    article = claim.article
    item = {"@type": "CreativeWork"}
    if article is None:
        return item
    item["url"] = request.build_absolute_uri(
        reverse("api:article-detail", kwargs={"version": "v1", "pk": article.pk})
    )
    if article.title:
        item["headline"] = article.title
    if article.outlet:
        item["publisher"] = {"@type": "Organization", "name": article.outlet}
    if article.published_at:
        item["datePublished"] = article.published_at.isoformat()
    return item


def _appearances(claim: Claim) -> list[Claim]:
    if claim.tracked_claim_id is None:
        return [claim] if claim.article_id else []
    claims = [c for c in claim.tracked_claim.appearances.all() if c.article_id]
    return sorted(
        claims,
        key=lambda c: (c.article.published_at is None, c.article.published_at, c.article_id, c.pk),
    )


def _claimant(claim: Claim) -> str:
    """Who asserts the claim, by the name its Source goes by ("Mr X" and "he" resolved, "the
    outlet" named); the words as extracted where no Source was resolved, except the
    outlet's own voice with no outlet known, which names nobody."""
    if claim.asserted_by_id:
        return claim.asserted_by.name
    return "" if claim.source.casefold() == OUTLET else claim.source


def claim_review(request, claim: Claim) -> dict:
    """The ClaimReview of one confirmed or disputed claim (from `claim_review_list`)."""
    value, words = RATINGS[claim.status]
    appearances = [_appearance(request, c) for c in _appearances(claim)]
    decided_at = getattr(claim, "decided_at", None) or claim.updated_at
    item_reviewed = {"@type": "Claim", "appearance": appearances}
    if claimant := _claimant(claim):
        item_reviewed["author"] = {"@type": "Organization", "name": claimant}
    if appearances:
        item_reviewed["firstAppearance"] = appearances[0]
        if "datePublished" in appearances[0]:
            item_reviewed["datePublished"] = appearances[0]["datePublished"]
    url = claim_review_url(request, claim.pk)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "@id": url,
        "url": url,
        "claimReviewed": claim.statement,
        "datePublished": decided_at.date().isoformat(),
        "author": {"@type": "Organization", "name": settings.CLAIMTRACK_ORGANIZATION},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": words,
        },
        "itemReviewed": item_reviewed,
    }
