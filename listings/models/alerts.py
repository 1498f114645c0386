"""E-mail alerts: a saved search, the address it goes to, and which roles each alert was sent.

The delivery table is what makes sending idempotent: UniqueConstraint(alert, role) means the
database itself refuses to put one role in two digests of one alert, whichever worker, retry
or race tries it. The flow is in listings/services/alerts.py.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from .roles import Role


def alert_token() -> str:
    """The per-alert secret in manage and unsubscribe links (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


class JobAlertQuerySet(models.QuerySet):
    def active(self):
        """Confirmed and not unsubscribed: the alerts digests go to."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)

    def held(self):
        """Not unsubscribed (active or waiting for confirmation): what counts towards the cap."""
        return self.filter(unsubscribed_at__isnull=True)

    def owned_by(self, user):
        """The alerts a signed-in user made, or that go to one of their verified addresses."""
        if not user.is_authenticated:
            return self.none()
        from allauth.account.models import EmailAddress

        verified = (
            EmailAddress.objects.filter(user=user, verified=True)
            .annotate(address=Lower("email"))
            .values("address")
        )
        return self.filter(Q(user=user) | Q(email__in=verified))


class JobAlert(models.Model):
    class Frequency(models.TextChoices):
        DAILY = "daily", "Daily"
        WEEKLY = "weekly", "Weekly"

    email = models.EmailField(max_length=254, help_text="Lower-cased")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="job_alerts",
        help_text="Who made it, when signed in",
    )
    # The normalised search as the /jobs/ querystring it is (RoleFilter.params, no sort or page).
    query = models.TextField(blank=True, help_text="Normalised /jobs/ parameters, e.g. visa=482")
    frequency = models.CharField(max_length=6, choices=Frequency.choices, default=Frequency.DAILY)
    # Manage and unsubscribe links: random, stored, long-lived; revoked by deleting the alert.
    token = models.CharField(max_length=64, unique=True, default=alert_token, editable=False)

    created_at = models.DateTimeField(default=timezone.now)
    # The last time someone asked for it: confirmation links (and the purge) count from here.
    requested_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    # Watermark: the approved_at of the newest role claimed for a digest (at first, the
    # confirmation time). The next digest looks at roles approved after it.
    sent_through = models.DateTimeField(null=True, blank=True)
    last_checked_at = models.DateTimeField(
        null=True, blank=True, help_text="When a digest run last looked (due is counted from it)"
    )
    last_sent_at = models.DateTimeField(null=True, blank=True, help_text="Last digest e-mailed")
    # A digest run's lease on the alert (conditional UPDATE): one run at a time per alert.
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)

    objects = JobAlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One live alert per address and search; also serves the per-address cap's count.
            models.UniqueConstraint(
                fields=["email", "query"],
                condition=Q(unsubscribed_at__isnull=True),
                name="alert_unique_live_search",
            ),
        ]
        indexes = [
            # The hourly due-alert scan (listings.alerts.alerts_due): active alerts by last check.
            models.Index(
                fields=["last_checked_at"],
                condition=Q(confirmed_at__isnull=False, unsubscribed_at__isnull=True),
                name="alert_active_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email}: {self.query or 'all roles'} ({self.frequency})"

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None

    @property
    def status(self) -> str:
        if self.unsubscribed_at is not None:
            return "unsubscribed"
        return "active" if self.confirmed_at is not None else "pending"

    @property
    def status_display(self) -> str:
        return {
            "active": "On",
            "pending": "Waiting for confirmation",
            "unsubscribed": "Unsubscribed",
        }[self.status]


class AlertDelivery(models.Model):
    """One role claimed for one alert's digest; at most one row per (alert, role), ever."""

    alert = models.ForeignKey(JobAlert, on_delete=models.CASCADE, related_name="deliveries")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="+")
    # The digest it belongs to: the run that inserted it reads its own rows back by this.
    batch = models.UUIDField()
    claimed_at = models.DateTimeField(default=timezone.now)
    # When the digest e-mail was handed to the mail server; null while its send is pending
    # (a failed send is retried with the same roles).
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "alert deliveries"
        constraints = [
            models.UniqueConstraint(fields=["alert", "role"], name="alert_delivery_once"),
        ]
        indexes = [
            models.Index(fields=["batch"], name="alert_delivery_batch_idx"),
            # A digest whose send failed, waiting to be retried (services.alerts._pending_batch).
            models.Index(
                fields=["alert"],
                condition=Q(sent_at__isnull=True),
                name="alert_delivery_unsent_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"role {self.role_id} to alert {self.alert_id}"
