"""Clause splitting: one candidate per independently checkable fact in a sentence.

Works on the dependency parse. A sentence starts as one unit headed by its root; some
dependents are detached into units of their own:

- ``contrast``: an adverbial clause introduced by while/whereas/although ("..., while
  government forces retook ...");
- ``fronted``: an adverbial clause before the subject ("Led by X, the insurgents ...",
  "As Turkey seeks ..., Assad has insisted ...");
- ``subordinate``: a trailing "as"-clause with its own (non-pronoun) subject, which reports a
  second actor's action; with a pronoun subject it is the same actor's and stays;
- ``coordinated``: a coordinated clause with its own subject (or a clause spliced on with a
  comma: "A lost X, B lost Y"; but inside reported speech, or after the same "I"/"we",
  only with a figure of its own: the rest is one stated position or account; never a
  clause whose subject is "who"/"what", part of one indirect question), a coordinated verb
  phrase that carries its own figure, or a coordinated prepositional predicate ("and as
  the location of ...", not a second adjunct of one action), or a second party's words
  added with "with" ("..., with the opposition claiming to have entered the city");
- ``addition``: an object added with "as well as" ("captured A, as well as B");
- ``appositive``: a ranking description of a place or party ("Hama, the country's fourth
  largest city") or one with a figure ("X, one of six officials charged"), a fact of its
  own; a title or kind ("X, the foreign minister") stays with its noun;
- ``assertion``: a reference to an assertion with its own speaker ("a claim denied by X");
- ``relative``: a relative clause that adds a fact of its own about its noun (after a
  comma, or introduced by which/who/where/when: "the movement, which has no leader",
  "since 2016 when a Russian air campaign ..."), or a
  participial modifier set off by dashes ("the orders - normally used in ... -");
- ``reason``: a trailing because/since/as clause with its own subject ("..., as it borders
  the coast", "..., since the region is home to ..."), a fact of its own. Provisional like
  ``participle``: it rejoins a kept parent and stands alone when the parent is no claim
  (a forecast or an evaluation it gives the reason for);
- ``participle``: a trailing participial clause ("..., capturing four towns"). It is
  provisional: the pipeline merges it back into its parent when the parent is a claim,
  and keeps it alone when the parent is not (evaluative framing, say);
- ``age``: a noun phrase that gives an age ("the 52-year-old", "the 27-year-old
  driver"), a background fact of its own in the annotation scheme. It is not detached:
  the sentence's unit keeps the phrase, which it needs for its subject, and the age unit
  overlaps it;
- ``honour``: likewise, a noun phrase that names an honour won ("the Oscar-winning star",
  "the Nobel Prize-winning author"); "award-winning" names none and stays.

Restrictive "that" clauses stay with their noun, and conditional clauses stay with their
main clause so that the hypothetical is scored as a whole. Which units are claims is for
the scorer to decide: splitting only proposes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from claims.extraction.lexicon import (
    ASSERTION_NOUNS,
    CONDITIONAL_MARKS,
    CONTRAST_MARKS,
    DENIAL_VERBS,
    DENIED_NOUNS,
    DISCOURSE_ADVERBS,
    REASON_MARKS,
    REJECTION_VERBS,
    SPEECH_VERBS,
)

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# Verbs of speaking that report no content of their own ("Speaking to reporters, ...").
_SPEAKING_VERBS = frozenset({"speak", "talk", "write", "address"})
_NOUN_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_VERB_POS = frozenset({"VERB", "AUX"})


@dataclass(frozen=True)
class ClauseUnit:
    """A candidate claim: a head token and the token indices (into the doc) it covers.

    ``start``/``end`` are the token bounds of the trimmed, contiguous quote. ``parent`` is
    the head index of the unit it was detached from (None for the sentence's main unit).
    ``anchor`` is the noun an appositive describes, or whose age or honour a unit gives.
    """

    head: int
    role: str
    start: int
    end: int
    tokens: frozenset[int]
    parent: int | None
    anchor: int | None = None


def split_clauses(sentence: Span) -> list[ClauseUnit]:
    """Split one sentence into clause units, main unit first, in parse order."""
    units: list[ClauseUnit] = []
    pending: list[tuple[Token, str, int | None]] = [(sentence.root, "main", None)]
    strays = _stray_conjuncts(sentence)
    adopted: dict[int, list[Token]] = {}
    for stray, sibling in strays.items():
        adopted.setdefault(sibling.i, []).append(sentence.doc[stray])
    while pending:
        head, role, parent = pending.pop(0)
        detached: list[tuple[Token, str]] = []
        covered: set[int] = set()
        anchor: int | None = None
        if role == "appositive":
            anchor = head.head.i
            covered.update(_name_tokens(head.head))
        stack = [head]
        while stack:
            token = stack.pop()
            if token.i < sentence.start or token.i >= sentence.end:
                continue
            covered.add(token.i)
            stack.extend(adopted.get(token.i, ()))
            for child in token.children:
                if child.i in strays:
                    continue  # it goes with the conjunct it follows
                child_role = detach_role(child)
                if child_role is not None:
                    detached.append((child, child_role))
                else:
                    stack.append(child)
        bounds = _trim(sentence, covered, role=role)
        if bounds is not None:
            units.append(
                ClauseUnit(
                    head=head.i,
                    role=role,
                    start=bounds[0],
                    end=bounds[1],
                    tokens=frozenset(covered),
                    parent=parent,
                    anchor=anchor,
                )
            )
        pending.extend((child, child_role, head.i) for child, child_role in detached)
    units.extend(_description_units(sentence, units))
    return units


def _is_denied_aside(token: Token) -> bool:
    """ "..., a claim the army denied": the sentence's assertion, denied by another party
    in an aside after a comma at the sentence's end."""
    if token.lemma_.lower() not in ASSERTION_NOUNS | DENIED_NOUNS or token.left_edge.i == 0:
        return False
    doc = token.doc
    if not any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in token.children):
        return False
    if doc[token.left_edge.i - 1].text != ",":
        return False
    return any(
        c.dep_ == "relcl" and c.lemma_.lower() in DENIAL_VERBS | REJECTION_VERBS
        for c in token.children
    )


