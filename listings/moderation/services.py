"""Moderator writes: approve, reject, take down, resolve reports; and the daily expiry work.

The admin (listings/moderation/admin.py), the report view and the beat tasks call these.
Each one checks who may act, writes a ModerationEvent (who, what, when, why), refreshes
the search index when a role's status changes, and e-mails the employer once the
transaction commits, through listings.outbox.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from listings.models import ListingReport, ModerationEvent, Role
from listings.moderation.flags import MODERATE_PERMISSION
from listings.notifications.tasks import send_role_email
from listings.outbox import enqueue_on_commit
from listings.posting.services import closing_datetime
from listings.search.index import index_roles

Status = Role.Status
Action = ModerationEvent.Action

APPROVABLE_STATUSES = frozenset({Status.PENDING, Status.REJECTED})
REJECTABLE_STATUSES = frozenset({Status.PENDING, Status.APPROVED})
# The expiry reminder goes this many days (Australian calendar days) before the closing date.
REMINDER_DAYS = 5


class ModerationError(Exception):
    """A moderation write the rules refuse. Its message is written for the moderator."""


class ReportError(Exception):
    """A report that cannot be taken (the role is not live)."""


@dataclass
class BulkResult:
    done: list[Role] = field(default_factory=list)
    skipped: list[Role] = field(default_factory=list)


def user_can_moderate(user) -> bool:
    return bool(user and user.is_active and user.has_perm(MODERATE_PERMISSION))


def _require_moderator(user) -> None:
    if not user_can_moderate(user):
        raise PermissionDenied("Moderating roles needs the “can moderate roles” permission.")


def _event(role_id: int, user, action: str, reason: str = "", *, at: datetime | None = None):
    return ModerationEvent(
        role_id=role_id, actor=user, action=action, reason=reason, created_at=at or timezone.now()
    )


def _status_words(role: Role) -> str:
    return role.get_status_display().lower()


# --- Approve ---------------------------------------------------------------------------


def approval_expiry(role: Role, *, now: datetime) -> datetime:
    """The employer's closing date when it is still ahead; else the default listing period."""
    if role.expires_at is not None and role.expires_at > now:
        return role.expires_at
    return closing_datetime(timezone.localdate(now) + timedelta(days=settings.POSTING_DEFAULT_DAYS))


def _mark_approved(role: Role, now: datetime) -> None:
    role.status = Status.APPROVED
    role.approved_at = now
    role.posted_at = role.posted_at or now
    role.expires_at = approval_expiry(role, now=now)
    role.rejection_reason = ""
    role.closed_at = None
    role.updated_at = now


_APPROVAL_FIELDS = [
    "status",
    "approved_at",
    "posted_at",
    "expires_at",
    "rejection_reason",
    "closed_at",
    "updated_at",
]


def _approval_note(role: Role) -> str:
    return f"Listed until {timezone.localtime(role.expires_at):%-d %b %Y}."


@transaction.atomic
def role_approve(*, role: Role, user) -> Role:
    """Publish a pending (or previously rejected) role and tell the employer."""
    _require_moderator(user)
    role = Role.objects.select_for_update().get(pk=role.pk)
    if role.status not in APPROVABLE_STATUSES:
        raise ModerationError(f"“{role.title}” is {_status_words(role)}: it cannot be approved.")
    now = timezone.now()
    _mark_approved(role, now)
    role.save(update_fields=_APPROVAL_FIELDS)
    _event(role.id, user, Action.APPROVED, _approval_note(role), at=now).save()
    index_roles([role.id])
    enqueue_on_commit(send_role_email, role.id, "approved")
    return role


@transaction.atomic
def roles_approve_bulk(*, roles: Iterable[Role], user) -> BulkResult:
    """Approve every pending role of ``roles``; the others are skipped and reported back.

    A fixed number of queries for any number of roles, and one e-mail per approved role.
    """
    _require_moderator(user)
    ids = [role.pk for role in roles]
    locked = list(Role.objects.select_for_update().filter(pk__in=ids).order_by("created_at", "id"))
    result = BulkResult()
    now = timezone.now()
    for role in locked:
        if role.status in APPROVABLE_STATUSES:
            _mark_approved(role, now)
            result.done.append(role)
        else:
            result.skipped.append(role)
    if result.done:
        Role.objects.bulk_update(result.done, _APPROVAL_FIELDS)
        ModerationEvent.objects.bulk_create(
            [
                _event(role.id, user, Action.APPROVED, _approval_note(role), at=now)
                for role in result.done
            ]
        )
        index_roles([role.id for role in result.done])
        for role in result.done:
            enqueue_on_commit(send_role_email, role.id, "approved")
    return result


