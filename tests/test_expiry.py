"""The daily expiry work: closing roles past their date, and one reminder 5 Australian days before.

Dates are checked in Australia/Sydney around midnight and across the end of daylight
saving (Sunday 5 April 2026, when 03:00 AEDT becomes 02:00 AEST).
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.utils import timezone

from listings.models import ModerationEvent, Role
from listings.moderation import services
from listings.moderation.services import (
    reminder_window_end,
    roles_expire_due,
    roles_remind_expiring,
)
from listings.moderation.tasks import expire_roles, remind_expiring_roles
from listings.posting.services import closing_datetime, role_renew
from tests.factories import ApprovedRoleFactory, MembershipFactory, PendingRoleFactory, UserFactory

pytestmark = pytest.mark.django_db

SYDNEY = ZoneInfo("Australia/Sydney")
UTC = ZoneInfo("UTC")


def sydney(*args) -> datetime:
    return datetime(*args, tzinfo=SYDNEY)


def live_role(closes_on: date, **kwargs) -> Role:
    member = MembershipFactory(user=UserFactory(email="owner@acme.example"))
    return ApprovedRoleFactory(
        employer=member.employer, expires_at=closing_datetime(closes_on), **kwargs
    )


def test_the_site_works_in_sydney_time():
    assert settings.TIME_ZONE == "Australia/Sydney"
    # The closing moment is the end of the day in Sydney, before and after DST ends.
    assert closing_datetime(date(2026, 4, 4)).astimezone(UTC) == datetime(
        2026, 4, 4, 12, 59, 59, tzinfo=UTC
    )
    assert closing_datetime(date(2026, 4, 8)).astimezone(UTC) == datetime(
        2026, 4, 8, 13, 59, 59, tzinfo=UTC
    )


# --- Expiry ----------------------------------------------------------------------------------


def test_roles_expire_at_the_end_of_their_closing_day_in_sydney():
    role = live_role(date(2026, 4, 8))
    assert roles_expire_due(now=sydney(2026, 4, 8, 23, 59, 58)) == []
    role.refresh_from_db()
    assert role.status == Role.Status.APPROVED
    # 00:00 on the 9th in Sydney is still the 8th in UTC: the aware comparison gets it right.
    just_after = sydney(2026, 4, 9, 0, 0, 0)
    assert just_after.astimezone(UTC).date() == date(2026, 4, 8)
    assert roles_expire_due(now=just_after) == [role.pk]
    role.refresh_from_db()
    assert role.status == Role.Status.EXPIRED
    [event] = ModerationEvent.objects.filter(role=role)
    assert event.action == "expired" and event.actor is None and event.created_at == just_after


@pytest.mark.parametrize(
    ("closes_on", "beat_utc"),
    [
        (date(2026, 4, 4), datetime(2026, 4, 4, 14, 5, tzinfo=UTC)),  # AEDT: 01:05 on the 5th
        (date(2026, 4, 8), datetime(2026, 4, 8, 14, 5, tzinfo=UTC)),  # AEST: 00:05 on the 9th
    ],
)
def test_the_daily_beat_time_comes_just_after_the_closing_day_either_side_of_dst(
    closes_on, beat_utc
):
    role = live_role(closes_on)
    day_before = beat_utc - timedelta(days=1)
    assert roles_expire_due(now=day_before) == []
    assert timezone.localdate(beat_utc) == closes_on + timedelta(days=1)
    assert roles_expire_due(now=beat_utc) == [role.pk]


def test_expiry_is_idempotent_and_only_touches_live_roles_past_their_date(monkeypatch):
    now = timezone.now()
    due = [ApprovedRoleFactory(expires_at=now - timedelta(hours=h)) for h in (1, 30)]
    future = ApprovedRoleFactory(expires_at=now + timedelta(hours=1))
    pending = PendingRoleFactory(expires_at=now - timedelta(days=3))
    calls = []
    monkeypatch.setattr(services, "index_roles", lambda ids=None, **kw: calls.append(ids))
    assert roles_expire_due(now=now) == sorted(r.pk for r in due)
    assert roles_expire_due(now=now) == []
    assert calls == [sorted(r.pk for r in due)]
    assert ModerationEvent.objects.filter(action="expired").count() == 2
    future.refresh_from_db()
    pending.refresh_from_db()
    assert future.status == "approved" and pending.status == "pending"
    assert not Role.objects.visible().filter(pk__in=[r.pk for r in due]).exists()


def test_the_expiry_task_runs_the_service():
    role = ApprovedRoleFactory(expires_at=timezone.now() - timedelta(minutes=1))
    assert expire_roles.delay().get() == [role.pk]
    role.refresh_from_db()
    assert role.status == "expired"


# --- Reminders -------------------------------------------------------------------------------


def test_the_reminder_window_counts_sydney_calendar_days():
    # 08:00 on Friday 3 April in Sydney is still Thursday 2 April in UTC.
    now = sydney(2026, 4, 3, 8, 0)
    assert now.astimezone(UTC).date() == date(2026, 4, 2)
    assert reminder_window_end(now) == sydney(2026, 4, 9, 0, 0)


def test_a_reminder_goes_five_sydney_days_before_across_the_end_of_dst(
    django_capture_on_commit_callbacks,
):
    role = live_role(date(2026, 4, 8))  # the 8th is after DST ends on the 5th
    mail.outbox.clear()
    # Thursday 2 April, late evening: six days to go, no reminder yet.
    with django_capture_on_commit_callbacks(execute=True):
        assert roles_remind_expiring(now=sydney(2026, 4, 2, 23, 30)) == []
    # Friday 3 April, 08:00 AEDT: five days to go. A UTC date (the 2nd) or 5×24 hours from now
    # (7 April 21:00 UTC, before the closing moment) would both get this wrong.
    now = sydney(2026, 4, 3, 8, 0)
    assert now + timedelta(days=5) < role.expires_at
    with django_capture_on_commit_callbacks(execute=True):
        assert roles_remind_expiring(now=now) == [role.pk]
    [message] = mail.outbox
    assert message.subject == f"Closing soon: {role.title}"
    assert message.to == ["owner@acme.example"]
    assert "8 Apr 2026" in message.body and "/dashboard/" in message.body
    event = ModerationEvent.objects.get(role=role, action="expiry_reminded")
    assert event.actor is None and event.reason == "Closes 8 Apr 2026."


def test_the_reminder_is_sent_once(django_capture_on_commit_callbacks):
    role = live_role(date(2026, 4, 8))
    mail.outbox.clear()
    for now in (
        sydney(2026, 4, 3, 8, 0),
        sydney(2026, 4, 3, 8, 0),  # the same run twice
        sydney(2026, 4, 3, 9, 0),
        sydney(2026, 4, 6, 8, 0),
        sydney(2026, 4, 8, 23, 0),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            roles_remind_expiring(now=now)
    assert len(mail.outbox) == 1
    assert ModerationEvent.objects.filter(role=role, action="expiry_reminded").count() == 1


def test_a_late_run_catches_up_and_other_roles_are_left_alone():
    soon = live_role(date(2026, 4, 5))  # closes in two days, never reminded
    later = live_role(date(2026, 4, 20))
    PendingRoleFactory(expires_at=closing_datetime(date(2026, 4, 5)))
    gone = ApprovedRoleFactory(expires_at=sydney(2026, 4, 2, 12, 0))  # already past closing
    assert roles_remind_expiring(now=sydney(2026, 4, 3, 8, 0)) == [soon.pk]
    assert not ModerationEvent.objects.filter(role__in=[later, gone]).exists()


def test_a_renewed_role_is_reminded_again_before_its_new_closing_date(
    django_capture_on_commit_callbacks,
):
    today = timezone.localdate()
    role = live_role(today + timedelta(days=3))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert roles_remind_expiring() == [role.pk]
    # It expires, the employer renews it, and its new closing date gets its own reminder.
    roles_expire_due(now=role.expires_at + timedelta(seconds=1))
    role.refresh_from_db()
    role = role_renew(
        role=role, user=role.employer.members.get(), closes_on=today + timedelta(days=20)
    )
    assert roles_remind_expiring() == []  # 20 days away
    five_days_before = datetime.combine(
        today + timedelta(days=15), datetime.min.time().replace(hour=8)
    )
    with django_capture_on_commit_callbacks(execute=True):
        reminded = roles_remind_expiring(now=timezone.make_aware(five_days_before))
    assert reminded == [role.pk]
    assert len(mail.outbox) == 2
    assert ModerationEvent.objects.filter(role=role, action="expiry_reminded").count() == 2


def test_the_reminder_task_runs_the_service():
    role = live_role(timezone.localdate() + timedelta(days=2))
    assert remind_expiring_roles.delay().get() == [role.pk]
    assert remind_expiring_roles.delay().get() == []


def test_both_run_daily_from_beat():
    schedule = settings.CELERY_BEAT_SCHEDULE
    expire = schedule["moderation-expire-roles"]
    remind = schedule["moderation-remind-expiring-roles"]
    assert expire["task"] == "listings.moderation.tasks.expire_roles"
    assert remind["task"] == "listings.moderation.tasks.remind_expiring_roles"
    assert isinstance(expire["schedule"], crontab) and isinstance(remind["schedule"], crontab)
    assert expire["schedule"].hour == {14} and expire["schedule"].minute == {5}
    assert settings.CELERY_TIMEZONE == "UTC"
    # 14:05 UTC is after midnight in Sydney in winter (AEST) and in summer (AEDT).
    for day in (date(2026, 1, 15), date(2026, 7, 15)):
        at = datetime(day.year, day.month, day.day, 14, 5, tzinfo=UTC).astimezone(SYDNEY)
        assert at.date() == day + timedelta(days=1) and at.hour in (0, 1)
