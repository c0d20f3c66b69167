"""The review queue (the claim list) and the claim page: its decisions, suggested links
side by side, re-check panel and history.

Every change goes through `claims.services` (STYLE.md C3); this module only parses
input, checks permissions, calls one service and reports the outcome.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme

from articles.admin import HistoryReadOnlyAdmin, pk_or_404
from articles.errors import ApplicationError
from claims.admin.filters import (
    DueForRecheckFilter,
    NeedsAttentionFilter,
    ScoreFilter,
    SuggestedLinksFilter,
)
from claims.admin.forms import (
    LINK_FORMS,
    REVIEW_FORMS,
    ConfirmForm,
    DisputeForm,
    EditStatementForm,
    LinkDecisionForm,
    LinkForm,
    RejectForm,
    ReopenForm,
    UnlinkForm,
)
from claims.admin.read_only import ReadOnlyMixin
from claims.admin.rechecks import recheck_panel, recheck_view
from claims.models import Claim, ClaimLink, ClaimStatus, LinkStatus, Rejection, ReviewEvent
from claims.permissions import can_review
from claims.selectors import HISTORY_ON_PAGE
from claims.services import claim_review, link_review


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _form_errors(form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def _unsaved_text(data: dict) -> str:
    """What the editor typed, repeated in a refusal so nothing they wrote is lost."""
    typed = [str(data.get(key) or "").strip() for key in ("statement", "reason")]
    typed = [text for text in typed if text]
    return (" Your text, not saved: “" + " / ".join(typed) + "”.") if typed else ""


STATUS_COLOURS = {
    ClaimStatus.SUGGESTED: "suggested",
    ClaimStatus.CONFIRMED: "confirmed",
    ClaimStatus.DISPUTED: "disputed",
    ClaimStatus.REJECTED: "rejected",
}


@admin.register(Claim)
class ClaimAdmin(ReadOnlyMixin, HistoryReadOnlyAdmin):
    list_display = (
        "id",
        "short_statement",
        "article_link",
        "kind",
        "source",
        "score",
        "status_badge",
        "links_to_decide",
    )
    list_display_links = ("id", "short_statement")
    list_filter = (
        "status",
        NeedsAttentionFilter,
        DueForRecheckFilter,
        "kind",
        ScoreFilter,
        SuggestedLinksFilter,
        "source",
        ("article", admin.RelatedOnlyFieldListFilter),
        "extractor_version",
    )
    search_fields = ("statement", "quote", "source", "article__key", "article__title")
    list_select_related = ("article",)
    list_per_page = 50
    ordering = ("article_id", "start", "end", "id")
    actions = ("confirm_selected", "reject_not_a_claim", "reject_wrongly_extracted")
    readonly_fields = (
        "article",
        "tracked_claim",
        "start",
        "end",
        "quote",
        "prefix",
        "suffix",
        "statement",
        "kind",
        "source",
        "entities",
        "quantities",
        "score",
        "extractor_name",
        "extractor_version",
        "status",
        "version",
        "created_at",
        "updated_at",
    )

    # Claims change only through the review panel (services), never through a form save.
    def has_review_permission(self, request) -> bool:
        return can_review(user=request.user)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                suggested_link_count=Count("links", filter=Q(links__status=LinkStatus.SUGGESTED))
            )
        )

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("model_name") == "claimlink":
            # Autocomplete for a link: only claims that can be linked.
            queryset = queryset.exclude(status=ClaimStatus.REJECTED)
        return queryset, may_have_duplicates

    @admin.display(description="Statement", ordering="statement")
    def short_statement(self, claim: Claim) -> str:
        return claim.statement[:140]

    @admin.display(description="Article", ordering="article__key")
    def article_link(self, claim: Claim) -> str:
        if not claim.article_id:
            return "—"
        return format_html(
            '<a href="{}#claim-{}">{}</a>',
            claim.article.get_admin_url(),
            claim.pk,
            claim.article.key,
        )

    @admin.display(description="Status", ordering="status")
    def status_badge(self, claim: Claim) -> str:
        return format_html(
            '<span class="claim-badge claim-{}">{}</span>',
            STATUS_COLOURS[claim.status],
            claim.get_status_display(),
        )

    @admin.display(description="Links to decide", ordering="suggested_link_count")
    def links_to_decide(self, claim: Claim) -> int:
        return claim.suggested_link_count

    # Bulk actions: only suggestions are decided; the refused ones are reported one by one.

    @admin.action(description="Confirm the selected suggestions", permissions=["review"])
    def confirm_selected(self, request, queryset):
        outcome = claim_review.claim_bulk_confirm(claims=queryset, actor=request.user)
        self._report_bulk(request, outcome, verb="Confirmed")

    @admin.action(
        description="Reject the selected suggestions: not a claim", permissions=["review"]
    )
    def reject_not_a_claim(self, request, queryset):
        outcome = claim_review.claim_bulk_reject(
            claims=queryset, actor=request.user, rejection=Rejection.NOT_A_CLAIM
        )
        self._report_bulk(request, outcome, verb="Rejected (not a claim)")

    @admin.action(
        description="Reject the selected suggestions: wrongly extracted", permissions=["review"]
    )
    def reject_wrongly_extracted(self, request, queryset):
        outcome = claim_review.claim_bulk_reject(
            claims=queryset, actor=request.user, rejection=Rejection.WRONGLY_EXTRACTED
        )
        self._report_bulk(request, outcome, verb="Rejected (wrongly extracted)")

    def _report_bulk(self, request, outcome: claim_review.BulkOutcome, *, verb: str) -> None:
        if outcome.done:
            self.message_user(request, f"{verb} {len(outcome.done)} claim(s).", messages.SUCCESS)
        if outcome.refused:
            shown = outcome.refused[:20]
            more = len(outcome.refused) - len(shown)
            self.message_user(
                request,
                format_html(
                    "{} claim(s) were left as they are: <ul>{}</ul>{}",
                    len(outcome.refused),
                    format_html_join("", "<li>{}</li>", ((message,) for _, message in shown)),
                    f"…and {more} more." if more else "",
                ),
                messages.WARNING,
            )

    # The claim page: review panel, suggested links side by side, history.

    def get_urls(self):
        return [
            # Ids as <str:...>, checked in the view: a malformed one is a 404 (an <int:...>
            # that does not match falls through to the admin's redirect to the change page).
            path(
                "<str:object_id>/review/<slug:action>/",
                self.admin_site.admin_view(self.review_view),
                name="claims_claim_review",
            ),
            path(
                "<str:object_id>/links/<str:link_id>/<slug:action>/",
                self.admin_site.admin_view(self.link_review_view),
                name="claims_claim_link_review",
            ),
            path(
                "<path:object_id>/recheck/<slug:action>/",
                self.admin_site.admin_view(lambda r, **kw: recheck_view(self, r, **kw)),
                name="claims_claim_recheck",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        claim = self.get_object(request, unquote(object_id))
        if claim is not None:
            extra_context = {
                **(extra_context or {}),
                "review": _claim_review(request, claim),
                "recheck": recheck_panel(claim),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, *args, **kwargs):
        panel = context.get("review")
        if panel and panel.get("can_review"):
            context["media"] = context["media"] + panel["link_form"].media
            context["media"] = context["media"] + panel["dispute_form"].media
        return super().render_change_form(request, context, *args, **kwargs)

    def review_view(self, request: HttpRequest, object_id: str, action: str):
        claim_id = pk_or_404(Claim, object_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_review_permission(request):
            raise PermissionDenied
        claim = get_object_or_404(Claim, pk=claim_id)
        run, done = CLAIM_ACTIONS.get(action, (None, ""))
        return self._apply_review_form(
            request,
            back=_safe_next(request, claim.get_admin_url()),
            form_class=REVIEW_FORMS.get(action),
            action=action,
            run=lambda data: run(claim, data, request.user),
            success=lambda: done.format(id=claim.pk),
        )

    def link_review_view(self, request: HttpRequest, object_id: str, link_id: str, action: str):
        claim_id, link_id = pk_or_404(Claim, object_id), pk_or_404(ClaimLink, link_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_review_permission(request):
            raise PermissionDenied
        claim = get_object_or_404(Claim, pk=claim_id)
        back = _safe_next(request, claim.get_admin_url())
        link = ClaimLink.objects.filter(pk=link_id, claim=claim).first()
        if link is None:
            self.message_user(
                request,
                "That link no longer exists (someone unlinked it): the page shows the current "
                "state.",
                messages.ERROR,
            )
            return HttpResponseRedirect(back)
        run, done = LINK_ACTIONS.get(action, (None, ""))
        return self._apply_review_form(
            request,
            back=back,
            form_class=LINK_FORMS.get(action),
            action=action,
            run=lambda data: run(link, data, request.user),
            success=lambda: done.format(claim=link.claim_id, other=link.other_id),
        )

    def _apply_review_form(self, request, *, back: str, form_class, action: str, run, success):
        """Validate the posted form, call the service, and say how it went."""
        if form_class is None:
            self.message_user(request, f"Unknown review action “{action}”.", messages.ERROR)
            return HttpResponseRedirect(back)
        form = form_class(request.POST)
        if not form.is_valid():
            self.message_user(
                request, _form_errors(form) + _unsaved_text(request.POST), messages.ERROR
            )
            return HttpResponseRedirect(back)
        try:
            run(form.cleaned_data)
        except ApplicationError as error:
            self.message_user(
                request, error.message + _unsaved_text(form.cleaned_data), messages.ERROR
            )
        else:
            self.message_user(request, success(), messages.SUCCESS)
        return HttpResponseRedirect(back)


def _evidence_kwargs(data: dict) -> dict:
    return {
        "evidence_urls": data.get("evidence_urls") or [],
        "evidence_articles": list(data.get("evidence_articles") or []),
    }


Runner = Callable[[object, dict, object], object]

# action slug -> (service call, success message); the slugs are those of REVIEW_FORMS.
CLAIM_ACTIONS: dict[str, tuple[Runner, str]] = {
    "confirm": (
        lambda claim, data, user: claim_review.claim_confirm(
            claim=claim,
            actor=user,
            expected_version=data["version"],
            reason=data["reason"],
            **_evidence_kwargs(data),
        ),
        "Claim #{id} confirmed.",
    ),
    "dispute": (
        lambda claim, data, user: claim_review.claim_dispute(
            claim=claim,
            actor=user,
            expected_version=data["version"],
            reason=data["reason"],
            **_evidence_kwargs(data),
        ),
        "Claim #{id} disputed.",
    ),
    "reject": (
        lambda claim, data, user: claim_review.claim_reject(
            claim=claim,
            actor=user,
            expected_version=data["version"],
            rejection=data["rejection"],
            reason=data["reason"],
        ),
        "Claim #{id} rejected.",
    ),
    "reopen": (
        lambda claim, data, user: claim_review.claim_reopen(
            claim=claim, actor=user, expected_version=data["version"], reason=data["reason"]
        ),
        "Claim #{id} reopened: it is a suggestion again.",
    ),
    "edit-statement": (
        lambda claim, data, user: claim_review.claim_edit_statement(
            claim=claim,
            actor=user,
            expected_version=data["version"],
            statement=data["statement"],
            reason=data["reason"],
        ),
        "Statement of claim #{id} saved.",
    ),
    "link": (
        lambda claim, data, user: link_review.claim_link_create(
            claim=claim,
            other=data["other"],
            relation=data["relation"],
            actor=user,
            expected_version=data["version"],
            reason=data["reason"],
        ),
        "Claim #{id} linked.",
    ),
}
LINK_ACTIONS: dict[str, tuple[Runner, str]] = {
    "accept": (
        lambda link, data, user: link_review.claim_link_accept(
            link=link,
            actor=user,
            expected_version=data["version"],
            relation=data["relation"] or None,
            reason=data["reason"],
        ),
        "Link from claim #{claim} to #{other} accepted.",
    ),
    "reject": (
        lambda link, data, user: link_review.claim_link_reject(
            link=link, actor=user, expected_version=data["version"], reason=data["reason"]
        ),
        "Link from claim #{claim} to #{other} rejected.",
    ),
    "unlink": (
        lambda link, data, user: link_review.claim_link_unlink(
            link=link, actor=user, expected_version=data["version"], reason=data["reason"]
        ),
        "Claims #{claim} and #{other} unlinked.",
    ),
}


def _claim_review(request: HttpRequest, claim: Claim) -> dict:
    initial = {"version": claim.version}
    # Suggestions to decide first, then the decided ones; best score first within each.
    order = {LinkStatus.SUGGESTED: 0, LinkStatus.ACCEPTED: 1, LinkStatus.REJECTED: 2}
    links = sorted(
        claim.links.select_related("other__article", "decided_by"),
        key=lambda link: (order.get(link.status, 3), -link.score, link.pk),
    )
    linked_from = list(
        claim.linked_from.select_related("claim__article", "decided_by").order_by("-score", "id")
    )
    events = list(
        ReviewEvent.objects.filter(claim=claim)
        .select_related("actor")
        .order_by("-created_at", "-id")[:HISTORY_ON_PAGE]
    )
    decision = next(
        (e for e in events if e.to_status == claim.status and e.from_status != e.to_status), None
    )
    appearances = []
    if claim.tracked_claim_id:
        appearances = list(
            claim.tracked_claim.appearances.exclude(pk=claim.pk).select_related("article")
        )
    allowed = claim_review.claim_review_actions(claim=claim)
    return {
        "claim": claim,
        "can_review": can_review(user=request.user),
        "allowed": allowed,
        "decision": decision,
        "events": events,
        "links": links,
        "linked_from": linked_from,
        "appearances": appearances,
        "confirm_form": ConfirmForm(initial=initial, auto_id="id_confirm_%s"),
        "dispute_form": DisputeForm(initial=initial, auto_id="id_dispute_%s"),
        "reject_form": RejectForm(initial=initial, auto_id="id_reject_%s"),
        "reopen_form": ReopenForm(initial=initial, auto_id="id_reopen_%s"),
        "edit_form": EditStatementForm(
            initial={**initial, "statement": claim.statement}, auto_id="id_edit_%s"
        ),
        "link_form": LinkForm(initial=initial, auto_id="id_link_%s"),
        "link_decision_form": LinkDecisionForm(initial=initial),
        "unlink_form": UnlinkForm(initial=initial),
        "context_before": claim.article.body[max(0, claim.start - 300) : claim.start]
        if claim.article_id
        else "",
        "context_after": claim.article.body[claim.end : claim.end + 300]
        if claim.article_id
        else "",
        "events_url": reverse("admin:claims_reviewevent_changelist")
        + f"?claim__id__exact={claim.pk}",
    }
