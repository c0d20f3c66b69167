"""Check-worthiness: a transparent linear score over a few named features.

score = clip(BASE + sum(WEIGHTS[name] * value), 0, 1). Positive evidence: figures, named
parties and places, a past or perfect event verb, a named source. Negative evidence:
modal/conditional framing (forecasts, hypotheticals; a party's stated pledge "I will ... if
..." is no hypothetical), evaluative framing ("made significant advances"), mood in the
outlet's voice ("with residents fearing a repeat"), verification meta-notes, questions,
headlines, first
person, very short spans and framing sentences about the article's own subject ("This
development is part of ..."). The threshold is the caller's choice.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claims.extraction.attribution import OUTLET, Attribution
from claims.extraction.clauses import ClauseUnit, is_conditional
from claims.extraction.lexicon import (
    EVALUATIVE,
    HEDGES,
    MODALS,
    MOOD_VERBS,
    SPEECH_VERBS,
    STATIVE_VERBS,
)

DEFAULT_THRESHOLD = 0.5
BASE = 0.3
WEIGHTS: dict[str, float] = {
    "figure": 0.2,
    "named_entity": 0.2,
    "event_verb": 0.2,
    "named_source": 0.1,
    "stative_description": 0.1,
    "modal": -0.6,
    "forecast": -0.6,
    "conditional": -0.5,
    "hedge": -0.2,
    "evaluative_framing": -0.4,
    "mood": -0.3,
    "verification_note": -0.9,
    "question": -0.9,
    "headline": -0.9,
    "first_person": -0.3,
    "too_short": -0.5,
    "no_anchor": -0.2,
    "framing_subject": -0.3,
}
_ANCHOR_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
_FIGURE_ENTITIES = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
_LIGHT_VERBS = frozenset(
    {
        "make",
        "be",
        "mark",
        "represent",
        "constitute",
        "see",
        "achieve",
        "remain",
        "seem",
        "appear",
        "become",
    }
)
_FRAMING_VERBS = frozenset({"be", "follow", "mark", "come", "represent"})


def unit_features(
    doc: Doc, sentence: Span, unit: ClauseUnit, attribution: Attribution
) -> dict[str, float]:
    """The named features of one unit (each 0 or 1)."""
    tokens = [doc[i] for i in range(unit.start, unit.end) if i in unit.tokens]
    head = doc[unit.head]
    words = [t for t in tokens if not t.is_punct]
    named_speaker = attribution.source != OUTLET
    features = {
        "figure": any(_is_figure(t) for t in tokens),
        "named_entity": any(t.ent_type_ in _ANCHOR_ENTITIES for t in tokens),
        "event_verb": any(_is_event_verb(t) for t in tokens),
        "named_source": named_speaker,
        "stative_description": head.lemma_.lower() in STATIVE_VERBS
        and head.tag_ in {"VBZ", "VBP"},
        "modal": not named_speaker
        and (
            _has_modal(tokens)
            or (unit.role == "participle" and _has_modal(list(head.head.children)))
        ),
        "forecast": _is_forecast(head),
        "conditional": any(
            t.dep_ == "advcl" and is_conditional(t) and not _is_pledge(t, named_speaker, tokens)
            for t in tokens
        ),
        "hedge": any(t.dep_ == "advmod" and t.lower_ in HEDGES - {"reportedly"} for t in tokens),
        "evaluative_framing": _evaluative_framing(head),
        # The outlet's reading of a mood is no claim; a party's account of its own fears is
        # what that party said (an attribution).
        "mood": not named_speaker
        and any(t.lemma_.lower() in MOOD_VERBS and t.pos_ == "VERB" for t in tokens),
        "verification_note": _verification_note(tokens),
        "question": sentence.text.rstrip().endswith("?"),
        "headline": _looks_like_headline(sentence),
        "first_person": any(t.lower_ in {"i", "we", "you", "our", "my"} for t in tokens),
        "too_short": len(words) < 4,
        "no_anchor": not named_speaker
        and not any(
            t.ent_type_ in _ANCHOR_ENTITIES or _is_figure(t) or t.ent_type_ == "DATE"
            for t in tokens
        ),
        "framing_subject": _framing_subject(head),
    }
    return {name: float(value) for name, value in features.items()}


# "X is expected / likely / set to happen": a forecast about the future, not a fact.
_FORECAST_HEADS = frozenset(
    {
        "expect",
        "forecast",
        "predict",
        "project",
        "anticipate",
        "likely",
        "unlikely",
        "set",
        "poised",
    }
)


def _is_forecast(head: Token) -> bool:
    """The unit's verb, its complement ("are likely to ...") or the reported clause of "X
    said (that) ..." states a forecast."""
    candidates = [
        head,
        *(child for child in head.children if child.dep_ in {"ccomp", "acomp"}),
    ]
    return any(
        verb.lemma_.lower() in _FORECAST_HEADS
        and any(
            child.dep_ == "xcomp" and any(g.lower_ == "to" for g in child.children)
            for child in verb.children
        )
        for verb in candidates
    )


