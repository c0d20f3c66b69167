"""Sources: who asserts a claim, as one row per person or body across articles."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from claims.extraction.attribution import OUTLET
from claims.models import Source
from claims.source_names import source_display_name, source_key, source_surname_key


class SourceResolver:
    """Resolves the source strings of one extraction run, each once."""

    def __init__(self, *, outlet: str = "") -> None:
        self.outlet = outlet.strip()
        self._seen: dict[str, Source | None] = {}

    def resolve(self, raw: str) -> Source | None:
        if raw not in self._seen:
            self._seen[raw] = source_resolve(raw=raw, outlet=self.outlet)
        return self._seen[raw]


def source_resolve(*, raw: str, outlet: str = "") -> Source | None:
    """The Source for a "who asserts it" string, created on first sight; None for a
    pronoun or nothing, and for the article's own voice when its outlet is unknown."""
    raw = " ".join((raw or "").split())
    if raw.casefold() == OUTLET:
        raw = outlet.strip()
    key = source_key(raw)
    if not key:
        return None
    source = Source.objects.filter(key=key).first()
    if source is None and (surname := source_surname_key(raw)):
        # "Mr Y" where one fuller name ending in Y is already known: that person.
        fuller = list(Source.objects.filter(key__endswith=f" {surname}")[:2])
        if len(fuller) == 1:
            source = fuller[0]
    if source is None:
        try:
            with transaction.atomic():
                source = Source.objects.create(
                    key=key, name=source_display_name(raw), aliases=[raw]
                )
        except IntegrityError:  # created meanwhile by another worker
            source = Source.objects.get(key=key)
    if raw not in source.aliases:
        source.aliases = [*source.aliases, raw]
        Source.objects.filter(pk=source.pk).update(aliases=source.aliases)
    return source
