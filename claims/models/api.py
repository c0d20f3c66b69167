"""What the API keeps: hashed tokens, the changes feed, webhook subscriptions and deliveries."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models


class TokenScope(models.TextChoices):
    READ = "read", "Read"
    REVIEW = "review", "Read and review"


class ApiToken(models.Model):
    """A downstream system's token. Only its SHA-256 is stored: the key is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=200, blank=True, help_text="Who or what uses it.")
    scope = models.CharField(max_length=20, choices=TokenScope.choices, default=TokenScope.READ)
    # The first characters of the key, to tell tokens apart in the admin.
    prefix = models.CharField(max_length=8, editable=False)
    key_sha256 = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(
        null=True, blank=True, help_text="Set to revoke: the token is refused from then on."
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.get_scope_display()}, {self.user})"

    @staticmethod
    def new_key() -> str:
        return secrets.token_urlsafe(32)

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ChangeOperation(models.TextChoices):
    CREATE = "create", "Created"
    UPDATE = "update", "Updated"
    DELETE = "delete", "Deleted"


class Change(models.Model):
    """One create, update or delete of an API object, in commit order.

    Rows are written by database triggers (claims/models/change_triggers.py) on the tables
    themselves, so bulk writes and cascaded deletes are recorded too; a deletion stays
    here as a tombstone. `position` is assigned when the writing transaction commits,
    under one lock, so positions grow in commit order and a reader never sees a later
    position before an earlier one: a consumer that keeps its cursor misses nothing.
    """

    position = models.BigIntegerField(null=True, blank=True, unique=True)
    object_type = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    operation = models.CharField(max_length=10, choices=ChangeOperation.choices)
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["position"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            # The rows a committing transaction numbers (its own, not yet numbered).
            models.Index(
                fields=["id"],
                condition=models.Q(position__isnull=True),
                name="claims_change_unnumbered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}: {self.object_type} {self.object_id} {self.operation}"


class WebhookEvent(models.TextChoices):
    CLAIM_DECIDED = "claim.decided", "Claim decided"
    LINK_DECIDED = "link.decided", "Link decided"
    ARTICLE_EXTRACTED = "article.extracted", "Article extracted"
    RECHECK_RAISED = "claim.recheck_raised", "Re-check raised"


def _new_secret() -> str:
    return secrets.token_hex(32)


class WebhookSubscription(models.Model):
    """A downstream URL told about the events it chose, signed with its own secret."""

    url = models.URLField(max_length=2000)
    events = models.JSONField(default=list, help_text="Event names, e.g. claim.decided.")
    secret = models.CharField(
        max_length=128,
        default=_new_secret,
        help_text="Shared with the receiver: the X-Claimtrack-Signature HMAC-SHA256 key.",
    )
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.url} ({', '.join(self.events)})"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be delivered"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Gave up"


class WebhookDelivery(models.Model):
    """One event for one subscription: written with the event, sent until it arrives."""

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40, choices=WebhookEvent.choices)
    payload = models.JSONField()
    status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "webhook deliveries"
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event} to {self.subscription.url}: {self.get_status_display()}"
