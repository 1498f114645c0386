"""Employer writes: the company profile, and a posted role's life from submission to renewal.

Views call these after the form and the ownership check (``Role.objects.owned_by``).
Each state change writes a ModerationEvent, refreshes the search index, and enqueues
the employer's e-mail once the transaction commits. The rules on which action a
role's status allows live here too, so the dashboard and the writes agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from listings.models import (
    Employer,
    EmployerMembership,
    ModerationEvent,
    Occupation,
    Role,
    Specialty,
    VisaStream,
    VisaSubclass,
)
from listings.notifications.tasks import send_role_email
from listings.outbox import enqueue_on_commit
from listings.search.index import index_roles

Status = Role.Status
Action = ModerationEvent.Action

EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.PENDING, Status.APPROVED, Status.REJECTED})
CLOSABLE_STATUSES = frozenset({Status.DRAFT, Status.PENDING, Status.APPROVED, Status.REJECTED})


class PostingError(Exception):
    """A write the rules refuse. Its message is written for the employer."""


class PendingLimitReached(PostingError):
    pass


class ActionNotAllowed(PostingError):
    pass


@dataclass(frozen=True)
class RoleInput:
    """A role's fields as the posting form cleaned them."""

    title: str
    description_markdown: str
    description_html: str  # rendered from the Markdown and sanitised
    city: str
    state: str
    workplace: str
    employment_type: str
    seniority: str
    specialties: Sequence[Specialty]
    salary_min: int | None
    salary_max: int | None
    visa_subclasses: Sequence[VisaSubclass]
    visa_streams: Sequence[VisaStream]
    occupation: Occupation | None
    apply_url: str
    apply_email: str
    closes_on: date


@dataclass(frozen=True)
class RoleActions:
    """What the owner may do with a role now."""

    edit: bool
    close: bool
    renew: bool
    duplicate: bool = True


def role_actions(role: Role, *, now: datetime | None = None) -> RoleActions:
    return RoleActions(
        edit=role.status in EDITABLE_STATUSES,
        close=role.status in CLOSABLE_STATUSES,
        renew=role_is_renewable(role, now=now),
    )


def role_is_renewable(role: Role, *, now: datetime | None = None) -> bool:
    """Expired, or approved and past its closing date before the expiry task got to it."""
    now = now or timezone.now()
    past_closing = role.expires_at is not None and role.expires_at <= now
    return role.status == Status.EXPIRED or (role.status == Status.APPROVED and past_closing)


def closing_datetime(closes_on: date) -> datetime:
    """The end of the closing day, in Australian (the site's) time."""
    return timezone.make_aware(datetime.combine(closes_on, time(23, 59, 59)))


# --- Employers -------------------------------------------------------------------------


def _unique_employer_slug(name: str) -> str:
    base = slugify(name)[:200] or "employer"
    slug, n = base, 1
    while Employer.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def employer_create(*, user, name: str, abn: str, website: str = "", about: str = "") -> Employer:
    """A company profile, with ``user`` as its first member."""
    employer = Employer.objects.create(
        name=name, slug=_unique_employer_slug(name), abn=abn, website=website, about=about
    )
    EmployerMembership.objects.create(employer=employer, user=user)
    return employer


@transaction.atomic
def employer_update(
    *, employer: Employer, name: str, abn: str, website: str = "", about: str = ""
) -> Employer:
    """Change the profile. A new name or ABN needs checking again, so it loses ``verified``."""
    if employer.name != name or employer.abn != abn:
        employer.verified = False
    employer.name, employer.abn, employer.website, employer.about = name, abn, website, about
    employer.save()
    # The employer's name is part of each role's search text.
    index_roles(list(employer.roles.values_list("id", flat=True)))
    return employer


# --- Roles -----------------------------------------------------------------------------


def _sponsorship_evidence(employer: Employer, subclasses, streams) -> str:
    parts = []
    for subclass in sorted(subclasses, key=lambda s: (s.order, s.code)):
        names = [s.name for s in streams if s.subclass_id == subclass.pk]
        parts.append(
            f"{subclass.code} {subclass.name}" + (f" ({', '.join(names)})" if names else "")
        )
    return f"{employer.name} posted this role offering sponsorship for: {'; '.join(parts)}."


def _apply(role: Role, data: RoleInput) -> None:
    role.title = data.title
    role.slug = ""  # regenerated from the title on save
    role.description_markdown = data.description_markdown
    role.description = data.description_html
    role.city = data.city
    role.state = data.state
    role.workplace = data.workplace
    role.location_text = ""
    role.employment_type = data.employment_type
    role.seniority = data.seniority
    role.salary_min = data.salary_min
    role.salary_max = data.salary_max
    role.salary_text = ""
    role.occupation = data.occupation
    role.apply_url = data.apply_url
    role.apply_email = data.apply_email
    role.expires_at = closing_datetime(data.closes_on)
    role.sponsorship = Role.Sponsorship.OFFERED
    role.sponsorship_evidence = _sponsorship_evidence(
        role.employer, data.visa_subclasses, data.visa_streams
    )


def _set_relations(role: Role, data: RoleInput) -> None:
    role.specialties.set(data.specialties)
    role.visa_subclasses.set(data.visa_subclasses)
    role.visa_streams.set(data.visa_streams)


