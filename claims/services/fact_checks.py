"""Importing published fact-checks as tracked claims with no article, and matching against them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from claims.formats.fact_checks import FactCheckRecord
from claims.models import Claim, ClaimKind, ClaimStatus, FactCheck, TrackedClaim
from claims.retrieval.embeddings import claim_embeddings_store, get_embedder

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser as User

IMPORT_EXTRACTOR = "fact-check-import"


@dataclass(frozen=True)
class FactCheckImportCounts:
    imported: int = 0
    already_present: int = 0


def fact_checks_import(
    *,
    records: Iterable[FactCheckRecord],
    actor: User | None,
    batch_size: int = 500,
    on_batch: Callable[[int], None] | None = None,
) -> FactCheckImportCounts:
    """Store new fact-checks (idempotent by external id), embedded for matching.

    Each batch is one transaction; `on_batch` is told how many records it handled.
    """
    embedder = get_embedder()
    imported = present = 0
    seen: set[str] = set()
    for batch in _batches(records, batch_size):
        fresh = [r for r in batch if r.external_id not in seen]
        seen.update(r.external_id for r in batch)
        existing = set(
            FactCheck.objects.filter(external_id__in=[r.external_id for r in fresh]).values_list(
                "external_id", flat=True
            )
        )
        new = [r for r in fresh if r.external_id not in existing]
        present += len(batch) - len(new)
        if new:
            vectors = embedder.encode([r.claim for r in new])
            with transaction.atomic():
                claims = _create_claims(new, actor=actor)
                claim_embeddings_store(claims, vectors, model_version=embedder.version)
            imported += len(new)
        if on_batch:
            on_batch(len(batch))
    return FactCheckImportCounts(imported=imported, already_present=present)


def _create_claims(records: list[FactCheckRecord], *, actor: User | None) -> list[Claim]:
    tracked = TrackedClaim.objects.bulk_create([TrackedClaim(statement=r.claim) for r in records])
    claims = bulk_create_with_history(
        [
            Claim(
                article=None,
                tracked_claim=tracked_claim,
                start=0,
                end=len(record.claim),
                quote=record.claim,
                statement=record.claim,
                kind=ClaimKind.ATTRIBUTION if record.claimant else ClaimKind.EVENT,
                source=record.claimant or record.author,
                score=1.0,
                extractor_name=IMPORT_EXTRACTOR,
                extractor_version="1",
                status=ClaimStatus.CONFIRMED,
            )
            for record, tracked_claim in zip(records, tracked, strict=True)
        ],
        Claim,
        default_user=actor,
        default_change_reason="Imported fact-check",
    )
    if claims and claims[0].pk is None:  # backends that do not return ids from bulk inserts
        claims = list(Claim.objects.filter(tracked_claim__in=tracked).order_by("tracked_claim"))
    FactCheck.objects.bulk_create(
        FactCheck(
            claim=claim,
            external_id=record.external_id,
            title=record.title[:1000],
            rating=record.rating[:200],
            url=record.url[:2000],
            review_date=record.review_date,
            author=record.author[:500],
        )
        for claim, record in zip(claims, records, strict=True)
    )
    return claims


def _batches(records: Iterable[FactCheckRecord], size: int) -> Iterator[list[FactCheckRecord]]:
    iterator = iter(records)
    while batch := list(islice(iterator, size)):
        yield batch
