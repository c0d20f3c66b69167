"""Who asserts a claim, named as the article names them in full.

The attribution step finds the words that name a speaker ("he", "Mr Smith", "Former chief
executive John Smith", "the minister"); this step resolves them within the article:

- a person is named by their longest mention in the article that shares the surname
  ("Mr Smith", "Smith", "Chief executive John Smith" -> "John Smith");
- "he"/"she"/"I" left unresolved by attribution -> the last person named before the claim;
- "the minister"/"the judge" -> the last person named before with that role beside their
  name ("Interior Minister John Smith", "John Smith, the minister");
- "the company"/"the firm" -> the last organisation named before.

Anything else is kept as attribution wrote it. The index is built once per doc.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from claims.extraction.attribution import OUTLET, UNNAMED
from claims.extraction.lexicon import NAME_TITLES, NOT_A_BUSINESS_WORDS

HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady"}
)
_PERSON_PRONOUNS = frozenset({"he", "she", "i", "him", "her", "me"})
_ORG_NOUNS = frozenset({"company", "firm", "group", "agency", "ministry", "organisation"})
# What "the company" or "the firm" stands for: a business, never a public body.
_BUSINESS_NOUNS = frozenset({"company", "firm"})
# Words that join two parties or make the named person an object ("lawyers for Mr X"):
# such a phrase is not one person, so it is not renamed.
_JOINING = frozenset({"and", "for", "of", "with", "&", "or", "against", "to", "by"})
_WORD = re.compile(r"[\w'’.-]+")
_USER_DATA_KEY = "claimtrack_source_index"


@dataclass(frozen=True)
class _Person:
    start: int  # character offset of the mention
    name: str
    surname: str
    roles: frozenset[str]


@dataclass(frozen=True)
class _SourceIndex:
    people: list[_Person]
    full_names: dict[str, str]  # surname (lowercase) -> the longest mention with it
    organisations: list[tuple[int, str]]  # (character offset, name), in text order


def resolve_source(doc: Doc, source: str, *, position: int) -> str:
    """``source`` (an attribution's words) named in full; ``position`` is the claim's
    character offset, so that only parties named before it are candidates for a pronoun
    or a role."""
    if source in {OUTLET, UNNAMED} or not source.strip():
        return source
    index = _index(doc)
    words = _WORD.findall(source)
    lower = [w.lower().strip(".") for w in words]
    if len(lower) == 1 and lower[0] in _PERSON_PRONOUNS:
        person = _last_before(index.people, position)
        return person.name if person else source
    if lower and lower[0] in {"the", "a"} and len(lower) <= 4:
        role = lower[-1]
        if role in _ORG_NOUNS:
            organisation = _last_org_before(index.organisations, position, role=role)
            if organisation:
                return organisation
        person = _last_with_role(index.people, position, role)
        if person:
            return person.name
        return source
    if lower and lower[0] in _ORG_NOUNS and len(lower) == 1:
        organisation = _last_org_before(index.organisations, position, role=lower[0])
        return organisation or source
    named = _ending_name(index, words, lower)
    if named:
        return named
    if any(w in _JOINING for w in lower) or "," in source:
        # "Smith, after winning gold": the name before the comma may still be one person.
        head = source.split(",")[0]
        if (
            "," in source
            and head != source
            and not any(w.lower() in _JOINING for w in _WORD.findall(head))
        ):
            return resolve_source(doc, head.strip(), position=position)
        return _titled_in_full(index, source)
    surname = _surname(words)
    if surname and surname.lower() in index.full_names:
        return index.full_names[surname.lower()]
    if len(words) == 1:
        # A first name alone (where the parse cut the name short).
        for person in index.people:
            if person.name.split()[0] == words[0]:
                return _canonical(index.people, person).name
    return source


def _ending_name(index: _SourceIndex, words: list[str], lower: list[str]) -> str | None:
    """The person a title phrase ends in ("Transport and Housing Minister John Smith"):
    the words before the name are capitalised title words or "and", and name nobody else
    ("Mr A and Mr B" is two people, "lawyers for Mr B" not B)."""
    surname = _surname(words)
    if not surname or surname.lower() not in index.full_names:
        return None
    before = words[:-1]
    names = {part for person in index.people for part in person.name.split()}
    if any(not (w[:1].isupper() or w == "and") for w in before):
        return None
    if any(w in names for w in before) and "and" in lower:
        return None
    return index.full_names[surname.lower()]


_TITLED = re.compile(rf"\b(?:{'|'.join(NAME_TITLES)})\.? ([A-Z][\w'’-]+)")


def _titled_in_full(index: _SourceIndex, source: str) -> str:
    """ "Lawyers for Mr A and Mr B" -> "Lawyers for Jo A and Sam B": each titled surname
    by the full name the article gives it."""

    def full(match: re.Match) -> str:
        name = index.full_names.get(match.group(1).lower())
        return name if name and len(name.split()) > 1 else match.group(0)

    return _TITLED.sub(full, source)


def _surname(words: list[str]) -> str | None:
    """The last capitalised word, when the phrase ends in a name ("... John Smith")."""
    if not words:
        return None
    last = re.sub(r"['’]s$", "", words[-1]).strip(".")
    if not last[:1].isupper() or last.lower() in HONORIFICS:
        return None
    return last


def _index(doc: Doc) -> _SourceIndex:
    cached = doc.user_data.get(_USER_DATA_KEY)
    if cached is not None:
        return cached
    people: list[_Person] = []
    organisations: list[tuple[int, str]] = []
    # The small model sometimes takes a name for an organisation ("Ms Smith" as ORG): a
    # name with a personal title anywhere in the article is a person's.
    titled = {
        _last_word(entity)
        for entity in doc.ents
        if entity[0].lower_.strip(".") in HONORIFICS
        or (entity.start > 0 and doc[entity.start - 1].lower_.strip(".") in HONORIFICS)
    }
    # Or a full name the model took for a place, when the article names the person by
    # that surname elsewhere ("Tunde Okafor" as GPE, "Okafor" as PERSON).
    surnames = {_last_word(entity) for entity in doc.ents if entity.label_ == "PERSON"}
    for entity in doc.ents:
        is_person = entity.label_ == "PERSON" or (
            entity.label_ in {"ORG", "GPE", "NORP"}
            and (
                _last_word(entity) in titled
                or (
                    _last_word(entity) in surnames
                    and 2 <= len(entity) <= 3
                    and all(t.pos_ == "PROPN" for t in entity)
                )
            )
        )
        if entity.label_ == "ORG" and not is_person:
            name = entity.text.strip()
            after = doc[entity.end] if entity.end < len(doc) else None
            if after is not None and after.lower_ in NOT_A_BUSINESS_WORDS:
                name = f"{name} {after.text}"  # "the X union": X is a union, no company
            organisations.append((entity.start_char, name))
            continue
        if not is_person:
            continue
        tokens = [t for t in entity if not t.is_punct and t.lower_ not in HONORIFICS]
        # The small model sometimes stops a name short ("Anna de" of "Anna de Vries").
        end = entity.end
        while end < len(doc) and _name_word(doc[end]):
            tokens.append(doc[end])
            end += 1
        # "Smith's" is a mention of Smith.
        while tokens and tokens[-1].lower_ in {"'s", "’s"}:
            tokens.pop()
        if not tokens:
            continue
        name = doc[tokens[0].i : tokens[-1].i + 1].text
        surname = re.sub(r"['’]s$", "", tokens[-1].text)
        people.append(_Person(entity.start_char, name, surname, _roles(entity)))
    full_names: dict[str, str] = {}
    for person in people:
        key = person.surname.lower()
        known = full_names.get(key)
        if known is None or len(person.name.split()) > len(known.split()):
            full_names[key] = person.name
    index = _SourceIndex(people, full_names, organisations)
    doc.user_data[_USER_DATA_KEY] = index
    return index


def _name_word(token) -> bool:
    return token.pos_ == "PROPN" and token.is_title and not token.ent_type_


def _last_word(entity) -> str:
    return re.sub(r"['’]s$", "", entity[-1].text).lower() if len(entity) else ""


def _roles(entity) -> frozenset[str]:
    """Lowercase words naming a person's role around a mention: the common nouns of the
    phrase it heads ("Interior Minister John Smith") or of the noun it stands in
    apposition to ("John Smith, the minister", "the minister, John Smith")."""
    root = entity.root
    words = {
        t.lower_
        for t in root.subtree
        if t.i < entity.start and t.pos_ in {"NOUN", "PROPN"} and t.ent_type_ != "PERSON"
    }
    for child in root.children:
        if child.dep_ == "appos":
            words.update(t.lower_ for t in child.subtree if t.pos_ == "NOUN")
    if root.dep_ == "appos":
        words.update(t.lower_ for t in root.head.subtree if t.pos_ == "NOUN" and t.i < root.i)
    return frozenset(words)


def _last_before(people: list[_Person], position: int) -> _Person | None:
    index = bisect.bisect_left(people, position, key=lambda person: person.start) - 1
    return _canonical(people, people[index]) if index >= 0 else None


def _last_with_role(people: list[_Person], position: int, role: str) -> _Person | None:
    for person in reversed(people):
        if person.start < position and role in person.roles:
            return _canonical(people, person)
    return None


def _canonical(people: list[_Person], person: _Person) -> _Person:
    same = [p for p in people if p.surname.lower() == person.surname.lower()]
    return max(same, key=lambda p: (len(p.name.split()), -p.start))


def organisation_before(doc: Doc, *, position: int, role: str = "company") -> str | None:
    """The organisation "the company" or "the firm" at ``position`` (a character offset)
    means: the one the story is about (``_last_org_before``), or None."""
    return _last_org_before(_index(doc).organisations, position, role=role)


def _name_words(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(name))


def _last_org_before(
    organisations: list[tuple[int, str]], position: int, *, role: str = ""
) -> str | None:
    """The organisation named most often before ``position`` (the latest on a tie): "the
    company" is the one the story is about, not the last one quoted about it. A ``role``
    narrows it: "the ministry" is one whose name says ministry, and "the company" is no
    public body (a coast guard, a police force), union, party or club."""
    count = bisect.bisect_left(organisations, position, key=lambda item: item[0])
    if not count:
        return None
    before = list(enumerate(organisations[:count]))
    named = [item for item in before if role in _name_words(item[1][1])]
    private = [item for item in before if not _name_words(item[1][1]) & NOT_A_BUSINESS_WORDS]
    if role and named:
        before = named
    elif role in _BUSINESS_NOUNS:
        before = private  # none named: better unresolved than a coast guard
    if not before:
        return None
    tally: dict[str, tuple[int, int]] = {}
    for order, (_start, name) in before:
        mentions, _last = tally.get(name, (0, 0))
        tally[name] = (mentions + 1, order)
    return max(tally, key=lambda name: tally[name])
