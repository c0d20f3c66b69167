from django import forms
from django.core.exceptions import ValidationError

from articles.errors import ApplicationError
from articles.models import Article
from articles.services import EDITABLE_FIELDS, article_check_update


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files; each is judged on its own by the import service, not by the form.

    An empty file passes the form (`allow_empty_file`), so the service can refuse it by
    name while the other files of the same upload are imported.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.md,.html,.htm"}))
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class ArticleUploadForm(forms.Form):
    files = MultipleFileField(
        required=False,
        label="Files",
        help_text="One or more .txt, .md or .html files.",
    )
    text = forms.CharField(
        required=False,
        label="Or paste the article text",
        widget=forms.Textarea(attrs={"rows": 12, "cols": 90}),
    )
    title = forms.CharField(
        required=False,
        max_length=500,
        help_text="Title for pasted text (optional; otherwise taken from the text).",
    )
    published_at = forms.DateField(
        required=False,
        label="Published date",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Optional, for every file and text uploaded here: wins over a date the "
        "text states. Without either, the import date is used and marked as such.",
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("files") and not (cleaned.get("text") or "").strip():
            raise ValidationError("Choose at least one file or paste the article text.")
        return cleaned


class ArticleChangeForm(forms.ModelForm):
    """The article's change form; it carries the version the editor opened.

    A save made on an older version is refused on the form itself, with the editor's
    input kept and a message naming who changed the article and when.
    """

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Article
        fields = EDITABLE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("expected_version", self.instance.version)

    def changes(self) -> dict:
        """The editable fields the editor changed, as `article_update` takes them."""
        return {
            field: self.cleaned_data[field]
            for field in self.changed_data
            if field in EDITABLE_FIELDS and field in self.cleaned_data
        }

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("expected_version"):
            try:
                article_check_update(
                    article=Article.objects.get(pk=self.instance.pk),
                    expected_version=cleaned["expected_version"],
                    changes=self.changes(),
                )
            except ApplicationError as error:
                raise ValidationError(error.message) from error
        return cleaned
