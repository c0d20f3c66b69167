"""Statements: each claim restated so that it stands alone.

Conservative, rule-based rewriting on the parse; it moves words, it never adds facts:

- the attribution phrase ("X said", "according to X") is dropped from factual claims
  (the speaker is in ``source``) and kept for attribution and denial claims;
- subject pronouns are replaced by the party they refer to, and "the towns"-style
  references by the more specific earlier mention ("the central towns of A, B and C");
- a clause split from its sentence gets the subject it shares ("..., capturing four towns"
  -> "Syrian insurgents captured four towns"; "Led by X, the insurgents ..." -> "The
  insurgents are led by X"); an appositive becomes "Name is description";
- a relative clause names its noun ("the movement, which has no leader" -> "The movement
  has no leader"); a coordinated verb phrase gets its subject;
- quoted speech names its speaker ("'This is low,' she said" -> "Jane Doe said that this
  is low"; first-person speech is kept as a quotation after "X said:");
- ``context`` situates the statement: relative days ("on Saturday", "yesterday", "last
  week") get the date they mean from the article's published date, and "the city"/"the
  company" the place or organisation named in the dateline, title or earlier text;
- connectives at the edges go; the result starts with a capital and ends with a period.

A rewrite can go wrong on a bad parse ("Which included ...", "Repeat is ’ recent ..."), so
the pipeline parses each rewritten statement and keeps it only when it reads as a sentence
(``is_well_formed``: a finite verb at the root with a subject, no leading relative pronoun,
no stray quotation mark); otherwise the statement is the quote, or the whole sentence when
the quote is not a sentence either (``fallback_statements``).
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from claims.extraction.attribution import (
    OUTLET,
    UNNAMED,
    Attribution,
    attribute,
    name_after_description,
    resolve_pronoun,
)
from claims.extraction.clauses import (
    SUBJECT_DEPS,
    ClauseUnit,
    age_phrase_start,
    is_bare_age,
    speech_with_party,
)
from claims.extraction.context import StatementContext, names_a_day, situate
from claims.extraction.lexicon import DENIED_NOUNS, SPEECH_VERBS
from claims.extraction.segmentation import doc_text
from claims.extraction.sources import resolve_source

__all__ = ["StatementContext", "build_statement", "fallback_statements", "is_well_formed"]

_IRREGULAR_PAST = {
    "be": "was",
    "begin": "began",
    "bring": "brought",
    "build": "built",
    "buy": "bought",
    "catch": "caught",
    "come": "came",
    "do": "did",
    "drive": "drove",
    "fall": "fell",
    "fight": "fought",
    "find": "found",
    "flee": "fled",
    "get": "got",
    "give": "gave",
    "go": "went",
    "have": "had",
    "hold": "held",
    "keep": "kept",
    "lead": "led",
    "leave": "left",
    "lose": "lost",
    "make": "made",
    "meet": "met",
    "put": "put",
    "run": "ran",
    "say": "said",
    "see": "saw",
    "seek": "sought",
    "send": "sent",
    "set": "set",
    "shoot": "shot",
    "take": "took",
    "tell": "told",
    "win": "won",
    "withdraw": "withdrew",
    "strike": "struck",
    "drive back": "drove back",
}
_REFERRING_DETERMINERS = frozenset({"the", "these", "those"})
_LEADING_CONNECTIVES = re.compile(
    r"^(?:(?:and|but|while|whereas|although|though|as well as|as|also|however|meanwhile)"
    r"\b[\s,]*)+",
    re.IGNORECASE,
)


def build_statement(
    doc: Doc,
    unit: ClauseUnit,
    *,
    attribution: Attribution,
    kind: str,
    parent: ClauseUnit | None,
    context: StatementContext | None = None,
) -> str:
    """The claim as a standalone sentence, situated in its article's time and place."""
    text = _statement(doc, unit, attribution=attribution, kind=kind, parent=parent)
    if unit.role == "assertion" and parent is not None:
        text = _denied_aside(doc, unit, attribution, parent) or text
    elif kind == "denial" and attribution.verb is not None:
        text = _naming_what_is_denied(doc[attribution.verb], text)
    speaker = _quoted_speaker(doc, unit, attribution)
    if speaker is not None:
        text = _reported(
            speaker, _strip_speech(doc, unit, attribution, text), common=_common_words(doc, unit)
        )
    if context is not None:
        text = situate(text, doc=doc, unit=unit, context=context)
    return _finish(text)


