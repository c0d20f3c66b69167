from django.contrib import admin, messages
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from articles.admin import ArticleAdmin
from articles.models import Article
from claims.models import Claim, ExtractionRun
from claims.services.extraction import article_extraction_queue


class ClaimInline(admin.TabularInline):
    model = Claim
    fields = ("quote", "kind", "source", "score", "status")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class ExtractionRunInline(admin.TabularInline):
    model = ExtractionRun
    fields = (
        "started_at",
        "finished_at",
        "extractor_version",
        "outcome",
        "claims_created",
        "claims_updated",
        "claims_removed",
        "claims_kept_reviewed",
        "error",
    )
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False


# `articles` knows nothing of claims, so the claims app extends the article admin here.
admin.site.unregister(Article)


@admin.register(Article)
class ArticleWithClaimsAdmin(ArticleAdmin):
    inlines = (ClaimInline, ExtractionRunInline)
    actions = ("re_extract",)

    @admin.action(description="Re-extract claims of the selected articles", permissions=["change"])
    def re_extract(self, request, queryset):
        for article in queryset:
            article_extraction_queue(article=article, actor=request.user, force=True)
        self.message_user(
            request,
            f"Queued claim extraction for {queryset.count()} article(s). Claims a person has "
            "reviewed are kept as they are.",
            messages.SUCCESS,
        )


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ("short_statement", "article_link", "kind", "source", "score", "status")
    list_filter = ("status", "kind", "extractor_version", "article")
    search_fields = ("statement", "quote", "source")
    list_select_related = ("article",)
    readonly_fields = (
        "article",
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
        "created_at",
        "updated_at",
    )

    def has_add_permission(self, request):
        return False

    @admin.display(description="Statement", ordering="statement")
    def short_statement(self, claim: Claim) -> str:
        return claim.statement[:140]

    @admin.display(description="Article", ordering="article__key")
    def article_link(self, claim: Claim) -> str:
        return format_html('<a href="{}">{}</a>', claim.article.get_admin_url(), claim.article.key)
