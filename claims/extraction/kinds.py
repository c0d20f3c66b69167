"""Kind of a claim: event, quantity, attribution, background or denial.

- denial: a party rejects another's claim ("denied that ...", "a claim denied by X");
- attribution: a party's stated position, demand, warning or assessment (a stance verb, or a
  speech verb whose content is deontic/modal: "said ... must reconcile");
- quantity: the fact is a figure of people, losses or distance (or any large figure);
- background: a durable description (present-tense state, location, who leads a force, a
  ranking description, something true "for years");
- event: otherwise (who did what, where, when).

An attributed factual assertion keeps its factual kind; the source is stored separately.
"""

from __future__ import annotations

from spacy.tokens import Doc

from claims.extraction.attribution import Attribution
from claims.extraction.clauses import ClauseUnit
from claims.extraction.lexicon import PEOPLE_NOUNS, SPEECH_VERBS, STANCE_VERBS, STATIVE_VERBS
from claims.extraction.records import Quantity

KINDS = ("event", "quantity", "attribution", "background", "denial")
_MEASURES = frozenset({"km", "mi", "m", "%", "USD", "EUR", "t"})
_DEONTIC = frozenset({"must", "should", "need", "needs", "necessary", "could", "would", "will"})
_DURABLE_VERBS = STATIVE_VERBS | {"seek", "aim", "entrench", "control", "govern", "lead"}
_DURATION_NOUNS = frozenset({"years", "decades", "centuries", "generations"})


def claim_kind(
    doc: Doc, unit: ClauseUnit, attribution: Attribution, quantities: list[Quantity]
) -> str:
    if attribution.denial:
        return "denial"
    if unit.role in {"age", "honour"}:
        return "background"
    tokens = [doc[i] for i in range(unit.start, unit.end) if i in unit.tokens]
    if attribution.verb is not None and attribution.verb in unit.tokens:
        verb = doc[attribution.verb]
        lemma = verb.lemma_.lower()
        if lemma in STANCE_VERBS:
            return "attribution"
        if lemma in SPEECH_VERBS and any(t.lower_ in _DEONTIC for t in tokens if t.i > verb.i):
            return "attribution"
        content = next((c for c in verb.children if c.dep_ in {"ccomp", "xcomp"}), None)
        if content is not None and content.lemma_ == "be" and content.dep_ == "ccomp":
            return "attribution"  # an assessment: "X says the groups are terrorists"
    if any(_is_counted_figure(quantity) for quantity in quantities):
        return "quantity"
    if _is_background(doc, unit, tokens, attribution):
        return "background"
    return "event"


def _is_counted_figure(quantity: Quantity) -> bool:
    last_word = quantity.unit.split(" ")[-1] if quantity.unit else ""
    return quantity.unit in _MEASURES or last_word in PEOPLE_NOUNS or quantity.value >= 1000


def _is_background(doc: Doc, unit: ClauseUnit, tokens: list, attribution: Attribution) -> bool:
    if unit.role == "appositive":
        return True
    head = doc[unit.head]
    if attribution.verb is not None and attribution.verb == head.i:
        # A report is judged by what it reports.
        head = next((c for c in head.children if c.dep_ in {"ccomp", "xcomp"}), head)
    if unit.role == "fronted" and head.tag_ == "VBN":
        return True  # "Led by X, ..." describes who leads.
    if any(
        t.dep_ == "pobj" and t.lower_ in _DURATION_NOUNS and t.head.lower_ == "for" for t in tokens
    ):
        return True
    lemma = head.lemma_.lower()
    present = head.tag_ in {"VBZ", "VBP"} or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBZ", "VBP"} and c.lemma_ == "be"
        for c in head.children
    )
    if lemma in _DURABLE_VERBS and (present or head.tag_ in {"VBN", "VBG"}):
        return not any(t.ent_type_ in {"DATE", "TIME"} for t in tokens)
    return present and not any(t.ent_type_ in {"DATE", "TIME"} for t in tokens)
