"""Moderation tasks: the daily expiry and reminder runs (beat).

The beat entries are in settings.CELERY_BEAT_SCHEDULE; each task only calls a service
in listings.moderation.services, which is safe to run twice.
"""

from __future__ import annotations

from celery import shared_task

from listings.moderation.services import roles_expire_due, roles_remind_expiring

__all__ = ["expire_roles", "remind_expiring_roles"]


@shared_task
def expire_roles() -> list[int]:
    """Daily: live roles past their closing date become expired."""
    return roles_expire_due()


@shared_task
def remind_expiring_roles() -> list[int]:
    """Daily: e-mail each employer whose role closes in 5 (Australian) days, once per closing date."""
    return roles_remind_expiring()
