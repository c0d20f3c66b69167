"""What a statement needs from its article to stand alone: when and where.

- Time: a relative day ("on Saturday", "yesterday", "today", "last week", "last year",
  "this week") is followed by the date it means, counted back from the article's
  published date (news reports the past: "on Saturday" is the latest Saturday on or
  before publication). Without a published date nothing is added.
- Place and party: a bare "the city"/"the capital" gets the place the dateline names, or
  else the one place the title and earlier text name; "the company"/"the firm" the
  organisation named most often before it (as a source is, ``sources``). A reference
  is left alone when the article does not tell.
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from claims.extraction.clauses import ClauseUnit
from claims.extraction.sources import organisation_before

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE_DAY = re.compile(
    r"\b(?:(?P<on>on|last|this|by|since|until) )?(?P<day>"
    + "|".join(_WEEKDAYS)
    + r")\b(?! ?\()|\b(?P<rel>yesterday|today|tonight)\b(?! ?\()"
    r"|\b(?P<span>last|this|next) (?P<unit>week|month|year)\b(?! ?\()",
    re.IGNORECASE,
)
_PLACE_REFERENCE = re.compile(r"\bthe (?P<noun>city|capital|town)\b(?! ?\(| of\b)", re.I)
_ORG_REFERENCE = re.compile(r"\bthe (?P<noun>company|firm)\b(?! ?\(|'s)", re.I)
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

_DAY = re.compile(
    r"\b(?:" + "|".join(_WEEKDAYS) + r")\b"
    r"|\b\d{1,2} (?:" + "|".join(_MONTHS) + r")\b"
    r"|\b(?:" + "|".join(_MONTHS) + r") \d{1,2}\b",
    re.IGNORECASE,
)


def names_a_day(text: str) -> bool:
    """Whether ``text`` names a day ("Tuesday", "3 December"), not a year or a period:
    what takes "on" rather than "in"."""
    return _DAY.search(text) is not None


@dataclass(frozen=True)
class StatementContext:
    """The article around a claim: its title, published date and dateline place."""

    title: str = ""
    published: datetime.date | None = None
    dateline: str = ""

    @classmethod
    def of(cls, doc: Doc) -> StatementContext:
        """The context stored on the doc (``doc.user_data["claimtrack_context"]``), if any."""
        context = doc.user_data.get("claimtrack_context")
        return context if isinstance(context, StatementContext) else cls()


def situate(text: str, *, doc: Doc, unit: ClauseUnit, context: StatementContext) -> str:
    """``text`` with relative days dated and bare place/company references named."""
    if context.published is not None:
        text = _dated(text, context.published)
    # Only a statement that refers to "the city" or "the company" looks for what it means.
    place = _place(doc, unit, context) if _PLACE_REFERENCE.search(text) else None
    if place:
        text = _PLACE_REFERENCE.sub(lambda m: f"{m.group(0)} ({place})", text, count=1)
    organisation = _organisation(doc, unit) if _ORG_REFERENCE.search(text) else None
    if organisation:
        text = _ORG_REFERENCE.sub(lambda m: f"{m.group(0)} ({organisation})", text, count=1)
    return text


def relative_date(expression: str, published: datetime.date) -> str | None:
    """The date a relative expression means, as text ("24 November 2018"), or None."""
    match = _RELATIVE_DAY.fullmatch(expression.strip())
    return _resolve(match, published) if match else None


def _dated(text: str, published: datetime.date) -> str:
    def add_date(match: re.Match) -> str:
        resolved = _resolve(match, published)
        return f"{match.group(0)} ({resolved})" if resolved else match.group(0)

    return _RELATIVE_DAY.sub(add_date, text)


def _resolve(match: re.Match, published: datetime.date) -> str | None:
    if match.group("day"):
        weekday = _WEEKDAYS.index(match.group("day").lower())
        back = (published.weekday() - weekday) % 7
        if (match.group("on") or "").lower() == "last" and back == 0:
            back = 7
        return _format(published - datetime.timedelta(days=back))
    if match.group("rel"):
        lower = match.group("rel").lower()
        return _format(published - datetime.timedelta(days=1 if lower == "yesterday" else 0))
    span, unit = match.group("span").lower(), match.group("unit").lower()
    step = {"last": -1, "this": 0, "next": 1}[span]
    if unit == "year":
        return str(published.year + step)
    if unit == "month":
        month_index = published.year * 12 + published.month - 1 + step
        return f"{_MONTHS[month_index % 12]} {month_index // 12}"
    monday = (
        published - datetime.timedelta(days=published.weekday()) + datetime.timedelta(weeks=step)
    )
    return f"week of {_format(monday)}"


def _format(day: datetime.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _place(doc: Doc, unit: ClauseUnit, context: StatementContext) -> str | None:
    if context.dateline:
        return (
            context.dateline.strip(" -–—,").title()
            if context.dateline.isupper()
            else (context.dateline.strip(" -–—,"))
        )
    start = doc[unit.start].idx
    ends, texts = _entities_by_end(doc, "GPE")
    places = list(dict.fromkeys(texts[: bisect.bisect_right(ends, start)]))
    in_title = [place for place in places if context.title and place in context.title]
    if len(in_title) == 1:
        return in_title[0]
    return places[0] if len(places) == 1 else None


def _organisation(doc: Doc, unit: ClauseUnit) -> str | None:
    # The same organisation a "the company said" source is named as.
    return organisation_before(doc, position=doc[unit.start].idx)


def _entities_by_end(doc: Doc, label: str) -> tuple[list[int], list[str]]:
    """The doc's entities of one label as (end offsets, texts) in text order, collected
    once per doc: ``doc.ents`` builds every span again on each read."""
    key = f"claimtrack_ents_{label}"
    cached = doc.user_data.get(key)
    if cached is None:
        entities = [e for e in doc.ents if e.label_ == label]
        cached = doc.user_data[key] = ([e.end_char for e in entities], [e.text for e in entities])
    return cached
