"""Tracked claims (claims joined by "same" links across articles), and merging them."""

from django.contrib import admin, messages
from django.db.models import Count

from articles.admin import HistoryReadOnlyAdmin
from articles.errors import ApplicationError
from claims.admin.inlines import AppearanceInline
from claims.admin.read_only import ReadOnlyMixin
from claims.models import TrackedClaim
from claims.permissions import can_review
from claims.services.tracked_claims import tracked_claims_merge


@admin.register(TrackedClaim)
class TrackedClaimAdmin(ReadOnlyMixin, HistoryReadOnlyAdmin):
    list_display = ("id", "statement", "appearance_count", "updated_at")
    search_fields = ("statement", "appearances__statement")
    readonly_fields = ("statement", "created_at", "updated_at")
    ordering = ("-updated_at", "-id")
    inlines = (AppearanceInline,)
    actions = ("merge_selected",)

    def has_review_permission(self, request) -> bool:
        return can_review(user=request.user)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(appearance_total=Count("appearances"))

    @admin.display(description="Appearances", ordering="appearance_total")
    def appearance_count(self, tracked: TrackedClaim) -> int:
        return tracked.appearance_total

    @admin.action(
        description="Merge the selected tracked claims into the oldest", permissions=["review"]
    )
    def merge_selected(self, request, queryset):
        if queryset.count() < 2:
            self.message_user(
                request, "Select at least two tracked claims to merge.", messages.WARNING
            )
            return
        try:
            into, others = tracked_claims_merge(
                tracked_claims=list(queryset), actor=request.user, reason="Merged in the admin"
            )
        except ApplicationError as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        self.message_user(
            request,
            f"Merged {len(others)} tracked claim(s) into #{into.pk} “{into}”.",
            messages.SUCCESS,
        )