def _stray_conjuncts(sentence: Span) -> dict[int, Token]:
    """Verbs the parser coordinated that follow another conjunct with no "and" or comma
    between: "A died and B were forced out after days of rain caused floods" hangs
    "caused" on "died"; it continues the conjunct right before it. By token index, that
    conjunct."""
    strays = {}
    for token in sentence:
        if token.dep_ != "conj" or token.pos_ not in _VERB_POS or has_subject(token):
            continue
        before = token.left_edge.i - 1
        if before < sentence.start:
            continue
        if sentence.doc[before].dep_ == "cc" or sentence.doc[before].is_punct:
            continue
        sibling = next(
            (
                c
                for c in token.head.children
                if c.dep_ == "conj" and c.i < token.i and c.right_edge.i == before
            ),
            None,
        )
        if sibling is not None:
            strays[token.i] = sibling
    return strays


# What an age is counted in: "52-year-old", "18-month-old".
AGE_UNITS = frozenset({"year", "month", "week", "day"})
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr", "conj"})


def _states_age(token: Token) -> bool:
    """ "old" counted in years (or months...): "52-year-old", "18-month-old"."""
    return token.lower_ == "old" and any(
        child.dep_ == "npadvmod"
        and child.lemma_.lower() in AGE_UNITS
        and any(c.like_num for c in child.children)
        for child in token.children
    )


def is_bare_age(token: Token) -> bool:
    """ "old" standing as the noun of "the 52-year-old", or parsed as a modifier of the
    verb that follows it ("The 31-year-old insisted ...")."""
    return _states_age(token) and (
        token.dep_ in _NOMINAL_DEPS
        or (token.dep_ == "amod" and token.head.pos_ in _VERB_POS and token.i < token.head.i)
    )


def age_phrase_start(noun: Token) -> int:
    """The first word of an age's noun phrase, with the article the parser may have
    hung on the verb instead ("The 31-year-old insisted")."""
    start = noun.left_edge.i
    before = noun.doc[start - 1] if start > noun.sent.start else None
    if before is not None and before.dep_ in {"det", "poss"} and before.head.i > noun.i:
        start -= 1
    return start


