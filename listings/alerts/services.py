"""E-mail alert writes: sign up (double opt-in), confirm, unsubscribe, resume, and the digest.

Views, the admin and the Celery tasks in listings/alerts/tasks.py call these. Reads (the
matcher, due alerts, links, e-mail composition) are in listings/alerts/matching.py.

Sending a digest is idempotent, in two layers:

1. **A lease on the alert.** A run claims the alert with a conditional UPDATE
   (``claimed_until`` empty or past) and goes on only if that changed a row, so one run at a
   time works on an alert whatever the number of workers or retries. The lease outlives the
   task's hard time limit, so it cannot run out under a run that is still going.
2. **The delivery table.** The roles of a digest are inserted into AlertDelivery before the
   e-mail is sent (INSERT ... ON CONFLICT DO NOTHING, tagged with the digest's batch id and
   read back by it), and UniqueConstraint(alert, role) refuses a role a second row. A role is
   claimed for at most one digest of an alert, ever: no duplicates across runs, and none
   between two workers even without the lease.

An address the mail server refuses for good (a 5xx reply to the recipient) stops the alert, as
an unsubscribe would; any other sending error leaves it for a retry.

When the send fails after the claim, the claim stands and ``sent_at`` stays empty: the next
run (the task's retry, or the next beat) sends that same batch again before it looks for new
roles. So each role goes out at most once, with one exception no database can close: a
worker that dies after the mail server accepted the message and before ``sent_at`` was
written leaves the batch to be sent again (at least once for that digest, not lost).
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta
from smtplib import SMTPRecipientsRefused

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone

from listings.alerts.matching import (
    ConfirmTokenExpired,
    ConfirmTokenInvalid,
    alert_digest_email,
    alert_headers,
    alert_is_due,
    alert_new_roles,
    confirm_token_alert,
    search_normalise,
)
from listings.models import AlertDelivery, JobAlert, Role
from listings.outbox import enqueue_on_commit

logger = logging.getLogger(__name__)

Frequency = JobAlert.Frequency

# Longer than a task's hard time limit (CELERY_TASK_TIME_LIMIT, 12 minutes): a run is killed
# before its lease runs out, so no second run starts while the first is still sending.
DIGEST_LEASE = timedelta(minutes=15)


class AlertError(Exception):
    """An alert write the rules refuse. Its message is written for the subscriber."""


class AlertLimitReached(AlertError):
    pass


class AlertTokenExpired(AlertError):
    pass


class AlertTokenInvalid(AlertError):
    pass


def email_normalise(email: str) -> str:
    """Addresses are stored and compared lower-cased (caps, duplicates and rate limits)."""
    return email.strip().lower()


def _held_for_cap(email: str, now: datetime):
    """The address's alerts that count towards ALERT_MAX_PER_EMAIL: on, or waiting for a
    confirmation link that still works (so nobody can fill someone's quota for long)."""
    stale = now - timedelta(seconds=settings.ALERT_CONFIRM_MAX_AGE)
    return (
        JobAlert.objects.held()
        .filter(email=email)
        .exclude(confirmed_at__isnull=True, requested_at__lt=stale)
    )


# --- Sign up and confirm ---------------------------------------------------------------


def alert_create(
    *,
    email: str,
    search,
    frequency: str = Frequency.DAILY,
    user=None,
    now: datetime | None = None,
) -> JobAlert:
    """Save ``search`` (a QueryDict, dict or querystring of /jobs/ parameters) for ``email``
    and e-mail a confirmation link once the transaction commits. Nothing else is sent until
    the link is followed.

    Asking again for a search the address already holds reuses that alert (and sends the
    link again; an alert already on gets a note on how to manage it), so the response never
    tells a stranger whether an address is subscribed. Raises AlertLimitReached when the
    address holds ALERT_MAX_PER_EMAIL alerts.
    """
    now = now or timezone.now()
    email = email_normalise(email)
    query = search_normalise(search)
    if frequency not in Frequency.values:
        raise AlertError(f"Choose how often: {', '.join(Frequency.labels).lower()}.")
    try:
        with transaction.atomic():
            alert = _alert_create_or_reuse(
                email=email, query=query, frequency=frequency, user=user, now=now
            )
    except IntegrityError:
        # Two requests for the same new alert at once: the other one created it.
        with transaction.atomic():
            alert = _alert_create_or_reuse(
                email=email, query=query, frequency=frequency, user=user, now=now
            )
    enqueue_on_commit("listings.alerts.tasks.send_alert_confirmation", alert.id)
    return alert


def _alert_create_or_reuse(*, email, query, frequency, user, now) -> JobAlert:
    alert = JobAlert.objects.select_for_update().held().filter(email=email, query=query).first()
    if alert is None:
        limit = settings.ALERT_MAX_PER_EMAIL
        if _held_for_cap(email, now).count() >= limit:
            raise AlertLimitReached(
                f"This address already has {limit} alerts, the most one address can hold. "
                "Unsubscribe from one you no longer need (every alert e-mail has the link), "
                "then try again."
            )
        return JobAlert.objects.create(
            email=email,
            query=query,
            frequency=frequency,
            user=user if user is not None and user.is_authenticated else None,
            created_at=now,
            requested_at=now,
        )
    alert.requested_at = now
    fields = ["requested_at"]
    if alert.confirmed_at is None:
        alert.frequency = frequency  # not yet on: the latest request says how often
        fields.append("frequency")
    if alert.user_id is None and user is not None and user.is_authenticated:
        alert.user = user
        fields.append("user")
    alert.save(update_fields=fields)
    return alert


def alert_confirm(*, token: str, now: datetime | None = None) -> JobAlert:
    """Follow a confirmation link: the alert is on, and new roles are counted from now.

    Idempotent: following it again changes nothing. An unsubscribed alert stays off.
    Raises AlertTokenExpired (older than ALERT_CONFIRM_MAX_AGE) or AlertTokenInvalid.
    """
    now = now or timezone.now()
    try:
        alert = confirm_token_alert(token)
    except ConfirmTokenExpired as exc:
        raise AlertTokenExpired(
            "This confirmation link has expired. Subscribe again and we'll send a new one."
        ) from exc
    except ConfirmTokenInvalid as exc:
        raise AlertTokenInvalid(
            "This confirmation link isn't one we sent, or its alert was removed."
        ) from exc
    JobAlert.objects.filter(
        pk=alert.pk, confirmed_at__isnull=True, unsubscribed_at__isnull=True
    ).update(confirmed_at=now, sent_through=now, last_checked_at=now)
    alert.refresh_from_db()
    return alert


# --- Manage ----------------------------------------------------------------------------


def alert_unsubscribe(*, alert: JobAlert, now: datetime | None = None) -> bool:
    """Stop the alert (no log-in needed: the caller holds its token). True if it was on.

    A digest still waiting to be retried is dropped with it.
    """
    now = now or timezone.now()
    with transaction.atomic():
        changed = JobAlert.objects.filter(pk=alert.pk, unsubscribed_at__isnull=True).update(
            unsubscribed_at=now
        )
        AlertDelivery.objects.filter(alert=alert, sent_at__isnull=True).delete()
    alert.refresh_from_db()
    return bool(changed)


@transaction.atomic
def alert_resume(*, alert: JobAlert, now: datetime | None = None) -> JobAlert:
    """Turn an unsubscribed (once confirmed) alert back on; roles approved while it was off
    are not sent. Raises AlertError when the address holds the search again, or is at its cap."""
    now = now or timezone.now()
    alert = JobAlert.objects.select_for_update().get(pk=alert.pk)
    if alert.unsubscribed_at is None:
        return alert
    if alert.confirmed_at is None:
        raise AlertError("This alert was never confirmed: subscribe again from the search.")
    if JobAlert.objects.held().filter(email=alert.email, query=alert.query).exists():
        raise AlertError("This address already has an alert for this search.")
    if _held_for_cap(alert.email, now).count() >= settings.ALERT_MAX_PER_EMAIL:
        raise AlertLimitReached(
            f"This address already has {settings.ALERT_MAX_PER_EMAIL} alerts, the most one "
            "address can hold."
        )
    alert.unsubscribed_at = None
    alert.sent_through = max(alert.sent_through or now, now)
    alert.last_checked_at = now
    alert.save(update_fields=["unsubscribed_at", "sent_through", "last_checked_at"])
    return alert


def alert_set_frequency(*, alert: JobAlert, frequency: str) -> JobAlert:
    """Daily or weekly; the next digest is due a period after the last one ran."""
    if frequency not in Frequency.values:
        raise AlertError(f"Choose how often: {', '.join(Frequency.labels).lower()}.")
    JobAlert.objects.filter(pk=alert.pk).update(frequency=frequency)
    alert.refresh_from_db()
    return alert


def alerts_purge_unconfirmed(*, now: datetime | None = None) -> int:
    """Delete alerts never confirmed whose last confirmation link has expired."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.ALERT_CONFIRM_MAX_AGE)
    deleted, _ = JobAlert.objects.filter(confirmed_at__isnull=True, requested_at__lt=stale).delete()
    return deleted


# --- The digest ------------------------------------------------------------------------


def alert_claim(*, alert_id: int, now: datetime) -> bool:
    """Take the alert's digest lease; False when another run holds it."""
    return bool(
        JobAlert.objects.filter(pk=alert_id)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lte=now))
        .update(claimed_until=now + DIGEST_LEASE)
    )


