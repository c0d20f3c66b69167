"""Matching free texts (a tweet, a quote, a new claim) against every tracked claim.

Dense retrieval over the stored vectors, re-ranked with BM25 over all claim texts: the
hybrid the linking scores use. `match_claims` and the API share it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from django.conf import settings

from claims import linking
from claims.linking.scoring import hybrid_scores
from claims.models import Claim
from claims.retrieval.embeddings import get_embedder
from claims.retrieval.vector_search import snapshot_of

# Dense neighbours re-ranked per query.
CANDIDATE_POOL = 50


@dataclass(frozen=True)
class ClaimMatch:
    query_id: str
    claim_id: int
    claim_ref: str
    rank: int
    score: float


@dataclass
class _LexicalCorpus:
    signature: tuple
    refs: list[str]
    index: linking.LexicalIndex


_corpus_cache: dict[str, _LexicalCorpus] = {}
_lock = threading.Lock()


def match_texts(queries: list[tuple[str, str]], *, top: int = 5) -> list[ClaimMatch]:
    """The `top` claims for each (query_id, text), best first."""
    embedder = get_embedder()
    vectors = snapshot_of(embedder.version)
    if not queries or not len(vectors.claim_ids):
        return []
    corpus = _lexical_corpus(embedder.version)
    weight = settings.CLAIMS_LINK_LEXICAL_WEIGHT
    weight = linking.DEFAULT_LEXICAL_WEIGHT if weight is None else weight
    query_vectors = embedder.encode([text for _, text in queries])
    indices, cosines = linking.top_k(query_vectors, vectors.vectors, CANDIDATE_POOL)
    matches = []
    for (query_id, text), row, row_cosines in zip(queries, indices, cosines, strict=True):
        scores = row_cosines
        if weight > 0:
            lexical = corpus.index.scores(text)[row]
            scores = hybrid_scores(row_cosines, lexical, lexical_weight=weight)
        order = np.argsort(-scores, kind="stable")[:top]
        for rank, position in enumerate(order, start=1):
            index = int(row[position])
            matches.append(
                ClaimMatch(
                    query_id=query_id,
                    claim_id=int(vectors.claim_ids[index]),
                    claim_ref=corpus.refs[index],
                    rank=rank,
                    score=round(float(scores[position]), 6),
                )
            )
    return matches


def _lexical_corpus(model_version: str) -> _LexicalCorpus:
    vectors = snapshot_of(model_version)
    with _lock:
        cached = _corpus_cache.get(model_version)
        if cached is not None and cached.signature == vectors.signature:
            return cached
        rows = {
            pk: (statement or quote, external_id)
            for pk, statement, quote, external_id in Claim.objects.filter(
                pk__in=vectors.claim_ids.tolist()
            ).values_list("pk", "statement", "quote", "fact_check__external_id")
        }
        ordered = [(int(pk), *rows[int(pk)]) for pk in vectors.claim_ids]
        corpus = _LexicalCorpus(
            signature=vectors.signature,
            refs=[external_id or str(pk) for pk, _, external_id in ordered],
            index=linking.LexicalIndex([text for _, text, _ in ordered]),
        )
        _corpus_cache[model_version] = corpus
        return corpus
