"""Forms of the claim page's review and re-check panels: input checks only, the rules are in
services. Each field is named as the service's keyword argument, so `cleaned_data` is the
service's input as it is."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from articles.models import Article
from claims.models import Claim, ClaimLink, LinkRelation, Rejection, ReviewAction, ReviewEvent


class ReviewForm(forms.Form):
    """The version of the claim the editor saw, so a concurrent change is noticed."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}), label="Note"
    )


class EvidenceMixin(forms.Form):
    evidence_urls = forms.CharField(
        required=False,
        label="Evidence links",
        help_text="One web address per line.",
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    )
    evidence_articles = forms.ModelMultipleChoiceField(
        queryset=Article.objects.defer("raw", "minhash"),
        required=False,
        label="Evidence articles",
        widget=AutocompleteSelectMultiple(ReviewEvent._meta.get_field("article"), admin.site),
    )

    def clean_evidence_urls(self) -> list[str]:
        urls = [line.strip() for line in self.cleaned_data["evidence_urls"].splitlines()]
        urls = [url for url in urls if url]
        validate = URLValidator(schemes=["http", "https"])
        for url in urls:
            try:
                validate(url)
            except ValidationError:
                raise ValidationError(
                    f"“{url}” is not a web address starting with http:// or https://."
                ) from None
        return urls


class ConfirmForm(EvidenceMixin, ReviewForm):
    pass


class DisputeForm(EvidenceMixin, ReviewForm):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        label="Reason",
        error_messages={"required": "Say why the claim is disputed: a reason is required."},
    )


class RejectForm(ReviewForm):
    rejection = forms.ChoiceField(
        choices=Rejection.choices, widget=forms.RadioSelect, initial=Rejection.NOT_A_CLAIM
    )


class ReopenForm(ReviewForm):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        label="Reason",
        error_messages={"required": "Say why the decision is reopened: a reason is required."},
    )


class EditStatementForm(ReviewForm):
    statement = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "cols": 80}))


class LinkForm(ReviewForm):
    other = forms.ModelChoiceField(
        queryset=Claim.objects.all(),
        label="Prior claim",
        widget=AutocompleteSelect(ClaimLink._meta.get_field("other"), admin.site),
        error_messages={"required": "Choose the claim to link to."},
    )
    relation = forms.ChoiceField(choices=LinkRelation.choices, initial=LinkRelation.SAME)


class LinkDecisionForm(ReviewForm):
    relation = forms.ChoiceField(
        choices=[("", "as suggested"), *LinkRelation.choices], required=False
    )

    def clean_relation(self) -> str | None:
        return self.cleaned_data["relation"] or None  # None: keep the suggested kind


class UnlinkForm(ReviewForm):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        label="Reason",
        error_messages={"required": "Say why the link is removed: a reason is required."},
    )


REVIEW_FORMS: dict[ReviewAction, type[ReviewForm]] = {
    ReviewAction.CLAIM_CONFIRM: ConfirmForm,
    ReviewAction.CLAIM_DISPUTE: DisputeForm,
    ReviewAction.CLAIM_REJECT: RejectForm,
    ReviewAction.CLAIM_REOPEN: ReopenForm,
    ReviewAction.CLAIM_EDIT_STATEMENT: EditStatementForm,
    ReviewAction.LINK_CREATE: LinkForm,
    ReviewAction.LINK_ACCEPT: LinkDecisionForm,
    ReviewAction.LINK_REJECT: ReviewForm,
    ReviewAction.LINK_UNLINK: UnlinkForm,
}


DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


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
