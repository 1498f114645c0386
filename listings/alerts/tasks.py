"""E-mail alert tasks: the confirmation e-mail, one alert's digest, and the beat tasks.

The beat entries are in settings.CELERY_BEAT_SCHEDULE. Each task takes an id (or nothing)
and calls listings.alerts.services; a digest retried or run twice sends no role twice.
"""

from __future__ import annotations

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from listings.alerts.matching import alert_confirmation_email, alert_headers, alerts_due
from listings.alerts.services import alert_send_digest, alerts_purge_unconfirmed
from listings.models import JobAlert
from listings.notifications.tasks import RETRY

__all__ = [
    "purge_unconfirmed_alerts",
    "send_alert_confirmation",
    "send_alert_digest",
    "send_due_alerts",
]


@shared_task(**RETRY)
def send_alert_confirmation(alert_id: int) -> int:
    """E-mail the double opt-in link (or, for an alert already on, how to manage it)."""
    alert = JobAlert.objects.filter(pk=alert_id, unsubscribed_at__isnull=True).first()
    if alert is None:
        return 0
    email = alert_confirmation_email(alert)
    message = EmailMultiAlternatives(
        subject=email.subject, body=email.text, to=[alert.email], headers=alert_headers(alert)
    )
    message.attach_alternative(email.html, "text/html")
    return message.send()


@shared_task(acks_late=True, reject_on_worker_lost=True, **RETRY)
def send_alert_digest(alert_id: int) -> int:
    """Send one alert its new matching roles if it is due; a failed send retries the same roles."""
    return alert_send_digest(alert_id=alert_id)


@shared_task
def send_due_alerts() -> list[int]:
    """Hourly: enqueue a digest for every alert whose day or week has passed."""
    due = list(alerts_due(now=timezone.now()).values_list("id", flat=True))
    for alert_id in due:
        send_alert_digest.delay(alert_id)
    return due


@shared_task
def purge_unconfirmed_alerts() -> int:
    """Daily: delete alerts whose confirmation link expired unused."""
    return alerts_purge_unconfirmed()
