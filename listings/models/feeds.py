"""Feed sources that workers ingest, and a record of every ingest run."""

from django.db import models
from django.utils import timezone

from .employers import Employer


class FeedSource(models.Model):
    class Kind(models.TextChoices):
        GREENHOUSE = "greenhouse", "Greenhouse job board"
        LEVER = "lever", "Lever postings"
        ASHBY = "ashby", "Ashby job board"
        RSS = "rss", "RSS 2.0"
        ATOM = "atom", "Atom"
        JSONFEED = "jsonfeed", "JSON Feed"
        JSONLD = "jsonld", "Careers page (schema.org JobPosting)"
        INDEED = "indeed", "Indeed XML"

    name = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    url = models.URLField(max_length=500)
    employer = models.ForeignKey(
        Employer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feed_sources",
        help_text="Used when the feed does not name the company",
    )
    trusted = models.BooleanField(default=False, help_text="New roles are approved without review")
    active = models.BooleanField(default=True)
    interval_minutes = models.PositiveIntegerField(default=60)

    # Conditional GET state and health.
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    # Hash of the last payload that landed without a failed item: many boards send no
    # validators, and an identical payload needs no parsing at all.
    body_hash = models.CharField(max_length=64, blank=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # Claimed by the run in progress until this time, so one source never ingests twice at once;
    # a worker killed mid-run leaves a claim that simply runs out.
    locked_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "url"], name="feed_source_unique_url")
        ]

    def __str__(self) -> str:
        return self.name or self.url

    @property
    def is_failing(self) -> bool:
        return self.consecutive_failures > 0


class IngestRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        PARTIAL = "partial", "Succeeded with failed items"
        NOT_MODIFIED = "not_modified", "Not modified (304)"
        FAILED = "failed", "Failed"

    source = models.ForeignKey(FeedSource, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    complete = models.BooleanField(default=False, help_text="The fetch listed every open role")
    fetched = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    skipped_non_ml = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(
        default=0, help_text="Left out by the feed itself (unlisted)"
    )
    failed = models.PositiveIntegerField(default=0)
    failures = models.JSONField(
        default=list, blank=True, help_text="[{reference, reason}] per failed item"
    )
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["source", "-started_at"], name="ingest_run_source_idx")]

    def __str__(self) -> str:
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M} {self.status}"

    @property
    def duration(self):
        return self.finished_at - self.started_at if self.finished_at else None
