"""Training the link pair model (``claims.linking.pair_model``) from labelled pairs.

Three sources, each made into the rows the model reads at suggestion time (a pair typed
by the rules, its ``pair_features``, a label "an editor keeps it"):

- **gold news** (the gold annotation files): the claims the extractor finds in the gold
  articles, linked among themselves exactly as ``suggest_links`` does
  (``typed_candidates``); a pair is kept when its two claims pair with gold claims of one
  cluster, or of two clusters joined by a gold relation;
- **MRPC** (news sentence pairs): a paraphrase is kept, a near miss is not;
- **CheckThat! 2022 2A** (tweets and the fact-checked claims they repeat): the claim a
  tweet repeats is kept, the lexically nearest other claims are not.

Gold stories (articles joined by a cross-article cluster) are left out whole: the
thresholds (one per gate group) are calibrated on predictions for each story by a model
trained without it; the consistent threshold only on best matches (one claim the
other's nearest in its article), the only consistent pairs ever suggested. The gold rows
carry article profiles (``claims.linking.articles``) as suggestion does, so claims of
different events are no candidates here either.
Pure Python (numpy, scikit-learn for the fit); the command reads the files.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from claims.linking import (
    DEFAULT_CANDIDATE_POOL,
    DEFAULT_RERANK,
    ClaimForLinking,
    candidate_features,
    learned_typing_thresholds,
    typed_candidates,
)
from claims.linking.articles import article_profiles, with_profiles
from claims.linking.lexical import LexicalIndex
from claims.linking.pair_model import CONSISTENT, PairModel, gate_group, pair_features
from claims.linking.relations import DEFAULT_MIN_SIMILARITY, type_relation
from claims.linking.scoring import DEFAULT_LEXICAL_WEIGHT

# Precision each relation's threshold is set to reach on left-out stories: the share of
# suggestions an editor should keep (issue 9 asks for 0.70). A higher target sits where
# the left-out curve hovers (near-copies of one report cap it near 0.75), so one row
# more or less moved the threshold from 0.3 to 0.58 and halved what was suggested.
DEFAULT_TARGET_PRECISION = 0.70
DEFAULT_CONFLICT_TARGET_PRECISION = 0.5
# A relation typed fewer times than this in the gold rows, or in fewer stories, borrows
# the rows of the groups calibrated to the same precision (updates and contradicts):
# left out one story at a time, a relation seen in only two stories is scored by a model
# that saw it in one, and its probabilities say nothing of the other.
MIN_ROWS_PER_RELATION = 10
MIN_STORIES_PER_RELATION = 3
# Share of the training weight per source: the gold news is what suggestions face.
SOURCE_WEIGHTS = {"gold": 0.5, "mrpc": 0.25, "checkthat": 0.25}
REGULARISATION = 1.0
# The threshold of a relation whose suggestions never reach the target precision.
NEVER = 1.01


@dataclass
class PairRows:
    """Feature rows with labels, the relation the rules typed, source and story."""

    features: list[list[float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    relations: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)
    # What the gold says the pair is: "same" (one cluster), a relation type, "" (nothing).
    gold_types: list[str] = field(default_factory=list)
    # Whether one claim is the other's best match in its article (``Candidate.best_in_article``):
    # the consistent gate only ever sees those, so its threshold is calibrated on them.
    best_in_article: list[bool] = field(default_factory=list)

    def add(
        self,
        features,
        *,
        label: int,
        relation: str,
        source: str,
        story: str,
        gold_type: str = "",
        best_in_article: bool = True,
    ) -> None:
        self.features.append(list(features))
        self.labels.append(int(label))
        self.relations.append(relation)
        self.sources.append(source)
        self.stories.append(story)
        self.gold_types.append(gold_type)
        self.best_in_article.append(bool(best_in_article))

    def extend(self, other: PairRows) -> None:
        for name in (
            "features",
            "labels",
            "relations",
            "sources",
            "stories",
            "gold_types",
            "best_in_article",
        ):
            getattr(self, name).extend(getattr(other, name))

    def __len__(self) -> int:
        return len(self.labels)

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        return np.asarray(self.features, dtype=np.float64), np.asarray(self.labels)


def gold_stories(gold: Mapping[str, Any]) -> dict[str, str]:
    """Article id -> story: articles joined by a cluster that spans them, transitively
    (a story's name is its first article id)."""
    parent = {key: key for key in gold["articles"]}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    by_cluster: dict[str, list[str]] = defaultdict(list)
    for key, article in gold["articles"].items():
        for claim in article["claims"]:
            by_cluster[claim["cluster"]].append(key)
    for keys in by_cluster.values():
        for key in keys[1:]:
            one, two = root(keys[0]), root(key)
            if one != two:
                parent[max(one, two)] = min(one, two)
    return {key: root(key) for key in gold["articles"]}


def gold_pair_rows(
    gold: Mapping[str, Any],
    predicted: Mapping[str, Sequence[Mapping[str, Any]]],
    claims: Sequence[ClaimForLinking],
    vectors: np.ndarray,
    *,
    story_prefix: str = "",
) -> PairRows:
    """The rows of the extracted claims of one gold file, candidates as suggestion makes
    them; labelled by the gold clusters and relations."""
    from claims.evaluation.extraction import pair_claims

    cluster_of: dict[str, str] = {}
    for article_id, article in gold["articles"].items():
        gold_claims = list(article["claims"])
        rows = list(predicted.get(article_id, ()))
        for pair in pair_claims(article_id=article_id, gold=gold_claims, predicted=rows):
            cluster_of[str(rows[pair.predicted_index]["claim_id"])] = gold_claims[pair.gold_index][
                "cluster"
            ]
    related = {
        frozenset((relation["a"], relation["b"])): relation["type"]
        for relation in gold.get("relations", ())
    }
    story_of = gold_stories(gold)
    floor = DEFAULT_MIN_SIMILARITY
    claims = with_profiles(claims, article_profiles(claims, vectors))
    rows = PairRows()
    for claim, group in typed_candidates(
        claims,
        claims,
        vectors,
        vectors,
        floor=floor,
        candidate_pool=DEFAULT_CANDIDATE_POOL,
        rerank=DEFAULT_RERANK,
        lexical_weight=DEFAULT_LEXICAL_WEIGHT,
        lexical_index=LexicalIndex([c.text for c in claims]),
        include_same_article=False,
        thresholds=learned_typing_thresholds(floor=floor),
    ):
        for candidate in group:
            relation = candidate.decision.relation
            if relation is None:
                continue
            one, two = cluster_of.get(claim.id), cluster_of.get(candidate.prior.id)
            gold_type = ""
            if one is not None and two is not None:
                gold_type = "same" if one == two else related.get(frozenset((one, two)), "")
            rows.add(
                candidate_features(claim, candidate),
                label=bool(gold_type),
                relation=relation,
                source="gold",
                story=story_prefix + story_of.get(claim.article_key, claim.article_key),
                gold_type=gold_type,
                best_in_article=candidate.best_in_article,
            )
    return rows


def public_pair_rows(
    pairs: Sequence[tuple[ClaimForLinking, ClaimForLinking, int]],
    vectors: Sequence[tuple[np.ndarray, np.ndarray]],
    *,
    source: str,
) -> PairRows:
    """Rows of labelled sentence pairs (each side a claim of its own article)."""
    floor = DEFAULT_MIN_SIMILARITY
    thresholds = learned_typing_thresholds(floor=floor)
    rows = PairRows()
    for (claim, other, label), (one, two) in zip(pairs, vectors, strict=True):
        similarity = float(np.dot(one, two))
        if similarity < floor:
            continue  # never a candidate at suggestion time
        decision = type_relation(claim, other, similarity=similarity, **thresholds)
        if decision.relation is None:
            continue
        features = pair_features(
            claim, other, relation=decision.relation, reasons=decision.reasons
        )
        rows.add(
            features,
            label=label,
            relation=decision.relation,
            source=source,
            story=source,
            gold_type="same" if label else "",
        )
    return rows


def hard_negatives(
    queries: Mapping[str, str],
    qrels: Mapping[str, set[str]],
    claim_texts: Mapping[str, str],
    *,
    per_query: int = 3,
) -> list[tuple[str, str, int]]:
    """(query id, claim id, label): each relevant claim, and the BM25-nearest others."""
    ids = sorted(claim_texts)
    index = LexicalIndex([claim_texts[i] for i in ids])
    triples = []
    for query_id in sorted(qrels):
        if query_id not in queries:
            continue
        relevant = qrels[query_id]
        triples.extend((query_id, claim_id, 1) for claim_id in sorted(relevant))
        scores = index.scores(queries[query_id])
        nearest = np.argsort(-scores, kind="stable")[: per_query + len(relevant)]
        others = [ids[i] for i in nearest if ids[i] not in relevant][:per_query]
        triples.extend((query_id, claim_id, 0) for claim_id in others)
    return triples


def sample_weights(rows: PairRows) -> np.ndarray:
    """Each source's rows share its ``SOURCE_WEIGHTS`` part (renormalised to sources present)."""
    counts: dict[str, int] = defaultdict(int)
    for source in rows.sources:
        counts[source] += 1
    total = sum(SOURCE_WEIGHTS.get(s, 0.0) for s in counts)
    return np.asarray(
        [
            SOURCE_WEIGHTS.get(source, 0.0) / total / counts[source] * len(rows)
            for source in rows.sources
        ]
    )


def fit_pair_model(rows: PairRows, *, seed: int, thresholds: dict[str, float]) -> PairModel:
    """A standardised logistic regression on the rows (fixed seed, deterministic)."""
    from sklearn.linear_model import LogisticRegression

    features, labels = rows.arrays()
    # A value a source cannot give (NaN: public pairs have no article, no rank) reads
    # the mean of the rows that have it, which adds nothing once standardised.
    known = ~np.isnan(features)
    mean = np.asarray(
        [
            column[present].mean() if present.any() else 0.0
            for column, present in zip(features.T, known.T, strict=True)
        ]
    )
    features = np.where(known, features, mean)
    scale = features.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=REGULARISATION, max_iter=2000, random_state=seed)
    model.fit((features - mean) / scale, labels, sample_weight=sample_weights(rows))
    return PairModel(
        weights=model.coef_[0].astype(np.float64),
        bias=float(model.intercept_[0]),
        mean=mean,
        scale=scale,
        thresholds=thresholds,
    )


