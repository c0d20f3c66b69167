"""The claim list's filters: check-worthiness, links to decide, the re-check queues, the
searchable source filter and the search mode (words or meaning)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import admin
from django.db.models import Count, Q
from django.utils import timezone

from claims.models import LinkStatus, Source


class ScoreFilter(admin.SimpleListFilter):
    title = "check-worthiness"
    parameter_name = "score"
    RANGES = {
        "high": ("0.8 and above", 0.8, None),
        "medium": ("0.5 to 0.8", 0.5, 0.8),
        "low": ("below 0.5", None, 0.5),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _, _) in self.RANGES.items()]

    def queryset(self, request, queryset):
        if self.value() not in self.RANGES:
            return queryset
        _, low, high = self.RANGES[self.value()]
        if low is not None:
            queryset = queryset.filter(score__gte=low)
        if high is not None:
            queryset = queryset.filter(score__lt=high)
        return queryset


class SuggestedLinksFilter(admin.SimpleListFilter):
    title = "links to decide"
    parameter_name = "links"

    def lookups(self, request, model_admin):
        return [("suggested", "Has suggested links"), ("tracked", "In a tracked claim")]

    def queryset(self, request, queryset):
        if self.value() == "suggested":
            return queryset.filter(links__status=LinkStatus.SUGGESTED).distinct()
        if self.value() == "tracked":
            return queryset.filter(tracked_claim__isnull=False)
        return queryset


class NeedsAttentionFilter(admin.SimpleListFilter):
    title = "needs attention"
    parameter_name = "needs_attention"

    def lookups(self, request, model_admin):
        return (("yes", "Needs attention (raised by a re-check)"), ("no", "No"))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(recheck__needs_attention=True)
        if self.value() == "no":
            return queryset.exclude(recheck__needs_attention=True)
        return queryset


class DueForRecheckFilter(admin.SimpleListFilter):
    title = "re-check"
    parameter_name = "recheck"

    def lookups(self, request, model_admin):
        return (
            ("due", "Due for re-check now"),
            ("week", "Due within a week"),
            ("scheduled", "Scheduled"),
            ("none", "Not scheduled"),
        )

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "due":
            return queryset.filter(recheck__next_recheck_at__lte=now)
        if self.value() == "week":
            return queryset.filter(recheck__next_recheck_at__lte=now + timedelta(days=7))
        if self.value() == "scheduled":
            return queryset.filter(recheck__next_recheck_at__isnull=False)
        if self.value() == "none":
            return queryset.filter(
                Q(recheck__isnull=True) | Q(recheck__next_recheck_at__isnull=True)
            )
        return queryset


# How many sources the filter lists at once; the search box finds the others.
SOURCES_LISTED = 12


class SourceFilter(admin.ListFilter):
    """Sources as people and bodies (claims.Source), not raw strings, with a search box.

    Two parameters: `asserted_by` (a source chosen) and `source_q` (words typed), so the
    filter owns both and the change list never sees an unknown parameter."""

    title = "source"
    template = "admin/claims/filters/source.html"
    parameter_name = "asserted_by"
    query_parameter = "source_q"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.used_parameters = {}
        for name in (self.parameter_name, self.query_parameter):
            if name in params:
                value = params.pop(name)
                self.used_parameters[name] = value[-1] if isinstance(value, list) else value
        self.source_id = self.used_parameters.get(self.parameter_name, "")
        self.query = self.used_parameters.get(self.query_parameter, "").strip()

    def has_output(self) -> bool:
        return True

    def expected_parameters(self) -> list[str]:
        return [self.parameter_name, self.query_parameter]

    def queryset(self, request, queryset):
        if self.source_id.isdigit():
            return queryset.filter(asserted_by_id=int(self.source_id))
        if self.query:
            return queryset.filter(
                Q(asserted_by__name__icontains=self.query)
                | Q(asserted_by__key__icontains=self.query)
                | Q(source__icontains=self.query)
            )
        return queryset

    def sources(self):
        sources = Source.objects.annotate(claim_count=Count("claims")).filter(claim_count__gt=0)
        if self.query:
            sources = sources.filter(Q(name__icontains=self.query) | Q(key__icontains=self.query))
        return sources.order_by("-claim_count", "name")[:SOURCES_LISTED]

    def choices(self, changelist):
        self._changelist = changelist  # for hidden_parameters, read by the template next
        remove = [self.parameter_name, self.query_parameter]
        yield {
            "selected": not self.source_id and not self.query,
            "query_string": changelist.get_query_string(remove=remove),
            "display": "All",
        }
        for source in self.sources():
            yield {
                "selected": self.source_id == str(source.pk),
                "query_string": changelist.get_query_string(
                    {self.parameter_name: source.pk}, [self.query_parameter]
                ),
                "display": f"{source.name} ({source.claim_count})",
            }

    @property
    def hidden_parameters(self) -> list[tuple[str, str]]:
        """The change list's other parameters, kept by the search box's form."""
        return [
            (key, value)
            for key, value in self._changelist.params.items()
            if key not in (self.parameter_name, self.query_parameter, "p")
        ]


class SearchModeFilter(admin.SimpleListFilter):
    """Whether the search box matches words (and ids) or meaning. The search itself is
    the admin's get_search_results; this only owns the parameter and shows the choice."""

    title = "search"
    parameter_name = "match"

    def lookups(self, request, model_admin):
        return [("meaning", "By meaning (nearest claims first)")]

    def choices(self, changelist):
        for choice in super().choices(changelist):
            if choice["display"] == "All":
                choice["display"] = "By words and id"
            yield choice

    def queryset(self, request, queryset):
        return queryset