_PLEDGE_AUXILIARIES = frozenset({"will", "'ll", "shall"})


def _is_pledge(condition: Token, named_speaker: bool, tokens: list[Token]) -> bool:
    """A party's stated intention on a condition ("If charged, I will accept it", "he says he
    will resign if asked"): what is checked is that the party said it, so it is no
    hypothetical. The outlet's own "will ... if" is a forecast and stays conditional, as
    does every "would"/"could" (counterfactual or speculative)."""
    spoken = named_speaker or any(t.lower_ in {"i", "we"} for t in tokens)
    if not spoken and not any(a.lemma_.lower() in SPEECH_VERBS for a in condition.ancestors):
        return False
    return any(
        child.dep_ == "aux" and child.lower_ in _PLEDGE_AUXILIARIES
        for child in condition.head.children
    )


def score_features(features: dict[str, float]) -> float:
    raw = BASE + sum(WEIGHTS[name] * value for name, value in features.items())
    return round(min(max(raw, 0.0), 1.0), 3)


def _is_figure(token: Token) -> bool:
    if token.ent_type_ in _FIGURE_ENTITIES:
        return (
            not (token.lower_ == "one" and token.nbor(1).lower_ == "of")
            if token.i + 1 < len(token.doc)
            else True
        )
    return (
        token.like_num
        and token.ent_type_ not in {"DATE", "TIME", "ORDINAL"}
        and token.lower_ != "one"
    )


def _is_event_verb(token: Token) -> bool:
    if token.pos_ not in {"VERB", "AUX"} or token.lemma_.lower() in STATIVE_VERBS:
        return False
    if token.tag_ == "VBD":
        return True
    if token.tag_ == "VBN":
        return any(c.lemma_ == "have" and c.dep_ in {"aux"} for c in token.children) or any(
            c.dep_ == "auxpass" for c in token.children
        )
    return token.tag_ == "VBG" and token.dep_ in {"advcl", "xcomp", "pcomp"}


def _has_modal(tokens: list[Token]) -> bool:
    return any(t.tag_ == "MD" and t.lower_ in MODALS for t in tokens)


def _evaluative_framing(head: Token) -> bool:
    """The clause's content is an evaluation: "made significant advances", "is a setback"."""
    if head.lemma_.lower() not in _LIGHT_VERBS:
        return False
    for child in head.children:
        if child.dep_ in {"dobj", "attr"} and any(
            g.dep_ == "amod" and g.lower_ in EVALUATIVE for g in child.children
        ):
            return True
        if child.dep_ == "acomp" and child.lower_ in EVALUATIVE:
            # "is significant as a stronghold" describes; "is significant" evaluates.
            return not any(g.dep_ == "prep" for g in child.children)
    return False


def _verification_note(tokens: list[Token]) -> bool:
    lemmas = {t.lemma_.lower() for t in tokens}
    negated = any(t.dep_ == "neg" for t in tokens)
    if "verify" in lemmas:
        return True
    return negated and bool(lemmas & {"confirm", "independently", "clear", "comment"})


def _looks_like_headline(sentence: Span) -> bool:
    text = sentence.text.rstrip()
    if text.endswith((".", "!", "?", '"', "\u201d", "'")):
        return False
    words = [t for t in sentence if t.is_alpha]
    if not words:
        return True
    capitalised = sum(1 for t in words if t.text[0].isupper())
    return capitalised / len(words) >= 0.5 or len(words) < 6


def _framing_subject(head: Token) -> bool:
    """A sentence about the story itself: "This development is part of ..."."""
    if head.lemma_.lower() not in _FRAMING_VERBS:
        return False
    for child in head.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return any(g.dep_ == "det" and g.lower_ in {"this", "these"} for g in child.children)
    return False
