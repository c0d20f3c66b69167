"""Attribution and denial: who asserts a claim, and whether it is a denial.

Patterns: "X said/reported/confirmed/claimed ... (that) ...", "..., X said", "according to
X", "X denied that ...", "a claim denied by X", "X, through its Y, claimed ...". A unit
inside the reported clause of a speech verb (even when split off from it) keeps that
verb's speaker; a unit attached to the speech verb itself (a "while ..." clause after
"activists said") does not. Pronoun speakers are resolved to the nearest fitting party.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claims.extraction.clauses import SUBJECT_DEPS, ClauseUnit, speech_with_party
from claims.extraction.lexicon import (
    ASSERTION_NOUNS,
    DENIAL_VERBS,
    DENIED_NOUNS,
    REJECTION_VERBS,
    SPEECH_VERBS,
)

OUTLET = "the outlet"
UNNAMED = "unnamed sources"
_PRONOUNS = frozenset({"he", "she", "they", "it", "we"})
_PARTY_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_NAMED_PARTIES = frozenset({"PERSON", "ORG"})
_QUANTIFIERS = frozenset({"many", "some", "several", "most", "both", "all", "various"})
# Units that describe rather than report, so they are said in the outlet's voice.
_OWN_VOICE_ROLES = frozenset({"appositive", "contrast", "fronted"})


@dataclass(frozen=True)
class Attribution:
    """Who asserts a unit, through which verb, and the token span of the assertion phrase.

    ``verb`` is the speech verb's token index (None for the outlet's own voice or for
    "according to"); ``phrase`` is the (start, end) token span of the attribution words
    to leave out of a statement, or None.
    """

    source: str
    verb: int | None
    denial: bool
    phrase: tuple[int, int] | None
    quoted: bool = False  # inherited from the speaker of the quotation it stands in


def attribute(doc: Doc, unit: ClauseUnit) -> Attribution:
    """Find who asserts ``unit``."""
    tokens = [doc[i] for i in sorted(unit.tokens)]
    head = doc[unit.head]
    # A reference to an assertion with its own speaker: "a claim denied by X".
    if unit.role == "assertion":
        for child in head.children:
            # "..., a claim the army denied": the relative clause's subject.
            subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if child.dep_ == "relcl" and subject is not None:
                return Attribution(
                    source=source_phrase(subject), verb=child.i, denial=denies(child), phrase=None
                )
            if child.dep_ == "acl":
                agent = _agent(child)
                if agent is not None:
                    return Attribution(
                        source=source_phrase(agent),
                        verb=child.i,
                        denial=denies(child),
                        phrase=None,
                    )
    with_party = speech_with_party(head) if head.dep_ == "prep" else None
    if with_party is not None:
        # "..., with the opposition claiming to have entered the city": the party's words.
        party, verb = with_party
        return Attribution(
            source=source_phrase(party),
            verb=verb.i,
            denial=denies(verb),
            phrase=None,
        )
    according = _according_to(doc, tokens)
    if according is None and unit.role == "reason":
        # "According to X, A would be ..., since B": the reason is X's too.
        according = _according_to(doc, [c for a in head.ancestors for c in a.children])
    if according is not None:
        return according
    if _is_speech_verb(head):
        found = _speech_attribution(doc, head, unit)
        if found is not None:
            return found
    trailing = _trailing_speech(head, unit)
    if trailing is not None:
        return trailing
    if unit.role not in _OWN_VOICE_ROLES:
        inherited = _inherited(head, unit)
        if inherited is not None:
            return inherited
    if any(t.lower_ in {"reportedly", "allegedly"} for t in tokens):
        return Attribution(source=UNNAMED, verb=None, denial=False, phrase=None)
    return Attribution(source=OUTLET, verb=None, denial=False, phrase=None)


_RELATIVE_PRONOUNS = frozenset({"which", "who", "that"})


def source_phrase(token: Token, *, keep_appositive: bool = False) -> str:
    """A clean noun phrase naming a party: no leading article, no relative clause, no
    "X-based" location, and no appositive description unless asked (for "according to
    U.N. envoy, Jane Doe" the appositive is the name)."""
    if token.lower_ in _PRONOUNS:
        resolved = resolve_pronoun(token)
        if resolved is not None:
            return source_phrase(resolved)
    if token.lower_ in _RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        # "The office, which had warned of ...": the party is what "which" stands for.
        return source_phrase(token.head.head, keep_appositive=keep_appositive)
    named = name_after_description(token)
    if named is not None:
        return named
    dropped: set[int] = set()
    for child in token.subtree:
        if child.i == token.i:
            continue
        drop = child.dep_ in {"relcl", "acl", "advcl", "punct"} or (
            child.dep_ == "appos" and not keep_appositive
        )
        drop = drop or (child.dep_ == "amod" and child.lower_ in {"based", "led"})
        drop = drop or (child.dep_ == "prep" and child.lower_ in {"through", "in", "on"})
        if drop:
            dropped.update(t.i for t in child.subtree)
    words = [t for t in token.subtree if t.i not in dropped]
    while words and (
        words[0].dep_ in {"det", "preconj"} or words[0].is_punct or words[0].lower_ in _QUANTIFIERS
    ):
        words.pop(0)  # "many security groups" says who as "security groups" does
    while words and (words[-1].is_punct or words[-1].dep_ == "cc"):
        words.pop()
    if not words:
        return token.text
    start, end = words[0].i, words[-1].i + 1
    doc = token.doc
    kept = [t for t in doc[start:end] if t.i not in dropped or t.is_punct and t.text == ","]
    return _join(kept).strip(" ,")


def name_after_description(token: Token) -> str | None:
    """The name in "state media, SANA," or "the envoy for X, Jane Doe": a person or
    organisation set off by a comma at the end of a phrase whose head is no name. The
    parser hangs such a name on various words, so it is read from the words, not the arcs."""
    if token.ent_type_ in _NAMED_PARTIES:
        return None
    words = [t for t in token.subtree if t.i >= token.i]
    while words and words[-1].is_punct:
        words.pop()
    if not words or words[-1].ent_type_ not in _NAMED_PARTIES:
        return None
    entity = next(e for e in token.doc.ents if e.start <= words[-1].i < e.end)
    before = token.doc[entity.start - 1] if entity.start > token.i else None
    if before is None or before.text != "," or entity.end - 1 > words[-1].i:
        return None
    return _join(list(entity)).strip()


def _person_spans(doc) -> list[tuple[int, int]]:
    """(start, end) token offsets of the doc's PERSON entities, in order; cached on the doc."""
    spans = doc.user_data.get("claimtrack_person_spans")
    if spans is None:
        spans = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"]
        doc.user_data["claimtrack_person_spans"] = spans
    return spans


# A possessive stands for whom its subject form would: "his forces", as "he".
_SUBJECT_FORMS = {"his": "he", "her": "she", "its": "it", "their": "they"}


def resolve_pronoun(pronoun: Token) -> Token | None:
    """The nearest earlier party a subject pronoun can refer to.

    "he"/"she": the last person named in the three sentences before; "they"/"it": the last
    non-pronoun subject in the same or previous sentence, plural for "they". Returns None
    when nothing fits, so callers keep the pronoun.
    """
    doc = pronoun.doc
    lower = _SUBJECT_FORMS.get(pronoun.lower_, pronoun.lower_)
    sentence_start = pronoun.sent.start
    previous_start = doc[sentence_start - 1].sent.start if sentence_start > 0 else 0
    if lower in {"he", "she"}:
        # A person named up to three sentences back ("he said" after a quotation): a
        # bisect over the doc's person spans (collected once per doc), not a scan of
        # every entity per pronoun.
        window_start = previous_start
        for _ in range(2):
            if window_start > 0:
                window_start = doc[window_start - 1].sent.start
        people = _person_spans(doc)
        index = bisect.bisect_right(people, pronoun.i, key=lambda span: span[1]) - 1
        genders = _person_genders(doc)
        wanted = "m" if lower == "he" else "f"
        reported = _reported_before(pronoun)
        fitting = []
        while index >= 0 and people[index][0] >= window_start:
            span = doc[people[index][0] : people[index][1]]
            if genders.get(_surname_of(span)) in {None, wanted} and span.start not in reported:
                fitting.append(span)
            index -= 1
        if not fitting:
            return None
        known = [span for span in fitting if genders.get(_surname_of(span)) == wanted]
        fitting = known or fitting
        # In the nearest sentence naming someone who fits, its subject before the others
        # ("A accused B of ... 'They are ...,' he said": A).
        nearest = [span for span in fitting if span.sent.start == fitting[0].sent.start]
        subject = next((s for s in nearest if s.root.dep_ in SUBJECT_DEPS), nearest[0])
        return subject.root
    return _resolve_party(doc, pronoun, lower, previous_start)


def _reported_before(pronoun: Token) -> set[int]:
    """The words "he" reports when he is the speaker after them ("'I was never told by
    X,' he said"): the speaker is not someone named in what he says."""
    verb = pronoun.head
    if pronoun.dep_ != "nsubj" or not _is_speech_verb(verb):
        return set()
    return {
        t.i
        for child in verb.children
        if child.dep_ in {"ccomp", "xcomp"} and child.i < pronoun.i
        for t in child.subtree
    }


def _surname_of(span) -> str:
    words = [t for t in span if not t.is_punct and t.lower_ not in {"'s", "’s"}]
    return words[-1].lower_ if words else span.text.lower()


_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
_MALE_TITLES = frozenset({"mr", "mr.", "sir", "lord"})
_FEMALE_TITLES = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady"})


def _person_genders(doc) -> dict[str, str]:
    """Surname -> "m"/"f" where the article shows it: a title ("Mr", "Mrs"), or he/she
    pronouns after the name in a sentence that names that one person only. Cached on
    the doc."""
    genders = doc.user_data.get("claimtrack_person_genders")
    if genders is not None:
        return genders
    evidence: dict[str, set[str]] = {}
    for start, end in _person_spans(doc):
        span = doc[start:end]
        title = doc[start - 1].lower_ if start > 0 else ""
        first = span[0].lower_
        for word in (title, first):
            if word in _MALE_TITLES:
                evidence.setdefault(_surname_of(span), set()).add("m")
            elif word in _FEMALE_TITLES:
                evidence.setdefault(_surname_of(span), set()).add("f")
    by_sentence: dict[int, set[str]] = {}
    first_end: dict[int, int] = {}
    for start, end in _person_spans(doc):
        sentence_start = doc[start].sent.start
        by_sentence.setdefault(sentence_start, set()).add(_surname_of(doc[start:end]))
        first_end.setdefault(sentence_start, end)
    for sentence_start, surnames in by_sentence.items():
        if len(surnames) != 1:
            continue
        sentence = doc[sentence_start].sent
        # Only pronouns after the name: one before it ("His lawyer, Jane Doe, said")
        # refers back to someone named earlier.
        words = {t.lower_ for t in sentence if t.i >= first_end[sentence_start]}
        male, female = bool(words & _MALE), bool(words & _FEMALE)
        if male != female:
            evidence.setdefault(next(iter(surnames)), set()).add("m" if male else "f")
    genders = {name: next(iter(found)) for name, found in evidence.items() if len(found) == 1}
    doc.user_data["claimtrack_person_genders"] = genders
    return genders


# Who speaks for a body: "a company spokesman said it ...": "it" is the company.
_SPOKESPEOPLE = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "representative", "official", "statement"}
)