def _denied_aside(
    doc: Doc, unit: ClauseUnit, attribution: Attribution, parent: ClauseUnit
) -> str | None:
    """ "A happened, a claim the army denied." -> "The army denied the claim that A
    happened." (the sentence's own assertion, as its statement reads)."""
    if attribution.verb is None:
        return None
    verb = doc[attribution.verb]
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or verb.dep_ != "relcl":
        return None
    claimed = _statement(
        doc, parent, attribution=attribute(doc, parent), kind="event", parent=None
    ).rstrip(" .")
    if not claimed:
        return None
    party = _render(list(subject.subtree), {})
    said = verb.text if verb.tag_ == "VBD" else _past_tense(verb)
    noun = doc[unit.head].lemma_.lower()
    return (
        f"{party[0].upper()}{party[1:]} {said} the {noun} that {claimed[0].lower()}{claimed[1:]}"
    )


# "X denied the accusation": which accusation is said just before, by a verb like these.
ACCUSATION_LOOKBACK = 3
_ACCUSING_VERBS = frozenset(
    {"accuse", "charge", "allege", "claim", "say", "suggest", "insist", "argue", "report"}
)


def _naming_what_is_denied(verb: Token, text: str) -> str:
    """ "X denied the accusation." -> "X denied the accusation of cutting budgets.", the
    content taken from the accusation in the sentence before (its words, nothing added);
    the text as it is when the denied thing is named already or no accusation is found."""
    denied = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if (
        denied is None
        or denied.lemma_.lower() not in DENIED_NOUNS
        or not any(
            c.dep_ == "det" and c.lower_ in {"the", "this", "these", "those"}
            for c in denied.children
        )
        or any(c.dep_ in {"prep", "acl", "relcl", "ccomp", "poss"} for c in denied.children)
    ):
        return text
    phrase = verb.doc[denied.left_edge.i : denied.i + 1].text
    content = _accusation_before(verb)
    if content is None or phrase not in text:
        return text
    return text.replace(phrase, f"{phrase} {content}", 1)


def _accusation_before(verb: Token) -> str | None:
    """What was asserted against someone just before the denial: "of <deed>" for
    "accused X of <deed>" in one of the ``ACCUSATION_LOOKBACK`` sentences before (a quote
    of the accuser's may come between), "that <clause>" for "said <clause>" in the
    sentence right before."""
    doc = verb.doc
    start = verb.sent.start
    for back in range(ACCUSATION_LOOKBACK):
        if start == 0:
            return None
        previous = doc[start - 1].sent
        start = previous.start
        for token in previous:
            lemma = token.lemma_.lower()
            if token.pos_ != "VERB" or lemma not in _ACCUSING_VERBS:
                continue
            # "accused X of <deed>", the parser often hanging "of" on X.
            accused = [c for c in token.children if c.dep_ == "dobj"]
            for child in [*token.children, *(c for a in accused for c in a.children)]:
                if child.dep_ == "prep" and child.lower_ == "of" and lemma in {"accuse", "charge"}:
                    return _render(list(child.subtree), {}).strip(" ,.")
                if child.dep_ == "ccomp" and back == 0:
                    words = [
                        t for t in child.subtree if not (t.dep_ == "mark" and t.head == child)
                    ]
                    return "that " + _render(words, {}).strip(" ,.")
    return None


