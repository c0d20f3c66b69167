"""Article profiles: what a claim's whole article is about, for the pair model.

Two claims can read alike ("the toll rose to 40", "at least 40 people died") and still
be about different events, another fire or another war; their articles then differ as a
whole. A profile is the mean of an article's claim vectors (L2-normalised) and the names
its claims mention; ``pair_model`` reads how close two profiles are. Pure numpy.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np

from claims.linking.records import ArticleProfile, ClaimForLinking
from claims.linking.relations import _name_key as name_key

# Below this centroid cosine, and with (almost) no name in common, two articles are about
# different events. Measured on the training gold: articles of one story are at 0.8 or
# more, articles of different topics below 0.5.
DEFAULT_MIN_ARTICLE_SIMILARITY = 0.6
MIN_SHARED_ARTICLE_NAMES = 0.1
# A single claim (a fact-check, a lone statement) is no article: its profile is itself.
MIN_PROFILE_CLAIMS = 2


def article_profiles(
    claims: Sequence[ClaimForLinking], vectors: np.ndarray
) -> dict[str, ArticleProfile]:
    """One profile per ``article_key`` from the given claims and their vectors (rows in
    ``claims`` order); a claim given twice (same id) counts once."""
    rows: dict[str, list[int]] = defaultdict(list)
    seen: set[str] = set()
    for row, claim in enumerate(claims):
        if claim.id in seen:
            continue
        seen.add(claim.id)
        rows[claim.article_key].append(row)
    profiles = {}
    for key, members in rows.items():
        profiles[key] = profile_of([claims[row] for row in members], np.asarray(vectors)[members])
    return profiles


def profile_of(claims: Iterable[ClaimForLinking], vectors: np.ndarray) -> ArticleProfile:
    """The profile of one article from (some of) its claims and their vectors."""
    centroid = np.asarray(vectors, dtype=np.float32).mean(axis=0)
    norm = float(np.linalg.norm(centroid))
    claims = list(claims)
    names = frozenset(key for claim in claims for e in claim.entities if (key := name_key(e)))
    return ArticleProfile(
        vector=centroid / norm if norm else centroid, names=names, claims=len(claims)
    )


def with_profiles(
    claims: Sequence[ClaimForLinking], profiles: dict[str, ArticleProfile]
) -> list[ClaimForLinking]:
    """The claims, each carrying its article's profile where it has none."""
    return [
        claim
        if claim.article is not None or claim.article_key not in profiles
        else dataclasses.replace(claim, article=profiles[claim.article_key])
        for claim in claims
    ]


def article_similarity(one: ArticleProfile | None, two: ArticleProfile | None) -> float | None:
    """Cosine of the two articles' centroids; None when a profile is missing."""
    if one is None or two is None:
        return None
    return float(np.dot(one.vector, two.vector))


def shared_article_names(one: ArticleProfile | None, two: ArticleProfile | None) -> float | None:
    """Share of the names of the article naming fewer that the other names too (0 when
    either names nothing); None when a profile is missing."""
    if one is None or two is None:
        return None
    fewer = min(len(one.names), len(two.names))
    return len(one.names & two.names) / fewer if fewer else 0.0


def about_other_events(
    one: ArticleProfile | None,
    two: ArticleProfile | None,
    *,
    min_article_similarity: float = DEFAULT_MIN_ARTICLE_SIMILARITY,
) -> bool:
    """Whether two articles are about different events: far apart as a whole and naming
    (almost) nobody in common. Unknown (no profile, a single claim) is not different."""
    if one is None or two is None or min(one.claims, two.claims) < MIN_PROFILE_CLAIMS:
        return False
    similarity = article_similarity(one, two)
    shared = shared_article_names(one, two)
    return similarity < min_article_similarity and shared < MIN_SHARED_ARTICLE_NAMES
