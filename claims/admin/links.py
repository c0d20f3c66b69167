"""All links between claims: an overview, and suggestions decided in bulk (one by one on
the claim page)."""

from django.contrib import admin
from django.utils.html import format_html

from articles.admin import HistoryReadOnlyAdmin
from claims.admin.bulk import BulkNoteActionForm, bulk_note, bulk_outcome_report
from claims.admin.read_only import ReadOnlyMixin
from claims.models import ClaimLink
from claims.permissions import can_review
from claims.services import link_review


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
    action_form = BulkNoteActionForm
    actions = ("accept_selected", "reject_selected")
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

    def has_review_permission(self, request) -> bool:
        return can_review(user=request.user)

    @admin.action(description="Accept the selected suggestions", permissions=["review"])
    def accept_selected(self, request, queryset):
        outcome = link_review.claim_link_bulk_accept(
            links=queryset.order_by("pk"), actor=request.user, reason=bulk_note(request)
        )
        bulk_outcome_report(self, request, outcome, verb="Accepted", noun="link")

    @admin.action(description="Reject the selected suggestions", permissions=["review"])
    def reject_selected(self, request, queryset):
        outcome = link_review.claim_link_bulk_reject(
            links=queryset.order_by("pk"), actor=request.user, reason=bulk_note(request)
        )
        bulk_outcome_report(self, request, outcome, verb="Rejected", noun="link")

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
