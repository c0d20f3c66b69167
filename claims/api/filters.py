"""Filters of the list endpoints. A malformed value is a 400 naming the parameter."""

import datetime

import django_filters as filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django_filters.fields import IsoDateTimeField

from articles.models import Article, ArticleStatus
from claims.models import (
    Claim,
    ClaimKind,
    ClaimLink,
    ClaimStatus,
    LinkRelation,
    LinkStatus,
    ReviewAction,
    ReviewEvent,
)


class UtcIsoDateTimeField(IsoDateTimeField):
    """An ISO date-time turned into UTC here: PostgreSQL refuses offsets beyond ±15:59."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(datetime.UTC)
        except (OverflowError, ValueError):
            raise forms.ValidationError("The date-time is out of range.") from None


class UtcDateTimeFilter(filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


def full_text(queryset, fields: tuple[str, ...], text: str):
    """PostgreSQL full-text search over the fields; a plain substring match elsewhere."""
    text = text.strip()
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.annotate(_search=SearchVector(*fields, config="english")).filter(
            _search=SearchQuery(text, config="english", search_type="websearch")
        )
    match = Q()
    for field in fields:
        match |= Q(**{f"{field}__icontains": text})
    return queryset.filter(match)


class StrictBooleanFilter(filters.ChoiceFilter):
    """true or false, and a 400 for anything else (BooleanFilter ignores what it cannot read)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", [("true", "true"), ("false", "false")])
        super().__init__(*args, **kwargs)


def _true(value) -> bool:
    return value in (True, "true")


class ClaimFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=ClaimStatus.choices)
    kind = filters.MultipleChoiceFilter(choices=ClaimKind.choices)
    source = filters.CharFilter(
        method="filter_source",
        help_text="Who asserts it: words of the source as extracted or of the named source "
        "it is resolved to (a surname finds the claims whose “he” was resolved to that person).",
    )
    asserted_by = filters.NumberFilter(field_name="asserted_by_id", help_text="A source's id.")
    article = filters.NumberFilter(field_name="article_id")
    article_key = filters.CharFilter(field_name="article__key")
    tracked_claim = filters.NumberFilter(field_name="tracked_claim_id")
    entity = filters.CharFilter(field_name="entities", lookup_expr="icontains")
    score_min = filters.NumberFilter(field_name="score", lookup_expr="gte")
    score_max = filters.NumberFilter(field_name="score", lookup_expr="lte")
    updated_since = UtcDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    has_conflict = StrictBooleanFilter(
        method="filter_has_conflict",
        help_text="Linked to another claim by a “contradicts” link not rejected.",
    )
    needs_attention = StrictBooleanFilter(
        method="filter_needs_attention", help_text="Raised by a re-check."
    )
    q = filters.CharFilter(method="filter_q", help_text="Full text over statements and quotes.")

    class Meta:
        model = Claim
        fields = []

    def filter_has_conflict(self, queryset, name, value):
        conflicts = ClaimLink.objects.filter(relation=LinkRelation.CONTRADICTS).exclude(
            status=LinkStatus.REJECTED
        )
        conflict = Exists(conflicts.filter(claim=OuterRef("pk"))) | Exists(
            conflicts.filter(other=OuterRef("pk"))
        )
        return queryset.filter(conflict) if _true(value) else queryset.exclude(conflict)

    def filter_source(self, queryset, name, value):
        return queryset.filter(Q(source__icontains=value) | Q(asserted_by__name__icontains=value))

    def filter_needs_attention(self, queryset, name, value):
        if _true(value):
            return queryset.filter(recheck__needs_attention=True)
        return queryset.exclude(recheck__needs_attention=True)

    def filter_q(self, queryset, name, value):
        return full_text(queryset, ("statement", "quote"), value)


class ArticleFilter(filters.FilterSet):
    published_after = filters.DateFilter(field_name="published_at", lookup_expr="gte")
    published_before = filters.DateFilter(field_name="published_at", lookup_expr="lte")
    outlet = filters.CharFilter(lookup_expr="iexact")
    status = filters.MultipleChoiceFilter(choices=ArticleStatus.choices)
    updated_since = UtcDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    q = filters.CharFilter(method="filter_q", help_text="Full text over titles and bodies.")

    class Meta:
        model = Article
        fields = []

    def filter_q(self, queryset, name, value):
        return full_text(queryset, ("title", "body"), value)


class LinkFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=LinkStatus.choices)
    relation = filters.MultipleChoiceFilter(choices=LinkRelation.choices)
    claim = filters.NumberFilter(field_name="claim_id")
    other = filters.NumberFilter(field_name="other_id")
    score_min = filters.NumberFilter(field_name="score", lookup_expr="gte")
    updated_since = UtcDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = ClaimLink
        fields = []


class ReviewEventFilter(filters.FilterSet):
    action = filters.MultipleChoiceFilter(choices=ReviewAction.choices)
    claim = filters.NumberFilter(field_name="claim_id")
    article = filters.NumberFilter(field_name="article_id")
    actor = filters.CharFilter(field_name="actor__username")
    since = UtcDateTimeFilter(field_name="created_at", lookup_expr="gte")

    class Meta:
        model = ReviewEvent
        fields = []
