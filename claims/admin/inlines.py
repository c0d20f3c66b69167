"""Inline tables: an article's claims and extraction runs, a tracked claim's appearances,
a re-check run's checks. All read-only."""

from django.contrib import admin

from claims.models import Claim, ClaimRecheck, ExtractionRun


class ClaimInline(admin.TabularInline):
    model = Claim
    fields = ("quote", "kind", "source", "score", "status")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class ExtractionRunInline(admin.TabularInline):
    model = ExtractionRun
    fields = (
        "started_at",
        "finished_at",
        "extractor_version",
        "outcome",
        "claims_created",
        "claims_updated",
        "claims_removed",
        "claims_kept_reviewed",
        "error",
    )
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False


class AppearanceInline(admin.TabularInline):
    model = Claim
    fk_name = "tracked_claim"
    verbose_name = "appearance"
    verbose_name_plural = "appearances"
    fields = ("statement", "article", "status", "score")
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True


class ClaimRecheckInline(admin.TabularInline):
    model = ClaimRecheck
    fields = ("claim", "outcome", "candidates", "ingested_since", "next_recheck_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
