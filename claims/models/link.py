from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from claims.models.review import ReviewAction


class LinkRelation(models.TextChoices):
    SAME = "same", "Same claim"
    SUPPORTS = "supports", "Supports"
    CONTRADICTS = "contradicts", "Contradicts"
    UPDATES = "updates", "Updates (newer figure)"


class LinkStatus(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"

    @property
    def review_actions(self) -> frozenset[str]:
        """What a person may do to a link in this status (`LINK_STATUS_ACTIONS`)."""
        return LINK_STATUS_ACTIONS[self]


# A suggestion is accepted or rejected once; an accepted link can be unlinked; a rejected
# one stays rejected (link suggestion never proposes it again).
LINK_STATUS_ACTIONS: dict[str, frozenset[str]] = {
    LinkStatus.SUGGESTED: frozenset({ReviewAction.LINK_ACCEPT, ReviewAction.LINK_REJECT}),
    LinkStatus.ACCEPTED: frozenset({ReviewAction.LINK_UNLINK}),
    LinkStatus.REJECTED: frozenset(),
}


class TrackedClaim(models.Model):
    """One proposition followed across articles: the claims joined by accepted “same” links."""

    statement = models.TextField(help_text="A representative statement of the proposition.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return self.statement[:100]


class ClaimLink(models.Model):
    """A typed relation from a claim to an earlier claim, suggested by the system or a person.

    Read it as “claim <relation> other”: the newer claim updates, supports, contradicts
    or repeats (same) the prior one.
    """

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="links")
    other = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="linked_from")
    relation = models.CharField(max_length=20, choices=LinkRelation.choices)
    score = models.FloatField(help_text="Similarity of the two claims, 0 to 1.")
    method = models.CharField(max_length=100, help_text="How it was found, e.g. hybrid or manual.")
    model_version = models.CharField(max_length=200, blank=True)
    reasons = models.JSONField(
        default=dict,
        blank=True,
        help_text="Why it was suggested: similarity, shared names, the differing figure, "
        "the denial (see claims/linking/reasons.py).",
    )
    status = models.CharField(
        max_length=20, choices=LinkStatus.choices, default=LinkStatus.SUGGESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["claim_id", "-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "other"], name="unique_claim_link"),
            models.CheckConstraint(
                condition=~models.Q(claim=models.F("other")), name="claim_link_not_to_itself"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "relation"]),
            models.Index(fields=["updated_at", "id"]),
        ]

    def __str__(self) -> str:
        return f"#{self.claim_id} {self.relation} #{self.other_id} ({self.status})"

    @property
    def review_actions(self) -> frozenset[str]:
        """What a person may do to this link now (`LINK_STATUS_ACTIONS`)."""
        return LinkStatus(self.status).review_actions

    @property
    def reason_lines(self) -> list[str]:
        """The reasons in words, for the claim page."""
        from claims.linking.reasons import describe_reasons

        return describe_reasons(self.reasons)

    @property
    def is_decided(self) -> bool:
        """A person accepted or rejected it: link suggestion must never change or remove it."""
        return self.status != LinkStatus.SUGGESTED


class ClaimEmbedding(models.Model):
    """The sentence embedding of a claim's statement (float32, L2-normalised) and its model."""

    claim = models.OneToOneField(
        "claims.Claim", on_delete=models.CASCADE, primary_key=True, related_name="embedding"
    )
    model_version = models.CharField(max_length=200)
    statement_sha256 = models.CharField(max_length=64, help_text="Of the statement embedded.")
    vector = models.BinaryField()
    # Lets an in-process copy of the vectors notice that another process re-embedded one.
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    def __str__(self) -> str:
        return f"embedding of claim {self.claim_id} ({self.model_version})"


class FactCheck(models.Model):
    """A published fact-check imported from elsewhere: its claim has no article."""

    claim = models.OneToOneField(
        "claims.Claim", on_delete=models.CASCADE, related_name="fact_check"
    )
    external_id = models.CharField(max_length=500, unique=True)
    title = models.CharField(max_length=1000, blank=True)
    rating = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    review_date = models.DateField(null=True, blank=True)
    author = models.CharField(max_length=500, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.external_id
