"""The article page: the body with its claims highlighted, paged, with review buttons and
re-extract / re-link actions. Extends `articles`' own admin (which knows nothing of claims).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse

from articles.admin import ArticleAdmin
from articles.models import Article
from claims.admin.inlines import ClaimInline, ExtractionRunInline
from claims.anchoring.highlight import Span, highlight_spans
from claims.models import Claim, ClaimStatus, LinkStatus, Rejection, ReviewEvent
from claims.permissions import can_review
from claims.selectors import HISTORY_ON_PAGE
from claims.services.extraction import article_extraction_queue

# `articles` knows nothing of claims, so the claims app extends the article admin here.
admin.site.unregister(Article)


# Claims (and the part of the body around them) shown per page of the article page, so a
# 15,000-claim article renders as fast as a short one.
ARTICLE_CLAIMS_PER_PAGE = 100
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
    paginator = Paginator(
        Claim.objects.filter(article=article)
        .select_related("tracked_claim")
        .annotate(suggested_links=Count("links", filter=Q(links__status=LinkStatus.SUGGESTED)))
        .order_by("start", "end", "id"),
        ARTICLE_CLAIMS_PER_PAGE,
    )
    page = paginator.get_page(request.GET.get("claims_page"))
    claims = list(page.object_list)
    body = article.body
    # The part of the body this page's claims are in, from and to a line break.
    region_start, region_end = 0, len(body)
    if page.has_previous() and claims:
        region_start = body.rfind("\n", 0, claims[0].start) + 1
    if page.has_next() and claims:
        line_end = body.find("\n", max(c.end for c in claims))
        region_end = len(body) if line_end == -1 else line_end
    spans = [
        Span(
            claim_id=c.pk,
            start=c.start - region_start,
            end=c.end - region_start,
            status=c.status,
            title=c.statement[:120],
        )
        for c in claims
        if body[c.start : c.end] == c.quote and region_start <= c.start and c.end <= region_end
    ]
    counts = {status: 0 for status in ClaimStatus.values}
    for row in Claim.objects.filter(article=article).values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return {
        "highlighted": highlight_spans(body[region_start:region_end], spans),
        "claims": claims,
        "page": page if paginator.num_pages > 1 else None,
        "region": (region_start + 1, region_end, len(body)),
        "unanchored": len(claims) - len(spans),
        "counts": [(ClaimStatus(s).label, s, n) for s, n in counts.items()],
        "events": list(
            ReviewEvent.objects.filter(article=article)
            .select_related("actor", "claim")
            .order_by("-created_at", "-id")[:HISTORY_ON_PAGE]
        ),
        "events_url": reverse("admin:claims_reviewevent_changelist")
        + f"?article__id__exact={article.pk}",
        "can_review": can_review(user=request.user),
        "rejections": Rejection.choices,
        "next": article.get_admin_url()
        + (f"?claims_page={page.number}" if paginator.num_pages > 1 else ""),
    }