def _speaker_body(pronoun: Token) -> Token | None:
    """For "it" in what a body's spokesperson says, the body ("a company spokesman",
    "a spokesman for the ministry"); None otherwise."""
    verb = next((a for a in pronoun.ancestors if a.dep_ != "conj" and _is_speech_verb(a)), None)
    if verb is None:
        return None
    speaker = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if speaker is None or speaker.lower_ not in _SPOKESPEOPLE:
        return None
    for child in speaker.children:
        if child.dep_ == "compound" and child.pos_ in {"NOUN", "PROPN"}:
            return child
        if child.dep_ == "prep" and child.lower_ in {"for", "of"}:
            body = next((c for c in child.children if c.dep_ == "pobj"), None)
            if body is not None and body.pos_ in {"NOUN", "PROPN"}:
                return body
    return None


def _resolve_party(doc, pronoun: Token, lower: str, previous_start: int) -> Token | None:
    if lower == "it" and (body := _speaker_body(pronoun)) is not None:
        return body
    for index in range(pronoun.i - 1, previous_start - 1, -1):
        candidate = doc[index]
        if candidate.dep_ not in SUBJECT_DEPS or candidate.pos_ == "PRON":
            continue
        plural = candidate.tag_ in {"NNS", "NNPS"} or any(
            c.dep_ == "conj" for c in candidate.children
        )
        if lower == "they" and not plural:
            continue
        if lower == "it" and (plural or _is_person(candidate)):
            continue  # "It is the deadliest flood since 1997" after "a spokesman said"
        return candidate
    return None


