"""E-mails to employers about their roles: subject, text and HTML bodies, from templates.

Composing is separate from sending (``listings.notifications.tasks``), so any journey can
reuse a kind: posting sends "submitted" and "resubmitted"; moderation sends "approved"
and "rejected", or "removed" when the rejected role was live (the role's ``rejection_reason``
is in the e-mail); expiry sends
"expiring", and "taken_down" with the moderator's reason. Each kind is three templates under ``templates/emails/``:
``<kind>_subject.txt``, ``<kind>.txt`` and ``<kind>.html``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from listings.models import Role

ROLE_EMAIL_KINDS = frozenset(
    {"submitted", "resubmitted", "approved", "rejected", "removed", "expiring", "taken_down"}
)


@dataclass(frozen=True)
class Email:
    subject: str
    text: str
    html: str


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def email_render(template: str, context: dict) -> Email:
    """Render ``templates/<template>_subject.txt``, ``.txt`` and ``.html`` with ``context``."""
    context = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    return Email(
        subject=subject,
        text=render_to_string(f"{template}.txt", context).strip() + "\n",
        html=render_to_string(f"{template}.html", context),
    )


def role_email(*, role: Role, kind: str, reason: str = "") -> Email:
    """The e-mail of ``kind`` (one of ROLE_EMAIL_KINDS) about ``role`` to its employer.

    ``reason`` is a moderator's reason the role's own fields do not hold (a take-down).
    """
    if kind not in ROLE_EMAIL_KINDS:
        raise ValueError(f"Unknown role e-mail: {kind!r}")
    return email_render(
        f"emails/role_{kind}",
        {
            "role": role,
            "employer": role.employer,
            "role_url": absolute_url(reverse("listings:dashboard_role", kwargs={"pk": role.pk})),
            "public_url": absolute_url(role.get_absolute_url()),
            "dashboard_url": absolute_url(reverse("listings:dashboard")),
            "reason": reason,
        },
    )


def role_recipients(role: Role) -> list[str]:
    """Everyone who acts for the role's employer (and whoever posted it), once each."""
    emails = {
        email
        for email in role.employer.members.filter(is_active=True).values_list("email", flat=True)
        if email
    }
    if role.created_by_id and role.created_by.is_active and role.created_by.email:
        emails.add(role.created_by.email)
    return sorted(emails, key=str.lower)
