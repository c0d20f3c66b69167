"""When a claim holds: an explicit date in its statement, else a weekday ("on Tuesday",
"last Saturday"), ``today`` or ``yesterday`` resolved against the article's published
date, else the published date itself."""

from __future__ import annotations

import datetime
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
MONTH_NAMES = frozenset(_MONTHS)
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_MONTH_YEAR = re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH}\s+(?P<year>\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})\b", re.I)
WEEKDAY_NAMES = _WEEKDAYS = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
_WEEKDAY = re.compile(r"\b(last\s+)?(" + "|".join(_WEEKDAYS) + r")\b", re.I)
_RELATIVE_DAY = re.compile(r"\b(today|yesterday)\b", re.I)
# A date or weekday after these words bounds a period ("in the days before 3 December",
# "lost since Wednesday"); it is not the time the claim describes.
_NOT_A_POINT = re.compile(
    r"\b(before|after|since|until|till|to|by|through|from|week of)\s*$", re.I
)


def claim_date(statement: str, *, published: datetime.date | None) -> datetime.date | None:
    """The day a claim describes, or None when neither it nor its article tells."""
    explicit = _explicit_date(statement)
    if explicit is not None:
        return explicit
    if published is None:
        return None
    relative = _RELATIVE_DAY.search(statement)
    if relative:
        days_back = 0 if relative[1].lower() == "today" else 1
        return published - datetime.timedelta(days=days_back)
    weekday = next(
        (
            m
            for m in _WEEKDAY.finditer(statement)
            if not _NOT_A_POINT.search(statement[: m.start()].rstrip(", "))
        ),
        None,
    )
    if weekday:
        # News writes "on Tuesday" for the most recent Tuesday up to the publication day,
        # and "last Tuesday" for the one before the publication day.
        target = _WEEKDAYS.index(weekday[2].lower())
        days_back = (published.weekday() - target) % 7
        if weekday[1] and days_back == 0:
            days_back = 7
        return published - datetime.timedelta(days=days_back)
    return published


def mentions_time(statement: str) -> bool:
    """Whether the statement itself says when (a date, a weekday, today or yesterday)."""
    return bool(
        _explicit_date(statement) or _RELATIVE_DAY.search(statement) or _WEEKDAY.search(statement)
    )


def _explicit_date(statement: str) -> datetime.date | None:
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for match in pattern.finditer(statement):
            if _NOT_A_POINT.search(statement[: match.start()].rstrip(", ")):
                continue
            try:
                return datetime.date(
                    int(match["year"]), _MONTHS[match["month"].lower()], int(match["day"])
                )
            except ValueError:
                continue
    return None