def _statement(
    doc: Doc, unit: ClauseUnit, *, attribution: Attribution, kind: str, parent: ClauseUnit | None
) -> str:
    keep = [i for i in range(unit.start, unit.end) if i in unit.tokens]
    if unit.role == "appositive" and unit.anchor is not None:
        return _finish(_appositive(doc, unit))
    if unit.role == "age" and unit.anchor is not None:
        return _finish(_age(doc, unit))
    if unit.role == "honour" and unit.anchor is not None:
        return _finish(_honour(doc, unit))
    drop: set[int] = set()
    if attribution.phrase is not None and kind not in {"attribution", "denial"}:
        start, end = attribution.phrase
        phrase = set(range(start, end))
        if phrase & set(keep):
            drop |= phrase
            if attribution.verb is not None:
                # Also the "that" which introduced the reported clause (a mark, or
                # its first word misparsed as an object).
                for child in doc[attribution.verb].children:
                    for grandchild in child.children:
                        if grandchild.lower_ == "that" and (
                            grandchild.dep_ == "mark"
                            or grandchild.pos_ == "SCONJ"
                            and grandchild.i == child.left_edge.i
                        ):
                            drop.add(grandchild.i)
    if unit.role == "coordinated":
        # "said A and that B": B's own "that" goes with the speech it belonged to.
        drop |= {c.i for c in doc[unit.head].children if c.dep_ == "mark" and c.lower_ == "that"}
    words = [doc[i] for i in keep if i not in drop]
    replacements = _replacements(doc, words)
    text = _render(words, replacements)
    text = _LEADING_CONNECTIVES.sub("", text.strip(" ,;:-"))
    head = doc[unit.head]
    with_party = speech_with_party(head) if head.dep_ == "prep" else None
    if with_party is not None:
        # "with the opposition claiming to have entered X" -> "The opposition claimed to ..."
        party, verb = with_party
        rest = _render([doc[i] for i in keep if i > verb.i and i not in drop], replacements)
        named = _render([t for t in party.subtree if t.i < verb.i], replacements)
        return _finish(f"{named} {_past_tense(verb)} {rest}")
    if unit.role == "relative":
        return _relative(doc, unit, words, replacements) or _finish(text)
    if (
        parent is not None
        and unit.role == "coordinated"
        and head.pos_ in {"VERB", "AUX"}
        and head.dep_ == "conj"
        and not _has_own_subject(head)
    ):
        first = head
        while first.dep_ == "conj":
            first = first.head
        subject = _subject_text(first)
        if subject:
            return _finish(f"{subject} {text}")
    if (
        parent is not None
        and unit.role in {"addition", "coordinated"}
        and head.dep_ != "advcl"
        and not _has_own_subject(head)
    ):
        substituted = _substitute(doc, parent, head, drop)
        if substituted:
            return _finish(_trim_connectives(substituted))
    if (
        parent is not None
        and not _has_own_subject(head)
        and (unit.role in {"participle", "fronted"} or head.dep_ == "advcl")
    ):
        subject = _subject_text(head.head)
        if subject:
            if head.tag_ == "VBG":
                verb = _past_tense(head)
                rest = _render(
                    [doc[i] for i in keep if i > head.i and i not in drop], replacements
                )
                text = f"{subject} {verb} {rest}"
            elif head.tag_ == "VBN":
                be = _be_form(doc[parent.head], plural=_is_plural(doc[parent.head]))
                text = f"{subject} {be} {text[0].lower()}{text[1:]}"
    return _finish(text)


# Any case at a sentence start ("We will ..."), but "US" is the country.
_FIRST_PERSON = re.compile(
    r"\b(?:I|[Mm]e|[Mm]y|[Mm]ine|[Ww]e|us|Us|[Oo]urs?|[Mm]yself|[Oo]urselves)\b"
)
_SPEECH_TAIL = re.compile(r"[,\s]*[\"“”]?\s*$")