# --- Reject and take down ----------------------------------------------------------------


def _action_open_reports(role: Role, user, now: datetime, outcome: str) -> int:
    """Mark the role's open reports actioned by this decision, and record that."""
    actioned = ListingReport.objects.filter(role=role, status=ListingReport.Status.OPEN).update(
        status=ListingReport.Status.ACTIONED, resolved_at=now, resolved_by=user
    )
    if actioned:
        _event(
            role.id,
            user,
            Action.REPORT_ACTIONED,
            f"{actioned} open report{'s' if actioned > 1 else ''}: {outcome}.",
            at=now,
        ).save()
    return actioned


@transaction.atomic
def role_reject(*, role: Role, user, reason: str) -> Role:
    """Refuse a pending role, or take a live one off the board, with a reason the employer reads."""
    _require_moderator(user)
    reason = reason.strip()
    if not reason:
        raise ModerationError("Give the employer a reason: choose one or write it.")
    role = Role.objects.select_for_update().get(pk=role.pk)
    if role.status not in REJECTABLE_STATUSES:
        raise ModerationError(f"“{role.title}” is {_status_words(role)}: it cannot be rejected.")
    was_live = role.status == Status.APPROVED
    now = timezone.now()
    role.status = Status.REJECTED
    role.rejection_reason = reason
    role.updated_at = now
    role.save(update_fields=["status", "rejection_reason", "updated_at"])
    _event(role.id, user, Action.REJECTED, reason, at=now).save()
    _action_open_reports(role, user, now, "role rejected")
    index_roles([role.id])
    # A live role was not "not approved": the employer hears that it left the board.
    enqueue_on_commit(send_role_email, role.id, "removed" if was_live else "rejected")
    return role


@transaction.atomic
def roles_reject_bulk(*, roles: Iterable[Role], user, reason: str) -> BulkResult:
    """Reject each of ``roles`` with the same reason; roles that cannot be rejected are skipped."""
    _require_moderator(user)
    if not reason.strip():
        raise ModerationError("Give the employer a reason: choose one or write it.")
    result = BulkResult()
    for role in roles:
        try:
            result.done.append(role_reject(role=role, user=user, reason=reason))
        except ModerationError:
            result.skipped.append(role)
    return result


@transaction.atomic
def role_take_down(*, role: Role, user, reason: str) -> Role:
    """Close a live role on a moderator's decision (e.g. reported as filled); the employer is told why."""
    _require_moderator(user)
    reason = reason.strip()
    if not reason:
        raise ModerationError("Say why the role is being closed: the employer is told.")
    role = Role.objects.select_for_update().get(pk=role.pk)
    if role.status != Status.APPROVED:
        raise ModerationError(
            f"“{role.title}” is {_status_words(role)}: only a live role is closed."
        )
    now = timezone.now()
    role.status = Status.CLOSED
    role.closed_at = now
    role.updated_at = now
    role.save(update_fields=["status", "closed_at", "updated_at"])
    _event(role.id, user, Action.CLOSED, reason, at=now).save()
    _action_open_reports(role, user, now, "role closed")
    index_roles([role.id])
    enqueue_on_commit(send_role_email, role.id, "taken_down", reason)
    return role


# --- Reports -------------------------------------------------------------------------------


def report_create(
    *, role: Role, reason: str, details: str = "", contact_email: str = ""
) -> ListingReport:
    """A user's flag on a live role; it raises the role in the review queue."""
    if not Role.objects.visible().filter(pk=role.pk).exists():
        raise ReportError("Only a role that is listed can be reported.")
    if reason not in ListingReport.Reason.values:
        raise ReportError(f"Unknown report reason: {reason!r}")
    return ListingReport.objects.create(
        role=role, reason=reason, details=details.strip(), contact_email=contact_email.strip()
    )


class ReportOutcome:
    DISMISS = "dismiss"
    REJECT = "reject"
    CLOSE = "close"
    ALL = (DISMISS, REJECT, CLOSE)


