"""The admin's side of re-checks: the claim list's queues, the claim page's panel, and
read-only pages for runs and checks. Registered by importing it from claims/admin.py.

Like the rest of the admin it only displays, and calls services to change anything.
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.html import format_html

from articles.admin import pk_or_404
from articles.errors import ApplicationError
from claims.models import Claim, ClaimRecheck, RecheckRun, RecheckSchedule
from claims.selectors import claim_recheck_history
from claims.services.rechecks import claim_attention_clear, claim_recheck_schedule

CHECKS_ON_PAGE = 5
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


# --- The claim list's queues -----------------------------------------------------------


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


# --- The claim page's panel ------------------------------------------------------------


class RecheckScheduleForm(forms.Form):
    next_recheck_at = forms.DateTimeField(
        required=False,
        label="Next re-check",
        input_formats=[DATETIME_LOCAL],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        help_text="Leave empty to clear it: no re-check scheduled.",
    )
    reason = forms.CharField(required=False, label="Note", max_length=500)


class AttentionClearForm(forms.Form):
    reason = forms.CharField(
        label="Why the decision stands",
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    )


def recheck_panel(claim: Claim) -> dict:
    """What the claim page shows of re-checks: the schedule, the flag and recent checks."""
    schedule = RecheckSchedule.objects.filter(claim=claim).select_related("raised_by").first()
    next_at = schedule.next_recheck_at if schedule else None
    return {
        "schedule": schedule,
        "checks": list(claim_recheck_history(claim=claim)[:CHECKS_ON_PAGE]),
        "check_count": claim.rechecks.count(),
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


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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


@admin.register(RecheckRun)
class RecheckRunAdmin(ReadOnlyAdmin):
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
class ClaimRecheckAdmin(ReadOnlyAdmin):
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