def _relative(doc: Doc, unit: ClauseUnit, words: list[Token], replacements) -> str | None:
    """ "the movement, which has no leader" -> "the movement has no leader"."""
    noun = doc[unit.head].head
    relative_word = next(
        (t for t in words if t.tag_ in {"WDT", "WP", "WP$", "WRB"} or t.lower_ == "that"), None
    )
    if relative_word is None:
        return None
    if relative_word.lower_ in {"who", "whom", "whose"}:
        noun = _described_person(noun) or noun
    excluded = {t.i for t in doc[unit.head].subtree}
    # The noun without what describes it: its relative, participle and appositive
    # phrases, whole ("Ana Kovac", not "Ana Kovac, a dairy farmer from ...").
    for child in noun.children:
        if child.dep_ in {"relcl", "acl", "appos"}:
            excluded |= {t.i for t in child.subtree}
    phrase = [t for t in noun.subtree if t.i not in excluded]
    phrase = [t for t in phrase if not any(a.i in excluded for a in t.ancestors)]
    while phrase and phrase[-1].is_punct:
        phrase.pop()
    while phrase and phrase[0].is_punct:
        phrase.pop(0)
    if not phrase:
        return None
    noun_text = _render(phrase, {})
    if is_bare_age(noun):
        # "The 27-year-old, who won bronze": the person named before, as for "he".
        named = resolve_source(doc, "he", position=noun.left_edge.idx)
        noun_text = noun_text if named == "he" else named
    elif phrase[0].is_sent_start and phrase[0].pos_ not in {"PROPN", "PRON"}:
        noun_text = noun_text[:1].lower() + noun_text[1:]  # "Opposition leader X, whom"
    rest = [t for t in words if t.i != relative_word.i and t.i not in {p.i for p in phrase}]
    rest_text = _render(rest, replacements)
    lower = relative_word.lower_
    if lower == "where":
        return f"{rest_text} in {noun_text}"
    if lower == "when":
        # "since 2011, when X happened" -> "X happened in 2011"; "on Tuesday, when" -> "on".
        return f"{rest_text} {'on' if names_a_day(noun_text) else 'in'} {noun_text}"
    if lower == "whose":
        return f"{noun_text}'s {rest_text}"
    if relative_word.dep_ in SUBJECT_DEPS:
        return f"{noun_text} {rest_text}"
    if relative_word.dep_ == "dobj" and relative_word.head.i in {t.i for t in rest}:
        # "X, whom the minister had accused of Y" -> "the minister had accused X of Y".
        verb = relative_word.head.i
        before = _render([t for t in rest if t.i <= verb], replacements)
        after = _render([t for t in rest if t.i > verb], replacements)
        return f"{before} {noun_text} {after}".strip()
    return f"{rest_text} ({noun_text})"


def _described_person(noun: Token) -> Token | None:
    """ "X, a farmer from the town of Y, who has camped there": the parser hangs the
    relative clause on the place; "who" is the person the appositive describes."""
    token = noun
    while token.dep_ == "pobj" and token.head.dep_ == "prep":
        token = token.head.head
    if token is not noun and token.dep_ == "appos" and token.head.pos_ == "PROPN":
        return token.head
    return None


def _quoted_speaker(doc: Doc, unit: ClauseUnit, attribution: Attribution) -> str | None:
    """The named speaker of a unit that stands inside quotation marks."""
    if attribution.source in {OUTLET, UNNAMED}:
        return None
    if attribution.quoted:
        return attribution.source
    start = doc[unit.start].idx
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    quoted = before.count("“") > before.count("”") or before.count('"') % 2 == 1
    unit_text = doc[unit.start : unit.end].text
    if not quoted and not unit_text.lstrip().startswith(("“", '"')):
        return None
    return attribution.source


def _strip_speech(doc: Doc, unit: ClauseUnit, attribution: Attribution, text: str) -> str:
    """The quoted words alone: without "she said" and the quotation marks."""
    if attribution.phrase is not None and attribution.verb is not None:
        start, end = attribution.phrase
        keep = [
            doc[i]
            for i in range(unit.start, unit.end)
            if i in unit.tokens and not start <= i < end
        ]
        text = _render(keep, {})
    elif attribution.verb is not None:
        # No reported clause in the parse ('"The defences held," he told reporters'
        # read as a noun phrase): the quoted words are what stands before the closing mark.
        closing = [
            i
            for i in range(unit.start, min(unit.end, attribution.verb))
            if doc[i].text in {"”", '"'} and i > unit.start
        ]
        if closing:
            keep = [doc[i] for i in range(unit.start, closing[-1]) if i in unit.tokens]
            text = _render(keep, {})
    text = text.replace("“", "").replace("”", "").replace('"', "")
    return _SPEECH_TAIL.sub("", text).strip(" ,")


def _common_words(doc: Doc, unit: ClauseUnit) -> frozenset[str]:
    """The unit's words that are no name (lowercase after "said that")."""
    return frozenset(
        doc[i].text
        for i in unit.tokens
        if doc[i].pos_ in {"NOUN", "ADJ", "ADV", "DET", "PRON", "VERB", "AUX", "NUM"}
        and not doc[i].ent_type_
        and doc[i].text != "I"
    )


