"""The admin's side of re-checks: the claim page's panel and its posts, and read-only
pages for runs and checks (the claim list's queues are in `claims.admin.filters`).

Like the rest of the admin it only displays, and calls services to change anything.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.html import format_html

from articles.admin import pk_or_404
from articles.errors import ApplicationError
from claims.admin.forms import AttentionClearForm, RecheckScheduleForm
from claims.admin.inlines import ClaimRecheckInline
from claims.admin.read_only import ReadOnlyMixin
from claims.models import Claim, ClaimRecheck, RecheckRun
from claims.selectors.rechecks import claim_recheck_summary_get
from claims.services.rechecks import claim_attention_clear, claim_recheck_schedule

CHECKS_ON_PAGE = 5


# --- The claim page's panel ------------------------------------------------------------


def recheck_panel(claim: Claim) -> dict:
    """What the claim page shows of re-checks: the schedule, the flag and recent checks."""
    summary = claim_recheck_summary_get(claim=claim, checks_shown=CHECKS_ON_PAGE)
    next_at = summary.schedule.next_recheck_at if summary.schedule else None
    return {
        "schedule": summary.schedule,
        "checks": summary.checks,
        "check_count": summary.check_count,
        "schedule_form": RecheckScheduleForm(
            initial={"next_recheck_at": timezone.localtime(next_at) if next_at else None},
            auto_id="id_recheck_%s",
        ),
        "clear_form": AttentionClearForm(auto_id="id_attention_%s"),
    }


def recheck_view(model_admin, request: HttpRequest, object_id: str, action: str):
    """POST of the panel's forms: set or clear the next re-check, or clear the flag."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not model_admin.has_review_permission(request):
        raise PermissionDenied
    claim = get_object_or_404(Claim, pk=pk_or_404(Claim, object_id))
    back = claim.get_admin_url() + "#recheck-panel"
    form_class = {"schedule": RecheckScheduleForm, "clear-attention": AttentionClearForm}.get(
        action
    )
    if form_class is None:
        model_admin.message_user(request, f"Unknown re-check action “{action}”.", messages.ERROR)
        return HttpResponseRedirect(back)
    form = form_class(request.POST)
    if not form.is_valid():
        errors = "; ".join(f"{field}: {' '.join(e)}" for field, e in form.errors.items())
        model_admin.message_user(request, errors, messages.ERROR)
        return HttpResponseRedirect(back)
    try:
        if action == "schedule":
            schedule = claim_recheck_schedule(claim=claim, actor=request.user, **form.cleaned_data)
            done = (
                f"Claim #{claim.pk} is next re-checked at "
                f"{timezone.localtime(schedule.next_recheck_at):%Y-%m-%d %H:%M}."
                if schedule.next_recheck_at
                else f"No re-check is scheduled for claim #{claim.pk} now."
            )
        else:
            claim_attention_clear(claim=claim, actor=request.user, **form.cleaned_data)
            done = f"Claim #{claim.pk} no longer needs attention; its decision stands."
    except ApplicationError as error:
        model_admin.message_user(request, error.message, messages.ERROR)
    else:
        model_admin.message_user(request, done, messages.SUCCESS)
    return HttpResponseRedirect(back)


# --- Runs and checks, read-only --------------------------------------------------------


@admin.register(RecheckRun)
class RecheckRunAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = (
        "id",
        "trigger",
        "started_at",
        "finished_at",
        "claims_checked",
        "claims_raised",
        "findings",
        "error",
    )
    list_filter = ("trigger",)
    date_hierarchy = "started_at"
    inlines = (ClaimRecheckInline,)


@admin.register(ClaimRecheck)
class ClaimRecheckAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("id", "claim_ref", "outcome", "candidates", "checked_at", "run")
    list_filter = ("outcome", "run__trigger")
    list_select_related = ("claim", "run")
    date_hierarchy = "checked_at"
    search_fields = ("claim__statement",)

    @admin.display(description="Claim", ordering="claim_id")
    def claim_ref(self, check: ClaimRecheck) -> str:
        return format_html(
            '<a href="{}">#{}</a> {}',
            check.claim.get_admin_url(),
            check.claim_id,
            check.claim.statement[:100],
        )
