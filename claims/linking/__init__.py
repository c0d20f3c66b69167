"""Link suggestion: for each new claim, the prior claims (from other articles) it repeats,
supports, updates or contradicts. Pure Python and numpy, no Django.

Retrieval is dense (exact cosine over sentence embeddings, ``search.top_k``), re-ranked
with a little BM25 (``scoring``); the link type comes from comparing the two claims'
figures, dates, denials and direction of movement (``relations``), never from similarity
alone.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from claims.linking.embedding import DEFAULT_EMBEDDING_MODEL, Embedder, load_embedder
from claims.linking.lexical import LexicalIndex
from claims.linking.records import (
    RELATIONS,
    ClaimForLinking,
    LinkQuantity,
    LinkSuggestion,
    Relation,
)
from claims.linking.relations import (
    DEFAULT_MIN_CONFLICT_SIMILARITY,
    DEFAULT_MIN_DENIAL_SIMILARITY,
    DEFAULT_MIN_SIMILARITY,
    DEFAULT_SAME_THRESHOLD,
    RelationDecision,
    type_relation,
)
from claims.linking.scoring import DEFAULT_LEXICAL_WEIGHT, hybrid_scores
from claims.linking.search import top_k

__all__ = [
    "DEFAULT_CANDIDATE_POOL",
    "DEFAULT_EMBEDDING_MODEL",
    "DEFAULT_LEXICAL_WEIGHT",
    "DEFAULT_MIN_CONFLICT_SIMILARITY",
    "DEFAULT_MIN_DENIAL_SIMILARITY",
    "DEFAULT_MIN_SIMILARITY",
    "DEFAULT_SAME_THRESHOLD",
    "LINKING_METHOD",
    "RELATIONS",
    "ClaimForLinking",
    "Embedder",
    "LexicalIndex",
    "LinkQuantity",
    "LinkSuggestion",
    "Relation",
    "RelationDecision",
    "embed_claims",
    "load_embedder",
    "suggest_links",
    "top_k",
    "type_relation",
]

LINKING_METHOD = "dense+bm25/slots-v1"
# Links between two claims of one article rank below links to other articles (they are
# not independent corroboration) and are never "same" (an article repeating itself).
DEFAULT_WITHIN_ARTICLE_K = 2
DEFAULT_WITHIN_ARTICLE_WEIGHT = 0.5
# Nearest neighbours fetched per new claim before same-article ones are dropped and the
# rest re-ranked; generous, because one article can hold many near neighbours.
DEFAULT_CANDIDATE_POOL = 50


def embed_claims(claims: Sequence[ClaimForLinking], *, embedder: Embedder) -> np.ndarray:
    """The vectors to store beside claims (their statements, L2-normalised float32)."""
    return embedder.encode([claim.text for claim in claims])


def suggest_links(
    new_claims: Sequence[ClaimForLinking],
    prior_claims: Sequence[ClaimForLinking],
    prior_vectors: np.ndarray | None = None,
    *,
    embedder: Embedder,
    new_vectors: np.ndarray | None = None,
    k: int = 5,
    candidate_pool: int = DEFAULT_CANDIDATE_POOL,
    lexical_weight: float = DEFAULT_LEXICAL_WEIGHT,
    lexical_index: LexicalIndex | None = None,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
    min_conflict_similarity: float = DEFAULT_MIN_CONFLICT_SIMILARITY,
    min_denial_similarity: float = DEFAULT_MIN_DENIAL_SIMILARITY,
    same_threshold: float = DEFAULT_SAME_THRESHOLD,
    include_same_article: bool = False,
    within_article_k: int = 0,
    within_article_weight: float = DEFAULT_WITHIN_ARTICLE_WEIGHT,
) -> list[LinkSuggestion]:
    """Up to ``k`` typed links per new claim, best first, to prior claims of other articles.

    ``prior_vectors`` (rows in ``prior_claims`` order, from ``embed_claims`` with the same
    model) are computed when not given; so are ``new_vectors``. Thresholds are cosines: a
    candidate needs ``min_similarity``; typing it ``updates`` or ``contradicts`` needs
    ``min_conflict_similarity`` (``min_denial_similarity`` for a denial); ``same`` needs
    ``same_threshold``. ``lexical_index`` (BM25 over the prior statements, in order) is
    built when not given and ``lexical_weight`` > 0. A claim is never linked to itself;
    ``include_same_article`` also links claims within one article. Otherwise up to
    ``within_article_k`` more links per claim go to claims of its own article: typed
    supports, updates or contradicts only, their score scaled by ``within_article_weight``.
    """
    if not new_claims or not prior_claims:
        return []
    if prior_vectors is None:
        prior_vectors = embed_claims(prior_claims, embedder=embedder)
    if new_vectors is None:
        new_vectors = embed_claims(new_claims, embedder=embedder)
    if len(prior_vectors) != len(prior_claims) or len(new_vectors) != len(new_claims):
        raise ValueError("vectors and claims must be given in the same order and number")
    if lexical_weight > 0 and lexical_index is None:
        lexical_index = LexicalIndex([claim.text for claim in prior_claims])

    indices, cosines = top_k(new_vectors, prior_vectors, candidate_pool)
    suggestions: list[LinkSuggestion] = []
    for row, claim in enumerate(new_claims):
        columns = [
            column
            for column, index in enumerate(indices[row])
            if cosines[row, column] >= min_similarity and prior_claims[index].id != claim.id
        ]
        same_article = [
            column
            for column in columns
            if prior_claims[indices[row, column]].article_key == claim.article_key
        ]
        keep = columns if include_same_article else [c for c in columns if c not in same_article]
        if within_article_k and not include_same_article and same_article:
            suggestions.extend(
                _within_article_links(
                    claim,
                    [prior_claims[int(indices[row, c])] for c in same_article],
                    [float(cosines[row, c]) for c in same_article],
                    embedder=embedder,
                    k=within_article_k,
                    weight=within_article_weight,
                    thresholds={
                        "min_similarity": min_similarity,
                        "min_conflict_similarity": min_conflict_similarity,
                        "min_denial_similarity": min_denial_similarity,
                        "same_threshold": same_threshold,
                    },
                )
            )
        if not keep:
            continue
        candidates = indices[row, keep]
        candidate_cosines = cosines[row, keep]
        if lexical_index is not None and lexical_weight > 0:
            lexical = lexical_index.scores(claim.text)[candidates]
            scores = hybrid_scores(candidate_cosines, lexical, lexical_weight=lexical_weight)
        else:
            scores = candidate_cosines
        # Best score first; ties keep the nearer neighbour.
        order = np.argsort(-scores, kind="stable")
        taken = 0
        for position in order:
            if taken >= k:
                break
            prior = prior_claims[int(candidates[position])]
            similarity = float(candidate_cosines[position])
            decision = type_relation(
                claim,
                prior,
                similarity=similarity,
                min_similarity=min_similarity,
                min_conflict_similarity=min_conflict_similarity,
                min_denial_similarity=min_denial_similarity,
                same_threshold=same_threshold,
            )
            if decision.relation is None:
                continue
            suggestions.append(
                LinkSuggestion(
                    new_id=claim.id,
                    prior_id=prior.id,
                    relation=decision.relation,
                    score=round(float(scores[position]), 6),
                    similarity=round(similarity, 6),
                    method=LINKING_METHOD,
                    model_version=embedder.version,
                    reason=decision.reason,
                    prior_is_subject=decision.other_is_subject,
                )
            )
            taken += 1
    return suggestions


def _within_article_links(
    claim: ClaimForLinking,
    others: list[ClaimForLinking],
    similarities: list[float],
    *,
    embedder: Embedder,
    k: int,
    weight: float,
    thresholds: dict[str, float],
) -> list[LinkSuggestion]:
    links: list[LinkSuggestion] = []
    for other, similarity in sorted(
        zip(others, similarities, strict=True), key=lambda pair: -pair[1]
    ):
        if len(links) >= k:
            break
        decision = type_relation(claim, other, similarity=similarity, **thresholds)
        if decision.relation in (None, "same"):
            continue
        links.append(
            LinkSuggestion(
                new_id=claim.id,
                prior_id=other.id,
                relation=decision.relation,
                score=round(similarity * weight, 6),
                similarity=round(similarity, 6),
                method=LINKING_METHOD,
                model_version=embedder.version,
                reason=f"within one article: {decision.reason}",
                prior_is_subject=decision.other_is_subject,
            )
        )
    return links