def left_out_probabilities(rows: PairRows, *, seed: int) -> np.ndarray:
    """For each gold row, the probability from a model trained without its story (public
    rows always train); NaN for public rows."""
    probabilities = np.full(len(rows), np.nan)
    stories = sorted(
        {s for s, src in zip(rows.stories, rows.sources, strict=True) if src == "gold"}
    )
    for story in stories:
        train = PairRows()
        held = []
        for index in range(len(rows)):
            if rows.sources[index] == "gold" and rows.stories[index] == story:
                held.append(index)
            else:
                train.add(
                    rows.features[index],
                    label=rows.labels[index],
                    relation=rows.relations[index],
                    source=rows.sources[index],
                    story=rows.stories[index],
                    gold_type=rows.gold_types[index],
                    best_in_article=rows.best_in_article[index],
                )
        model = fit_pair_model(train, seed=seed, thresholds={})
        probabilities[held] = model.probabilities(np.asarray([rows.features[i] for i in held]))
    return probabilities


def calibrate_thresholds(
    probabilities: np.ndarray,
    labels: Sequence[int],
    relations: Sequence[str],
    *,
    targets: Mapping[str, float],
    best_in_article: Sequence[bool] | None = None,
    stories: Sequence[str] | None = None,
) -> dict[str, float]:
    """Per gate group (``gate_group``: same and supports are one, "consistent"), the
    lowest probability at which the rows at or above it reach the group's target
    precision. A group with few rows, or rows from few ``stories`` (per row), borrows
    the rows of every group with the same target; with none, all rows. ``best_in_article``
    (per row): consistent rows that are no best match are never suggested, so they do
    not count."""
    labels = np.asarray(labels)
    groups = [
        gate_group(r) if gate_group(r) != CONSISTENT or best_in_article is None or m else ""
        for r, m in zip(
            relations, best_in_article if best_in_article is not None else relations, strict=True
        )
    ]
    thresholds = {}
    for group, target in targets.items():
        mask = np.asarray([g == group for g in groups])
        if stories is not None and _too_few(mask, stories):
            alike = {other for other, value in targets.items() if value == target}
            mask = np.asarray([g in alike for g in groups])
        if mask.sum() < MIN_ROWS_PER_RELATION:
            mask = np.ones(len(labels), dtype=bool)
        thresholds[group] = _threshold_for(probabilities[mask], labels[mask], target=target)
    return thresholds


