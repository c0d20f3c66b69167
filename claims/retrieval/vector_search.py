"""Nearest prior claims by embedding, behind one function with two backends.

- ``pgvector``: the database ranks with an HNSW index (PostgreSQL with the ``vector``
  extension, as production services offer).
- ``exact``: numpy over an in-process copy of every stored vector (the SQLite default,
  and PostgreSQL without the extension). The copy is refreshed when the stored vectors or
  the claims' statuses change (one aggregate query per search).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import connection
from django.db.models import Count, Max

from claims.linking import top_k
from claims.models import Claim, ClaimEmbedding, ClaimStatus
from claims.retrieval.neighbour import Neighbour


@dataclass
class VectorSnapshot:
    signature: tuple
    claim_ids: np.ndarray
    article_ids: np.ndarray
    vectors: np.ndarray


_snapshots: dict[str, VectorSnapshot] = {}
_lock = threading.Lock()


def nearest_claims(
    query_vectors: np.ndarray,
    *,
    model_version: str,
    k: int,
    exclude_article_id: int | None = None,
) -> list[list[Neighbour]]:
    """For each query vector, the ``k`` most similar stored claims, best first.

    Claims of ``exclude_article_id`` and rejected claims are left out.
    """
    if backend_name() == "pgvector":
        from claims.retrieval import pgvector_search

        return pgvector_search.nearest_claims(
            query_vectors, model_version=model_version, k=k, exclude_article_id=exclude_article_id
        )
    return _exact_nearest(
        query_vectors, model_version=model_version, k=k, exclude_article_id=exclude_article_id
    )


def backend_name() -> str:
    choice = settings.CLAIMS_VECTOR_SEARCH
    if choice in ("exact", "pgvector"):
        return choice
    from claims.retrieval import pgvector_search

    return "pgvector" if pgvector_search.is_available(connection) else "exact"


def stored_vectors(claim_ids: Sequence[int], *, model_version: str) -> dict[int, np.ndarray]:
    """The stored vectors of some claims, by claim id."""
    rows = ClaimEmbedding.objects.filter(
        claim_id__in=claim_ids, model_version=model_version
    ).values_list("claim_id", "vector")
    return {claim_id: np.frombuffer(bytes(vector), dtype=np.float32) for claim_id, vector in rows}


def vectors_stored(claims: Sequence[Claim], vectors: np.ndarray, *, model_version: str) -> None:
    """Hook for the storage service: keep the pgvector column in step with the vectors."""
    if backend_name() == "pgvector":
        from claims.retrieval import pgvector_search

        pgvector_search.store(claims, vectors)


def _searchable_embeddings(model_version: str):
    # Rejected claims are not claims at all: never offer them as matches.
    return ClaimEmbedding.objects.filter(model_version=model_version).exclude(
        claim__status=ClaimStatus.REJECTED
    )


def _exact_nearest(
    query_vectors: np.ndarray, *, model_version: str, k: int, exclude_article_id: int | None
) -> list[list[Neighbour]]:
    snapshot = snapshot_of(model_version)
    queries = np.atleast_2d(np.asarray(query_vectors, dtype=np.float32))
    if not len(snapshot.claim_ids):
        return [[] for _ in range(len(queries))]
    excluded = 0
    if exclude_article_id is not None:
        excluded = int(np.count_nonzero(snapshot.article_ids == exclude_article_id))
    # Fetch enough to still have k after dropping the excluded article's own claims.
    indices, scores = top_k(queries, snapshot.vectors, k + excluded)
    results = []
    for row_indices, row_scores in zip(indices, scores, strict=True):
        row = [
            Neighbour(int(snapshot.claim_ids[i]), float(score))
            for i, score in zip(row_indices, row_scores, strict=True)
            if exclude_article_id is None or snapshot.article_ids[i] != exclude_article_id
        ]
        results.append(row[:k])
    return results


def snapshot_of(model_version: str) -> VectorSnapshot:
    """Every searchable stored vector, with claim and article ids, as of now (cached)."""
    embeddings = _searchable_embeddings(model_version)
    signature = tuple(
        embeddings.aggregate(
            count=Count("claim_id"),
            embedded=Max("updated_at"),
            reviewed=Max("claim__updated_at"),
        ).values()
    )
    with _lock:
        cached = _snapshots.get(model_version)
        if cached is not None and cached.signature == signature:
            return cached
        rows = list(embeddings.values_list("claim_id", "claim__article_id", "vector"))
        claim_ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        article_ids = np.fromiter(
            (r[1] if r[1] is not None else -1 for r in rows), dtype=np.int64, count=len(rows)
        )
        if rows:
            vectors = np.frombuffer(b"".join(bytes(r[2]) for r in rows), dtype=np.float32)
            vectors = vectors.reshape(len(rows), -1)
        else:
            vectors = np.empty((0, 0), dtype=np.float32)
        current = VectorSnapshot(signature, claim_ids, article_ids, vectors)
        _snapshots[model_version] = current
        return current
