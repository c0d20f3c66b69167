"""Training the claim detector (pure: no Django). ``manage.py train_claim_detector`` runs it.

Two kinds of labelled examples, featurised by the same code the extractor scores with:

- debate and speech sentences (CheckThat!), each taken whole as one unit;
- the clause units the extractor proposes for gold-annotated news articles, labelled by
  the scoring rule of ``claims.evaluation.extraction``: a unit is positive when, paired one
  to one with the gold claims of its article, it counts as correct.

Logistic regressions (scikit-learn, fixed seed) learn the weights: the sentence model
from the sentences, then the head (``detector.py``) from the news units, with the sentence
model's logit as one input. Thresholds are chosen on held-out data only: the extraction
threshold on leave-one-story-out predictions over the tuning stories, the sentence
threshold on a held-out sentence set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from claims.evaluation.checkworthiness import (
    CheckworthinessReport,
    LabelledSentence,
    score_checkworthiness,
)
from claims.evaluation.extraction import ExtractionReport, pair_claims, score_extraction
from claims.extraction.checkworthiness import score_features
from claims.extraction.detector import HASH_BITS, ClaimDetector, hash_names, head_vector
from claims.extraction.encoder import ClaimEncoder
from claims.extraction.pipeline import (
    RULE_KEPT_ROLES,
    claims_from_doc,
    doc_candidates,
    sentence_encoder_logits,
    whole_text_candidate,
)


@dataclass(frozen=True)
class Example:
    slots: np.ndarray  # hashed feature slots (unique, int32)
    dense: np.ndarray
    head: np.ndarray  # detector.head_vector: the rule score and the head's named features
    label: bool
    group: str
    source: str  # "sentences" or "news"


@dataclass
class NewsArticle:
    key: str
    doc: Doc
    gold: list[dict[str, Any]]

    @property
    def story(self) -> str:
        return story_of(self.key)


@dataclass(frozen=True)
class TrainingSettings:
    seed: int = 13
    c: float = 0.1
    head_c: float = 1.0
    max_iter: int = 2000
    extra: dict[str, Any] = field(default_factory=dict)


def story_of(article_id: str) -> str:
    """The story an article belongs to: ``d01_a`` -> ``d01``; the seed articles are one story."""
    match = re.match(r"^(d\d+)_", article_id)
    if match:
        return match.group(1)
    if re.match(r"^\d{3}_", article_id):
        return "seeds"
    return article_id


def sentence_examples(
    nlp: Language, sentences: Sequence[LabelledSentence], *, batch_size: int = 256
) -> list[Example]:
    texts = (sentence.text for sentence in sentences)
    examples = []
    for doc, sentence in zip(nlp.pipe(texts, batch_size=batch_size), sentences, strict=True):
        candidate = whole_text_candidate(doc)
        names = candidate.feature_names()
        examples.append(
            Example(
                _slots(names),
                candidate.dense(),
                head_vector(names, score_features(candidate.rule_features)),
                sentence.label,
                sentence.group,
                "sentences",
            )
        )
    return examples


def news_examples(
    articles: Iterable[NewsArticle], *, encoder: ClaimEncoder | None = None
) -> list[Example]:
    """The clause units of each article, labelled; with ``encoder``, each unit's head
    vector ends with the encoder's logit for its sentence."""
    examples = []
    for article in articles:
        sentences = doc_candidates(article.doc)
        logits = sentence_encoder_logits(article.doc, sentences, encoder) if encoder else {}
        candidates = [
            (sentence.start, candidate)
            for sentence, sentence_units in sentences
            for candidate in sentence_units
        ]
        text = article.doc.text
        predicted = [{"quote": text[_char_start(c) : _char_end(c)]} for _s, c in candidates]
        pairs = pair_claims(article_id=article.key, gold=article.gold, predicted=predicted)
        positive = {pair.predicted_index for pair in pairs if pair.predicted_correct}
        for index, (sentence_start, candidate) in enumerate(candidates):
            if candidate.unit.role in RULE_KEPT_ROLES:
                continue  # kept by rule, never scored by the detector
            names = candidate.feature_names()
            encoder_logit = logits.get(sentence_start, 0.0) if encoder else None
            examples.append(
                Example(
                    _slots(names),
                    candidate.dense(),
                    head_vector(names, score_features(candidate.rule_features), encoder_logit),
                    index in positive,
                    article.story,
                    "news",
                )
            )
    return examples


def fit_detector(
    examples: Sequence[Example],
    *,
    settings: TrainingSettings,
    extraction_threshold: float = 0.5,
    sentence_threshold: float = 0.5,
    manifest: Mapping[str, Any] | None = None,
) -> ClaimDetector:
    """The sentence model: a logistic regression over sparse slots and standardised vectors."""
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    dense = np.vstack([example.dense for example in examples]).astype(np.float64)
    mean = dense.mean(axis=0)
    scale = dense.std(axis=0)
    scale[scale < 1e-6] = 1.0
    matrix = sparse.hstack(
        [_sparse_matrix(examples), sparse.csr_matrix((dense - mean) / scale)], format="csr"
    )
    labels = np.array([example.label for example in examples], dtype=int)
    model = LogisticRegression(
        C=settings.c, solver="liblinear", max_iter=settings.max_iter, random_state=settings.seed
    )
    model.fit(matrix, labels)
    coef = model.coef_[0]
    size = 1 << HASH_BITS
    return ClaimDetector(
        sparse=coef[:size].astype(np.float32),
        dense=coef[size:].astype(np.float32),
        dense_mean=mean.astype(np.float32),
        dense_scale=scale.astype(np.float32),
        bias=float(model.intercept_[0]),
        extraction_threshold=extraction_threshold,
        sentence_threshold=sentence_threshold,
        manifest=dict(manifest or {}),
    )


