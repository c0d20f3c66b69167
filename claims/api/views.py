"""The API's views: a selector or one service call each; the rules live in the services."""

from __future__ import annotations

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from claims.api import serializers as s
from claims.api.claimreview import claim_review
from claims.api.filters import ArticleFilter, ClaimFilter, LinkFilter, ReviewEventFilter
from claims.api.pagination import ChangeCursorPagination, ClaimReviewFeedPagination
from claims.api.permissions import CanReview
from claims.models import Claim, ReviewAction
from claims.retrieval.matching import match_texts
from claims.selectors import api as selectors
from claims.services.rechecks import claim_attention_clear, claim_recheck_schedule
from claims.services.review_actions import review_action_take

CONFLICT = OpenApiResponse(description="The version is stale: someone changed the claim since.")
REFUSED = OpenApiResponse(description="The review rules refuse it; `detail` says why.")


def conditional_response(request, data) -> Response:
    """The representation with an ETag; 304 when If-None-Match already names it."""
    body = json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder).encode()
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    wanted = [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]
    if etag in wanted or "*" in wanted:
        return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
    return Response(data, headers={"ETag": etag})


class ReadViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """List and retrieve, with ETag and If-None-Match on the single object."""

    # Ids are integers that fit the database's 64 bits: anything else is a 404.
    lookup_value_regex = r"[0-9]{1,18}"

    def retrieve(self, request, *args, **kwargs):
        return conditional_response(request, self.get_serializer(self.get_object()).data)


def review_action(input_class, output, *, status_code=200, url_path=None, stale=True):
    """A POST on one object, for reviewers only, documented with its input and outcomes."""
    responses = {status_code: output, 400: REFUSED}
    if stale:
        responses[409] = CONFLICT
    extra = {"url_path": url_path} if url_path else {}

    def decorate(function):
        function = action(
            detail=True,
            methods=["post"],
            permission_classes=[IsAuthenticated, CanReview],
            filterset_class=None,
            **extra,
        )(function)
        return extend_schema(request=input_class, responses=responses, filters=False)(function)

    return decorate


def _history_page(view, events):
    page = view.paginate_queryset(events)
    return view.get_paginated_response(s.ReviewEventSerializer(page, many=True).data)


class ArticleViewSet(ReadViewSet):
    filterset_class = ArticleFilter

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.api_article_get_queryset()
        return selectors.api_article_list()

    def get_serializer_class(self):
        return s.ArticleDetailSerializer if self.action == "retrieve" else s.ArticleSerializer

    @extend_schema(responses=s.ReviewEventSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], filterset_class=None)
    def history(self, request, *args, **kwargs):
        """The review history of the article's claims, oldest first."""
        article = get_object_or_404(selectors.api_article_list(), pk=kwargs["pk"])
        return _history_page(self, selectors.api_review_event_list().filter(article=article))


class ClaimViewSet(ReadViewSet):
    serializer_class = s.ClaimSerializer
    filterset_class = ClaimFilter

    def get_queryset(self):
        return selectors.api_claim_list()

    def get_serializer_class(self):
        return s.ClaimSerializer

    @extend_schema(responses=s.ReviewEventSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], filterset_class=None)
    def history(self, request, *args, **kwargs):
        """Every review event of the claim, oldest first."""
        claim = get_object_or_404(Claim.objects.only("id"), pk=kwargs["pk"])
        return _history_page(self, selectors.api_review_event_list().filter(claim=claim))

    @extend_schema(responses=s.RecheckCheckSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], filterset_class=None)
    def rechecks(self, request, *args, **kwargs):
        """Each re-check of the claim and what it found."""
        claim = get_object_or_404(Claim.objects.only("id"), pk=kwargs["pk"])
        page = self.paginate_queryset(claim.rechecks.all())
        return self.get_paginated_response(s.RecheckCheckSerializer(page, many=True).data)

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT, 404: OpenApiResponse(description="Not decided.")},
        filters=False,
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def claimreview(self, request, *args, **kwargs):
        """The claim's verdict as schema.org ClaimReview JSON-LD (confirmed or disputed only)."""
        claim = get_object_or_404(selectors.claim_review_list(), pk=kwargs["pk"])
        return conditional_response(request, claim_review(request, claim))

    @extend_schema(request=s.MatchInput, responses=s.MatchSerializer(many=True), filters=False)
    @action(detail=False, methods=["post"], filterset_class=None, pagination_class=None)
    def match(self, request, *args, **kwargs):
        """Ranked claims matching a text, as `manage.py match_claims` gives them."""
        data = _valid(s.MatchInput, request)
        matches = match_texts([("query", data["text"])], top=data["top"])
        return Response(s.MatchSerializer(matches, many=True).data)

    # --- Review: input serializer -> the admin's action table (same services) -> claim ---

    def _review(self, request, action: ReviewAction, input_class, pk) -> Response:
        claim = get_object_or_404(Claim.objects.all(), pk=pk)
        inputs = _valid(input_class, request)
        review_action_take(action=action, target=claim, actor=request.user, **inputs)
        return Response(s.ClaimSerializer(selectors.api_claim_list().get(pk=claim.pk)).data)

    def _recheck(self, request, service, input_class, pk) -> Response:
        claim = get_object_or_404(Claim.objects.all(), pk=pk)
        service(claim=claim, actor=request.user, **_valid(input_class, request))
        return Response(s.ClaimSerializer(selectors.api_claim_list().get(pk=claim.pk)).data)

    @review_action(s.ConfirmInput, s.ClaimSerializer)
    def confirm(self, request, pk=None, **kwargs):
        return self._review(request, ReviewAction.CLAIM_CONFIRM, s.ConfirmInput, pk)

    @review_action(s.DisputeInput, s.ClaimSerializer)
    def dispute(self, request, pk=None, **kwargs):
        return self._review(request, ReviewAction.CLAIM_DISPUTE, s.DisputeInput, pk)

    @review_action(s.RejectInput, s.ClaimSerializer)
    def reject(self, request, pk=None, **kwargs):
        return self._review(request, ReviewAction.CLAIM_REJECT, s.RejectInput, pk)

    @review_action(s.ReopenInput, s.ClaimSerializer)
    def reopen(self, request, pk=None, **kwargs):
        return self._review(request, ReviewAction.CLAIM_REOPEN, s.ReopenInput, pk)

    @review_action(s.EditInput, s.ClaimSerializer)
    def edit(self, request, pk=None, **kwargs):
        """Correct the statement, kind or source, before or after a decision."""
        return self._review(request, ReviewAction.CLAIM_EDIT, s.EditInput, pk)

    @review_action(s.LinkCreateInput, s.LinkSerializer, status_code=201)
    def link(self, request, pk=None, **kwargs):
        """Link the claim by hand to a prior claim (`other`), accepted at once."""
        claim = get_object_or_404(Claim.objects.all(), pk=pk)
        inputs = _valid(s.LinkCreateInput, request)
        review_action_take(
            action=ReviewAction.LINK_CREATE, target=claim, actor=request.user, **inputs
        )
        link = selectors.api_link_list().get(claim=claim, other=inputs["other"])
        return Response(s.LinkSerializer(link).data, status=status.HTTP_201_CREATED)

    @review_action(s.RecheckScheduleInput, s.ClaimSerializer, stale=False)
    def recheck(self, request, pk=None, **kwargs):
        """Set when the claim is next re-checked, or clear it (`next_recheck_at`: null)."""
        return self._recheck(request, claim_recheck_schedule, s.RecheckScheduleInput, pk)

    @review_action(
        s.AttentionClearInput, s.ClaimSerializer, url_path="clear-attention", stale=False
    )
    def clear_attention(self, request, pk=None, **kwargs):
        """Keep the decision despite what a re-check raised (a reason is required)."""
        return self._recheck(request, claim_attention_clear, s.AttentionClearInput, pk)


