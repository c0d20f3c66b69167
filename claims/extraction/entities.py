"""Entities: people, organisations and places with exact offsets.

The small English model splits or mislabels many names (a city tagged ORG, a town
tagged PERSON, "Hayat Tahrir al-Sham" in pieces). Three general repairs:

1. an EntityRuler before the NER with a data file of well-known organisation names
   (``data/organisations.txt``), so the NER works around them, and a person's title
   ("Mr Smith", "Dr Jane Doe"), which the model often tags as an organisation;
2. place context: the proper nouns after "the city/town/village/province... of" (and
   the list that follows: "the towns of A, B and C") are places (GPE);
3. one label per name in a document: once context shows a name is a place, every other
   mention of it is a place too, including mentions the model missed.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from claims.extraction.lexicon import NAME_TITLES
from claims.extraction.records import Entity
from claims.extraction.segmentation import doc_text

RULER_NAME = "claimtrack_known_names"
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
_PLACE_NOUNS = frozenset(
    [
        "city",
        "cities",
        "town",
        "towns",
        "village",
        "villages",
        "province",
        "provinces",
        "district",
        "districts",
        "neighbourhood",
        "neighbourhoods",
        "neighborhood",
        "neighborhoods",
        "region",
        "governorate",
        "capital",
        "suburb",
        "suburbs",
        "port",
    ]
)
_DATA = Path(__file__).parent / "data" / "organisations.txt"
_TITLE_FORMS = sorted({form for title in NAME_TITLES for form in (title, f"{title}.")})


@cache
def organisation_names() -> tuple[str, ...]:
    lines = _DATA.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def add_entity_ruler(nlp: Language) -> None:
    """Add the known-names ruler in front of the NER (idempotent)."""
    if RULER_NAME in nlp.pipe_names or "ner" not in nlp.pipe_names:
        return
    ruler = nlp.add_pipe(
        "entity_ruler", name=RULER_NAME, before="ner", config={"phrase_matcher_attr": "ORTH"}
    )
    patterns = []
    for name in organisation_names():
        # Tokenise as the pipeline does, so "al-Sham" matches "al - Sham".
        words = [t.text for t in nlp.make_doc(name)]
        patterns.append({"label": "ORG", "pattern": [{"ORTH": word} for word in words]})
    # "Mr Smith" is a person wherever it stands; the title stays in the entity, as the
    # model tags "Mr Smith" when it gets it right.
    patterns.append(
        {
            "label": "PERSON",
            "pattern": [{"ORTH": {"IN": _TITLE_FORMS}}, {"IS_TITLE": True, "OP": "+"}],
        }
    )
    ruler.add_patterns(patterns)


def find_entities(doc: Doc) -> list[Entity]:
    """The document's entities after the context and consistency repairs, in text order."""
    by_span: dict[tuple[int, int], Entity] = {}
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS:
            text = _strip_article(ent.text)
            start = ent.start_char + (len(ent.text) - len(text))
            by_span[(start, ent.end_char)] = Entity(
                text=text, label=ent.label_, start=start, end=ent.end_char
            )
    places = _context_places(doc)
    text = doc_text(doc)
    for start, end in places:
        for key in [k for k in by_span if k[0] < end and start < k[1]]:
            del by_span[key]
        by_span[(start, end)] = Entity(text=text[start:end], label="GPE", start=start, end=end)
    place_names = {text[s:e] for s, e in places}
    for name in place_names:
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            start, end = match.span()
            overlapping = [k for k in by_span if k[0] < end and start < k[1]]
            if any(
                by_span[k].label in {"ORG", "NORP"} and (k[1] - k[0]) > (end - start)
                for k in overlapping
            ):
                continue  # part of a longer organisation name
            for key in overlapping:
                del by_span[key]
            by_span[(start, end)] = Entity(text=name, label="GPE", start=start, end=end)
    return [by_span[key] for key in sorted(by_span)]


def _strip_article(text: str) -> str:
    return text[4:] if text.startswith(("The ", "the ")) else text


def _context_places(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of names that a place noun introduces: "the towns of A, B and C"."""
    spans: list[tuple[int, int]] = []
    for token in doc:
        if token.lower_ not in _PLACE_NOUNS:
            continue
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is None:
            continue
        names = [c for c in of.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
        while names:
            name = names.pop(0)
            span = _name_span(name)
            if span is not None:
                spans.append(span)
            names.extend(c for c in name.children if c.dep_ == "conj" and c.pos_ == "PROPN")
    return spans


def _name_span(token: Token) -> tuple[int, int] | None:
    """A proper name with its compound parts ("Taybat al-Imam"), as character offsets."""
    doc = token.doc
    start = token.i
    while start > 0 and (
        doc[start - 1].dep_ == "compound"
        and doc[start - 1].head.i in range(start, token.i + 1)
        or (doc[start - 1].text == "-" and start > 1 and doc[start - 2].lower_ == "al")
        or (doc[start - 1].lower_ == "al" and doc[start - 1].head.i == token.i)
    ):
        start -= 1
    if not doc[start].text[:1].isupper() and doc[start].lower_ != "al":
        return None
    return doc[start].idx, token.idx + len(token.text)
