"""What the review pages read: a claim with its links, appearances and history, and an
article's page of claims with the part of the body they are in."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q

from articles.models import Article
from claims.models import Claim, ClaimLink, ClaimStatus, LinkStatus, ReviewEvent

# Review events shown on a claim's or an article's page; the history page has them all.
HISTORY_ON_PAGE = 100
# Claims (and the part of the body around them) shown per page of the article page, so a
# 15,000-claim article renders as fast as a short one.
ARTICLE_CLAIMS_PER_PAGE = 100
# Characters of the article shown either side of a claim's quote on its page.
CONTEXT_CHARS = 300
# Suggestions to decide first, then the decided ones.
_LINK_ORDER = {LinkStatus.SUGGESTED: 0, LinkStatus.ACCEPTED: 1, LinkStatus.REJECTED: 2}


@dataclass(frozen=True)
class ClaimReview:
    claim: Claim
    links: list[ClaimLink]  # from this claim to prior ones: suggestions first, best first
    linked_from: list[ClaimLink]  # from later claims to this one
    appearances: list[Claim]  # the other claims of its tracked claim
    events: list[ReviewEvent]  # latest first, at most HISTORY_ON_PAGE
    decision: ReviewEvent | None  # the event that gave the claim its current status
    context_before: str
    context_after: str


def claim_review_get(*, claim: Claim) -> ClaimReview:
    """Everything the claim page shows besides the claim's own fields."""
    links = sorted(
        claim.links.select_related("other__article", "decided_by"),
        key=lambda link: (_LINK_ORDER.get(link.status, 3), -link.score, link.pk),
    )
    events = list(
        ReviewEvent.objects.filter(claim=claim)
        .select_related("actor")
        .order_by("-created_at", "-id")[:HISTORY_ON_PAGE]
    )
    appearances = []
    if claim.tracked_claim_id:
        appearances = list(
            claim.tracked_claim.appearances.exclude(pk=claim.pk).select_related("article")
        )
    body = claim.article.body if claim.article_id else ""
    return ClaimReview(
        claim=claim,
        links=links,
        linked_from=list(
            claim.linked_from.select_related("claim__article", "decided_by").order_by(
                "-score", "id"
            )
        ),
        appearances=appearances,
        events=events,
        decision=next(
            (e for e in events if e.to_status == claim.status and e.from_status != e.to_status),
            None,
        ),
        context_before=body[max(0, claim.start - CONTEXT_CHARS) : claim.start],
        context_after=body[claim.end : claim.end + CONTEXT_CHARS],
    )


@dataclass(frozen=True)
class ArticleReview:
    article: Article
    page: Page  # this page of the article's claims, in body order
    claims: list[Claim]  # with `suggested_links` counted
    region_start: int  # the part of the body the page's claims are in, from and to a
    region_end: int  # line break (all of it when there is one page)
    anchored: list[Claim]  # the page's claims whose quote stands in the region as stored
    status_counts: dict[str, int]  # claims of the whole article by status
    events: list[ReviewEvent]  # latest first, at most HISTORY_ON_PAGE


def article_review_get(*, article: Article, page_number: str | int | None) -> ArticleReview:
    """One page of an article's claims, the part of the body they are in, and its history."""
    paginator = Paginator(
        Claim.objects.filter(article=article)
        .select_related("tracked_claim")
        .annotate(suggested_links=Count("links", filter=Q(links__status=LinkStatus.SUGGESTED)))
        .order_by("start", "end", "id"),
        ARTICLE_CLAIMS_PER_PAGE,
    )
    page = paginator.get_page(page_number)
    claims = list(page.object_list)
    body = article.body
    region_start, region_end = 0, len(body)
    if page.has_previous() and claims:
        region_start = body.rfind("\n", 0, claims[0].start) + 1
    if page.has_next() and claims:
        line_end = body.find("\n", max(c.end for c in claims))
        region_end = len(body) if line_end == -1 else line_end
    counts = {status: 0 for status in ClaimStatus.values}
    for row in Claim.objects.filter(article=article).values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return ArticleReview(
        article=article,
        page=page,
        claims=claims,
        region_start=region_start,
        region_end=region_end,
        anchored=[
            c
            for c in claims
            if body[c.start : c.end] == c.quote and region_start <= c.start and c.end <= region_end
        ],
        status_counts=counts,
        events=list(
            ReviewEvent.objects.filter(article=article)
            .select_related("actor", "claim")
            .order_by("-created_at", "-id")[:HISTORY_ON_PAGE]
        ),
    )