class LinkViewSet(ReadViewSet):
    serializer_class = s.LinkSerializer
    filterset_class = LinkFilter

    def get_queryset(self):
        return selectors.api_link_list()

    def _review(self, request, action: ReviewAction, input_class, pk) -> Response:
        link = get_object_or_404(selectors.api_link_list(), pk=pk)
        inputs = _valid(input_class, request)
        review_action_take(action=action, target=link, actor=request.user, **inputs)
        if action == ReviewAction.LINK_UNLINK:  # the link is gone
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(s.LinkSerializer(selectors.api_link_list().get(pk=link.pk)).data)

    @review_action(s.LinkAcceptInput, s.LinkSerializer)
    def accept(self, request, pk=None, **kwargs):
        """Accept a suggestion (`relation` may correct its kind); the version is its claim's."""
        return self._review(request, ReviewAction.LINK_ACCEPT, s.LinkAcceptInput, pk)

    @review_action(s.LinkRejectInput, s.LinkSerializer)
    def reject(self, request, pk=None, **kwargs):
        return self._review(request, ReviewAction.LINK_REJECT, s.LinkRejectInput, pk)

    @review_action(s.UnlinkInput, None, status_code=204)
    def unlink(self, request, pk=None, **kwargs):
        return self._review(request, ReviewAction.LINK_UNLINK, s.UnlinkInput, pk)


class TrackedClaimViewSet(ReadViewSet):
    serializer_class = s.TrackedClaimSerializer

    def get_queryset(self):
        return selectors.api_tracked_claim_list()


class FactCheckViewSet(ReadViewSet):
    serializer_class = s.FactCheckSerializer

    def get_queryset(self):
        return selectors.api_fact_check_list()


class ReviewEventViewSet(ReadViewSet):
    serializer_class = s.ReviewEventSerializer
    filterset_class = ReviewEventFilter

    def get_queryset(self):
        return selectors.api_review_event_list()


class ChangeViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Every create, update and deletion in commit order; keep `next` to sync."""

    serializer_class = s.ChangeSerializer
    pagination_class = ChangeCursorPagination
    filterset_fields = ["object_type"]

    def get_queryset(self):
        return selectors.api_change_list()


class ClaimReviewFeedViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Every confirmed or disputed claim as ClaimReview JSON-LD, in an `@graph`."""

    pagination_class = ClaimReviewFeedPagination
    queryset = Claim.objects.none()

    def get_queryset(self):
        return selectors.claim_review_list()

    @extend_schema(
        responses=inline_serializer(
            "ClaimReviewFeed",
            {
                "@context": serializers.CharField(),
                "@graph": serializers.ListField(child=serializers.DictField()),
                "next": serializers.URLField(allow_null=True),
                "previous": serializers.URLField(allow_null=True),
            },
        )
    )
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response([claim_review(request, claim) for claim in page])


def _valid(input_class, request) -> dict:
    serializer = input_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