def _check_pending_limit(employer: Employer) -> None:
    # Lock the employer row so two submissions at once cannot both pass the count.
    Employer.objects.select_for_update().filter(pk=employer.pk).first()
    limit = settings.POSTING_MAX_PENDING_PER_EMPLOYER
    pending = Role.objects.filter(employer=employer, status=Status.PENDING).count()
    if pending >= limit:
        raise PendingLimitReached(
            f"{employer.name} already has {pending} roles waiting for review, the most we hold "
            "at once. You can submit more once a moderator has reviewed them, or close one you "
            "no longer need."
        )


def _event(role: Role, user, action: str, reason: str = "") -> None:
    ModerationEvent.objects.create(role=role, actor=user, action=action, reason=reason)


@transaction.atomic
def role_submit(*, employer: Employer, user, data: RoleInput) -> Role:
    """A new role, pending review; the employer is e-mailed that it was received."""
    _check_pending_limit(employer)
    role = Role(employer=employer, created_by=user, status=Status.PENDING)
    _apply(role, data)
    role.save()
    _set_relations(role, data)
    _event(role, user, Action.SUBMITTED)
    index_roles([role.id])
    enqueue_on_commit(send_role_email, role.id, "submitted")
    return role


@transaction.atomic
def role_update(*, role: Role, user, data: RoleInput) -> Role:
    """Save an edit. Whatever the role's status, the edit goes (back) to review.

    A pending role stays pending; an approved or rejected one becomes pending, and
    leaves the public listing until a moderator approves it again; a draft is submitted.
    """
    role = Role.objects.select_for_update().select_related("employer").get(pk=role.pk)
    if role.status not in EDITABLE_STATUSES:
        raise ActionNotAllowed(
            f"A role that is {role.get_status_display().lower()} cannot be edited: renew or "
            "duplicate it instead."
        )
    previous = role.status
    if previous != Status.PENDING:
        _check_pending_limit(role.employer)
    _apply(role, data)
    role.status = Status.PENDING
    role.rejection_reason = ""
    role.save()
    _set_relations(role, data)
    if previous == Status.DRAFT:
        _event(role, user, Action.SUBMITTED)
        enqueue_on_commit(send_role_email, role.id, "submitted")
    else:
        reason = {
            Status.APPROVED: "Edited while live: back in review.",
            Status.REJECTED: "Edited after rejection: resubmitted for review.",
        }.get(previous, "")
        _event(role, user, Action.EDITED, reason)
        if previous != Status.PENDING:
            enqueue_on_commit(send_role_email, role.id, "resubmitted")
    index_roles([role.id])
    return role


@transaction.atomic
def role_close(*, role: Role, user) -> Role:
    """Take a role down (filled, or withdrawn before review)."""
    role = Role.objects.select_for_update().get(pk=role.pk)
    if role.status not in CLOSABLE_STATUSES:
        raise ActionNotAllowed(f"This role is already {role.get_status_display().lower()}.")
    role.status = Status.CLOSED
    role.closed_at = timezone.now()
    role.save(update_fields=["status", "closed_at", "updated_at"])
    _event(role, user, Action.CLOSED)
    index_roles([role.id])
    return role


@transaction.atomic
def role_renew(*, role: Role, user, closes_on: date | None = None) -> Role:
    """List an expired role again until ``closes_on`` (default: 30 days from today).

    Its content was approved and has not changed since (an edit goes back to review),
    so it goes live again; a role that was never approved goes to review instead.
    """
    role = Role.objects.select_for_update().select_related("employer").get(pk=role.pk)
    if not role_is_renewable(role):
        raise ActionNotAllowed("Only a role past its closing date can be renewed.")
    today = timezone.localdate()
    closes_on = closes_on or today + timedelta(days=settings.POSTING_DEFAULT_DAYS)
    if not today < closes_on <= today + timedelta(days=settings.POSTING_MAX_DAYS):
        raise ActionNotAllowed(
            f"The new closing date must be within {settings.POSTING_MAX_DAYS} days."
        )
    if role.approved_at is None:
        _check_pending_limit(role.employer)
        role.status = Status.PENDING
    else:
        role.status = Status.APPROVED
    role.expires_at = closing_datetime(closes_on)
    role.closed_at = None
    role.save(update_fields=["status", "expires_at", "closed_at", "updated_at"])
    _event(role, user, Action.RENEWED, f"New closing date {closes_on:%-d %b %Y}.")
    index_roles([role.id])
    return role


@transaction.atomic
def role_duplicate(*, role: Role, user) -> Role:
    """A draft copy of ``role`` for the owner to edit and submit as a new role."""
    copy = Role(
        employer=role.employer,
        created_by=user,
        status=Status.DRAFT,
        title=role.title,
        description=role.description,
        description_markdown=role.description_markdown,
        city=role.city,
        state=role.state,
        workplace=role.workplace,
        location_text=role.location_text,
        employment_type=role.employment_type,
        seniority=role.seniority,
        salary_min=role.salary_min,
        salary_max=role.salary_max,
        salary_text=role.salary_text,
        sponsorship=role.sponsorship,
        sponsorship_evidence=role.sponsorship_evidence,
        occupation=role.occupation,
        apply_url=role.apply_url,
        apply_email=role.apply_email,
    )
    copy.save()
    copy.specialties.set(role.specialties.all())
    copy.visa_subclasses.set(role.visa_subclasses.all())
    copy.visa_streams.set(role.visa_streams.all())
    index_roles([copy.id])
    return copy
