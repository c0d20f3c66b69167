"""The review queue (the claim list) and the claim page: its decisions, suggested links
side by side, re-check panel and history.

Every change goes through `claims.services` (STYLE.md C3); this module only parses
input, checks permissions, calls one service and reports the outcome.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme

from articles.admin import HistoryReadOnlyAdmin, pk_or_404
from articles.errors import ApplicationError
from claims.admin.bulk import BulkNoteActionForm, bulk_note, bulk_outcome_report
from claims.admin.filters import (
    DueForRecheckFilter,
    NeedsAttentionFilter,
    ScoreFilter,
    SearchModeFilter,
    SourceFilter,
    SuggestedLinksFilter,
)
from claims.admin.forms import (
    REVIEW_FORMS,
    ClaimEditForm,
    ConfirmForm,
    DisputeForm,
    LinkDecisionForm,
    LinkForm,
    RejectForm,
    ReopenForm,
    UnlinkForm,
)
from claims.admin.read_only import ReadOnlyMixin
from claims.admin.rechecks import recheck_panel, recheck_view
from claims.models import Claim, ClaimLink, ClaimStatus, Rejection, ReviewAction
from claims.permissions import can_review
from claims.retrieval.claim_search import claim_search_meaning, claim_search_words
from claims.selectors.claims import suggested_link_count
from claims.selectors.review import claim_review_get
from claims.services import claim_review
from claims.services.review_actions import (
    review_action_by_verb,
    review_action_take,
    review_verbs_allowed,
)


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
        "source_name",
        "score_display",
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
        SourceFilter,
        ("article", admin.RelatedOnlyFieldListFilter),
        SearchModeFilter,
        "extractor_version",
    )
    # The search itself is get_search_results below (ids, statements and quotes, or meaning).
    search_fields = ("statement", "quote")
    search_help_text = (
        "A claim id (42 or #42), or words of the statement or quote. Under “By search” "
        "choose “By meaning” to find claims that say the same in other words."
    )
    list_select_related = ("article", "asserted_by")
    list_per_page = 50
    # Newest articles first; an article's claims in the order they appear in its text.
    ordering = ("-article__created_at", "-article_id", "start", "end", "id")
    action_form = BulkNoteActionForm
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
        # A subquery, not a Count over the join: a filter that joins the links too (“has
        # suggested links”) would otherwise multiply the count (5 shown as 25).
        return super().get_queryset(request).annotate(suggested_link_count=suggested_link_count())

    def get_search_results(self, request, queryset, search_term):
        may_have_duplicates = False
        if search_term.strip() and request.GET.get(SearchModeFilter.parameter_name) == "meaning":
            # Nearest first: the change list orders before it searches, so this order holds.
            queryset = claim_search_meaning(queryset=queryset, text=search_term).order_by(
                "meaning_rank", "pk"
            )
        else:
            queryset = claim_search_words(queryset=queryset, text=search_term)
        if request.GET.get("model_name") == "claimlink":
            # Autocomplete for a link: only claims that can be linked.
            queryset = queryset.filter(status__in=ClaimStatus.allowing(ReviewAction.LINK_CREATE))
        return queryset, may_have_duplicates

    @admin.display(description="Statement", ordering="statement")
    def short_statement(self, claim: Claim) -> str:
        return claim.statement[:140]

    @admin.display(description="Article", ordering="article__title")
    def article_link(self, claim: Claim) -> str:
        if not claim.article_id:
            return "—"
        title = str(claim.article)
        return format_html(
            '<a href="{}#claim-{}" title="{}">{}</a>',
            claim.article.get_admin_url(),
            claim.pk,
            claim.article.key,
            title if len(title) <= 80 else title[:79] + "…",
        )

    @admin.display(description="Score", ordering="score")
    def score_display(self, claim: Claim) -> str:
        return f"{claim.score:.2f}"

    @admin.display(description="Source", ordering="asserted_by__name")
    def source_name(self, claim: Claim) -> str:
        return claim.asserted_by.name if claim.asserted_by_id else claim.source

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
        outcome = claim_review.claim_bulk_confirm(
            claims=queryset, actor=request.user, reason=bulk_note(request)
        )
        bulk_outcome_report(self, request, outcome, verb="Confirmed", noun="claim")

    @admin.action(
        description="Reject the selected suggestions: not a claim", permissions=["review"]
    )
    def reject_not_a_claim(self, request, queryset):
        outcome = claim_review.claim_bulk_reject(
            claims=queryset,
            actor=request.user,
            rejection=Rejection.NOT_A_CLAIM,
            reason=bulk_note(request),
        )
        bulk_outcome_report(self, request, outcome, verb="Rejected (not a claim)", noun="claim")

    @admin.action(
        description="Reject the selected suggestions: wrongly extracted", permissions=["review"]
    )
    def reject_wrongly_extracted(self, request, queryset):
        outcome = claim_review.claim_bulk_reject(
            claims=queryset,
            actor=request.user,
            rejection=Rejection.WRONGLY_EXTRACTED,
            reason=bulk_note(request),
        )
        bulk_outcome_report(
            self, request, outcome, verb="Rejected (wrongly extracted)", noun="claim"
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
        return self._take_review_action(
            request,
            back=_safe_next(request, claim.get_admin_url()),
            action=review_action_by_verb(subject="claim", verb=action),
            verb=action,
            target=claim,
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
        return self._take_review_action(
            request,
            back=back,
            action=review_action_by_verb(subject="link", verb=action),
            verb=action,
            target=link,
        )

    def _take_review_action(self, request, *, back: str, action, verb: str, target):
        """Validate the posted form, pass it to the action's service, say how it went."""
        if action is None:
            self.message_user(request, f"Unknown review action “{verb}”.", messages.ERROR)
            return HttpResponseRedirect(back)
        form = REVIEW_FORMS[action](request.POST)
        if not form.is_valid():
            self.message_user(
                request, _form_errors(form) + _unsaved_text(request.POST), messages.ERROR
            )
            return HttpResponseRedirect(back)
        try:
            done = review_action_take(
                action=action, target=target, actor=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            self.message_user(
                request, error.message + _unsaved_text(form.cleaned_data), messages.ERROR
            )
        else:
            self.message_user(request, done, messages.SUCCESS)
        return HttpResponseRedirect(back)


def _claim_review(request: HttpRequest, claim: Claim) -> dict:
    review = claim_review_get(claim=claim)
    initial = {"expected_version": claim.version}
    return {
        "claim": claim,
        "can_review": can_review(user=request.user),
        "allowed": review_verbs_allowed(target=claim),
        "decision": review.decision,
        "events": review.events,
        "links": review.links,
        "linked_from": review.linked_from,
        "appearances": review.appearances,
        "confirm_form": ConfirmForm(initial=initial, auto_id="id_confirm_%s"),
        "dispute_form": DisputeForm(initial=initial, auto_id="id_dispute_%s"),
        "reject_form": RejectForm(initial=initial, auto_id="id_reject_%s"),
        "reopen_form": ReopenForm(initial=initial, auto_id="id_reopen_%s"),
        "edit_form": ClaimEditForm(
            initial={
                **initial,
                "statement": claim.statement,
                "kind": claim.kind,
                "source": claim.source,
            },
            auto_id="id_edit_%s",
        ),
        "link_form": LinkForm(initial=initial, auto_id="id_link_%s"),
        "link_decision_form": LinkDecisionForm(initial=initial),
        "unlink_form": UnlinkForm(initial=initial),
        "context_before": review.context_before,
        "context_after": review.context_after,
        "events_url": reverse("admin:claims_reviewevent_changelist")
        + f"?claim__id__exact={claim.pk}",
    }
