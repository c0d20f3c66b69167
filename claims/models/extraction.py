from django.conf import settings
from django.db import models

from articles.models import Article


class ExtractionRun(models.Model):
    """One run of the extractor over one version of an article's body."""

    class Outcome(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="extraction_runs")
    body_sha256 = models.CharField(max_length=64)
    extractor_name = models.CharField(max_length=100)
    extractor_version = models.CharField(max_length=40)
    model_name = models.CharField(max_length=100)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.RUNNING)
    claims_created = models.PositiveIntegerField(default=0)
    claims_updated = models.PositiveIntegerField(default=0)
    claims_removed = models.PositiveIntegerField(default=0)
    claims_kept_reviewed = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["article", "body_sha256", "extractor_version"])]

    def __str__(self) -> str:
        return f"{self.article.key} @ {self.extractor_version}: {self.outcome}"
