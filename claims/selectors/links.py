"""Links between claims as linking, extraction and the review pages read them."""

from collections.abc import Sequence

from django.db.models import Q, QuerySet

from claims.models import ClaimLink, LinkStatus, ReviewAction, ReviewEvent


def links_of_claims(claim_ids: Sequence[int]) -> QuerySet[ClaimLink]:
    """Every link touching these claims, either direction."""
    return ClaimLink.objects.filter(Q(claim_id__in=claim_ids) | Q(other_id__in=claim_ids))


def decided_link_claim_ids(claim_ids: Sequence[int]) -> set[int]:
    """Those of the claims on which a person decided a link: extraction must keep them."""
    decided = links_of_claims(claim_ids).exclude(status=LinkStatus.SUGGESTED)
    ids = set()
    for claim_id, other_id in decided.values_list("claim_id", "other_id"):
        ids.update((claim_id, other_id))
    return ids & set(claim_ids)


def link_unlinked_by_a_person(claim_id: int, other_id: int) -> bool:
    """A person removed a link between these two claims (either way round) at some point."""
    return (
        ReviewEvent.objects.filter(action=ReviewAction.LINK_UNLINK)
        .filter(
            Q(data__claim_id=claim_id, data__other_id=other_id)
            | Q(data__claim_id=other_id, data__other_id=claim_id)
        )
        .exists()
    )
