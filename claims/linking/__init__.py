"""Link suggestion: for each new claim, the prior claims (from other articles) it repeats,
supports, updates or contradicts. Pure Python and numpy, no Django.

Retrieval is dense (exact cosine over sentence embeddings, ``search.top_k``), re-ranked
with a little BM25 (``scoring``); the link type comes from comparing the two claims'
figures, dates, denials and direction of movement (``relations``), never from similarity
alone. Claims of two articles about different events (``articles``: no name in
common, and far apart or merely alike as a whole) are never linked; claims of one
story's articles that count one measure are compared however differently they are
worded. The learned pair model (``pair_model``) gates what is left: pairs with no
conflict evidence (same, supports) are one group with one threshold, so the model, not
a cosine cut, decides what is the same fact, and in such a pair one claim must be the
other's best match in its article (one fact is said once per article), and a claim gets
one such link per other article, the most probable; updates and contradicts have their
own thresholds.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from claims.linking.articles import (
    about_other_events,
    article_profiles,
    article_similarity,
    one_story,
    with_profiles,
)
from claims.linking.embedding import DEFAULT_EMBEDDING_MODEL, Embedder, load_embedder
from claims.linking.lexical import LexicalIndex
from claims.linking.measures import comparable
from claims.linking.pair_model import (
    CONSISTENT,
    PAIR_MODEL_VERSION,
    PairModel,
    gate_group,
    load_pair_model,
    pair_features,
)
from claims.linking.records import (
    RELATIONS,
    ArticleProfile,
    ClaimForLinking,
    LinkQuantity,
    LinkSuggestion,
    Relation,
)
from claims.linking.relations import (
    DEFAULT_MIN_CONFLICT_SIMILARITY,
    DEFAULT_MIN_DENIAL_SIMILARITY,
    DEFAULT_MIN_RELATED_SIMILARITY,
    DEFAULT_MIN_RELATED_SUPPORT_SIMILARITY,
    DEFAULT_MIN_SIMILARITY,
    DEFAULT_MIN_SUPPORT_SIMILARITY,
    DEFAULT_MIN_UNRELATED_SIMILARITY,
    DEFAULT_SAME_THRESHOLD,
    RelationDecision,
    claim_figures,
    type_relation,
)
from claims.linking.scoring import DEFAULT_LEXICAL_WEIGHT, hybrid_scores, normalise_lexical
from claims.linking.search import top_k

__all__ = [
    "DEFAULT_CANDIDATE_POOL",
    "MAX_STORY_ARTICLES",
    "DEFAULT_EMBEDDING_MODEL",
    "DEFAULT_LEXICAL_WEIGHT",
    "DEFAULT_MIN_CONFLICT_SIMILARITY",
    "DEFAULT_MIN_DENIAL_SIMILARITY",
    "DEFAULT_MIN_RELATED_SIMILARITY",
    "DEFAULT_MIN_RELATED_SUPPORT_SIMILARITY",
    "DEFAULT_MIN_SIMILARITY",
    "DEFAULT_MIN_SUPPORT_SIMILARITY",
    "DEFAULT_MIN_UNRELATED_SIMILARITY",
    "DEFAULT_SAME_THRESHOLD",
    "LINKING_METHOD",
    "RELATIONS",
    "ArticleProfile",
    "ClaimForLinking",
    "Embedder",
    "LexicalIndex",
    "LinkQuantity",
    "LinkSuggestion",
    "Relation",
    "RelationDecision",
    "article_profiles",
    "embed_claims",
    "load_embedder",
    "one_story",
    "suggest_links",
    "top_k",
    "type_relation",
]

LINKING_METHOD = f"dense+bm25/measures-v3/one-per-article/{PAIR_MODEL_VERSION}"
RULES_METHOD = "dense+bm25/measures-v3"  # no gate: every rule-typed link, best first
# Candidates per claim typed and scored by the pair model (best hybrid score first).
DEFAULT_RERANK = 20
# Links per claim an editor is shown: past three, the rest were rarely kept (dev gold).
DEFAULT_LINKS_PER_CLAIM = 3
# Links between two claims of one article rank below links to other articles (they are
# not independent corroboration) and are never "same" (an article repeating itself).
DEFAULT_WITHIN_ARTICLE_K = 2
DEFAULT_WITHIN_ARTICLE_WEIGHT = 0.5
# Nearest neighbours fetched per new claim before same-article ones are dropped and the
# rest re-ranked; generous, because one article can hold many near neighbours.
DEFAULT_CANDIDATE_POOL = 50
# Claims of one story that count one measure are candidates down to this cosine, below
# the floor: a follow-up rewords its figures ("killing at least 18 people", "the number
# confirmed dead rose to 31" are 0.3 apart) and its update would never be compared.
MIN_MEASURE_SIMILARITY = 0.2
# Earlier articles of a story whose claims are compared so (the closest first).
MAX_STORY_ARTICLES = 10


def embed_claims(claims: Sequence[ClaimForLinking], *, embedder: Embedder) -> np.ndarray:
    """The vectors to store beside claims (their statements, L2-normalised float32)."""
    return embedder.encode([claim.text for claim in claims])


def profiled(
    new_claims: Sequence[ClaimForLinking],
    prior_claims: Sequence[ClaimForLinking],
    new_vectors: np.ndarray,
    prior_vectors: np.ndarray,
) -> tuple[list[ClaimForLinking], list[ClaimForLinking]]:
    """Both lists with article profiles: the ones the claims carry (the service profiles
    whole articles), else profiles of the claims given here (all of them, in evaluation
    and training)."""
    if all(c.article is not None for c in (*new_claims, *prior_claims)):
        return list(new_claims), list(prior_claims)
    profiles = article_profiles(
        [*new_claims, *prior_claims], np.vstack([new_vectors, prior_vectors])
    )
    return with_profiles(new_claims, profiles), with_profiles(prior_claims, profiles)


def suggest_links(
    new_claims: Sequence[ClaimForLinking],
    prior_claims: Sequence[ClaimForLinking],
    prior_vectors: np.ndarray | None = None,
    *,
    embedder: Embedder,
    new_vectors: np.ndarray | None = None,
    k: int = DEFAULT_LINKS_PER_CLAIM,
    candidate_pool: int = DEFAULT_CANDIDATE_POOL,
    lexical_weight: float = DEFAULT_LEXICAL_WEIGHT,
    lexical_index: LexicalIndex | None = None,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
    min_support_similarity: float = DEFAULT_MIN_SUPPORT_SIMILARITY,
    min_related_support_similarity: float = DEFAULT_MIN_RELATED_SUPPORT_SIMILARITY,
    min_unrelated_similarity: float = DEFAULT_MIN_UNRELATED_SIMILARITY,
    min_conflict_similarity: float = DEFAULT_MIN_CONFLICT_SIMILARITY,
    min_denial_similarity: float = DEFAULT_MIN_DENIAL_SIMILARITY,
    min_related_similarity: float = DEFAULT_MIN_RELATED_SIMILARITY,
    same_threshold: float = DEFAULT_SAME_THRESHOLD,
    include_same_article: bool = False,
    within_article_k: int = DEFAULT_WITHIN_ARTICLE_K,
    within_article_weight: float = DEFAULT_WITHIN_ARTICLE_WEIGHT,
    pair_model: PairModel | None | bool = None,
) -> list[LinkSuggestion]:
    """Up to ``k`` typed links per new claim, best first, each with its reasons.

    ``prior_vectors`` (rows in ``prior_claims`` order, from ``embed_claims`` with the same
    model) are computed when not given; so are ``new_vectors``. Thresholds are cosines,
    one per kind of evidence (see ``claims.linking.relations``): a candidate on the same
    topic with nothing more in common is not a link. ``lexical_index`` (BM25 over the
    prior statements, in order) is built when not given and ``lexical_weight`` > 0. A
    claim is never linked to itself. Claims of its own article are linked only by a
    conflict (a denial, a different figure of one measure), up to ``within_article_k``,
    scored ``within_article_weight`` lower; ``include_same_article`` treats them like
    claims of other articles.

    ``pair_model`` (default: the shipped one, ``load_pair_model``) gates and ranks the
    typed candidates by the probability an editor keeps them, one threshold per gate
    group (same and supports share one; the score is that probability); ``False`` keeps
    the hand-set cosine thresholds alone. Claims carry their article's profile
    (``ClaimForLinking.article``); those without get one from the claims given here.
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
    new_claims, prior_claims = profiled(new_claims, prior_claims, new_vectors, prior_vectors)
    thresholds = {
        "min_similarity": min_similarity,
        "min_support_similarity": min_support_similarity,
        "min_related_support_similarity": min_related_support_similarity,
        "min_unrelated_similarity": min_unrelated_similarity,
        "min_conflict_similarity": min_conflict_similarity,
        "min_denial_similarity": min_denial_similarity,
        "min_related_similarity": min_related_similarity,
        "same_threshold": same_threshold,
    }
    floor = min(min_similarity, min_conflict_similarity, min_related_similarity)
    if pair_model is None:
        pair_model = load_pair_model()
    if pair_model:
        # The learned gate decides; the rules only type, from the floor up.
        thresholds = learned_typing_thresholds(floor=floor)
    suggestions: list[LinkSuggestion] = []
    for claim, group in typed_candidates(
        new_claims,
        prior_claims,
        prior_vectors,
        new_vectors,
        floor=floor,
        candidate_pool=candidate_pool,
        rerank=DEFAULT_RERANK if pair_model else candidate_pool,
        lexical_weight=lexical_weight,
        lexical_index=lexical_index,
        include_same_article=include_same_article,
        thresholds=thresholds,
    ):
        if pair_model:
            group = _gated(claim, group, pair_model)
        taken = within = 0
        for candidate in group:
            if taken >= k:
                break
            decision = candidate.decision
            if candidate.within_article and within >= within_article_k:
                continue
            if decision.relation is None:
                continue
            score = candidate.probability if pair_model else candidate.score
            reasons = dict(decision.reasons)
            if candidate.lexical is not None:
                reasons["lexical"] = round(candidate.lexical, 3)
            if candidate.probability is not None:
                reasons["probability"] = round(candidate.probability, 3)
            if candidate.within_article:
                score *= within_article_weight
                within += 1
            suggestions.append(
                LinkSuggestion(
                    new_id=claim.id,
                    prior_id=candidate.prior.id,
                    relation=decision.relation,
                    score=round(score, 6),
                    similarity=round(candidate.similarity, 6),
                    method=LINKING_METHOD if pair_model else RULES_METHOD,
                    model_version=embedder.version,
                    reason=decision.reason,
                    prior_is_subject=decision.other_is_subject,
                    reasons=reasons,
                )
            )
            taken += 1
    return suggestions