def _states_honour(token: Token) -> bool:
    """ "winning" after a named honour: "Oscar-winning", "Nobel Prize-winning"."""
    return (
        token.lower_ == "winning"
        and token.dep_ == "amod"
        and token.head.pos_ in _NOUN_POS
        and any(
            c.dep_ in {"npadvmod", "compound"} and c.i < token.i and c.is_title
            for c in token.children
        )
    )


def _description_units(sentence: Span, units: list[ClauseUnit]) -> list[ClauseUnit]:
    """A unit for each noun phrase that states an age or an honour, from its first word to
    its noun."""
    heads = {unit.head for unit in units}
    descriptions = []
    for token in sentence:
        if _states_honour(token):
            role = "honour"
        elif _states_age(token):
            role = "age"
        else:
            continue
        if token.dep_ == "amod" and token.head.pos_ in _NOUN_POS:
            noun = token.head  # "the 27-year-old driver"
        elif is_bare_age(token):
            noun = token  # "the 52-year-old" ("she is 52 years old" is the clause's own)
        else:
            continue
        if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children):
            continue  # "a 19-year-old was questioned": who it is, not a fact about someone
        if noun.i in heads or not (sentence.start <= noun.left_edge.i <= noun.i < sentence.end):
            continue
        start = age_phrase_start(noun)
        parent = next((unit.head for unit in units if noun.i in unit.tokens), None)
        descriptions.append(
            ClauseUnit(
                head=noun.i,
                role=role,
                start=start,
                end=noun.i + 1,
                tokens=frozenset(range(start, noun.i + 1)),
                parent=parent,
                anchor=noun.i,
            )
        )
        heads.add(noun.i)
    return descriptions


def detach_role(token: Token) -> str | None:
    """The role under which ``token``'s subtree becomes a unit of its own, or None."""
    dep = token.dep_
    if dep == "advcl":
        return _adverbial_role(token)
    if dep == "ccomp" and _is_spliced_clause(token):
        return "coordinated"
    if dep == "acl" and _is_speech_participle(token):
        # "X shut the campaign, saying ...", parsed as a modifier of "the campaign".
        return "coordinated"
    if dep == "prep" and speech_with_party(token) is not None:
        return "coordinated"
    if dep == "conj":
        return _conjunct_role(token)
    if _is_denied_aside(token):
        return "assertion"
    if dep == "relcl" and _is_descriptive_relative(token):
        return "relative"
    if dep == "acl" and _is_parenthetical(token):
        return "relative"
    if dep in {"appos", "npadvmod"} and token.pos_ in _NOUN_POS:
        if token.lemma_.lower() in ASSERTION_NOUNS and any(
            child.dep_ == "acl" for child in token.children
        ):
            return "assertion"
        if dep == "appos" and (_is_ranking(token) or _is_counted_description(token)):
            return "appositive"
    return None


def _is_spliced_clause(token: Token) -> bool:
    """A clause with its own subject joined to the next by a comma alone ("A lost X, B lost
    Y"), which the parser reads as a complement; "A happened, officials said" is speech."""
    head = token.head
    doc = token.doc
    right = token.right_edge.i
    return (
        token.i < head.i
        and head.lemma_.lower() not in SPEECH_VERBS
        and has_subject(token)
        and right + 1 < len(doc)
        and doc[right + 1].text in {",", ";"}
    )


def _is_speech_participle(token: Token) -> bool:
    return (
        token.tag_ == "VBG"
        and token.lemma_.lower() in SPEECH_VERBS
        and token.i > token.head.i
        and any(child.dep_ == "ccomp" for child in token.children)
    )


