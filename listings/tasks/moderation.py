"""Moderation tasks: the daily expiry and reminder runs (beat), and the take-down e-mail.

The beat entries are in settings.CELERY_BEAT_SCHEDULE; each task only calls a service
in listings.services.moderation, which is safe to run twice.
"""

from __future__ import annotations

from celery import shared_task
from django.urls import reverse

from listings.models import Role
from listings.notifications import absolute_url, email_render, role_recipients
from listings.services.moderation import roles_expire_due, roles_remind_expiring
from listings.tasks.notifications import RETRY, send_email

__all__ = ["expire_roles", "remind_expiring_roles", "send_role_taken_down_email"]


@shared_task
def expire_roles() -> list[int]:
    """Daily: live roles past their closing date become expired."""
    return roles_expire_due()


@shared_task
def remind_expiring_roles() -> list[int]:
    """Daily: e-mail each employer whose role closes in 5 (Australian) days, once per closing date."""
    return roles_remind_expiring()


@shared_task(**RETRY)
def send_role_taken_down_email(role_id: int, reason: str) -> int:
    """Tell the employer a moderator closed their live role, and why."""
    role = Role.objects.select_related("employer", "created_by").filter(pk=role_id).first()
    if role is None:
        return 0
    to = role_recipients(role)
    if not to:
        return 0
    email = email_render(
        "emails/role_taken_down",
        {
            "role": role,
            "employer": role.employer,
            "reason": reason,
            "dashboard_url": absolute_url(reverse("listings:dashboard")),
        },
    )
    return send_email.run(to=to, subject=email.subject, text=email.text, html=email.html)
