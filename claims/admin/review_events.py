"""The review history pages (`ReviewEvent`), one row per decision, link and edit."""

from django.contrib import admin
from django.utils.html import format_html

from claims.admin.read_only import ReadOnlyMixin
from claims.models import ReviewEvent


@admin.register(ReviewEvent)
class ReviewEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The review history: readable by staff with the view permission, changeable by nobody."""

    list_display = (
        "created_at",
        "action",
        "actor",
        "claim_ref",
        "article",
        "transition",
        "rejection",
        "short_reason",
    )
    list_filter = ("action", "rejection", ("actor", admin.RelatedOnlyFieldListFilter), "to_status")
    search_fields = ("reason", "claim__statement", "article__key", "actor__username")
    date_hierarchy = "created_at"
    list_select_related = ("actor", "claim", "article")
    fields = (
        "created_at",
        "action",
        "actor",
        "claim",
        "link",
        "tracked_claim",
        "article",
        "from_status",
        "to_status",
        "rejection",
        "reason",
        "evidence",
        "data",
    )
    readonly_fields = fields

    @admin.display(description="Claim", ordering="claim_id")
    def claim_ref(self, event: ReviewEvent) -> str:
        claim_id = event.claim_id or event.data.get("claim_id")
        if event.claim_id:
            return format_html('<a href="{}">#{}</a>', event.claim.get_admin_url(), claim_id)
        return f"#{claim_id} (removed)" if claim_id else "—"

    @admin.display(description="From → to")
    def transition(self, event: ReviewEvent) -> str:
        if not event.from_status and not event.to_status:
            return "—"
        return f"{event.from_status or '—'} → {event.to_status or '—'}"

    @admin.display(description="Reason")
    def short_reason(self, event: ReviewEvent) -> str:
        return event.reason[:120]
