"""Claim statement embeddings: the model (loaded once per process) and their storage."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cache

import numpy as np
from django.conf import settings

from claims.models import Claim, ClaimEmbedding


@cache
def get_embedder():
    from claims.linking import load_embedder

    return load_embedder(settings.CLAIMS_EMBEDDING_MODEL)


def statement_sha256(claim: Claim) -> str:
    return hashlib.sha256(embedded_text(claim).encode("utf-8")).hexdigest()


def embedded_text(claim: Claim) -> str:
    """What is embedded: the standalone statement (the quote if a statement is missing)."""
    return claim.statement.strip() or claim.quote.strip()


def vector_from_bytes(data: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=np.float32)


def claim_embeddings_ensure(claims: Sequence[Claim], *, embedder) -> np.ndarray:
    """Vectors of the claims, in order: stored ones reused, missing or stale ones computed.

    A vector is stale when the statement changed or another model made it.
    """
    stored = {
        row.claim_id: row
        for row in ClaimEmbedding.objects.filter(claim__in=[c.pk for c in claims])
    }
    vectors: list[np.ndarray | None] = []
    missing: list[int] = []
    for position, claim in enumerate(claims):
        row = stored.get(claim.pk)
        if (
            row is not None
            and row.model_version == embedder.version
            and row.statement_sha256 == statement_sha256(claim)
        ):
            vectors.append(vector_from_bytes(row.vector))
        else:
            vectors.append(None)
            missing.append(position)
    if missing:
        computed = embedder.encode([embedded_text(claims[i]) for i in missing])
        for position, vector in zip(missing, computed, strict=True):
            vectors[position] = vector
        claim_embeddings_store(
            [claims[i] for i in missing], computed, model_version=embedder.version
        )
    if not vectors:
        return np.empty((0, embedder.dimensions), dtype=np.float32)
    return np.vstack(vectors).astype(np.float32, copy=False)


def claim_embeddings_store(
    claims: Sequence[Claim], vectors: np.ndarray, *, model_version: str
) -> None:
    rows = [
        ClaimEmbedding(
            claim=claim,
            model_version=model_version,
            statement_sha256=statement_sha256(claim),
            vector=np.asarray(vector, dtype=np.float32).tobytes(),
        )
        for claim, vector in zip(claims, vectors, strict=True)
    ]
    ClaimEmbedding.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["claim"],
        update_fields=["model_version", "statement_sha256", "vector", "updated_at"],
        batch_size=1000,
    )
    from claims.retrieval import vector_search

    vector_search.vectors_stored(claims, vectors, model_version=model_version)
