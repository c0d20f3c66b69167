"""Claims as the lists, exports and the other selectors read them."""

from django.db.models import QuerySet

from claims.models import Claim

# An article's text, bytes and fingerprint are never needed with its claims in bulk:
# leaving them out keeps a 15,000-claim article from repeating its body per row.
ARTICLE_HEAVY_FIELDS = ("article__body", "article__raw", "article__minhash")


def claim_list() -> QuerySet[Claim]:
    return Claim.objects.select_related("article")


def claim_export_rows() -> QuerySet[Claim]:
    # The article's key is joined, never its body: one body per claim row is what made a
    # 15,000-claim article's export run out of memory.
    return (
        claim_list()
        .defer(*ARTICLE_HEAVY_FIELDS)
        .prefetch_related("links", "linked_from")
        .order_by("article__key", "start", "end", "id")
    )


def claims_with_article_keys() -> QuerySet[Claim]:
    """Claims with their article's key and date joined, but never its body."""
    return claim_list().defer(*ARTICLE_HEAVY_FIELDS)
