from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import display_for_field, unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.http import (
    Http404,
    HttpRequest,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from articles.errors import ApplicationError
from articles.forms import ArticleChangeForm, ArticleUploadForm
from articles.models import Article, ArticleStatus
from articles.selectors import article_list, article_processing_get
from articles.services import (
    DuplicateArticle,
    article_import_file,
    article_import_text,
    article_update,
    unfinished_processing_hint,
)


def pk_or_404(model: type[models.Model], value) -> object:
    """The primary key an admin URL names, or 404 if it cannot be one (`abc` for an id)."""
    try:
        return model._meta.pk.to_python(unquote(str(value)))
    except (ValidationError, ValueError, TypeError):
        raise Http404(f"“{value}” is not a {model._meta.verbose_name} id.") from None


class HistoryReadOnlyAdmin(SimpleHistoryAdmin):
    """History pages that show the past and never write it back.

    django-simple-history's page for one historical record is a change form that saves
    whatever is posted for anyone who may view the object (`SIMPLE_HISTORY_REVERT_DISABLED`
    only hides the button), around the services and their audit. Here that page only
    shows the record; any other method than GET is refused (405), for every user,
    superusers included. Changes go through the services. A malformed id is a 404.
    """

    history_record_template = "admin/history_record.html"

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}_simple_history"
        record = path(
            "<str:object_id>/history/<str:version_id>/",
            self.admin_site.admin_view(self.history_form_view),
            name=name,
        )
        return [record, *(url for url in super().get_urls() if url.name != name)]

    def revert_disabled(self, request, obj=None) -> bool:
        return True

    def history_view(self, request, object_id, extra_context=None):
        pk_or_404(self.model, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(
                ["GET", "HEAD"],
                "History records are read-only: nothing was changed. "
                "Make the change on the object's own page.",
            )
        opts = self.model._meta
        history = getattr(self.model, opts.simple_history_manager_attribute)
        record = get_object_or_404(
            history.model.objects.select_related("history_user"),
            **{
                opts.pk.attname: pk_or_404(self.model, object_id),
                "history_id": pk_or_404(history.model, version_id),
            },
        )
        instance = record.instance
        if not self.has_view_history_or_change_history_permission(request, instance):
            raise PermissionDenied
        previous = record.prev_record
        changed = (
            set(record.diff_against(previous).changed_fields) if previous is not None else set()
        )
        admin_url = f"admin:{opts.app_label}_{opts.model_name}"
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": f"{opts.verbose_name.capitalize()} “{instance}” as it was saved",
            "record": record,
            "original": instance,
            "rows": [
                (field.verbose_name, _display_value(instance, field), field.name in changed)
                for field in record.tracked_fields
            ],
            "is_first": previous is None,
            "history_url": reverse(f"{admin_url}_history", args=[instance.pk]),
            "change_url": reverse(f"{admin_url}_change", args=[instance.pk]),
            "changelist_url": reverse(f"{admin_url}_changelist"),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.history_record_template, context)


def sentence_end(text: str) -> str:
    """The full stop a message puts after a title, unless the title already ends one."""
    return "" if text.rstrip().endswith((".", "!", "?", "…")) else "."


def _processing_said(article: Article) -> str:
    if article.status == ArticleStatus.EXTRACTED:
        return "Its claims are extracted."
    if article.status == ArticleStatus.FAILED:
        return "Its claim extraction failed: the article page says why."
    return (
        "It is queued for claim extraction: its page shows the progress, and its claims "
        "appear there when they are ready."
    )


def _display_value(instance: models.Model, field: models.Field) -> str:
    if field.is_relation:
        try:
            value = getattr(instance, field.name)
        except ObjectDoesNotExist:
            return f"#{getattr(instance, field.attname)} (removed)"
    else:
        value = getattr(instance, field.attname)
    return display_for_field(value, field, "—")


