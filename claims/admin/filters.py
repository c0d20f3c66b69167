"""The claim list's filters: check-worthiness, links to decide, and the re-check queues."""

from datetime import timedelta

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone

from claims.models import LinkStatus


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
