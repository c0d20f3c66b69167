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
from functools import lru_cache

import numpy as np

from claims.linking.records import ArticleProfile, ClaimForLinking
from claims.linking.relations import _name_key as name_key

# Below this centroid cosine, and with (almost) no name in common, two articles are about
# different events. Measured on the training gold: articles of one story are at 0.8 or
# more, articles of different topics below 0.5.
DEFAULT_MIN_ARTICLE_SIMILARITY = 0.6
MIN_SHARED_ARTICLE_NAMES = 0.1
# Two articles about the same kind of event (two fires, two ferry sinkings) read alike
# as a whole (0.65-0.7 on invented pairs) and name nobody in common: when both name
# someone, only this close are they one event without a shared name.
MIN_ARTICLE_SIMILARITY_WITHOUT_NAMES = 0.85
# Names enough in common to make two articles one story, however short and differently
# angled (a first report and its follow-up at 0.59 with three names of four shared).
MANY_SHARED_ARTICLE_NAMES = 0.5
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
    names = {key for claim in claims for e in claim.entities if (key := name_key(e))}
    return ArticleProfile(
        vector=centroid / norm if norm else centroid, names=_fullest(names), claims=len(claims)
    )


def _fullest(names: set[str]) -> frozenset[str]:
    """The names, each once in its fullest form: "bell" goes when "jonas bell" is there,
    so a person or place named twice ways counts once."""
    tokens = {name: frozenset(name.split()) for name in names}
    return frozenset(
        name for name in names if not any(tokens[name] < tokens[other] for other in names)
    )


def _same_name(one: str, two: str) -> bool:
    """One name, however fully given: "ostrava" and "ostrava province", "bell" and
    "jonas bell" (all the words of the shorter in the longer)."""
    if one == two:
        return True
    shorter, longer = sorted((frozenset(one.split()), frozenset(two.split())), key=len)
    return bool(shorter) and shorter <= longer


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
    """Share of the names of the article naming fewer that the other names too, in full
    or in part ("ostrava" in "ostrava province"; 0 when either names nothing); None when
    a profile is missing."""
    if one is None or two is None:
        return None
    fewer, more = sorted((one.names, two.names), key=len)
    return _share_named(fewer, more) if fewer else 0.0


@lru_cache(maxsize=65536)
def _share_named(fewer: frozenset[str], more: frozenset[str]) -> float:
    # Memoised: every candidate pair of two articles asks the same (frozensets hash once).
    return sum(any(_same_name(name, other) for other in more) for name in fewer) / len(fewer)


def about_other_events(
    one: ArticleProfile | None,
    two: ArticleProfile | None,
    *,
    min_article_similarity: float = DEFAULT_MIN_ARTICLE_SIMILARITY,
) -> bool:
    """Whether two articles are about different events: naming (almost) nobody in
    common, and far apart as a whole (when one names nobody) or not nearly the same text
    (when both name someone: another fire, another war). Unknown (no profile, a single
    claim) is not different."""
    if one is None or two is None or min(one.claims, two.claims) < MIN_PROFILE_CLAIMS:
        return False
    if shared_article_names(one, two) >= MIN_SHARED_ARTICLE_NAMES:
        return False
    similarity = article_similarity(one, two)
    if one.names and two.names:
        return similarity < max(min_article_similarity, MIN_ARTICLE_SIMILARITY_WITHOUT_NAMES)
    return similarity < min_article_similarity


def one_story(one: ArticleProfile | None, two: ArticleProfile | None) -> bool:
    """Whether two articles are plainly of one story: close as a whole and naming the
    same parties. Stricter than not ``about_other_events``: it lets claims that read
    apart but count one measure ("killing at least 18", "the number confirmed dead rose
    to 31") be compared."""
    if one is None or two is None or min(one.claims, two.claims) < MIN_PROFILE_CLAIMS:
        return False
    shared = shared_article_names(one, two)
    return shared >= MIN_SHARED_ARTICLE_NAMES and (
        shared >= MANY_SHARED_ARTICLE_NAMES
        or article_similarity(one, two) >= DEFAULT_MIN_ARTICLE_SIMILARITY
    )