@admin.register(Article)
class ArticleAdmin(HistoryReadOnlyAdmin):
    form = ArticleChangeForm
    list_display = ("key", "title", "outlet", "published_at", "status", "near_duplicate_link")
    list_filter = ("status", "language", "section", "outlet")
    search_fields = ("key", "title", "body")
    date_hierarchy = "created_at"
    fieldsets = (
        (None, {"fields": ("key", "title", "body")}),
        (
            "Metadata",
            {
                "fields": (
                    ("published_at", "published_date_source"),
                    "section",
                    "dateline",
                    "outlet",
                    "language",
                )
            },
        ),
        (
            "Source",
            {"fields": ("source_name", "raw_content_type", "sha256", "created_by", "created_at")},
        ),
        (
            "Processing",
            {
                "fields": (
                    "version",
                    "status",
                    "last_error",
                    "near_duplicate_of",
                    "near_duplicate_score",
                    "ingest_warnings_list",
                )
            },
        ),
    )
    readonly_fields = (
        "key",
        "source_name",
        "raw_content_type",
        "sha256",
        "created_by",
        "created_at",
        "version",
        "status",
        "last_error",
        "near_duplicate_of",
        "near_duplicate_score",
        "published_date_source",
        "ingest_warnings_list",
    )
    change_list_template = "admin/articles/article/change_list.html"

    def get_queryset(self, request):
        return article_list()

    @admin.display(description="Near-duplicate of", ordering="near_duplicate_of__key")
    def near_duplicate_link(self, article: Article) -> str:
        if not article.near_duplicate_of_id:
            return "—"
        return format_html(
            '<a href="{}">{}</a> ({})',
            article.near_duplicate_of.get_admin_url(),
            article.near_duplicate_of.key,
            f"{article.near_duplicate_score:.2f}",
        )

    @admin.display(description="Ingest warnings")
    def ingest_warnings_list(self, article: Article) -> str:
        if not article.ingest_warnings:
            return "—"
        return format_html_join(
            "", "<p>{}</p>", ((warning["message"],) for warning in article.ingest_warnings)
        )

    def get_urls(self):
        upload = path(
            "upload/",
            self.admin_site.admin_view(self.upload_view),
            name="articles_article_upload",
        )
        processing = path(
            "<str:object_id>/processing/",
            self.admin_site.admin_view(self.processing_view),
            name="articles_article_processing",
        )
        return [upload, processing, *super().get_urls()]

    def processing_view(self, request: HttpRequest, object_id: str):
        """Where extraction is, polled by the article page until its claims appear."""
        article_id = pk_or_404(Article, object_id)
        state = article_processing_get(article_id=article_id)
        if state is None:
            raise Http404("No such article.")
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return JsonResponse(state)

    def add_view(self, request, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:articles_article_upload"))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        # Whoever may edit posts back the version they opened (a hidden field).
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": (*options["fields"], "expected_version")}), *rest]

    def save_model(self, request, obj, form, change):
        changes = form.changes()
        if changes:
            article_update(
                article=obj,
                actor=request.user,
                expected_version=form.cleaned_data["expected_version"],
                **changes,
            )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ApplicationError as error:
            # The form's checks passed, but the service refused under its lock (another
            # edit was saved in between): nothing was saved, and the page says why.
            self.message_user(request, error.message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def upload_view(self, request: HttpRequest):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            for upload in form.cleaned_data["files"]:
                self._import_one(
                    request,
                    label=upload.name,
                    run=lambda upload=upload: article_import_file(
                        data=upload.read(),
                        filename=upload.name,
                        actor=request.user,
                        published_at=form.cleaned_data["published_at"],
                    ),
                )
            if form.cleaned_data["text"].strip():
                self._import_one(
                    request,
                    label="Pasted text",
                    run=lambda: article_import_text(
                        text=form.cleaned_data["text"],
                        title=form.cleaned_data["title"],
                        actor=request.user,
                        published_at=form.cleaned_data["published_at"],
                    ),
                )
            return HttpResponseRedirect(reverse("admin:articles_article_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Upload articles",
            "form": form,
            "max_bytes": settings.ARTICLE_MAX_UPLOAD_BYTES,
        }
        return TemplateResponse(request, "admin/articles/article/upload.html", context)

    def _import_one(self, request: HttpRequest, *, label: str, run) -> None:
        try:
            article = run()
        except DuplicateArticle as error:
            self.message_user(
                request,
                format_html(
                    '{}: already uploaded as <a href="{}">{}</a>; nothing was saved.{}',
                    label,
                    error.existing.get_admin_url(),
                    error.existing,
                    unfinished_processing_hint(error.existing),
                ),
                messages.WARNING,
            )
        except ApplicationError as error:
            self.message_user(request, error.message, messages.ERROR)
        else:
            self.message_user(
                request,
                format_html(
                    '{}: imported as <a href="{}">{}</a>{} {}',
                    label,
                    article.get_admin_url(),
                    article,
                    sentence_end(str(article)),
                    _processing_said(article),
                ),
                messages.SUCCESS,
            )
            for warning in article.ingest_warnings:
                self.message_user(
                    request,
                    format_html("{}: check this: {}", label, warning["message"]),
                    messages.WARNING,
                )