@dataclass
class Candidate:
    """A prior claim near a new one, typed by the rules (``decision``)."""

    prior: ClaimForLinking
    similarity: float
    lexical: float | None
    score: float
    within_article: bool
    decision: RelationDecision
    # Each is the other's nearest claim in the other's article: what a consistent link
    # (same, supports) needs besides the model's probability.
    best_in_article: bool = False
    probability: float | None = None


def learned_typing_thresholds(*, floor: float) -> dict[str, float]:
    """Rule thresholds when the pair model decides: every evidence tier opens at the
    candidate floor, "same" too (the model weighs the cosine and decides whether two
    claims are one fact; the rules only say whether one adds a figure or a date)."""
    return {
        "min_similarity": floor,
        "min_support_similarity": floor,
        "min_related_support_similarity": floor,
        "min_unrelated_similarity": floor,
        "min_conflict_similarity": floor,
        "min_denial_similarity": floor,
        "min_related_similarity": floor,
        "min_unnamed_conflict_similarity": floor,
        "same_threshold": floor,
    }


def typed_candidates(
    new_claims: Sequence[ClaimForLinking],
    prior_claims: Sequence[ClaimForLinking],
    prior_vectors: np.ndarray,
    new_vectors: np.ndarray,
    *,
    floor: float,
    candidate_pool: int,
    rerank: int,
    lexical_weight: float,
    lexical_index: LexicalIndex | None,
    include_same_article: bool,
    thresholds: dict[str, float],
) -> Iterator[tuple[ClaimForLinking, list[Candidate]]]:
    """Per new claim, its ``rerank`` best candidates above ``floor`` (hybrid score), each
    typed by the rules: what suggestion and training both read."""
    indices, cosines = top_k(new_vectors, prior_vectors, candidate_pool)
    measured = _MeasuredClaims.of(prior_claims)
    rows_of_article: dict[str, list[int]] = {}
    for row, claim in enumerate(new_claims):
        rows_of_article.setdefault(claim.article_key, []).append(row)
    for row, claim in enumerate(new_claims):
        keep = [
            column
            for column, index in enumerate(indices[row])
            if cosines[row, column] >= floor and prior_claims[index].id != claim.id
        ]
        by_measure = functools.partial(
            _same_measure_candidates,
            row,
            claim,
            prior_claims,
            prior_vectors,
            new_vectors,
            measured=measured,
            new_claims=new_claims,
            rows_of_article=rows_of_article,
        )
        if not keep:
            group = by_measure(have=set())
            if group:
                yield claim, group
            continue
        candidates = indices[row, keep]
        candidate_cosines = cosines[row, keep]
        lexical = None
        if lexical_index is not None and lexical_weight > 0:
            lexical = normalise_lexical(lexical_index.scores(claim.text)[candidates])
            scores = hybrid_scores(candidate_cosines, lexical, lexical_weight=lexical_weight)
        else:
            scores = candidate_cosines
        # Best score first; ties keep the nearer neighbour.
        order = np.argsort(-scores, kind="stable")[:rerank]
        nearest_of_article: dict[str, float] = {}
        for index, cosine in zip(candidates, candidate_cosines, strict=True):
            key = prior_claims[int(index)].article_key
            nearest_of_article[key] = max(nearest_of_article.get(key, -1.0), float(cosine))
        group = []
        for position in order:
            prior = prior_claims[int(candidates[position])]
            within = prior.article_key == claim.article_key and not include_same_article
            similarity = float(candidate_cosines[position])
            decision = _typed(claim, prior, similarity=similarity, within=within, **thresholds)
            # One fact is said once per article: the prior must be the claim's nearest in
            # its article, or the claim the prior's nearest in the claim's article.
            best = similarity >= nearest_of_article[prior.article_key] or (
                _nearest_row(
                    prior_vectors[int(candidates[position])],
                    prior.id,
                    new_claims,
                    new_vectors,
                    rows_of_article[claim.article_key],
                )
                == row
            )
            group.append(
                Candidate(
                    prior=prior,
                    similarity=similarity,
                    lexical=None if lexical is None else float(lexical[position]),
                    score=float(scores[position]),
                    within_article=within,
                    decision=decision,
                    best_in_article=best,
                )
            )
        # A dense candidate the rules typed nothing stays open to the figures' reading.
        typed = {
            int(candidates[position])
            for position, candidate in zip(order, group, strict=True)
            if candidate.decision.relation is not None
        }
        group.extend(by_measure(have=typed))
        yield claim, group