def speech_with_party(token: Token) -> tuple[Token, Token] | None:
    """(party, speech verb) of a trailing "..., with the opposition claiming to have ..." or
    "..., with officials saying ...": a second party's stated position, or None."""
    if token.lower_ != "with" or token.i == 0 or token.doc[token.i - 1].text != ",":
        return None
    # Parsed either as "with [party [claiming ...]]" or as "with [party claiming ...]".
    for child in token.children:
        if child.dep_ == "pobj" and child.pos_ in _NOUN_POS:
            pairs = [(child, verb) for verb in child.children if verb.dep_ == "acl"]
        elif child.dep_ == "pcomp":
            pairs = [(party, child) for party in child.children if party.dep_ == "nsubj"]
        else:
            continue
        for party, verb in pairs:
            if (
                party.pos_ in _NOUN_POS
                and verb.tag_ == "VBG"
                and verb.lemma_.lower() in SPEECH_VERBS
                and any(c.dep_ in {"ccomp", "xcomp"} for c in verb.children)
            ):
                return party, verb
    return None


def has_subject(token: Token) -> bool:
    return any(child.dep_ in SUBJECT_DEPS for child in token.children)


def is_conditional(token: Token) -> bool:
    """An "if"/"unless"/inverted "Should X ..." clause."""
    marks = [child.lower_ for child in token.children if child.dep_ in {"mark", "aux"}]
    first = token.doc[token.left_edge.i].lower_
    return any(mark in CONDITIONAL_MARKS for mark in marks) or first in CONDITIONAL_MARKS


def _adverbial_role(token: Token) -> str | None:
    if is_conditional(token):
        return None
    marks = [child.lower_ for child in token.children if child.dep_ == "mark"]
    mark = marks[0] if marks else None
    if mark in CONTRAST_MARKS:
        return "contrast"
    head_subjects = [child for child in token.head.children if child.dep_ in SUBJECT_DEPS]
    if token.i < token.head.i and head_subjects and token.i < head_subjects[0].i:
        if token.lemma_.lower() in SPEECH_VERBS | _SPEAKING_VERBS:
            # "Speaking in court, X said ...": how the speaker spoke, no fact of its own.
            return None
        if mark is None or mark == "as":
            return "fronted"
        return None
    subjects = [child for child in token.children if child.dep_ in SUBJECT_DEPS]
    if mark == "as" and subjects and subjects[0].pos_ != "PRON":
        return "subordinate"
    if mark in REASON_MARKS and subjects and token.i > token.head.i:
        return "reason"
    if mark is None and not subjects and token.tag_ in {"VBG", "VBN"} and token.i > token.head.i:
        if token.tag_ == "VBG" and token.lemma_.lower() in SPEECH_VERBS:
            # "..., he told the court, saying ...": a second assertion, not a detail.
            return "coordinated"
        return "participle"
    return None


def _conjunct_role(token: Token) -> str | None:
    first = _first_conjunct(token)
    if token.pos_ in _VERB_POS:
        if _has_wh_subject(token):
            return None  # "see who is right and who is not": one indirect question
        if has_subject(token):
            # Within what a party says, a clause without a figure is part of the one
            # position it states ("she said she understood X but there had to be limits").
            # But "said A and that B" reports two statements, each with its own "that".
            if (
                (_in_reported_speech(first) or _same_first_person(first, token))
                and not _has_figure(token)
                and not _own_that(token)
            ):
                return None
            return "coordinated"
        if first.pos_ in _VERB_POS and _has_figure(token) and not _has_own_figure(first, token):
            return "coordinated"
        if (
            first.pos_ in _VERB_POS
            and first.lemma_.lower() not in SPEECH_VERBS
            and first.dep_ != "ccomp"  # "X says A and has done B": whose B is unclear
            and _is_full_predicate(token)
        ):
            return "coordinated"
        return None
    if token.pos_ == "ADP" and any(child.dep_ == "pobj" for child in token.children):
        # A predicate ("is significant as A and as B") states two facts; two adjuncts of
        # one action ("drove through A and on B") describe one.
        if sum(1 for _ in token.subtree) >= 4 and first.head.pos_ != "VERB":
            return "coordinated"
        return None
    if token.pos_ in _NOUN_POS and _follows_as_well_as(token):
        # A co-agent or co-subject ("led by X, as well as Y") is one fact, not two.
        if first.dep_ in {"nsubj", "nsubjpass"} or (
            first.dep_ == "pobj" and first.head.dep_ == "agent"
        ):
            return None
        return "addition"
    return None