def fit_head(
    detector: ClaimDetector, examples: Sequence[Example], *, settings: TrainingSettings
) -> ClaimDetector:
    """The detector with a head learned from news units (the sentence model stays fixed)."""
    from sklearn.linear_model import LogisticRegression

    logits = _logits(detector, examples)
    matrix = np.column_stack([logits, np.vstack([e.head for e in examples])])
    labels = np.array([example.label for example in examples], dtype=int)
    if len(set(labels)) < 2:
        return detector
    model = LogisticRegression(C=settings.head_c, max_iter=settings.max_iter)
    model.fit(matrix, labels)
    return replace(
        detector,
        head=model.coef_[0].astype(np.float32),
        head_bias=float(model.intercept_[0]),
    )


def _logits(detector: ClaimDetector, examples: Sequence[Example]) -> np.ndarray:
    logits = []
    for example in examples:
        logit = detector.bias + float(detector.sparse[example.slots].sum())
        if example.dense.size and detector.dense.size:
            logit += float(
                ((example.dense - detector.dense_mean) / detector.dense_scale) @ detector.dense
            )
        logits.append(logit)
    return np.array(logits)


def example_scores(detector: ClaimDetector, examples: Sequence[Example]) -> np.ndarray:
    """Sentence-model probabilities of the examples."""
    return 1.0 / (1.0 + np.exp(-_logits(detector, examples)))


def sentence_report(
    detector: ClaimDetector, examples: Sequence[Example], *, threshold: float
) -> CheckworthinessReport:
    scores = example_scores(detector, examples)
    return score_checkworthiness(
        [example.label for example in examples], [bool(s >= threshold) for s in scores]
    )


def best_sentence_threshold(detector: ClaimDetector, examples: Sequence[Example]) -> float:
    scores = example_scores(detector, examples)
    labels = [example.label for example in examples]
    return max(
        threshold_grid(),
        key=lambda t: score_checkworthiness(labels, [bool(s >= t) for s in scores]).f1,
    )


def extraction_report(
    detector: ClaimDetector,
    articles: Sequence[NewsArticle],
    *,
    threshold: float,
    encoder: ClaimEncoder | None = None,
) -> ExtractionReport:
    gold = {article.key: article.gold for article in articles}
    predicted = {
        article.key: [
            claim.to_dict()
            for claim in claims_from_doc(
                article.doc, detector=detector, threshold=threshold, encoder=encoder
            )
        ]
        for article in articles
    }
    return score_extraction(gold, predicted)


def leave_one_story_out(
    detector: ClaimDetector,
    articles: Sequence[NewsArticle],
    news_data: Sequence[Example],
    *,
    settings: TrainingSettings,
) -> dict[str, ClaimDetector]:
    """One head per story, trained without that story's articles."""
    return {
        story: fit_head(detector, [e for e in news_data if e.group != story], settings=settings)
        for story in sorted({article.story for article in articles})
    }


def cross_validated_extraction(
    detectors: Mapping[str, ClaimDetector],
    articles: Sequence[NewsArticle],
    *,
    threshold: float,
    encoder: ClaimEncoder | None = None,
) -> ExtractionReport:
    """Every article scored by the detector that never saw its story."""
    gold, predicted = {}, {}
    for article in articles:
        detector = detectors[article.story]
        gold[article.key] = article.gold
        predicted[article.key] = [
            claim.to_dict()
            for claim in claims_from_doc(
                article.doc, detector=detector, threshold=threshold, encoder=encoder
            )
        ]
    return score_extraction(gold, predicted)


def best_extraction_threshold(
    detectors: Mapping[str, ClaimDetector],
    articles: Sequence[NewsArticle],
    *,
    encoder: ClaimEncoder | None = None,
) -> tuple[float, ExtractionReport]:
    best: tuple[float, ExtractionReport] | None = None
    for threshold in threshold_grid():
        report = cross_validated_extraction(
            detectors, articles, threshold=threshold, encoder=encoder
        )
        if best is None or report.f1 > best[1].f1:
            best = (threshold, report)
    assert best is not None
    return best


def threshold_grid() -> list[float]:
    return [round(t, 3) for t in np.arange(0.05, 0.951, 0.025)]


def _slots(names: list[str]) -> np.ndarray:
    return np.array(sorted(set(hash_names(sorted(set(names))))), dtype=np.int32)


def _sparse_matrix(examples: Sequence[Example]):
    from scipy import sparse

    indptr = [0]
    indices: list[np.ndarray] = []
    for example in examples:
        indices.append(example.slots)
        indptr.append(indptr[-1] + len(example.slots))
    flat = np.concatenate(indices) if indices else np.zeros(0, dtype=np.int32)
    data = np.ones(len(flat), dtype=np.float64)
    return sparse.csr_matrix((data, flat, np.array(indptr)), shape=(len(examples), 1 << HASH_BITS))


def _char_start(candidate) -> int:
    return candidate.sentence.doc[candidate.unit.start].idx


def _char_end(candidate) -> int:
    last = candidate.sentence.doc[candidate.unit.end - 1]
    return last.idx + len(last.text)
