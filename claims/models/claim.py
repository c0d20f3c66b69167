from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from articles.models import Article
from claims.models.review import ReviewAction


class ClaimKind(models.TextChoices):
    EVENT = "event", "Event"
    QUANTITY = "quantity", "Quantity"
    ATTRIBUTION = "attribution", "Attribution"
    BACKGROUND = "background", "Background"
    DENIAL = "denial", "Denial"


class ClaimStatus(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    CONFIRMED = "confirmed", "Confirmed"
    DISPUTED = "disputed", "Disputed"
    REJECTED = "rejected", "Rejected"

    @property
    def review_actions(self) -> frozenset[str]:
        """What a person may do to a claim in this status (`CLAIM_STATUS_ACTIONS`)."""
        return CLAIM_STATUS_ACTIONS[self]

    @classmethod
    def allowing(cls, action: str) -> list[str]:
        """The statuses in which a claim allows `action`, e.g. which claims can be linked."""
        return [status for status in cls if action in CLAIM_STATUS_ACTIONS[status]]


# What a person may do to a claim in each status: the review services refuse anything
# else, the claim page shows only these forms, and the link autocomplete offers only the
# claims that may be linked. Any decided claim can be reopened (back to suggested).
CLAIM_STATUS_ACTIONS: dict[str, frozenset[str]] = {
    ClaimStatus.SUGGESTED: frozenset(
        {
            ReviewAction.CLAIM_CONFIRM,
            ReviewAction.CLAIM_DISPUTE,
            ReviewAction.CLAIM_REJECT,
            ReviewAction.LINK_CREATE,
        }
    ),
    ClaimStatus.CONFIRMED: frozenset(
        {
            ReviewAction.CLAIM_DISPUTE,
            ReviewAction.CLAIM_REOPEN,
            ReviewAction.CLAIM_EDIT_STATEMENT,
            ReviewAction.LINK_CREATE,
        }
    ),
    ClaimStatus.DISPUTED: frozenset(
        {
            ReviewAction.CLAIM_CONFIRM,
            ReviewAction.CLAIM_REOPEN,
            ReviewAction.CLAIM_EDIT_STATEMENT,
            ReviewAction.LINK_CREATE,
        }
    ),
    ClaimStatus.REJECTED: frozenset({ReviewAction.CLAIM_REOPEN}),
}

# The status each decision leads to.
DECISION_STATUS: dict[str, str] = {
    ReviewAction.CLAIM_CONFIRM: ClaimStatus.CONFIRMED,
    ReviewAction.CLAIM_DISPUTE: ClaimStatus.DISPUTED,
    ReviewAction.CLAIM_REJECT: ClaimStatus.REJECTED,
    ReviewAction.CLAIM_REOPEN: ClaimStatus.SUGGESTED,
}

# Which review status may follow which, as the two tables above say.
CLAIM_STATUS_TRANSITIONS: dict[str, set[str]] = {
    status: {DECISION_STATUS[a] for a in actions if a in DECISION_STATUS}
    for status, actions in CLAIM_STATUS_ACTIONS.items()
}


class Claim(models.Model):
    """One claim as it appears in one article, anchored to a span of the article's body."""

    # Null for a claim imported from a published fact-check rather than found in an article.
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="claims"
    )
    tracked_claim = models.ForeignKey(
        "claims.TrackedClaim",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appearances",
        help_text="The proposition this claim shares with others through accepted “same” links.",
    )

    # Character offsets into article.body, plus a W3C text-quote selector (quote with a
    # little context) so the span can be found again if the body is edited.
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField()
    prefix = models.CharField(max_length=200, blank=True)
    suffix = models.CharField(max_length=200, blank=True)

    statement = models.TextField(help_text="The claim restated to stand on its own.")
    kind = models.CharField(max_length=20, choices=ClaimKind.choices)
    source = models.CharField(
        max_length=300, help_text="Who asserts it; “the outlet” for the article's own voice."
    )
    entities = models.JSONField(default=list, blank=True)
    quantities = models.JSONField(default=list, blank=True)
    score = models.FloatField(help_text="Check-worthiness, 0 to 1.")

    extractor_name = models.CharField(max_length=100)
    extractor_version = models.CharField(max_length=40)
    status = models.CharField(
        max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.SUGGESTED
    )
    # Optimistic concurrency: every change by a person bumps it; a change made against
    # an older version is refused instead of silently overwriting the newer one.
    version = models.PositiveIntegerField(default=1)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["article_id", "start", "end", "id"]
        permissions = [("review_claim", "Can review claims")]
        indexes = [
            models.Index(fields=["article", "start"]),
            models.Index(fields=["status", "kind"]),
            models.Index(fields=["updated_at", "id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="claim_span_not_empty"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=1), name="claim_score_in_unit_range"
            ),
        ]

    def __str__(self) -> str:
        return self.statement[:100]

    @property
    def review_actions(self) -> frozenset[str]:
        """What a person may do to this claim now (`CLAIM_STATUS_ACTIONS`)."""
        return ClaimStatus(self.status).review_actions

    @property
    def is_reviewed(self) -> bool:
        """A person has decided on it: extraction must never change or remove it."""
        return self.status != ClaimStatus.SUGGESTED

    def get_admin_url(self) -> str:
        return reverse("admin:claims_claim_change", args=[self.pk])

    @property
    def article_key(self) -> str | None:
        return self.article.key if self.article_id else None
