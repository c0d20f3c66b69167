"""Review queue filters that need more than a list of choices: the searchable source
filter and the search mode (words or meaning)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Q

from claims.models import Source

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
