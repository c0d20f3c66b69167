"""All links between claims, for an overview; decisions are made on the claim page."""

from django.contrib import admin
from django.utils.html import format_html

from articles.admin import HistoryReadOnlyAdmin
from claims.admin.read_only import ReadOnlyMixin
from claims.models import ClaimLink


@admin.register(ClaimLink)
class ClaimLinkAdmin(ReadOnlyMixin, HistoryReadOnlyAdmin):
    """All links, for an overview; decisions are made on the claim page."""

    list_display = (
        "id",
        "claim_link",
        "relation",
        "other_link",
        "score",
        "method",
        "status",
        "decided_by",
        "decided_at",
    )
    list_filter = ("status", "relation", "method")
    search_fields = ("claim__statement", "other__statement")
    list_select_related = ("claim", "other", "decided_by")
    readonly_fields = (
        "claim",
        "other",
        "relation",
        "score",
        "method",
        "model_version",
        "status",
        "decided_by",
        "decided_at",
        "created_at",
        "updated_at",
    )

    @admin.display(description="Claim", ordering="claim_id")
    def claim_link(self, link: ClaimLink) -> str:
        return format_html(
            '<a href="{}">#{} {}</a>', link.claim.get_admin_url(), link.claim_id, link.claim
        )

    @admin.display(description="Prior claim", ordering="other_id")
    def other_link(self, link: ClaimLink) -> str:
        return format_html(
            '<a href="{}">#{} {}</a>', link.other.get_admin_url(), link.other_id, link.other
        )
