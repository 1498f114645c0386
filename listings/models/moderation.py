"""What moderators did, and what users reported."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .roles import Role


class ModerationEvent(models.Model):
    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        EDITED = "edited", "Edited"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        CLOSED = "closed", "Closed"
        EXPIRED = "expired", "Expired"
        RENEWED = "renewed", "Renewed"
        INGESTED = "ingested", "Ingested from a feed"
        REPORT_DISMISSED = "report_dismissed", "Report dismissed"
        REPORT_ACTIONED = "report_actioned", "Report actioned"
        # The expiry task's "closes in 5 days" e-mail: recorded so each closing date gets one.
        EXPIRY_REMINDED = "expiry_reminded", "Closing reminder sent"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="moderation_events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the system acted (ingest, expiry)",
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["role", "-created_at"], name="moderation_role_idx")]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.role_id}"


class ListingReport(models.Model):
    class Reason(models.TextChoices):
        SCAM = "scam", "Looks like a scam"
        CANDIDATE_PAYS = "candidate_pays", "Asks the candidate to pay for sponsorship"
        NO_SPONSORSHIP = "no_sponsorship", "Does not actually offer sponsorship"
        FILLED = "filled", "Filled or no longer open"
        DUPLICATE = "duplicate", "Duplicate listing"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DISMISSED = "dismissed", "Dismissed"
        ACTIONED = "actioned", "Actioned"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    details = models.TextField(blank=True)
    contact_email = models.EmailField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["role"], condition=models.Q(status="open"), name="report_open_idx")
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} on {self.role_id}"


class RoleReview(Role):
    """The moderation queue in the admin: the same rows as Role, listed for review.

    A proxy (no table) so the queue has its own changelist, columns and actions
    beside the full Role admin; listings.moderation.review_queue() says which rows.
    """

    class Meta:
        proxy = True
        verbose_name = "role to review"
        verbose_name_plural = "roles to review"