def _reported(speaker: str, words: str, *, common: frozenset[str] = frozenset()) -> str:
    words = words.rstrip(" .,;:")
    if not words:
        return words
    if speaker[:1].islower() and not speaker.endswith("s"):
        speaker = f"the {speaker}"  # "contractor" (the source's words) said: "The contractor"
    if _FIRST_PERSON.search(words) or re.search(r"\byou\b", words, re.IGNORECASE):
        return f'{speaker} said: "{words[0].upper()}{words[1:]}."'
    first = words.split(" ", 1)[0]
    keep_case = first.isupper() or (first.lower() not in _FUNCTION_WORDS and first not in common)
    return f"{speaker} said that {words if keep_case else words[0].lower() + words[1:]}"


_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "they",
        "their",
        "there",
        "he",
        "she",
        "his",
        "her",
        "some",
        "many",
        "most",
        "all",
        "no",
        "none",
        "every",
        "each",
        "one",
        "two",
        "three",
        "our",
        "such",
        "if",
        "when",
        "while",
        "what",
        "who",
        # "Nobody lost their job," she said -> "she said that nobody lost ..."
        "nobody",
        "nothing",
        "everyone",
        "everybody",
        "everything",
        "someone",
        "somebody",
        "something",
        "anyone",
        "anything",
    ]
)


def _substitute(doc: Doc, parent: ClauseUnit, conjunct: Token, drop: set[int]) -> str | None:
    """The parent clause with the coordinated item in place of the first one.

    "these forces have seized large portions of Aleppo, as well as various towns" ->
    "these forces have seized various towns". The first item is widened to the whole
    object of its verb, so "large portions of" does not stick to the new item.
    """
    first = conjunct
    while first.dep_ == "conj":
        first = first.head
    if conjunct.pos_ not in {"VERB", "AUX", "ADP"} and first.pos_ in {"VERB", "AUX"}:
        # A noun coordinated with a verb: it stands for the verb's object.
        objects = [
            c for c in first.children if c.dep_ in {"dobj", "attr", "oprd"} and c.i < conjunct.i
        ]
        if not objects:
            return None
        first = objects[-1]
    elif conjunct.pos_ not in {"VERB", "AUX", "ADP"}:
        while first.head.pos_ not in {"VERB", "AUX"} and first.dep_ in {"pobj", "dobj", "attr"}:
            first = first.head.head if first.head.pos_ == "ADP" else first.head
    replaced = {t.i for t in first.subtree}
    inserted = [
        t
        for t in conjunct.subtree
        if not (
            t.i < conjunct.i and t.dep_ in {"cc", "advmod"} and t.lower_ in {"as", "well", "and"}
        )
    ]
    words: list[Token] = []
    placed = False
    for index in range(parent.start, parent.end):
        if index not in parent.tokens or index in drop:
            continue
        if doc[index].dep_ == "cc" or doc[index].head.dep_ == "cc":
            continue
        if index in replaced:
            if not placed:
                words.extend(inserted)
                placed = True
            continue
        words.append(doc[index])
    if not placed:
        return None
    return _render(words, _replacements(doc, words))


def _trim_connectives(text: str) -> str:
    return re.sub(r"(?:[\s,;:]|\band\b|\bor\b|\bas well(?: as)?\b)+$", "", text)


def _appositive(doc: Doc, unit: ClauseUnit) -> str:
    anchor = doc[unit.anchor]
    appositive = doc[unit.head]
    name_start = min(i for i in unit.tokens if i <= anchor.i)
    name = doc[name_start : anchor.i + 1].text
    description = doc[appositive.left_edge.i : appositive.right_edge.i + 1].text
    verb = "are" if anchor.tag_ in {"NNS", "NNPS"} else "is"
    return f"{name} {verb} {description}"


def _age(doc: Doc, unit: ClauseUnit) -> str:
    """ "The 52-year-old" -> "Maria Lopez is 52 years old": the person named before (the
    last one for a bare age, the last with the noun as role otherwise), else the noun."""
    noun = doc[unit.anchor]
    old = noun if noun.lower_ == "old" else next(c for c in noun.children if c.lower_ == "old")
    measure = next(c for c in old.children if c.dep_ == "npadvmod")
    number = next(c for c in measure.children if c.like_num).text
    plural = "" if number in {"1", "one"} else "s"
    age = f"{number} {measure.lemma_.lower()}{plural} old"
    position = doc[unit.start].idx
    if noun is old:
        named = resolve_source(doc, "he", position=position)
        referent = named if named != "he" else "The person"
    else:
        role = f"the {noun.lower_}"
        named = resolve_source(doc, role, position=position)
        age_words = {t.i for t in old.subtree}
        referent = (
            named
            if named != role
            else _render([t for t in doc[unit.start : unit.end] if t.i not in age_words], {})
        )
    return f"{referent} is {age}"