def _own_that(token: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)


def _in_reported_speech(token: Token) -> bool:
    """The clause is the complement of a speech verb ("said (that) ...")."""
    return token.dep_ == "ccomp" and token.head.lemma_.lower() in SPEECH_VERBS


def _same_first_person(first: Token, conjunct: Token) -> bool:
    """ "I went ... and I wanted ...": a speaker's one account of what they did."""

    def subject(verb: Token) -> str | None:
        return next((c.lower_ for c in verb.children if c.dep_ in SUBJECT_DEPS), None)

    return subject(conjunct) in {"i", "we"} and subject(first) == subject(conjunct)


def _has_wh_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS and c.tag_ in {"WP", "WDT"} for c in verb.children)


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj":
        token = token.head
    return token


def _follows_as_well_as(token: Token) -> bool:
    """ "as well as" just before the noun's phrase, or just before the noun itself when the
    phrase starts earlier ("as well as Syria's towns": "Syria's" is its left edge)."""
    doc = token.doc
    left = token.left_edge.i
    if "as well as" in " ".join(t.lower_ for t in doc[max(left - 3, 0) : left + 3]):
        return True
    own = {t.i for t in token.subtree}
    for start in range(max(token.i - 6, 0), token.i - 2):
        if " ".join(t.lower_ for t in doc[start : start + 3]) == "as well as":
            return all(i in own for i in range(start + 3, token.i))
    return False


def _is_figure(token: Token) -> bool:
    return token.like_num and token.ent_type_ not in {"DATE", "TIME", "ORDINAL"}


def _has_figure(token: Token) -> bool:
    return any(_is_figure(t) for t in token.subtree)


def _has_own_figure(first: Token, conjunct: Token) -> bool:
    """Whether the first conjunct, without the later one, already carries a figure."""
    excluded = {t.i for t in conjunct.subtree}
    return any(_is_figure(t) for t in first.subtree if t.i not in excluded)


# "when" after a date or an event ("since 2016 when ...", "the 1982 massacre when ..."):
# what happened then is a fact of its own.
_RELATIVE_WORDS = frozenset({"which", "who", "whom", "whose", "where", "when"})


def _is_descriptive_relative(token: Token) -> bool:
    """A non-restrictive relative clause, or one introduced by which/who/where."""
    doc = token.doc
    left = token.left_edge.i
    words = [t for t in token.subtree if not t.is_punct]
    if len(words) < 4:
        return False
    after_comma = left > 0 and doc[left - 1].text == ","
    return after_comma or (doc[left].lower_ in _RELATIVE_WORDS and doc[left].lower_ != "who")


def _is_parenthetical(token: Token) -> bool:
    """A participial modifier set off by dashes on both sides ("the orders - normally used
    in such cases - were granted"): a description of its own. Between commas it is more
    often a detail of the same fact ("the army, aided by air strikes, advanced")."""
    doc = token.doc
    left, right = token.left_edge.i, token.right_edge.i
    words = [t for t in token.subtree if not t.is_punct]
    if len(words) < 4 or token.tag_ not in {"VBN", "VBG"} or left == 0 or right + 1 >= len(doc):
        return False
    marks = {"-", "–", "—"}
    return doc[left - 1].text in marks and doc[right + 1].text in marks


def _is_full_predicate(token: Token) -> bool:
    """A coordinated verb phrase with its own object or complement, four words or more."""
    words = [t for t in token.subtree if not t.is_punct]
    has_complement = any(
        c.dep_ in {"dobj", "attr", "acomp", "prep", "xcomp", "ccomp", "oprd", "agent"}
        for c in token.children
    )
    return has_complement and len(words) >= 4 and token.tag_ not in {"VB", "VBG"}


def _is_counted_description(token: Token) -> bool:
    """An appositive that describes with a figure ("one of six officials charged"), three
    words or more. A title or a kind ("the foreign minister", "a rebel group") only says
    who or what the noun is, and stays with it."""
    words = [t for t in token.subtree if not t.is_punct]
    return (
        len(words) >= 3
        and any(_is_figure(t) for t in words)
        and not any(t.dep_ == "appos" for t in token.children)
        # "..., among them 40 children": a part of the noun's count, said with it.
        and words[0].lower_ not in {"among", "including"}
    )


