"""The pgvector backend of the candidate search: HNSW over a `vector` column.

The column and its index exist only where the database has the `vector` extension (a
migration adds them there); elsewhere `is_available` is false and the exact backend runs.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from claims.models import Claim
from claims.retrieval.neighbour import Neighbour

TABLE = "claims_claimembedding"
COLUMN = "embedding_hnsw"
# all-MiniLM-L6-v2's width; a model of another width falls back to the exact search.
DIMENSIONS = 384

_available: dict[str, bool] = {}


def is_available(connection) -> bool:
    if connection.vendor != "postgresql":
        return False
    key = f"{connection.alias}:{connection.settings_dict['NAME']}"
    if key not in _available:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM information_schema.columns WHERE table_name = %s "
                "AND column_name = %s",
                [TABLE, COLUMN],
            )
            _available[key] = cursor.fetchone() is not None
    return _available[key]


def forget_availability() -> None:
    """Tests and migrations that add or drop the column call this."""
    _available.clear()


def as_literal(vector: np.ndarray) -> str:
    return "[" + ",".join(f"{x:.7g}" for x in np.asarray(vector, dtype=np.float32)) + "]"


def store(claims: Sequence[Claim], vectors: np.ndarray) -> None:
    from django.db import connection

    rows = [
        (as_literal(vector), claim.pk)
        for claim, vector in zip(claims, vectors, strict=True)
        if len(vector) == DIMENSIONS
    ]
    if not rows:
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {TABLE} SET {COLUMN} = %s::vector WHERE claim_id = %s",  # noqa: S608
            rows,
        )


def nearest_claims(
    query_vectors: np.ndarray, *, model_version: str, k: int, exclude_article_id: int | None
):
    from django.db import connection

    results = []
    # HNSW filters after the index scan: look further than k so filtering leaves k.
    limit = k * 4 + 20
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('hnsw.ef_search', %s, false)", [str(max(40, limit))])
        for query in np.atleast_2d(query_vectors):
            literal = as_literal(query)
            cursor.execute(
                f"""
                SELECT e.claim_id, 1 - (e.{COLUMN} <=> %s::vector)
                FROM {TABLE} e JOIN claims_claim c ON c.id = e.claim_id
                WHERE e.model_version = %s AND c.status <> 'rejected'
                  AND (c.article_id IS NULL OR c.article_id <> %s)
                ORDER BY e.{COLUMN} <=> %s::vector
                LIMIT %s
                """,  # noqa: S608
                [literal, model_version, exclude_article_id or -1, literal, limit],
            )
            results.append(
                [Neighbour(int(claim_id), float(sim)) for claim_id, sim in cursor.fetchall()][:k]
            )
    return results
