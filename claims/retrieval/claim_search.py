"""Finding claims from the review queue's search box: by id, by words of the statement
or quote, or by meaning through the same matcher as `match_claims`."""

from __future__ import annotations

import re

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from claims.retrieval.matching import match_texts

# How many claims a search by meaning returns, best first.
MEANING_TOP = 50
_CLAIM_ID = re.compile(r"^#?(\d+)$")


def claim_search_words(*, queryset: QuerySet, text: str) -> QuerySet:
    """Claims whose id is the text ("42" or "#42"), or whose statement or quote holds
    every word of it. Article titles are not searched: a word of a title would return
    every claim of that article."""
    text = text.strip()
    if not text:
        return queryset
    match = _CLAIM_ID.match(text)
    by_id = Q(pk=int(match.group(1))) if match else Q(pk__in=[])
    words = Q()
    for word in text.split():
        words &= Q(statement__icontains=word) | Q(quote__icontains=word)
    return queryset.filter(by_id | words)


def claim_search_meaning(*, queryset: QuerySet, text: str, top: int = MEANING_TOP) -> QuerySet:
    """The claims nearest in meaning to the text, annotated `meaning_rank` (1 is nearest)."""
    text = text.strip()
    if not text:
        return queryset
    ids = [match.claim_id for match in match_texts([("search", text)], top=top)]
    if not ids:
        return queryset.none()
    rank = Case(
        *(When(pk=pk, then=Value(position)) for position, pk in enumerate(ids, start=1)),
        output_field=IntegerField(),
    )
    return queryset.filter(pk__in=ids).annotate(meaning_rank=rank)
