from django import forms
from django.core.exceptions import ValidationError


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.md,.html,.htm"}))
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