def _too_few(mask: np.ndarray, stories: Sequence[str]) -> bool:
    seen = {story for story, member in zip(stories, mask, strict=True) if member}
    return mask.sum() < MIN_ROWS_PER_RELATION or len(seen) < MIN_STORIES_PER_RELATION


def _threshold_for(probabilities: np.ndarray, labels: np.ndarray, *, target: float) -> float:
    order = np.argsort(-probabilities, kind="stable")
    hits = np.cumsum(labels[order])
    precision = hits / np.arange(1, len(order) + 1)
    reaching = [i for i in range(len(order)) if precision[i] >= target and i >= 2]
    if not reaching:
        return NEVER  # no cut reaches the target: this relation is not suggested
    return float(probabilities[order[reaching[-1]]])


def report(
    probabilities: np.ndarray,
    labels: Sequence[int],
    relations: Sequence[str],
    thresholds: Mapping[str, float],
    best_in_article: Sequence[bool] | None = None,
) -> dict[str, Any]:
    """Precision and recall of the kept gold pairs at the thresholds, per relation."""
    labels = np.asarray(labels)
    out: dict[str, Any] = {}
    for relation in [*sorted(set(relations)), "all"]:
        mask = np.asarray([relation in ("all", r) for r in relations])
        keep = np.asarray(
            [
                p >= thresholds.get(gate_group(r), 1.0)
                and (gate_group(r) != CONSISTENT or best_in_article is None or best_in_article[i])
                for i, (p, r) in enumerate(zip(probabilities, relations, strict=True))
            ]
        )
        chosen = keep & mask
        positives = labels[mask].sum()
        out[relation] = {
            "rows": int(mask.sum()),
            "kept_in_gold": int(positives),
            "suggested": int(chosen.sum()),
            "precision": round(float(labels[chosen].mean()) if chosen.any() else 0.0, 3),
            "recall": round(float(labels[chosen].sum() / positives) if positives else 0.0, 3),
        }
    out["auc"] = round(_auc(probabilities, labels), 3)
    return out


def _auc(scores: np.ndarray, labels: np.ndarray) -> float:
    positives, negatives = scores[labels == 1], scores[labels == 0]
    if not len(positives) or not len(negatives):
        return 0.0
    greater = (positives[:, None] > negatives[None, :]).sum()
    ties = (positives[:, None] == negatives[None, :]).sum()
    return float((greater + 0.5 * ties) / (len(positives) * len(negatives)))


def subsample(items: list, *, limit: int | None, seed: int) -> list:
    if limit is None or len(items) <= limit:
        return items
    return random.Random(seed).sample(items, limit)