# Singular nouns for a person: never what "it" stands for.
_PERSON_NOUNS = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "official", "representative", "man", "woman"}
    | {"person", "child", "boy", "girl", "witness", "resident", "victim", "minister"}
)


def _is_person(token: Token) -> bool:
    return token.ent_type_ == "PERSON" or token.lemma_.lower() in _PERSON_NOUNS


# Verbs that report speech only with a reported clause ("claimed to have ...", not
# "claimed half a million lives").
_CLAUSE_ONLY = frozenset({"claim", "call", "add", "hold", "write", "describe", "estimate", "note"})


# What a party rejects when it denies: "rejected the accusation", "dismissed the claims".
_DENIED_NOUNS = ASSERTION_NOUNS | DENIED_NOUNS


def denies(verb: Token) -> bool:
    """A denial verb ("denied"), or one rejecting an assertion ("rejected the claim")."""
    lemma = verb.lemma_.lower()
    if lemma in DENIAL_VERBS:
        return True
    return lemma in REJECTION_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _DENIED_NOUNS for c in verb.children
    )


def _is_speech_verb(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ not in {"VERB", "AUX"} or lemma not in SPEECH_VERBS:
        return False
    children = {c.dep_ for c in token.children}
    if "oprd" in children and not children & {"dobj", "ccomp"}:
        return False  # "the number of people confirmed dead": a state, not speech
    if lemma in _CLAUSE_ONLY:
        return any(c.dep_ in {"ccomp", "xcomp"} for c in token.children)
    return True


def _speech_attribution(doc: Doc, verb: Token, unit: ClauseUnit) -> Attribution | None:
    subjects = [c for c in verb.children if c.dep_ in {"nsubj"} and c.i in unit.tokens]
    if not subjects:
        speaker = _shared_speaker(verb)
        if speaker is None:
            return None
        # The statement gets the subject from the parent unit and keeps the verb.
        return Attribution(
            source=source_phrase(speaker),
            verb=verb.i,
            denial=denies(verb),
            phrase=None,
        )
    subject = subjects[0]
    source = source_phrase(subject)
    if len(subjects) > 1 and subjects[1].pos_ == "PROPN" and subjects[1].i == subject.i + 1:
        # "State news agency Tass confirmed": the parse's two subjects, a description and
        # the name it introduces, are one party.
        source = f"{source} {source_phrase(subjects[1])}"
    through = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "through"), None)
    if through is not None:
        channel = next((c for c in through.children if c.dep_ == "pobj"), None)
        if channel is not None and any(c.dep_ == "poss" for c in channel.children):
            # "The insurgency, through its Military Operations Department, claimed ...".
            channel_words = [
                t
                for child in channel.lefts
                if child.dep_ not in {"poss", "det"}
                for t in child.subtree
            ] + [channel]
            source = f"{source}'s {_join(channel_words)}"
    content = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp"}]
    if content and content[0].i < verb.i:
        # "..., X said" (or "..., said X"): the phrase runs from the speaker or the verb,
        # whichever comes first, to the end of both.
        phrase = (
            min(subject.left_edge.i, verb.i),
            max(verb.i + 1, _last_child_end(verb, content[0])),
        )
    elif content and content[0].dep_ == "xcomp":
        phrase = None  # "X claimed to have ...": the claim is X's, the statement keeps X.
    elif content:
        phrase = (subject.left_edge.i, content[0].left_edge.i)
    else:
        phrase = None
    return Attribution(
        source=source,
        verb=verb.i,
        denial=denies(verb),
        phrase=phrase,
    )