@transaction.atomic
def report_resolve(*, report: ListingReport, user, outcome: str, reason: str = "") -> ListingReport:
    """Resolve a report: dismiss it, or act on its role (reject, or close it).

    Acting on the role resolves every open report on it, as actioned; dismissing
    resolves only this one. Either way a ModerationEvent records it.
    """
    _require_moderator(user)
    if outcome not in ReportOutcome.ALL:
        raise ModerationError(f"Unknown outcome: {outcome!r}")
    report = ListingReport.objects.select_for_update().select_related("role").get(pk=report.pk)
    if report.status != ListingReport.Status.OPEN:
        raise ModerationError("This report was already resolved.")
    if outcome == ReportOutcome.REJECT:
        role_reject(role=report.role, user=user, reason=reason)
    elif outcome == ReportOutcome.CLOSE:
        role_take_down(role=report.role, user=user, reason=reason)
    else:
        now = timezone.now()
        report.status = ListingReport.Status.DISMISSED
        report.resolved_at, report.resolved_by = now, user
        report.save(update_fields=["status", "resolved_at", "resolved_by"])
        note = f"“{report.get_reason_display()}” report dismissed"
        _event(
            report.role_id, user, Action.REPORT_DISMISSED, f"{note}. {reason}".strip(), at=now
        ).save()
    report.refresh_from_db()
    return report


# --- Expiry (beat tasks) -------------------------------------------------------------------


@transaction.atomic
def roles_expire_due(*, now: datetime | None = None) -> list[int]:
    """Expire live roles whose closing date has passed; returns their ids. Safe to run twice."""
    now = now or timezone.now()
    due = list(
        Role.objects.select_for_update()
        .filter(status=Status.APPROVED, expires_at__lte=now)
        .order_by("id")
        .values_list("id", flat=True)
    )
    if not due:
        return []
    Role.objects.filter(id__in=due, status=Status.APPROVED).update(
        status=Status.EXPIRED, updated_at=now
    )
    ModerationEvent.objects.bulk_create(
        [_event(role_id, None, Action.EXPIRED, "Past its closing date.", at=now) for role_id in due]
    )
    index_roles(due)
    return due


def reminder_window_end(now: datetime) -> datetime:
    """The start of the Australian day after the one REMINDER_DAYS from today (exclusive end).

    Calendar days in the site's time zone, so "5 days before" follows Sydney dates across
    daylight-saving changes, whatever UTC day the task runs on.
    """
    last_day = timezone.localdate(now) + timedelta(days=REMINDER_DAYS)
    return timezone.make_aware(datetime.combine(last_day + timedelta(days=1), time.min))


def _reminded_since(expires_at: datetime) -> datetime:
    # A reminder sent in the last REMINDER_DAYS + 1 days before this closing date was about it.
    return expires_at - timedelta(days=REMINDER_DAYS + 1)


def roles_remind_expiring(*, now: datetime | None = None) -> list[int]:
    """E-mail each live role's employer once, REMINDER_DAYS days before the closing date.

    A ModerationEvent records each reminder; a role already reminded about its current
    closing date is skipped, so the task can run any number of times a day.
    """
    now = now or timezone.now()
    candidates = dict(
        Role.objects.filter(
            status=Status.APPROVED, expires_at__gt=now, expires_at__lt=reminder_window_end(now)
        ).values_list("id", "expires_at")
    )
    sent = {}
    for role_id, created_at in ModerationEvent.objects.filter(
        role_id__in=candidates, action=Action.EXPIRY_REMINDED
    ).values_list("role_id", "created_at"):
        sent[role_id] = max(created_at, sent.get(role_id, created_at))
    reminded = []
    for role_id, expires_at in sorted(candidates.items()):
        if role_id in sent and sent[role_id] >= _reminded_since(expires_at):
            continue
        if _remind(role_id, now):
            reminded.append(role_id)
    return reminded


@transaction.atomic
def _remind(role_id: int, now: datetime) -> bool:
    """Claim and send one reminder; the row lock makes two runs at once send one."""
    role = (
        Role.objects.select_for_update()
        .filter(pk=role_id, status=Status.APPROVED, expires_at__gt=now)
        .first()
    )
    if role is None:
        return False
    if ModerationEvent.objects.filter(
        role_id=role_id,
        action=Action.EXPIRY_REMINDED,
        created_at__gte=_reminded_since(role.expires_at),
    ).exists():
        return False
    closes = timezone.localtime(role.expires_at)
    _event(role_id, None, Action.EXPIRY_REMINDED, f"Closes {closes:%-d %b %Y}.", at=now).save()
    enqueue_on_commit(send_role_email, role_id, "expiring")
    return True
