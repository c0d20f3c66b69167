"""What an article's text says about itself: header, headline, byline and dateline.

These lines are metadata, not article text, so they are taken out of the body (claim
offsets must never point into a headline or a "BEIRUT -"). Only the top of the text is
read, in this order, each step optional:

1. header lines: ``date 2024-12-03 World`` (date and section), or ``key: value`` lines
   with a known key (date/published, section, source/outlet/publisher, title/headline,
   author/by);
2. a headline: a Markdown heading, or a short first line (2-30 words, at most 200
   characters) that does not end like a sentence and is followed by more text;
3. a byline: ``By Jane Doe`` (dropped: the author is not part of the article text);
4. a dateline: ``BEIRUT -``, ``BEIRUT (AP) —``, ``WASHINGTON, Dec 3 (Reuters) -``, as a
   line of its own or at the start of the first paragraph.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?i:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?")
_MDY_DATE = re.compile(r"(" + _MONTH + r")\s+(\d{1,2}),?\s+(\d{4})", re.I)
_DMY_DATE = re.compile(r"(\d{1,2})\s+(" + _MONTH + r"),?\s+(\d{4})", re.I)

# "date 2024-12-03 World": a date keyword, a date, then the section.
_DATE_HEADER = re.compile(r"(?:date|published|posted)\s*:?\s+(?P<rest>.+)", re.I)
_KEY_VALUE = re.compile(
    r"(?P<key>date|published|posted|section|category|source|outlet|publisher|"
    r"title|headline|author|by)\s*:\s*(?P<value>.+)",
    re.I,
)
_MARKDOWN_HEADING = re.compile(r"#{1,3}\s+(?P<title>.+?)\s*#*")
_BYLINE = re.compile(r"By\s+[A-Z][\w.'’-]*(?:[ ,]+(?:and\s+)?[A-Z][\w.'’-]*){0,8}")
_SENTENCE_END = tuple(".,;:!…")

_PLACE = r"[A-Z][A-Z.'’-]*(?:\s+[A-Z][A-Z.'’-]*){0,3}"
_QUALIFIER = (
    r"(?:"
    + _MONTH
    + r"\s+\d{1,2}|\d{1,2}\s+"
    + _MONTH
    + r"|[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+\.?){0,2}"
    r"|[A-Z]\.[A-Z]\.)"
)
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
    """A date at the start of ``text`` and what follows it, or None."""
    text = text.strip()
    for pattern in (_ISO_DATE, _MDY_DATE, _DMY_DATE):
        match = pattern.match(text)
        if match is None:
            continue
        a, b, c = match.groups()
        try:
            if pattern is _ISO_DATE:
                date = datetime.date(int(a), int(b), int(c))
            elif pattern is _MDY_DATE:
                date = datetime.date(int(c), _MONTHS[a.lower().rstrip(".")], int(b))
            else:
                date = datetime.date(int(c), _MONTHS[b.lower().rstrip(".")], int(a))
        except ValueError:
            return None
        return date, text[match.end() :].strip(" ,;|-–—")
    return None


def extract_metadata(paragraphs: list[str]) -> tuple[TextMetadata, list[str]]:
    """Split header, headline, byline and dateline off the top of the paragraphs."""
    remaining = list(paragraphs)
    fields: dict[str, object] = {}

    while remaining and _read_header_line(remaining[0], fields):
        remaining.pop(0)

    if "title" not in fields and len(remaining) > 1:
        title = headline(remaining[0])
        if title:
            fields["title"] = title
            remaining.pop(0)

    if len(remaining) > 1 and is_byline(remaining[0]):
        remaining.pop(0)

    if remaining:
        dateline, rest = split_dateline(remaining[0])
        if dateline:
            fields["dateline"] = dateline
            if rest:
                remaining[0] = rest
            else:
                remaining.pop(0)

    return TextMetadata(**fields), remaining  # type: ignore[arg-type]


def _read_header_line(line: str, fields: dict[str, object]) -> bool:
    """Record a header line into ``fields``; False if the line is not a header."""
    date_header = _DATE_HEADER.fullmatch(line)
    if date_header is not None and "published_at" not in fields:
        parsed = parse_date(date_header.group("rest"))
        if parsed is not None and len(parsed[1]) <= 60:
            fields["published_at"], after = parsed
            # "date 2024-12-03 World": words after the date name the section; a time
            # ("10:30 GMT") is not a section.
            if after and not any(ch.isdigit() for ch in after):
                fields["section"] = after
            return True
    key_value = _KEY_VALUE.fullmatch(line)
    if key_value is None or len(line) > 200:
        return False
    key = key_value.group("key").lower()
    value = key_value.group("value").strip()
    if key in ("date", "published", "posted"):
        parsed = parse_date(value)
        if parsed is None:
            return False
        fields["published_at"] = parsed[0]
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