@dataclass
class _MeasuredClaims:
    """The prior claims that state a figure, by article, and each new article's story
    (the ``MAX_STORY_ARTICLES`` closest prior articles ``one_story`` with it)."""

    by_article: dict[str, list[tuple[int, list]]]
    profiles: dict[str, ArticleProfile]
    stories: dict[str, list[str]]

    @classmethod
    def of(cls, claims: Sequence[ClaimForLinking]) -> _MeasuredClaims:
        by_article: dict[str, list[tuple[int, list]]] = {}
        profiles = {}
        for row, claim in enumerate(claims):
            if claim.article is not None:
                profiles[claim.article_key] = claim.article
            figures = claim_figures(claim)
            if figures:
                by_article.setdefault(claim.article_key, []).append((row, figures))
        return cls(by_article=by_article, profiles=profiles, stories={})

    def in_story_of(self, claim: ClaimForLinking) -> Iterator[tuple[int, list]]:
        """(row, figures) of the measured claims of the claim's story's other articles."""
        key = claim.article_key
        if key not in self.stories:
            story = sorted(
                (
                    (-article_similarity(claim.article, profile), other)
                    for other, profile in self.profiles.items()
                    if other != key
                    and other in self.by_article
                    and one_story(claim.article, profile)
                ),
            )
            self.stories[key] = [other for _distance, other in story[:MAX_STORY_ARTICLES]]
        for other in self.stories[key]:
            yield from self.by_article[other]