def _honour(doc: Doc, unit: ClauseUnit) -> str:
    """ "the Oscar-winning star" -> "Jane Doe is the Oscar-winning star": the last person
    named before with the noun as role, else before at all; else the phrase (which the
    pipeline then replaces by its sentence)."""
    noun = doc[unit.anchor]
    phrase = doc[unit.start : unit.end].text
    if doc[unit.start].pos_ == "DET":
        phrase = phrase[0].lower() + phrase[1:]
    position = doc[unit.start].idx
    for role in (f"the {noun.lower_}", "he"):
        named = resolve_source(doc, role, position=position)
        if named != role:
            return f"{named} is {phrase}"
    return phrase


def _replacements(doc: Doc, words: list[Token]) -> dict[int, str]:
    """Token index -> replacement text for resolvable pronouns and vague references."""
    replacements: dict[int, str] = {}
    present = {t.i for t in words}
    for token in words:
        if is_bare_age(token) and token.dep_ in {*SUBJECT_DEPS, "amod"}:
            # "The 52-year-old was charged": the person named before, as for "she".
            named = resolve_source(doc, "he", position=token.left_edge.idx)
            if named != "he":
                for index in range(age_phrase_start(token), token.i):
                    replacements[index] = ""
                replacements[token.i] = named
        elif token.dep_ in SUBJECT_DEPS and token.lower_ in {"he", "she", "they", "it"}:
            antecedent = resolve_pronoun(token)
            named = _noun_phrase(antecedent) if antecedent is not None else None
            # Once a party is named in the statement, "he" refers back to it as written.
            if named and antecedent.i not in present and named not in replacements.values():
                replacements[token.i] = named
        elif (
            token.dep_ == "poss"
            and token.lower_ in {"his", "her", "its", "their"}
            and token.head.dep_ in SUBJECT_DEPS
        ):
            # "his forces now control the runway": whose, where the article says.
            # In reported speech it is the speaker's; "she added that her client" reads.
            in_speech = _speech_verb_over(token) is not None
            antecedent = _speaker_of(token) if in_speech else resolve_pronoun(token)
            named = _noun_phrase(antecedent) if antecedent is not None else None
            if named and antecedent.i not in present:
                if antecedent.pos_ == "NOUN" and not named.lower().startswith("the "):
                    named = f"the {named}"  # "a rebel commander" said: the commander's
                replacements[token.i] = f"{named}'s"
        elif token.pos_ == "NOUN" and token.tag_ == "NNS":
            determiner = next(
                (
                    c
                    for c in token.children
                    if c.dep_ == "det" and c.lower_ in _REFERRING_DETERMINERS
                ),
                None,
            )
            if determiner is None or any(
                c.dep_ in {"nummod", "amod", "compound"} for c in token.children
            ):
                continue
            antecedent = _specific_antecedent(token)
            if antecedent is not None:
                replacements[determiner.i] = "the"
                replacements[token.i] = antecedent
    return replacements


def _speech_verb_over(possessive: Token) -> Token | None:
    """The speech verb whose reported clause the possessive's noun is the subject of."""
    clause = possessive.head.head
    verb = clause.head if clause.dep_ == "ccomp" else None
    return verb if verb is not None and verb.lemma_.lower() in SPEECH_VERBS else None


def _speaker_of(possessive: Token) -> Token | None:
    """In what a party says, "his"/"her" (or "their", for a plural party) is the party's
    own: "a rebel commander told Reuters that his forces ..."."""
    verb = _speech_verb_over(possessive)
    if verb is None:
        return None
    speaker = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if speaker is None or speaker.pos_ == "PRON":
        return None
    plural = speaker.tag_ in {"NNS", "NNPS"}
    if (possessive.lower_ == "their") != plural or possessive.lower_ == "its":
        return None
    return speaker


