"""Reading published fact-checks: schema.org ClaimReview JSON-LD and a simple JSON Lines form.

Pure Python. Accepted files:
- ClaimReview JSON-LD: one object, a list of them, an object with an `@graph`, or JSON
  Lines with one such object per line;
- simple JSON Lines: `{"id", "claim", "title"?, "rating"?, "url"?, "date"?, "author"?}`.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class FactCheckFormatError(ValueError):
    """A record or file that cannot be read; the message says where and why."""


@dataclass(frozen=True)
class FactCheckRecord:
    external_id: str
    claim: str
    title: str = ""
    rating: str = ""
    url: str = ""
    review_date: datetime.date | None = None
    author: str = ""
    claimant: str = ""


def read_fact_checks(
    path: Path, *, on_warning: Callable[[str], None] | None = None
) -> Iterator[FactCheckRecord]:
    """Every readable record in the file, in order.

    A record or value that cannot be read is skipped with a warning naming its line (or
    item) given to `on_warning`; without `on_warning` it raises FactCheckFormatError.
    Only a file that is not JSON at all is refused as a whole.
    """

    def skip(error: FactCheckFormatError) -> None:
        if on_warning is None:
            raise error
        on_warning(str(error))

    text = path.read_text(encoding="utf-8-sig")
    stripped = text.lstrip()
    if stripped.startswith("[") or (stripped.startswith("{") and _is_single_json(stripped)):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise FactCheckFormatError(f"{path.name}: not valid JSON ({error}).") from error
        for number, item in enumerate(_objects(data), start=1):
            record = _record_or_skip(item, where=f"{path.name} item {number}", skip=skip)
            if record is not None:
                yield record
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path.name} line {number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            skip(FactCheckFormatError(f"{where}: not valid JSON ({error.msg}), skipped."))
            continue
        try:
            items = list(_objects(data))
        except FactCheckFormatError as error:
            skip(FactCheckFormatError(f"{where}: {error}, skipped."))
            continue
        for item in items:
            record = _record_or_skip(item, where=where, skip=skip)
            if record is not None:
                yield record


def _record_or_skip(item, *, where: str, skip) -> FactCheckRecord | None:
    warnings: list[str] = []
    try:
        record = _record(item, where=where, warnings=warnings)
    except FactCheckFormatError as error:
        skip(error)
        return None
    for warning in warnings:
        skip(FactCheckFormatError(warning))
    return record


def _is_single_json(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


def _objects(data: Any) -> Iterator[dict]:
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict) and "@graph" in data:
        yield from _objects(data["@graph"])
    elif isinstance(data, dict):
        yield data
    else:
        raise FactCheckFormatError(f"expected a JSON object, got {type(data).__name__}")


def _record(item: dict, *, where: str, warnings: list[str]) -> FactCheckRecord:
    if not isinstance(item, dict):
        raise FactCheckFormatError(f"{where}: expected a JSON object, skipped.")
    if _is_claim_review(item):
        return _from_claim_review(item, where=where, warnings=warnings)
    claim = _text(item.get("claim"))
    if not claim:
        raise FactCheckFormatError(
            f"{where}: neither a ClaimReview (with claimReviewed) nor a record with "
            '"id" and "claim".'
        )
    external_id = _text(item.get("id"))
    if not external_id:
        raise FactCheckFormatError(f'{where}: the record has no "id".')
    return FactCheckRecord(
        external_id=external_id,
        claim=claim,
        title=_text(item.get("title")),
        rating=_text(item.get("rating")),
        url=_text(item.get("url")),
        review_date=_date(item.get("date"), where=where, warnings=warnings),
        author=_name(item.get("author")),
    )


def _is_claim_review(item: dict) -> bool:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return "ClaimReview" in kinds or "claimReviewed" in item


def _from_claim_review(item: dict, *, where: str, warnings: list[str]) -> FactCheckRecord:
    claim = _text(item.get("claimReviewed"))
    if not claim:
        raise FactCheckFormatError(f"{where}: the ClaimReview has no claimReviewed text.")
    url = _text(item.get("url"))
    # ClaimReview has no id of its own: its @id, else its URL, else the claim's text.
    external_id = (
        _text(item.get("@id"))
        or (f"{url}#{_digest(claim)}" if url else "")
        or f"claimreview:{_digest(claim)}"
    )
    rating = item.get("reviewRating") or {}
    if isinstance(rating, list):
        rating = rating[0] if rating else {}
    reviewed = item.get("itemReviewed") or {}
    return FactCheckRecord(
        external_id=external_id,
        claim=claim,
        title=_text(item.get("name") or item.get("headline")),
        rating=_text(rating.get("alternateName") or rating.get("ratingValue"))
        if isinstance(rating, dict)
        else _text(rating),
        url=url,
        review_date=_date(item.get("datePublished"), where=where, warnings=warnings),
        author=_name(item.get("author")),
        claimant=_name(reviewed.get("author")) if isinstance(reviewed, dict) else "",
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())


def _name(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(filter(None, (_name(v) for v in value)))
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


# The dates real feeds carry: ISO (with or without a time), "26 May 2015", "May 26, 2015".
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d %B, %Y")


def _date(value: Any, *, where: str, warnings: list[str]) -> datetime.date | None:
    """The date, or None with a warning naming the line when it cannot be read."""
    text = _text(value)
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        pass
    cleaned = text.replace(".", "").strip()
    for pattern in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    warnings.append(f"{where}: date {text!r} is not a date we read; imported without it.")
    return None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
