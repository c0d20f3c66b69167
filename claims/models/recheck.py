"""Re-checks: when each claim is next due, and what each scheduled or manual run found.

A re-check never decides: it records what it looked at (the claims ingested since the
claim's last check) and what it found, and flags the claim "needs attention" when the
new evidence updates or contradicts it. The editor's decision clears the flag.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RecheckTrigger(models.TextChoices):
    SCHEDULE = "schedule", "Schedule (Celery beat)"
    COMMAND = "command", "Command (run_rechecks)"
    MANUAL = "manual", "By hand"


class RecheckOutcome(models.TextChoices):
    NOTHING = "nothing", "Nothing new"
    APPEARANCES = "appearances", "New appearances"
    SUPPORTS = "supports", "New support"
    RAISED = "raised", "Raised: updated or contradicted"


class FindingKind(models.TextChoices):
    APPEARANCE = "appearance", "Appears again"
    SUPPORTS = "supports", "Supports"
    UPDATES = "updates", "Updates"
    CONTRADICTS = "contradicts", "Contradicts"


class RecheckSchedule(models.Model):
    """A claim's re-check state: when it is next due, when last checked, and the flag."""

    claim = models.OneToOneField(
        "claims.Claim", on_delete=models.CASCADE, primary_key=True, related_name="recheck"
    )
    next_recheck_at = models.DateTimeField(
        null=True, blank=True, db_index=True, help_text="Empty: no re-check scheduled."
    )
    last_rechecked_at = models.DateTimeField(null=True, blank=True)
    # What was ingested from then on is new to the claim: the last check, or the decision
    # before it (the editor saw what was there). Empty: since the claim was extracted.
    new_since = models.DateTimeField(null=True, blank=True)
    # Runs in a row that found nothing new: each one backs the next re-check off.
    quiet_runs = models.PositiveSmallIntegerField(default=0)
    # Set while a worker checks the claim, so no other worker takes it (stale after a while).
    started_at = models.DateTimeField(null=True, blank=True)
    needs_attention = models.BooleanField(default=False, db_index=True)
    raised_by = models.ForeignKey(
        "claims.ClaimRecheck",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The check whose findings raised the flag.",
    )
    last_check = models.ForeignKey(
        "claims.ClaimRecheck", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["next_recheck_at", "started_at"])]

    def __str__(self) -> str:
        return f"re-check of claim {self.claim_id}: next {self.next_recheck_at or 'never'}"


class RecheckRun(models.Model):
    """One run of the re-check service over the claims due (or the ones asked for)."""

    trigger = models.CharField(max_length=20, choices=RecheckTrigger.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_before = models.DateTimeField(null=True, blank=True)
    claim_ids = models.JSONField(default=list, blank=True, help_text="Claims asked for by id.")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    claims_checked = models.PositiveIntegerField(default=0)
    claims_raised = models.PositiveIntegerField(default=0)
    findings = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"re-check run #{self.pk} ({self.trigger}): {self.claims_checked} checked"


class ClaimRecheck(models.Model):
    """One claim checked in one run: what it was matched against and what was found."""

    run = models.ForeignKey(RecheckRun, on_delete=models.CASCADE, related_name="checks")
    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="rechecks")
    checked_at = models.DateTimeField(auto_now_add=True, db_index=True)
    ingested_since = models.DateTimeField(help_text="Claims ingested from then on were looked at.")
    candidates = models.PositiveIntegerField(default=0, help_text="How many claims that was.")
    claim_status = models.CharField(max_length=20, help_text="The claim's status, left as it was.")
    outcome = models.CharField(max_length=20, choices=RecheckOutcome.choices)
    findings = models.JSONField(default=list, blank=True)
    next_recheck_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-checked_at", "-id"]
        indexes = [models.Index(fields=["claim", "checked_at"])]

    def __str__(self) -> str:
        return f"claim {self.claim_id} re-checked: {self.get_outcome_display()}"

    @property
    def raised(self) -> bool:
        return self.outcome == RecheckOutcome.RAISED