def _specific_antecedent(noun: Token) -> str | None:
    """An earlier, more specific mention of the same plural noun (within three sentences)."""
    doc = noun.doc
    # The doc's sentence starts are collected once per doc (cached on it), then bisected.
    all_starts = doc.user_data.get("claimtrack_sentence_starts")
    if all_starts is None:
        all_starts = [s.start for s in doc.sents]
        doc.user_data["claimtrack_sentence_starts"] = all_starts
    count = bisect.bisect_right(all_starts, noun.sent.start)  # sentences up to this one
    window_start = all_starts[count - 4] if count >= 4 else 0
    for index in range(noun.sent.start - 1, window_start - 1, -1):
        candidate = doc[index]
        if candidate.lemma_ != noun.lemma_ or candidate.tag_ != "NNS":
            continue
        counted = any(c.dep_ == "nummod" for c in candidate.children)
        named = any(
            c.dep_ == "prep" and c.lower_ == "of" and any(g.pos_ == "PROPN" for g in c.children)
            for c in candidate.children
        )
        if not (counted or named):
            continue
        excluded: set[int] = set()
        for child in candidate.children:
            if child.dep_ in {"relcl", "acl", "appos", "det", "punct"} or (
                child.dep_ == "prep" and child.lower_ != "of"
            ):
                excluded.update(t.i for t in child.subtree)
        tokens = [t for t in candidate.subtree if t.i not in excluded]
        return _render(tokens, {})
    return None


def _noun_phrase(token: Token) -> str:
    """What a pronoun stands for, as a phrase: the name when one follows a description
    ("the manufacturer, Pellan Pharma,"), else the head's phrase with "the" but no other
    determiner ("this offensive" is no antecedent a reader can find)."""
    named = name_after_description(token)
    if named is not None:
        return named
    if token.dep_ == "compound" and token.pos_ == "NOUN":
        return f"the {token.lower_}"  # "a company spokesman said it ...": the company
    words = [
        t
        for t in token.subtree
        if not any(
            a.dep_ in {"relcl", "acl", "appos", "punct"} and a.head == token
            for a in [t, *t.ancestors]
        )
    ]
    while words and (words[0].is_punct or words[0].dep_ == "det" and words[0].lower_ != "the"):
        words.pop(0)
    text = _render(words, {})
    if words and words[0].is_sent_start and words[0].pos_ not in {"PROPN", "PRON"}:
        # Capitalised only as the sentence's first word ("Rebel fighters said ...").
        return text[:1].lower() + text[1:]
    return "the" + text[3:] if text.startswith("The ") else text


def _has_own_subject(token: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in token.children)


def _subject_text(verb: Token) -> str | None:
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects:
        return None
    subject = subjects[0]
    if verb.dep_ == "relcl" and subject.tag_ in {"WDT", "WP"}:
        # "the movement, which began in March and has no leader": the noun is the subject.
        noun = verb.head
        if subject.lower_ == "who":
            noun = _described_person(noun) or noun
        return _noun_phrase(noun)
    if subject.lower_ in {"he", "she", "they", "it"}:
        resolved = resolve_pronoun(subject)
        return _noun_phrase(resolved) if resolved is not None else None
    words = [
        t for t in subject.subtree if not (t.dep_ in {"relcl", "appos"} and t.head == subject)
    ]
    return _render(words, {})


def _past_tense(verb: Token) -> str:
    lemma = verb.lemma_.lower()
    if lemma in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ied"
    if re.search(r"[^aeiou][aeiou][bdgmnpt]$", lemma) and len(lemma) <= 4:
        return lemma + lemma[-1] + "ed"
    return lemma + "ed"


def _be_form(verb: Token, *, plural: bool) -> str:
    past = verb.tag_ == "VBD" or any(
        c.tag_ == "VBD" for c in verb.children if c.dep_ in {"aux", "auxpass"}
    )
    if past:
        return "were" if plural else "was"
    return "are" if plural else "is"


def _is_plural(verb: Token) -> bool:
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return bool(subjects) and (subjects[0].tag_ in {"NNS", "NNPS"} or subjects[0].lower_ == "they")


def _render(words: list[Token], replacements: dict[int, str]) -> str:
    parts: list[str] = []
    for position, token in enumerate(words):
        text = replacements.get(token.i, token.text)
        if not text:
            continue  # a word folded into a neighbour's replacement
        if text == "," and _pairs_with_a_dropped_comma(words, position):
            # "Velto, the carmaker, will cut" without its aside: "Velto will cut".
            if parts:
                parts[-1] = parts[-1].rstrip() + " "
            continue
        is_last = position + 1 == len(words)
        adjacent = not is_last and words[position + 1].i == token.i + 1
        parts.append(text + (token.whitespace_ if adjacent else ("" if is_last else " ")))
    return "".join(parts).strip()


