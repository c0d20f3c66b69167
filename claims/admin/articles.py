"""The article page: the body with its claims highlighted, paged, with review buttons and
re-extract / re-link actions. Extends `articles`' own admin (which knows nothing of claims).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.http import HttpRequest
from django.urls import reverse

from articles.admin import ArticleAdmin
from articles.models import Article
from claims.admin.inlines import ClaimInline, ExtractionRunInline
from claims.anchoring.highlight import Span, highlight_spans
from claims.models import ClaimStatus, Rejection
from claims.permissions import can_review
from claims.selectors.review import ARTICLE_CLAIMS_PER_PAGE, article_review_get
from claims.services.extraction import article_extraction_queue

# `articles` knows nothing of claims, so the claims app extends the article admin here.
admin.site.unregister(Article)


PROCESSING_FIELDS = (
    "processing_note",
    "linking_status",
    "linking_error",
    "processing_heartbeat_at",
)


@admin.register(Article)
class ArticleWithClaimsAdmin(ArticleAdmin):
    inlines = (ClaimInline, ExtractionRunInline)
    actions = ("re_extract", "re_link")
    fieldsets = (*ArticleAdmin.fieldsets, ("Claim processing", {"fields": PROCESSING_FIELDS}))
    readonly_fields = (*ArticleAdmin.readonly_fields, *PROCESSING_FIELDS)

    def get_inline_instances(self, request, obj=None):
        instances = super().get_inline_instances(request, obj)
        if obj is not None and obj.claims.count() > ARTICLE_CLAIMS_PER_PAGE:
            # The paged review panel lists them; one inline row per claim would not end.
            instances = [i for i in instances if not isinstance(i, ClaimInline)]
        return instances

    @admin.action(
        description="Re-run link suggestion for the selected articles", permissions=["change"]
    )
    def re_link(self, request, queryset):
        from claims.services.processing import article_links_requeue

        for article in queryset.defer("body", "raw", "minhash"):
            article_links_requeue(article=article, actor=request.user)
        self.message_user(
            request,
            f"Queued link suggestion for {queryset.count()} article(s). Links a person "
            "decided are kept as they are.",
            messages.SUCCESS,
        )

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

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is not None:
            extra_context = {**(extra_context or {}), "review": _article_review(request, article)}
        return super().change_view(request, object_id, form_url, extra_context)


def _article_review(request: HttpRequest, article: Article) -> dict:
    review = article_review_get(article=article, page_number=request.GET.get("claims_page"))
    body, start, end = article.body, review.region_start, review.region_end
    paged = review.page.paginator.num_pages > 1
    spans = [
        Span(
            claim_id=c.pk,
            start=c.start - start,
            end=c.end - start,
            status=c.status,
            title=c.statement[:120],
        )
        for c in review.anchored
    ]
    return {
        "highlighted": highlight_spans(body[start:end], spans),
        "claims": review.claims,
        "page": review.page if paged else None,
        "region": (start + 1, end, len(body)),
        "unanchored": len(review.claims) - len(review.anchored),
        "counts": [(ClaimStatus(s).label, s, n) for s, n in review.status_counts.items()],
        "events": review.events,
        "events_url": reverse("admin:claims_reviewevent_changelist")
        + f"?article__id__exact={article.pk}",
        "can_review": can_review(user=request.user),
        "rejections": Rejection.choices,
        "next": article.get_admin_url() + (f"?claims_page={review.page.number}" if paged else ""),
    }
