"""E-mail tasks: they take plain values or ids, so they can be enqueued on commit."""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task
from django.core.mail import EmailMultiAlternatives

from listings.models import Role
from listings.notifications.emails import role_email, role_recipients

__all__ = ["send_email", "send_role_email"]

RETRY = {
    "autoretry_for": (OSError, SMTPException),
    "retry_backoff": 30,
    "retry_backoff_max": 3600,
    "max_retries": 6,
}


def _deliver(*, to: list[str], subject: str, text: str, html: str = "") -> int:
    message = EmailMultiAlternatives(subject=subject, body=text, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()


@shared_task(**RETRY)
def send_email(*, to: list[str], subject: str, text: str, html: str = "") -> int:
    """Send one e-mail (text, with an HTML alternative when given); returns how many were sent."""
    return _deliver(to=to, subject=subject, text=text, html=html)


@shared_task(**RETRY)
def send_role_email(role_id: int, kind: str, reason: str = "") -> int:
    """Compose the ``kind`` e-mail about role ``role_id`` (see listings.notifications.emails) and send it."""
    role = Role.objects.select_related("employer", "created_by").filter(pk=role_id).first()
    if role is None:
        return 0
    to = role_recipients(role)
    if not to:
        return 0
    email = role_email(role=role, kind=kind, reason=reason)
    return _deliver(to=to, subject=email.subject, text=email.text, html=email.html)