def _trailing_speech(head: Token, unit: ClauseUnit) -> Attribution | None:
    """ "A, X said" parsed as a side clause of A (parataxis) rather than as X's speech
    with A its content: X is still the speaker, and ", X said" leaves the statement."""
    for child in head.rights:
        if (
            child.dep_ == "parataxis"
            and child.i in unit.tokens
            and _is_speech_verb(child)
            and not any(c.dep_ in {"ccomp", "xcomp", "dobj"} for c in child.children)
        ):
            subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subject is None:
                return None
            return Attribution(
                source=source_phrase(subject),
                verb=child.i,
                denial=denies(child),
                phrase=(child.left_edge.i, child.right_edge.i + 1),
            )
    return None


def _shared_speaker(verb: Token) -> Token | None:
    """The speaker of a speech verb without a subject of its own: the first conjunct's
    ("X played down ... and denied that ...") or, for "..., saying ...", the subject of the
    verb it hangs on."""
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    if verb.dep_ == "conj":
        first = verb
        while first.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in first.children):
            first = first.head
    elif verb.dep_ == "advcl" and verb.tag_ == "VBG":
        first = verb.head
    else:
        return None
    return next((c for c in first.children if c.dep_ == "nsubj"), None)


def _last_child_end(verb: Token, content: Token) -> int:
    """End of a trailing attribution "X said (in a statement)" after its content clause."""
    right = [c for c in verb.rights if c.dep_ not in {"punct", "advcl", "conj", "cc"}]
    return max([verb.i + 1] + [c.right_edge.i + 1 for c in right])


