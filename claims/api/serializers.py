"""Input and output shapes. Input field names are the services' keyword arguments."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.models import Article
from claims.models import (
    Change,
    Claim,
    ClaimKind,
    ClaimLink,
    ClaimRecheck,
    FactCheck,
    LinkRelation,
    Rejection,
    ReviewEvent,
    TrackedClaim,
)

# --- Output ------------------------------------------------------------------------------


class ArticleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Article
        fields = [
            "id",
            "key",
            "title",
            "outlet",
            "published_at",
            "published_date_source",
            "section",
            "dateline",
            "language",
            "status",
            "linking_status",
            "near_duplicate_of",
            "near_duplicate_score",
            "ingest_warnings",
            "version",
            "created_at",
            "updated_at",
        ]


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "body"]


class RecheckCheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClaimRecheck
        fields = [
            "id",
            "run",
            "checked_at",
            "ingested_since",
            "candidates",
            "claim_status",
            "outcome",
            "findings",
            "next_recheck_at",
        ]


class RecheckStateSerializer(serializers.Serializer):
    next_recheck_at = serializers.DateTimeField(allow_null=True)
    last_rechecked_at = serializers.DateTimeField(allow_null=True)
    needs_attention = serializers.BooleanField()
    raised_by = serializers.IntegerField(source="raised_by_id", allow_null=True)
    last_check = RecheckCheckSerializer(allow_null=True)


class ClaimSerializer(serializers.ModelSerializer):
    article_key = serializers.CharField(source="article.key", allow_null=True, default=None)
    asserted_by = serializers.CharField(
        source="asserted_by.name",
        allow_null=True,
        default=None,
        help_text="The named source the claim is resolved to, one across articles.",
    )
    recheck = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = [
            "id",
            "article",
            "article_key",
            "tracked_claim",
            "start",
            "end",
            "quote",
            "prefix",
            "suffix",
            "statement",
            "kind",
            "source",
            "asserted_by",
            "entities",
            "quantities",
            "score",
            "extractor_name",
            "extractor_version",
            "status",
            "version",
            "recheck",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(RecheckStateSerializer(allow_null=True))
    def get_recheck(self, claim: Claim):
        schedule = getattr(claim, "recheck", None)
        return RecheckStateSerializer(schedule).data if schedule is not None else None


class LinkSerializer(serializers.ModelSerializer):
    decided_by = serializers.CharField(source="decided_by.username", default=None)

    class Meta:
        model = ClaimLink
        fields = [
            "id",
            "claim",
            "other",
            "relation",
            "score",
            "method",
            "model_version",
            "reasons",
            "status",
            "decided_by",
            "decided_at",
            "created_at",
            "updated_at",
        ]


class TrackedClaimSerializer(serializers.ModelSerializer):
    appearances = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = TrackedClaim
        fields = ["id", "statement", "appearances", "created_at", "updated_at"]


class FactCheckSerializer(serializers.ModelSerializer):
    statement = serializers.CharField(source="claim.statement")

    class Meta:
        model = FactCheck
        fields = [
            "id",
            "claim",
            "statement",
            "external_id",
            "title",
            "rating",
            "url",
            "review_date",
            "author",
            "imported_at",
        ]


class ReviewEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", default=None)

    class Meta:
        model = ReviewEvent
        fields = [
            "id",
            "action",
            "actor",
            "created_at",
            "claim",
            "link",
            "tracked_claim",
            "article",
            "from_status",
            "to_status",
            "rejection",
            "reason",
            "evidence",
            "data",
        ]


class ChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Change
        fields = ["position", "object_type", "object_id", "operation", "changed_at"]


class MatchSerializer(serializers.Serializer):
    claim_id = serializers.IntegerField()
    claim_ref = serializers.CharField()
    rank = serializers.IntegerField()
    score = serializers.FloatField()


# --- Input (field names = service keyword arguments) -------------------------------------


class ReviewInput(serializers.Serializer):
    expected_version = serializers.IntegerField(
        min_value=1, help_text="The claim's `version` as the client saw it."
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class EvidenceInput(ReviewInput):
    evidence_urls = serializers.ListField(
        child=serializers.CharField(max_length=2000), required=False, default=list
    )
    evidence_articles = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=Article.objects.only("id", "key", "title"),
        required=False,
        default=list,
    )


class ConfirmInput(EvidenceInput):
    pass


class DisputeInput(EvidenceInput):
    reason = serializers.CharField(help_text="Why the claim is disputed.")


class RejectInput(ReviewInput):
    rejection = serializers.ChoiceField(choices=Rejection.choices)


class ReopenInput(ReviewInput):
    reason = serializers.CharField()


class EditInput(ReviewInput):
    """A correction: only the fields sent change; each one is the person's from then on."""

    statement = serializers.CharField(required=False)
    kind = serializers.ChoiceField(choices=ClaimKind.choices, required=False)
    source = serializers.CharField(required=False, allow_blank=True, max_length=300)


class LinkCreateInput(ReviewInput):
    other = serializers.PrimaryKeyRelatedField(queryset=Claim.objects.only("id"))
    relation = serializers.ChoiceField(choices=LinkRelation.choices)


class LinkAcceptInput(ReviewInput):
    relation = serializers.ChoiceField(
        choices=LinkRelation.choices, required=False, allow_null=True, default=None
    )


class LinkRejectInput(ReviewInput):
    pass


class UnlinkInput(ReviewInput):
    reason = serializers.CharField()


class RecheckScheduleInput(serializers.Serializer):
    next_recheck_at = serializers.DateTimeField(allow_null=True, help_text="null clears it.")
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class AttentionClearInput(serializers.Serializer):
    reason = serializers.CharField()


class MatchInput(serializers.Serializer):
    text = serializers.CharField(max_length=5000)
    top = serializers.IntegerField(min_value=1, max_value=50, default=5)