def _pairs_with_a_dropped_comma(words: list[Token], position: int) -> bool:
    """Whether the comma at ``position`` went with an aside that is left out: the words
    dropped after (before) it end (start) with the aside's other comma, or that comma is
    kept across the gap. Of such a pair one comma stays when an earlier aside is still
    open ("Jon Arden, 61, [who ...,] is": "Jon Arden, 61, is")."""
    doc = words[position].doc
    index = words[position].i
    balanced = sum(w.text == "," for w in words[:position]) % 2 == 0
    if position + 1 < len(words) and words[position + 1].i > index + 1:
        after = words[position + 1]
        if "," in {doc[after.i - 1].text, after.text}:
            return balanced
    if position > 0 and words[position - 1].i < index - 1:
        before = words[position - 1]
        if before.text == ",":
            return True  # the pair's second comma; the first went or stays as above
        if doc[before.i + 1].text == ",":
            return balanced
    return False


def _finish(text: str) -> str:
    text = _trim_connectives(text.rstrip(" .,;:"))
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    text = re.sub(r",(\s*,)+", ",", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;:-")
    if not text:
        return text
    text = text[0].upper() + text[1:]
    if text[-1] not in ".!?\"'\u201d":
        text += "."
    return text


_RELATIVE_OPENERS = frozenset({"which", "who", "whom", "whose"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# A quotation mark with a space (or an edge) on both sides belongs to no word.
_LONE_QUOTE_MARK = re.compile(r"(?:^|\s)[\"“”‘’'](?:\s|$)")


def is_well_formed(statement: Doc) -> bool:
    """Whether a parsed statement reads as a sentence: its words pass ``reads_whole``
    and its first sentence's root is a finite verb with a subject."""
    if not reads_whole(statement.text):
        return False
    root = next(iter(statement.sents)).root
    if root.pos_ not in {"VERB", "AUX"}:
        return False
    finite = root.tag_ in _FINITE_TAGS or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in _FINITE_TAGS for c in root.children
    )
    return finite and any(c.dep_ in SUBJECT_DEPS for c in root.children)


def reads_whole(text: str) -> bool:
    """What the words alone tell: no leading relative pronoun, quotation marks that pair."""
    if text.count("“") != text.count("”") or text.count('"') % 2 or _LONE_QUOTE_MARK.search(text):
        return False
    first = re.match(r"\W*(\w+)", text)
    return first is not None and first.group(1).lower() not in _RELATIVE_OPENERS


def fallback_statements(
    nlp, items: list[tuple[str, str, str]], *, batch_size: int = 64
) -> list[str]:
    """For each (statement, quote, sentence), the statement if it reads as a sentence, else
    the quote if that does, else the sentence; all three as finished statements.

    Only rewrites are parsed (the rewrite is what a bad parse can break, and parsing only
    them keeps the cost small); a statement that only tidies its quote's edges is checked
    by its words (``reads_whole``).
    """
    results = [statement for statement, _quote, _sentence in items]
    failed = []
    rewritten = []
    for i, (statement, quote, _sentence) in enumerate(items):
        if statement != _finish(quote):
            rewritten.append(i)
        elif not reads_whole(statement):
            failed.append(i)
    disabled = [name for name in nlp.pipe_names if name not in _PARSE_PIPES]
    parsed = nlp.pipe((items[i][0] for i in rewritten), batch_size=batch_size, disable=disabled)
    failed += [i for i, doc in zip(rewritten, parsed, strict=True) if not is_well_formed(doc)]
    quotes = nlp.pipe(
        (_finish(items[i][1]) for i in failed), batch_size=batch_size, disable=disabled
    )
    for i, doc in zip(failed, quotes, strict=True):
        results[i] = doc.text if is_well_formed(doc) else _finish(items[i][2])
    return results


# What ``is_well_formed`` reads: tags and the dependency parse (no entities, no lemmas).
_PARSE_PIPES = frozenset({"tok2vec", "tagger", "parser", "attribute_ruler", "senter"})
