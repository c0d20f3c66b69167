"""Quantities: value, unit, approximate or bounded, and the exact text span.

Works on the parsed doc (number tokens, their syntactic head for the unit, spaCy's
entity types to skip dates and ordinals) plus number words ("half-million", "tens of
thousands", "three million"). A parenthetical conversion ("10 kilometres (six miles)")
is the same quantity: it widens the span and is not reported again.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from claims.extraction.records import Quantity

_UNITS = {
    "km": "km",
    "kilometre": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometers": "km",
    "mile": "mi",
    "miles": "mi",
    "metre": "m",
    "metres": "m",
    "meter": "m",
    "meters": "m",
    "percent": "%",
    "%": "%",
    "per": "%",
    "dollars": "USD",
    "$": "USD",
    "euros": "EUR",
    "tonnes": "t",
    "tons": "t",
}
_SMALL = {
    word: index
    for index, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_TENS = {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_MULTIPLIERS = {
    "hundred": 100.0,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
_VAGUE = {
    "dozens": 24.0,
    "tens": 10.0,
    "scores": 40.0,
    "hundreds": 100.0,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
}
_FRACTIONS = {"half": 0.5, "quarter": 0.25}
_APPROXIMATE = {
    "about",
    "approximately",
    "around",
    "roughly",
    "some",
    "nearly",
    "almost",
    "estimated",
    "circa",
    "approx",
    "close",
    "reportedly",
}
_UPPER = {"nearly", "almost", "up", "most", "fewer", "less", "under", "below"}
_LOWER = {"more", "over", "least", "upwards", "above", "exceeding"}
_DURATIONS = {"year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours"}
_REFERENCE_DETERMINERS = {"the", "these", "those", "both", "this", "that"}


def find_quantities(doc: Doc, *, start: int = 0, end: int | None = None) -> list[Quantity]:
    """All quantities whose number lies in tokens [start, end) of ``doc``."""
    end = len(doc) if end is None else end
    found: list[Quantity] = []
    index = start
    while index < end:
        group = _number_group(doc, index, end)
        if not group:
            index += 1
            continue
        first, last = group[0], group[-1]
        index = last.i + 1
        quantity = _quantity(doc, first, last)
        if quantity is not None:
            found.append(quantity)
            while index < end and doc[index].idx < quantity.end:
                index += 1
    return found


def parse_number(words: list[str]) -> tuple[float, bool] | None:
    """The value of number words/digits, and whether they are vague ("tens of thousands")."""
    total = 0.0
    current = 0.0
    vague = False
    seen = False
    for word in words:
        lower = word.lower().replace(",", "")
        if lower in {"-", "a", "an", "of", "and"}:
            continue
        if re.fullmatch(r"\d+(\.\d+)?", lower):
            current += float(lower)
        elif lower in _SMALL:
            current += _SMALL[lower]
        elif lower in _TENS:
            current += _TENS[lower]
        elif lower in _FRACTIONS:
            current += _FRACTIONS[lower]
        elif lower in _MULTIPLIERS:
            current = (current or 1.0) * _MULTIPLIERS[lower]
            if _MULTIPLIERS[lower] >= 1e3:
                total += current
                current = 0.0
        elif lower in _VAGUE:
            vague = True
            value = _VAGUE[lower]
            current = current * value if current else value
            if value >= 1e3:
                total += current
                current = 0.0
        else:
            return None
        seen = True
    if not seen:
        return None
    return total + current, vague


def _is_number_word(token: Token) -> bool:
    lower = token.lower_
    if token.ent_type_ == "ORDINAL":
        return False
    return (
        bool(re.fullmatch(r"\d[\d,]*(\.\d+)?", lower))
        or lower in _SMALL
        or lower in _TENS
        or lower in _MULTIPLIERS
        or lower in _VAGUE
        or lower in _FRACTIONS
    )


def _number_group(doc: Doc, index: int, end: int) -> list[Token]:
    token = doc[index]
    if not _is_number_word(token):
        return []
    if token.lower_ in _FRACTIONS and not (
        _next_is_number(doc, index, end)
        or (
            index + 2 < end
            and doc[index + 1].lower_ in {"-", "a"}
            and _is_number_word(doc[index + 2])
        )
    ):
        return []
    group = [token]
    position = index + 1
    while position < end:
        candidate = doc[position]
        if _is_number_word(candidate):
            group.append(candidate)
            position += 1
        elif candidate.lower_ in {"-", "a", "of", "and"} and _next_is_number(doc, position, end):
            if candidate.lower_ == "of" and group[-1].lower_ not in _VAGUE:
                break
            if candidate.lower_ == "and" and group[-1].lower_ not in _MULTIPLIERS:
                break
            group.append(candidate)
            position += 1
        else:
            break
    return group


def _next_is_number(doc: Doc, index: int, end: int) -> bool:
    return index + 1 < end and _is_number_word(doc[index + 1])


def _quantity(doc: Doc, first: Token, last: Token) -> Quantity | None:
    parsed = parse_number([t.text for t in doc[first.i : last.i + 1]])
    if parsed is None:
        return None
    value, vague = parsed
    unit_token = _unit_token(doc, last)
    unit_lower = unit_token.lower_ if unit_token is not None else ""
    in_date = first.ent_type_ in {"DATE", "TIME"}
    if in_date and unit_lower not in _DURATIONS:
        return None
    if re.fullmatch(r"1[89]\d\d|20\d\d", first.text) and unit_token is None:
        return None  # a year
    if first.lower_ == "one" and last.i + 1 < len(doc) and doc[last.i + 1].lower_ == "of":
        return None
    if first.i > 0 and doc[first.i - 1].lower_ in _REFERENCE_DETERMINERS and value < 20:
        return None  # "the two countries" refers back, it does not count
    if value == 1 and (unit_token is None or unit_token.lower_ not in _UNITS):
        return None  # "one rebel fighter" introduces someone, it is not a figure
    start_token = first
    approximate = vague
    low: float | None = value if vague else None
    high: float | None = None
    for back in range(first.i - 1, max(first.i - 4, -1), -1):
        word = doc[back].lower_
        if word in _APPROXIMATE or word in _LOWER or word in _UPPER:
            start_token = doc[back]
            approximate = approximate or word in _APPROXIMATE
            if word in _LOWER:
                low = value
            if word in _UPPER:
                high = value
            continue
        if word in {"than", "to", "at"} and back == first.i - 1:
            continue  # "more than", "up to", "at least": the next word decides
        if word == "at" and start_token.lower_ in {"least", "most"} and back == start_token.i - 1:
            start_token = doc[back]  # "at least 12": the bound's words are the figure's
            continue
        if word == "an" and start_token.lower_ == "estimated":
            start_token = doc[back]
        break
    end_token = unit_token if unit_token is not None and unit_token.i > last.i else last
    end_index = end_token.i + 1
    # "10 kilometres (six miles)": the bracketed conversion is the same quantity.
    if end_index + 1 < len(doc) and doc[end_index].text == "(":
        closing = next(
            (t.i for t in doc[end_index : min(end_index + 6, len(doc))] if t.text == ")"), None
        )
        if closing is not None and any(_is_number_word(t) for t in doc[end_index:closing]):
            end_index = closing + 1
    start_char = start_token.idx
    end_char = doc[end_index - 1].idx + len(doc[end_index - 1].text)
    return Quantity(
        text=doc[start_token.i : end_index].text,  # the span's text, not the whole doc's
        value=value,
        unit=_unit_name(unit_token),
        approximate=approximate,
        low=low,
        high=high,
        start=start_char,
        end=end_char,
    )


def _unit_token(doc: Doc, last: Token) -> Token | None:
    """The counted noun: the number's syntactic head, or the next noun within a few words."""
    if last.i + 1 < len(doc) and doc[last.i + 1].lower_ in _UNITS:
        return doc[last.i + 1]
    if last.lower_ in _VAGUE and last.i + 1 < len(doc) and doc[last.i + 1].lower_ == "of":
        # "hundreds of deaths", "thousands of casualties": what the vague figure counts.
        counted = [c for c in doc[last.i + 1].children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
        if counted:
            return counted[0]
    head = last.head
    if head.i > last.i and head.pos_ in {"NOUN", "PROPN"} and head.i - last.i <= 5:
        return head
    for token in doc[last.i + 1 : min(last.i + 5, len(doc))]:
        if token.text in _CLAUSE_BREAKS:
            break  # "rose to 15, prosecutors said": the noun after the comma is not counted
        if token.pos_ == "NOUN":
            return token
        if token.pos_ not in {"ADJ", "PROPN", "PUNCT", "VERB"} and token.dep_ not in {
            "compound",
            "amod",
            "npadvmod",
        }:
            break
    return None


_CLAUSE_BREAKS = frozenset({",", ";", ":", ".", "(", ")", "—", "–", '"', "“", "”"})


def _unit_name(token: Token | None) -> str:
    if token is None:
        return ""
    lower = token.lower_
    if lower in _UNITS:
        return _UNITS[lower]
    compounds = [c.lower_ for c in token.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
    return " ".join([*compounds, lower])