def _according_to(doc: Doc, tokens: list[Token]) -> Attribution | None:
    """The party of an "according to X" among ``tokens``, or None."""
    for token in tokens:
        if token.lower_ == "according" and token.dep_ == "prep":
            party = next((g for c in token.children if c.lower_ == "to" for g in c.children), None)
            if party is not None:
                return Attribution(
                    source=source_phrase(party, keep_appositive=True),
                    verb=None,
                    denial=False,
                    phrase=_phrase_bounds(doc, token),
                )
    return None


def _inherited(head: Token, unit: ClauseUnit) -> Attribution | None:
    """The speaker of a speech verb whose reported clause contains ``head``."""
    token = head
    while token.dep_ != "ROOT" and token.head.i != token.i:
        parent = token.head
        if token.dep_ in {"ccomp", "xcomp"} and _is_speech_verb(parent):
            subjects = [c for c in parent.children if c.dep_ == "nsubj"]
            if subjects:
                return Attribution(
                    source=source_phrase(subjects[0]),
                    verb=parent.i,
                    denial=denies(parent),
                    phrase=None,
                )
            return None
        if token.dep_ in {"advcl"} and unit.role == "contrast":
            return None
        token = parent
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _phrase_bounds(doc: Doc, token: Token) -> tuple[int, int]:
    start, end = token.left_edge.i, token.right_edge.i + 1
    if start > 0 and doc[start - 1].text == ",":
        start -= 1
    if end < len(doc) and doc[end].text == ",":
        end += 1
    return start, end


def _join(tokens: list[Token]) -> str:
    return "".join(t.text_with_ws for t in tokens[:-1]) + (tokens[-1].text if tokens else "")


def is_assertion_noun(token: Token) -> bool:
    return token.lemma_.lower() in ASSERTION_NOUNS