def alert_release(*, alert_id: int) -> None:
    JobAlert.objects.filter(pk=alert_id).update(claimed_until=None)


def deliveries_claim(*, alert: JobAlert, now: datetime) -> list[int]:
    """Claim the alert's new matching roles for one digest; the ids this call got.

    One transaction: insert a delivery per role (conflicts ignored: a role another run
    claimed stays its), read back this batch's rows, move the watermark to the newest
    approval claimed and record the check. An empty list when there was nothing new.
    """
    batch = uuid.uuid4()
    with transaction.atomic():
        candidates = list(alert_new_roles(alert).order_by().values_list("id", flat=True))
        AlertDelivery.objects.bulk_create(
            [
                AlertDelivery(alert=alert, role_id=rid, batch=batch, claimed_at=now)
                for rid in candidates
            ],
            ignore_conflicts=True,
        )
        claimed = list(
            AlertDelivery.objects.filter(alert=alert, batch=batch).values_list("role_id", flat=True)
        )
        newest = Role.objects.filter(id__in=claimed).aggregate(newest=Max("approved_at"))["newest"]
        updates = {"last_checked_at": now}
        if newest is not None and (alert.sent_through is None or newest > alert.sent_through):
            updates["sent_through"] = newest
        JobAlert.objects.filter(pk=alert.pk).update(**updates)
    return claimed


