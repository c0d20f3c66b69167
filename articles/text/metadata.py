"""What an article's text says about itself: header, headline, byline, dates and dateline.

These lines are metadata, not article text, so they are taken out of the body (claim
offsets must never point into a headline or a "BEIRUT -"). Only the top of the text is
read, in this order, each step optional:

1. header lines: ``date 2024-12-03 World`` (date and section), or ``key: value`` lines
   with a known key (date/published/updated, section, source/outlet/publisher,
   title/headline, author/by), and date lines (below);
2. a headline: a Markdown heading, or a short first line (2-30 words, at most 200
   characters) that does not end like a sentence and is followed by more text;
3. a byline (``By Jane Doe``: dropped, the author is not part of the article text) and
   date lines, in either order;
4. a dateline: ``BEIRUT -``, ``BEIRUT (AP) —``, ``WASHINGTON, Dec 3 (Reuters) -``, as a
   line of its own or at the start of the first paragraph.

A *date line* is a line that states when the article appeared and nothing else:
``Published 3 December 2024``, ``Updated: Dec. 3, 2024 10:30 GMT``, ``Tuesday, December 3,
2024``, ``2024-12-03T10:30:00Z``, or such parts joined by ``|``, ``·`` or ``•`` with at
most a few other short words ("5 min read"). Dates are read by ``dateparser`` (English
month and weekday names, any order of day and month it knows), never by patterns fitted
to particular articles, and only when day, month and a four-digit year are all given: a
bare "Tuesday" or "3 December" says nothing about the year, and "03/04/2024" could be
either month, so neither is used. A published date wins over an updated one; the date is
taken as written (its time zone is not converted, so the date is the one the reader saw).
Dates inside sentences ("On 3 December 2024, rebels ...") are article text and stay.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from articles.text.markdown import MarkdownHeading

_MONTH_NAMES = ("jan", "january", "feb", "february", "mar", "march", "apr", "april", "may")
_MONTH_NAMES += ("jun", "june", "jul", "july", "aug", "august", "sep", "sept", "september")
_MONTH_NAMES += ("oct", "october", "nov", "november", "dec", "december")
_MONTH = r"(?i:" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\.?"

# "date 2024-12-03 World": a date keyword, a date, then the section.
_DATE_HEADER = re.compile(r"(?:date|published|posted)\s*:?\s+(?P<rest>.+)", re.I)
_KEY_VALUE = re.compile(
    r"(?P<key>date|published|posted|updated|section|category|source|outlet|publisher|"
    r"title|headline|author|by)\s*:\s*(?P<value>.+)",
    re.I,
)
_MARKDOWN_HEADING = re.compile(r"#{1,3}\s+(?P<title>.+?)\s*#*")
_BYLINE = re.compile(
    r"By\s+[A-Z][\w.'’-]*(?:[ ,]+(?:and\s+)?[A-Z][\w.'’-]*){0,8}"
    # "By a staff reporter", "By our correspondent": a role, not a name.
    r"|By\s+(?:(?:a|an|our|the)\s+)?[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,2}\s+"
    r"(?:reporter|reporters|correspondent|correspondents|writer|writers|staff|editor|desk)"
)
_SENTENCE_END = tuple(".,;:!…")

_PLACE = r"[A-Z][A-Z.'’-]*(?:\s+[A-Z][A-Z.'’-]*){0,3}"
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# "Dec 3", "3 December 2024", "Tuesday, March 9, 2021": a day and month, a year optional.
_DAY_AND_MONTH = (
    r"(?:" + _WEEKDAY + r",?\s+)?(?:" + _MONTH + r"\s+\d{1,2}|\d{1,2}\s+" + _MONTH + r")"
    r"(?:,?\s+\d{4})?"
)
_QUALIFIER_PART = (
    r"(?:" + _DAY_AND_MONTH + r"|[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+\.?){0,2}|[A-Z]\.[A-Z]\.)"
)
# Up to two parts: "HAMA, Syria, Dec 3 (AP) -".
_QUALIFIER = _QUALIFIER_PART + r"(?:,\s*" + _QUALIFIER_PART + r")?"
_AGENCY = r"\((?P<agency>[A-Za-z][\w .&'-]{0,30})\)"
_DATELINE = re.compile(
    r"(?P<dateline>(?P<place>" + _PLACE + r")(?:,\s*(?P<qualifier>" + _QUALIFIER + r"))?"
    r"(?:\s*" + _AGENCY + r")?)\s*[-–—]+(?:\s+(?P<rest>\S.*)|\s*)",
    re.S,
)


@dataclass(frozen=True)
class TextMetadata:
    """Metadata read from the text; empty strings / None where the text says nothing."""

    title: str = ""
    published_at: datetime.date | None = None
    section: str = ""
    dateline: str = ""
    outlet: str = ""


def parse_date(text: str) -> tuple[datetime.date, str] | None:
    """A date at the start of ``text`` and what follows it, or None.

    The longest run of leading words that ``dateparser`` reads as a full date (day,
    month, year) is the date; the rest is returned (for "date 2024-12-03 World").
    """
    words = text.strip().split()
    for end in range(min(len(words), _MAX_DATE_WORDS), 0, -1):
        date = _read_date(" ".join(words[:end]))
        if date is not None:
            return date, " ".join(words[end:]).strip(" ,;|-–—")
    return None


_MAX_DATE_WORDS = 8
_YEAR = re.compile(r"(?<!\d)(?:1[89]|2\d)\d\d(?!\d)")
_NUMERIC_DATE = re.compile(r"\W*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b")
_DATEPARSER_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    # Absolute dates only: "2 hours ago" or "yesterday" in a page copy say nothing true.
    "PARSERS": ["custom-formats", "absolute-time"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def _read_date(text: str) -> datetime.date | None:
    """The date ``text`` consists of (day, month and four-digit year), or None."""
    text = text.strip(" ,;|·•-–—")
    if not text or len(text) > 80 or not _YEAR.search(text):
        return None
    numeric = _NUMERIC_DATE.match(text)
    if numeric and int(numeric[1]) <= 12 and int(numeric[2]) <= 12 and numeric[1] != numeric[2]:
        return None  # 03/04/2024: March or April depends on the writer's country
    import dateparser  # imported when first needed: it loads its language data

    parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed is not None else None


_DATE_KEYWORD = re.compile(
    r"(?P<keyword>(?:(?:first|last|originally)\s+)?"
    r"(?:published|updated|posted|modified|dated|date|issued))\b(?:\s+(?:on|at))?\s*:?\s*",
    re.I,
)
_DATE_LINE_SEPARATOR = re.compile(r"\s+[|·•]\s+|\s*\|\s*")
_MAX_DATE_LINE = 160
_MAX_OTHER_WORDS = 4


def date_line(line: str) -> tuple[datetime.date, bool] | None:
    """(date, whether it is an update date) if the line is a date line (module doc)."""
    if len(line) > _MAX_DATE_LINE or not _YEAR.search(line):
        return None
    found: tuple[datetime.date, bool] | None = None
    other_words = 0
    for part in filter(None, (p.strip() for p in _DATE_LINE_SEPARATOR.split(line))):
        keyword = _DATE_KEYWORD.match(part)
        rest = part[keyword.end() :] if keyword else part
        date = _read_date(rest)
        if date is None:
            if keyword or part.endswith(_SENTENCE_END):
                return None  # "Updated: not yet", or a sentence
            other_words += len(part.split())
            continue
        updated = bool(keyword) and keyword["keyword"].lower().split()[-1] in (
            "updated",
            "modified",
        )
        if found is None or (found[1] and not updated):
            found = (date, updated)
    if found is None or other_words > _MAX_OTHER_WORDS:
        return None
    return found


def extract_metadata(paragraphs: list[str]) -> tuple[TextMetadata, list[str]]:
    """Split header, headline, byline, date lines and dateline off the top of the paragraphs."""
    remaining = list(paragraphs)
    fields: dict[str, object] = {}

    while remaining and (
        _read_header_line(remaining[0], fields) or _read_date_line(remaining[0], fields)
    ):
        remaining.pop(0)

    if "title" not in fields and len(remaining) > 1:
        title = headline(remaining[0])
        if title:
            fields["title"] = title
            remaining.pop(0)

    while len(remaining) > 1 and (
        is_byline(remaining[0]) or _read_date_line(remaining[0], fields)
    ):
        remaining.pop(0)

    if remaining:
        dateline, rest = split_dateline(remaining[0])
        if dateline:
            fields["dateline"] = dateline
            if "published_at" not in fields and (date := dateline_date(dateline)):
                _set_date(fields, date, updated=False)
            if rest:
                remaining[0] = rest
            else:
                remaining.pop(0)

    fields.pop("_updated", None)
    return TextMetadata(**fields), remaining  # type: ignore[arg-type]


def _set_date(fields: dict[str, object], date: datetime.date, *, updated: bool) -> None:
    """Keep the first published date; an update date only until a published one is seen."""
    if "published_at" not in fields or (fields.get("_updated") and not updated):
        fields["published_at"] = date
        fields["_updated"] = updated


def _read_date_line(line: str, fields: dict[str, object]) -> bool:
    found = date_line(line)
    if found is None:
        return False
    _set_date(fields, found[0], updated=found[1])
    return True


def is_header_line(line: str) -> bool:
    """Whether the line is a header line (step 1 of the module doc)."""
    return _read_header_line(line, {})


def _read_header_line(line: str, fields: dict[str, object]) -> bool:
    """Record a header line into ``fields``; False if the line is not a header."""
    date_header = _DATE_HEADER.fullmatch(line)
    if date_header is not None and "published_at" not in fields:
        parsed = parse_date(date_header.group("rest"))
        if parsed is not None and len(parsed[1]) <= 60:
            date, after = parsed
            _set_date(fields, date, updated=False)
            # "date 2024-12-03 World": words after the date name the section; a time
            # ("10:30 GMT") or another part of a date line ("| Updated ...") is not one.
            if after and not any(ch.isdigit() or ch in "|·•" for ch in after):
                fields["section"] = after
            return True
    key_value = _KEY_VALUE.fullmatch(line)
    if key_value is None or len(line) > 200:
        return False
    key = key_value.group("key").lower()
    value = key_value.group("value").strip()
    if key in ("date", "published", "posted", "updated"):
        parsed = parse_date(value)
        if parsed is None:
            return False
        _set_date(fields, parsed[0], updated=key == "updated")
    elif key in ("section", "category"):
        fields["section"] = value
    elif key in ("source", "outlet", "publisher"):
        fields["outlet"] = value
    elif key in ("title", "headline"):
        fields["title"] = value
    # author/by: a header line, but not a field we keep.
    return True


def headline(line: str) -> str:
    """The headline if this first line is one, else ""."""
    if isinstance(line, MarkdownHeading):
        return str(line)
    heading = _MARKDOWN_HEADING.fullmatch(line)
    if heading is not None:
        return heading.group("title")
    words = line.split()
    if not 2 <= len(words) <= 30 or len(line) > 200:
        return ""
    if line.endswith(_SENTENCE_END) or line.endswith((".”", '."', ".’", ".'")):
        return ""
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "“\"'‘"):
        return ""
    if split_dateline(line)[0] or is_byline(line):
        return ""
    return line


def is_byline(line: str) -> bool:
    """Whether the line is a byline such as "By Jane Doe and John Roe"."""
    return len(line) <= 120 and _BYLINE.fullmatch(line.rstrip(" ,.")) is not None


def dateline_date(dateline: str) -> datetime.date | None:
    """The full date (day, month, year) a dateline gives ("KESSICK, Monday 4 October
    2021"), or None: "Dec 3" names no year."""
    qualifiers = dateline.split(",", 1)[1] if "," in dateline else ""
    return _read_date(re.sub(r"\([^)]*\)", " ", qualifiers))


def split_dateline(paragraph: str) -> tuple[str, str]:
    """(dateline, the rest of the paragraph) if it starts with one, else ("", paragraph).

    The dateline keeps its place, qualifier and agency ("WASHINGTON, Dec 3 (Reuters)")
    and loses the dash. A bare all-capitals word of up to four letters ("UN -", "NATO -")
    counts only with a qualifier or an agency, since sentences start like that too.
    """
    match = _DATELINE.fullmatch(paragraph)
    if match is None:
        return "", paragraph
    place = match.group("place")
    letters = sum(ch.isalpha() for ch in place)
    qualified = match.group("qualifier") or match.group("agency")
    if letters < 2 or (not qualified and " " not in place and letters <= 4):
        return "", paragraph
    rest = match.group("rest") or ""
    if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "“\"‘'"):
        return "", paragraph
    return match.group("dateline").strip(), rest
