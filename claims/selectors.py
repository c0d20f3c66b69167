"""Read-side queries for claims, shared by the admin, commands and the API."""

from django.db.models import QuerySet

from claims.models import Claim


def claim_list() -> QuerySet[Claim]:
    return Claim.objects.select_related("article")


def claim_export_rows() -> QuerySet[Claim]:
    return (
        claim_list()
        .prefetch_related("links", "linked_from")
        .order_by("article__key", "start", "end", "id")
    )