def _is_ranking(token: Token) -> bool:
    """A description that ranks its noun: "the country's fourth largest city"."""
    return any(
        t.tag_ in {"JJS", "RBS"} or t.ent_type_ == "ORDINAL" for t in token.subtree
    ) and not any(t.dep_ in {"relcl", "acl"} for t in token.subtree)


def _name_tokens(token: Token) -> list[int]:
    """A noun and the compound/name tokens directly before it ("Bashar Assad")."""
    indices = [token.i]
    for child in token.lefts:
        if child.dep_ in {"compound", "flat"} or (child.ent_iob_ != "O" and child.ent_type_):
            indices.extend(t.i for t in child.subtree)
    return indices


def _trim(sentence: Span, covered: set[int], *, role: str) -> tuple[int, int] | None:
    """Contiguous token bounds of a unit, without edge punctuation and connectives."""
    if not covered:
        return None
    doc = sentence.doc
    start = min(covered)
    # The sentence-final period is the root's; it belongs to a unit only when the unit
    # runs up to it without a gap.
    last_word = (
        max(i for i in covered if not _is_punct(doc[i]))
        if any(not _is_punct(doc[i]) for i in covered)
        else max(covered)
    )
    end = last_word + 1
    while end in covered and _is_punct(doc[end]) and end < sentence.end:
        end += 1
    changed = True
    while changed and start < end:
        changed = False
        token = doc[start]
        if (
            _is_punct(token)
            or token.is_space
            or token.dep_ in {"cc", "preconj"}
            or role == "coordinated"  # the "with" of "..., with officials saying ..."
            and token.lower_ == "with"
            and speech_with_party(token) is not None
            or token.dep_ == "mark"
            and role in {"contrast", "fronted", "reason"}
            or role == "reason"  # "especially since ...": the reason alone
            and token.dep_ == "advmod"
            and token.head.dep_ == "advcl"
            or token.lower_ in DISCOURSE_ADVERBS
            and token.dep_ in {"advmod", "cc"}
        ):
            start += 1
            changed = True
        elif token.dep_ == "prep" and _is_fronted_discourse_phrase(token):
            start = token.right_edge.i + 1
            changed = True
    # The sentence's last word, before any closing quotation marks or brackets.
    last = sentence.end
    while last > start and doc[last - 1].text in _CLOSERS:
        last -= 1
    while end > start and (
        doc[end - 1].is_space
        or (_is_punct(doc[end - 1]) and not (doc[end - 1].text in {".", "!", "?"} and end == last))
        or doc[end - 1].dep_ in {"cc", "mark"}
        or doc[end - 1].head.dep_ == "cc"  # the "as well" of a dangling "as well as"
    ):
        end -= 1
    # A closing bracket or quotation mark belongs to the quote when its opening one does.
    if end < sentence.end and doc[end].text == ")" and "(" in doc[start:end].text:
        end += 1
    if end < sentence.end and doc[end].text in {'"', "”", "’"}:
        inside = doc[start:end].text
        if inside.count('"') % 2 == 1 or inside.count("“") > inside.count("”"):
            end += 1
    if end <= start or all(_is_punct(doc[i]) for i in range(start, end)):
        return None
    return start, end


_CLOSERS = frozenset({'"', "”", "’", ")", "]"})


def _is_punct(token: Token) -> bool:
    """Punctuation to trim at a claim's edges (spaCy counts "%" too, but it is a unit)."""
    return token.is_punct and token.pos_ not in {"NOUN", "NUM", "SYM"}


def _is_fronted_discourse_phrase(token: Token) -> bool:
    """A leading "In a separate development," / "On the government side," phrase.

    Phrases that carry a date, time or place entity are kept: they are part of the fact.
    """
    doc = token.doc
    after = token.right_edge.i + 1
    if after >= len(doc) or doc[after].text != ",":
        return False
    if token.head.i < token.i:
        return False
    return not any(t.ent_type_ for t in token.subtree)
