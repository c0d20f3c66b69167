"""The review history: one append-only row per editorial decision or edit.

Rows are written only by the review services, inside the transaction of the change
they record. Nobody edits or deletes them: the model, its manager and queryset refuse
to, the admin is read-only, and database triggers (claims/models/review_triggers.py) refuse an
UPDATE, DELETE or replacing INSERT from anywhere else. The one update they let through
is a foreign key set to NULL after the claim, link, tracked claim or article it points
at was deleted, and the database itself makes it (hence `on_delete=DO_NOTHING` below:
Django's SET_NULL would clear the key before the row is gone). The ids are kept in
`data` as well, so the record stays complete.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ReviewEventIsAppendOnly(Exception):
    """Raised on any attempt to change or delete recorded review history."""

    def __init__(self, what: str = "change"):
        super().__init__(
            f"Review history is append-only: a review event cannot {what}. "
            "Record a new decision instead."
        )


class ReviewAction(models.TextChoices):
    CLAIM_CONFIRM = "claim.confirm", "Claim confirmed"
    CLAIM_DISPUTE = "claim.dispute", "Claim disputed"
    CLAIM_REJECT = "claim.reject", "Claim rejected"
    CLAIM_REOPEN = "claim.reopen", "Claim reopened"
    CLAIM_EDIT_STATEMENT = "claim.edit_statement", "Statement edited"
    CLAIM_RECHECK_RAISE = "claim.recheck_raise", "Raised by a re-check"
    CLAIM_ATTENTION_CLEAR = "claim.attention_clear", "Re-check flag cleared"
    CLAIM_RECHECK_SCHEDULE = "claim.recheck_schedule", "Re-check scheduled"
    LINK_CREATE = "link.create", "Linked by hand"
    LINK_ACCEPT = "link.accept", "Suggested link accepted"
    LINK_REJECT = "link.reject", "Suggested link rejected"
    LINK_UNLINK = "link.unlink", "Unlinked"
    TRACKED_CLAIM_CREATE = "tracked_claim.create", "Tracked claim created"
    TRACKED_CLAIM_JOIN = "tracked_claim.join", "Joined a tracked claim"
    TRACKED_CLAIM_MERGE = "tracked_claim.merge", "Tracked claims merged"
    TRACKED_CLAIM_LEAVE = "tracked_claim.leave", "Left a tracked claim"
    TRACKED_CLAIM_DISSOLVE = "tracked_claim.dissolve", "Tracked claim dissolved"


class Rejection(models.TextChoices):
    """Why a suggestion was rejected; both count against the extractor's precision."""

    NOT_A_CLAIM = "not_a_claim", "Not a claim"
    WRONGLY_EXTRACTED = "wrongly_extracted", "A claim, but wrongly extracted"


class ReviewEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ReviewEventIsAppendOnly("be updated")

    def delete(self):
        raise ReviewEventIsAppendOnly("be deleted")

    def bulk_update(self, objs, fields, batch_size=None):
        raise ReviewEventIsAppendOnly("be updated")

    def update_or_create(self, *args, **kwargs):
        raise ReviewEventIsAppendOnly("be updated")


class ReviewEventManager(models.Manager.from_queryset(ReviewEventQuerySet)):
    def record(
        self,
        *,
        action: str,
        actor,
        claim=None,
        link=None,
        tracked_claim=None,
        article=None,
        from_status: str = "",
        to_status: str = "",
        rejection: str = "",
        reason: str = "",
        evidence: list | None = None,
        data: dict | None = None,
    ) -> ReviewEvent:
        """Append one event (the one way rows are written, like wagtail's `log_action`)."""
        if article is None and claim is not None:
            article = claim.article_id
        return self.create(
            action=action,
            actor=actor,
            claim=claim,
            link=link,
            tracked_claim=tracked_claim,
            article_id=article.pk if hasattr(article, "pk") else article,
            from_status=from_status,
            to_status=to_status,
            rejection=rejection,
            reason=reason,
            evidence=evidence or [],
            data=data or {},
        )


class ReviewEvent(models.Model):
    """Who did what to which claim or link, when, from which state to which, and why."""

    action = models.CharField(max_length=40, choices=ReviewAction.choices)
    # PROTECT: a person who made decisions is deactivated, never deleted, so the record
    # keeps saying who decided. Null only for changes made by the system.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_events",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    claim = models.ForeignKey(
        "claims.Claim",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,  # cleared by the database once the row is deleted
        related_name="review_events",
    )
    link = models.ForeignKey(
        "claims.ClaimLink",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,  # cleared by the database once the row is deleted
        related_name="review_events",
    )
    tracked_claim = models.ForeignKey(
        "claims.TrackedClaim",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,  # cleared by the database once the row is deleted
        related_name="review_events",
    )
    article = models.ForeignKey(
        "articles.Article",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,  # cleared by the database once the row is deleted
        related_name="review_events",
        help_text="The article of the claim, so its history outlives the claim.",
    )
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    rejection = models.CharField(max_length=20, blank=True, choices=Rejection.choices)
    reason = models.TextField(blank=True)
    evidence = models.JSONField(
        default=list, blank=True, help_text="Web addresses and articles given as evidence."
    )
    data = models.JSONField(
        default=dict, blank=True, help_text="Ids, and the state before and after the change."
    )

    objects = ReviewEventManager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["claim", "created_at"]),
            models.Index(fields=["article", "created_at"]),
            models.Index(fields=["action", "created_at"]),
        ]

    def __str__(self) -> str:
        who = self.actor.get_username() if self.actor_id else "system"
        return f"{self.get_action_display()} by {who} at {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ReviewEventIsAppendOnly("be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ReviewEventIsAppendOnly("be deleted")