def _same_measure_candidates(
    row: int,
    claim: ClaimForLinking,
    prior_claims: Sequence[ClaimForLinking],
    prior_vectors: np.ndarray,
    new_vectors: np.ndarray,
    *,
    measured: _MeasuredClaims,
    have: set[int],
    new_claims: Sequence[ClaimForLinking],
    rows_of_article: dict[str, list[int]],
) -> list[Candidate]:
    """Prior claims of another article of the claim's story (``one_story``) that count a
    measure the claim counts, down to ``MIN_MEASURE_SIMILARITY``, where the figures
    clash or agree; candidates by what they count, not by how they are worded."""
    figures = claim_figures(claim)
    if not figures or claim.article is None:
        return []
    low = learned_typing_thresholds(floor=MIN_MEASURE_SIMILARITY)
    found = []
    for index, prior_figures in measured.in_story_of(claim):
        prior = prior_claims[index]
        if (
            index in have
            or prior.id == claim.id
            or not any(comparable(f, g) for f in figures for g in prior_figures)
        ):
            continue
        similarity = float(np.dot(new_vectors[row], prior_vectors[index]))
        if similarity < MIN_MEASURE_SIMILARITY:
            continue
        decision = _typed(claim, prior, similarity=similarity, within=False, **low)
        if "figures" not in decision.reasons and "same_figure" not in decision.reasons:
            continue  # only what the figures say counts this far below the floor
        decision.reasons["same_measure"] = True
        found.append(
            Candidate(
                prior=prior,
                similarity=similarity,
                lexical=None,
                score=similarity,
                within_article=False,
                decision=decision,
                best_in_article=_nearest_row(
                    prior_vectors[index],
                    prior.id,
                    new_claims,
                    new_vectors,
                    rows_of_article[claim.article_key],
                )
                == row,
            )
        )
    return found


