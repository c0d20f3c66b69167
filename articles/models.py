import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class ArticleStatus(models.TextChoices):
    QUEUED = "queued", "Queued for extraction"
    EXTRACTING = "extracting", "Extracting claims"
    EXTRACTED = "extracted", "Claims extracted"
    FAILED = "failed", "Extraction failed"


# Which status may follow which; services check every change against this.
ARTICLE_STATUS_TRANSITIONS: dict[str, set[str]] = {
    ArticleStatus.QUEUED: {ArticleStatus.EXTRACTING, ArticleStatus.FAILED, ArticleStatus.QUEUED},
    ArticleStatus.EXTRACTING: {
        ArticleStatus.EXTRACTED,
        ArticleStatus.FAILED,
        ArticleStatus.QUEUED,
        ArticleStatus.EXTRACTING,  # a retried or redelivered task starts again
    },
    # A forced re-run or a redelivered task may start again from a finished state.
    ArticleStatus.EXTRACTED: {ArticleStatus.QUEUED, ArticleStatus.EXTRACTING},
    ArticleStatus.FAILED: {ArticleStatus.QUEUED, ArticleStatus.EXTRACTING},
}


class PublishedDateSource(models.TextChoices):
    """Where an article's published date came from (``Article.published_date_source``)."""

    TEXT = "text", "Stated in the text"
    UPLOADER = "uploader", "Given at upload"
    EDITOR = "editor", "Set by an editor"
    IMPORT_TIME = "import_time", "Not stated: the import date"


class LinkingStatus(models.TextChoices):
    NOT_RUN = "", "Not run yet"
    QUEUED = "queued", "Queued for linking"
    LINKING = "linking", "Suggesting links"
    LINKED = "linked", "Links suggested"
    FAILED = "failed", "Linking failed"


class Article(models.Model):
    """One uploaded article: the bytes as received and the normalised text claims point into."""

    source_name = models.CharField(
        max_length=255, blank=True, help_text="File name as uploaded; empty for pasted text."
    )
    key = models.CharField(
        max_length=255,
        unique=True,
        help_text="Stable identifier: the file name without extension (used by exports).",
    )
    raw = models.BinaryField(help_text="The uploaded bytes, exactly as received.")
    raw_content_type = models.CharField(max_length=20, default="text/plain")

    body = models.TextField(help_text="Normalised article text; claim offsets point into it.")
    sha256 = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the body.")
    title = models.CharField(max_length=500, blank=True)
    published_at = models.DateField(null=True, blank=True)
    published_date_source = models.CharField(
        "published date from",
        max_length=20,
        choices=PublishedDateSource.choices,
        default=PublishedDateSource.IMPORT_TIME,
        help_text="Where the published date came from. “Not stated” means the published "
        "date is only the import date: use stated_published_at where a real date matters.",
    )
    section = models.CharField(max_length=100, blank=True)
    dateline = models.CharField(max_length=200, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=16, blank=True)

    near_duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="near_duplicates",
        help_text="The article this one rewrites.",
    )
    near_duplicate_score = models.FloatField(null=True, blank=True)
    minhash = models.JSONField(default=list, blank=True, editable=False)

    ingest_warnings = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="What ingest changed or guessed for the uploader to check: "
        "[{kind, message}] (see articles.text.errors.TextWarning).",
    )

    # Optimistic locking for edits: an edit made on an older version is refused (see
    # article_update). Only edits of the content bump it, not the processing status.
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Goes up by one with every edit of the article text or metadata.",
    )

    status = models.CharField(
        max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.QUEUED
    )
    last_error = models.TextField(blank=True)
    # Processing bookkeeping (claims app): when a worker last showed it was alive on this
    # article (the sweep re-queues work whose heartbeat went stale), what the last
    # extraction left out, and whether link suggestion ran.
    processing_heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    processing_note = models.TextField(blank=True, editable=False)
    linking_status = models.CharField(
        max_length=20, choices=LinkingStatus.choices, default=LinkingStatus.NOT_RUN, blank=True
    )
    linking_error = models.TextField(blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The raw bytes never change after upload; keeping them out of history saves a copy per change.
    history = HistoricalRecords(excluded_fields=["raw", "minhash"])

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["published_at"])]

    def __str__(self) -> str:
        return self.title or self.key

    @property
    def published_date_known(self) -> bool:
        """Whether the published date was stated (by the text, the uploader or an editor)
        rather than being the import-time fallback."""
        return (
            self.published_at is not None
            and self.published_date_source != PublishedDateSource.IMPORT_TIME
        )

    @property
    def stated_published_at(self) -> datetime.date | None:
        """The published date if one was stated, else None (never the import date): what
        date-sensitive logic (which report is newer, what "Tuesday" means) should read."""
        return self.published_at if self.published_date_known else None

    def get_admin_url(self) -> str:
        return reverse("admin:articles_article_change", args=[self.pk])


class ArticleFingerprintBand(models.Model):
    """One LSH band key of an article's MinHash: an indexed lookup of near-duplicate candidates."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="fingerprint_bands"
    )
    band_key = models.CharField(max_length=64, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "band_key"], name="unique_article_band")
        ]

    def __str__(self) -> str:
        return f"{self.article_id}:{self.band_key}"
