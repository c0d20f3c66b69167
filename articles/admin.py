from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from articles.errors import ApplicationError
from articles.forms import ArticleUploadForm
from articles.models import Article
from articles.selectors import article_list
from articles.services import (
    EDITABLE_FIELDS,
    DuplicateArticle,
    article_import_file,
    article_import_text,
    article_update,
    unfinished_processing_hint,
)


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ("key", "title", "outlet", "published_at", "status", "near_duplicate_link")
    list_filter = ("status", "language", "section", "outlet")
    search_fields = ("key", "title", "body")
    date_hierarchy = "created_at"
    fieldsets = (
        (None, {"fields": ("key", "title", "body")}),
        ("Metadata", {"fields": ("published_at", "section", "dateline", "outlet", "language")}),
        (
            "Source",
            {"fields": ("source_name", "raw_content_type", "sha256", "created_by", "created_at")},
        ),
        (
            "Processing",
            {"fields": ("status", "last_error", "near_duplicate_of", "near_duplicate_score")},
        ),
    )
    readonly_fields = (
        "key",
        "source_name",
        "raw_content_type",
        "sha256",
        "created_by",
        "created_at",
        "status",
        "last_error",
        "near_duplicate_of",
        "near_duplicate_score",
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

    def get_urls(self):
        upload = path(
            "upload/",
            self.admin_site.admin_view(self.upload_view),
            name="articles_article_upload",
        )
        return [upload, *super().get_urls()]

    def add_view(self, request, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:articles_article_upload"))

    def save_model(self, request, obj, form, change):
        changes = {field: form.cleaned_data[field] for field in form.changed_data}
        changes = {field: value for field, value in changes.items() if field in EDITABLE_FIELDS}
        if changes:
            article_update(article=obj, actor=request.user, **changes)

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
                        data=upload.read(), filename=upload.name, actor=request.user
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
                    '{}: imported as <a href="{}">{}</a>.', label, article.get_admin_url(), article
                ),
                messages.SUCCESS,
            )