def _nearest_row(
    vector: np.ndarray,
    own_id: str,
    new_claims: Sequence[ClaimForLinking],
    new_vectors: np.ndarray,
    rows: list[int],
) -> int | None:
    """Of the new claims at ``rows`` (one article's), the row nearest ``vector``; the
    candidate itself, when it is one of them, left out."""
    others = [r for r in rows if new_claims[r].id != own_id]
    if not others:
        return None
    return others[int(np.argmax(new_vectors[others] @ vector))]


def _typed(
    claim: ClaimForLinking,
    prior: ClaimForLinking,
    *,
    similarity: float,
    within: bool,
    **thresholds: float,
) -> RelationDecision:
    """The rules' type, unless the two articles are about different events (then no
    link, however alike the claims read); the articles' similarity joins the reasons."""
    articles = article_similarity(claim.article, prior.article)
    if not within and about_other_events(claim.article, prior.article):
        return RelationDecision(
            None,
            "articles about different events",
            reasons={"similarity": round(similarity, 3), "article_similarity": round(articles, 3)},
        )
    decision = type_relation(
        claim, prior, similarity=similarity, within_article=within, **thresholds
    )
    if articles is not None and not within:
        decision.reasons["article_similarity"] = round(articles, 3)
    return decision


def candidate_features(claim: ClaimForLinking, candidate: Candidate) -> list[float]:
    return pair_features(
        claim,
        candidate.prior,
        relation=candidate.decision.relation or "",
        reasons=candidate.decision.reasons,
    )


def _gated(claim: ClaimForLinking, group: list[Candidate], model: PairModel) -> list[Candidate]:
    """The typed candidates the model keeps, most probable first."""
    typed = [c for c in group if c.decision.relation is not None]
    if not typed:
        return []
    probabilities = model.probabilities(np.asarray([candidate_features(claim, c) for c in typed]))
    kept = []
    for candidate, probability in zip(typed, probabilities, strict=True):
        candidate.probability = float(probability)
        relation = candidate.decision.relation
        if gate_group(relation) == CONSISTENT and not candidate.best_in_article:
            continue  # one fact is said once per article: its nearest there, both ways
        if model.keeps(relation, candidate.probability):
            kept.append(candidate)
    kept.sort(key=lambda c: -c.probability)
    return _one_consistent_per_article(kept)


def _one_consistent_per_article(kept: list[Candidate]) -> list[Candidate]:
    """Of the consistent links (same, supports) into one other article, the most probable
    alone: a claim restates one fact of that article, and the runners-up are most often
    claims merely on its topic. Conflicts stay: one claim may update two figures."""
    linked: set[str] = set()
    chosen = []
    for candidate in kept:  # most probable first
        if gate_group(candidate.decision.relation) == CONSISTENT:
            if candidate.prior.article_key in linked:
                continue
            linked.add(candidate.prior.article_key)
        chosen.append(candidate)
    return chosen
