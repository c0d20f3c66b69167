"""How a bulk action reports back: one message for what was decided, one for what was left."""

from django import forms
from django.contrib import messages
from django.contrib.admin.helpers import ActionForm
from django.utils.html import format_html, format_html_join

from claims.services.claim_versions import BulkOutcome

# A refusal list longer than this is cut short: the editor needs the pattern, not all rows.
REFUSALS_SHOWN = 20


class BulkNoteActionForm(ActionForm):
    """The bulk decision's optional note, kept in the history of each claim or link decided."""

    reason = forms.CharField(
        required=False,
        label="Note",
        widget=forms.TextInput(attrs={"placeholder": "Note (optional)", "size": 40}),
    )


def bulk_note(request) -> str:
    return request.POST.get("reason", "").strip()


def bulk_outcome_report(
    model_admin, request, outcome: BulkOutcome, *, verb: str, noun: str
) -> None:
    """`verb` says what was done ("Confirmed"), `noun` what to ("claim", "link")."""
    if outcome.done:
        model_admin.message_user(
            request, f"{verb} {len(outcome.done)} {noun}(s).", messages.SUCCESS
        )
    if outcome.refused:
        shown = outcome.refused[:REFUSALS_SHOWN]
        more = len(outcome.refused) - len(shown)
        model_admin.message_user(
            request,
            format_html(
                "{} {}(s) were left as they are: <ul>{}</ul>{}",
                len(outcome.refused),
                noun,
                format_html_join("", "<li>{}</li>", ((message,) for _, message in shown)),
                f"…and {more} more." if more else "",
            ),
            messages.WARNING,
        )