def _pending_batch(alert: JobAlert) -> list[int]:
    """The roles of a digest that was claimed but not sent (its send failed)."""
    return list(
        AlertDelivery.objects.filter(alert=alert, sent_at__isnull=True).values_list(
            "role_id", flat=True
        )
    )


def alert_send_digest(*, alert_id: int, now: datetime | None = None, force: bool = False) -> int:
    """E-mail one alert its new matching roles, if it is due and there are any; how many.

    A failed digest is sent again first, with the same roles (those still live). Sending
    errors propagate (after the lease is released) so the task can retry. ``force`` sends
    what is new without waiting for the day or week to pass (``manage.py alerts send``).
    """
    now = now or timezone.now()
    if not alert_claim(alert_id=alert_id, now=now):
        logger.info("alert %s: another run holds it", alert_id)
        return 0
    try:
        alert = JobAlert.objects.filter(pk=alert_id).first()
        if alert is None or not alert.is_active:
            return 0
        role_ids = _pending_batch(alert)
        if not role_ids:
            if not (force or alert_is_due(alert, now=now)):
                return 0
            role_ids = deliveries_claim(alert=alert, now=now)
            if not role_ids:
                return 0
        return _digest_send(alert=alert, role_ids=role_ids, now=now)
    finally:
        alert_release(alert_id=alert_id)


def _digest_send(*, alert: JobAlert, role_ids: list[int], now: datetime) -> int:
    roles = list(
        Role.objects.visible()
        .filter(id__in=role_ids)
        .select_related("employer")
        .prefetch_related("visa_subclasses", "visa_streams")
        .order_by("-approved_at", "-id")
    )
    live = {role.id for role in roles}
    gone = [rid for rid in role_ids if rid not in live]
    if gone:
        # Closed or expired since they were claimed: never sent, so not recorded as sent.
        AlertDelivery.objects.filter(alert=alert, role_id__in=gone, sent_at__isnull=True).delete()
    if not roles:
        return 0
    shown = roles[: settings.ALERT_DIGEST_MAX_ROLES]
    email = alert_digest_email(alert, roles=shown, total=len(roles))
    message = EmailMultiAlternatives(
        subject=email.subject, body=email.text, to=[alert.email], headers=alert_headers(alert)
    )
    message.attach_alternative(email.html, "text/html")
    try:
        message.send()
    except SMTPRecipientsRefused as exc:
        if not _refused_for_good(exc):
            raise  # "mailbox full", greylisting: the retry may get through
        # The mail server says the address does not take mail (5xx): retrying every hour would
        # only knock on its door. The alert stops as if unsubscribed; signing up again restarts it.
        logger.warning("alert %s stopped: %s refused for good (%s)", alert.pk, alert.email, exc)
        alert_unsubscribe(alert=alert, now=now)
        return 0
    AlertDelivery.objects.filter(alert=alert, role_id__in=live, sent_at__isnull=True).update(
        sent_at=now
    )
    JobAlert.objects.filter(pk=alert.pk).update(last_sent_at=now)
    return len(roles)


def _refused_for_good(exc: SMTPRecipientsRefused) -> bool:
    """Every recipient refused with a permanent (5xx) reply."""
    return bool(exc.recipients) and all(
        isinstance(reply, tuple) and int(reply[0]) >= 500 for reply in exc.recipients.values()
    )
