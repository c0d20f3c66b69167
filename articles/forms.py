from django import forms
from django.core.exceptions import ValidationError


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

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("files") and not (cleaned.get("text") or "").strip():
            raise ValidationError("Choose at least one file or paste the article text.")
        return cleaned
