"""E-mail alerts: double opt-in, the digest (exactly the new matching roles, each once, also
when a send fails or two workers run at once), unsubscribing from the header and the link."""

import re
import threading
import uuid
from datetime import timedelta
from smtplib import SMTPException, SMTPRecipientsRefused
from urllib.parse import urlsplit

import pytest
from django.core import mail, signing
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from listings.alerts import services
from listings.alerts.matching import (
    LATE_APPROVAL_MARGIN,
    alert_headers,
    alert_links,
    alerts_due,
    confirm_token,
    confirm_token_alert,
)
from listings.alerts.services import (
    AlertLimitReached,
    AlertTokenExpired,
    AlertTokenInvalid,
    alert_claim,
    alert_confirm,
    alert_create,
    alert_release,
    alert_resume,
    alert_send_digest,
    alert_unsubscribe,
    alerts_purge_unconfirmed,
    deliveries_claim,
)
from listings.alerts.tasks import send_due_alerts
from listings.models import AlertDelivery, JobAlert, Role
from listings.visas import threshold_on
from tests.factories import (
    ClosedRoleFactory,
    EmployerFactory,
    ExpiredRoleFactory,
    PendingRoleFactory,
)
from tests.factories_alerts import ConfirmedAlertFactory, JobAlertFactory, approved_at

pytestmark = pytest.mark.django_db


def sent_titles(message) -> list[str]:
    return [
        line.strip()
        for line in message.body.splitlines()
        if line.strip().startswith(("Sydney", "Melbourne", "Role "))
    ]


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


# --- Sign up and double opt-in -----------------------------------------------------------


def test_signing_up_saves_the_normalised_search_and_sends_only_a_confirmation(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        alert = alert_create(
            email="  Ann@Example.COM ",
            search="state=NSW&visa=482&visa=999&sort=salary&page=3&sponsorship=offered&q=",
            frequency="weekly",
        )
    assert alert.email == "ann@example.com"
    assert alert.query == "visa=482&state=NSW"  # junk, sort, page and defaults dropped
    assert alert.frequency == "weekly"
    assert alert.confirmed_at is None and not alert.is_active

    [message] = mail.outbox
    assert message.to == ["ann@example.com"]
    assert message.subject.startswith("Confirm your job alert: 482 Skills in Demand · New South")
    links = alert_links(alert)
    # The link is signed with the second it was made: read it from the e-mail, not remade here.
    [confirm] = re.findall(r"http\S+/alerts/confirm/(\S+)/", message.body)
    assert confirm_token_alert(confirm) == alert
    assert f"/alerts/confirm/{confirm}/" in html_of(message)
    assert "482 Skills in Demand · New South Wales" in message.body
    assert links.unsubscribe in message.body  # even the confirmation can be stopped
    assert message.extra_headers["List-Unsubscribe"] == f"<{links.unsubscribe}>"


def test_nothing_is_sent_until_the_link_is_followed():
    alert = JobAlertFactory(query="visa=482", last_checked_at=timezone.now() - timedelta(days=3))
    approved_at(timezone.now() - timedelta(hours=1), title="Role new", visas=["482"])
    assert alert.id not in set(alerts_due(now=timezone.now()).values_list("id", flat=True))
    assert alert_send_digest(alert_id=alert.id) == 0
    assert mail.outbox == []
    assert not AlertDelivery.objects.exists()


def test_following_the_link_turns_the_alert_on_from_now():
    alert = JobAlertFactory()
    before = timezone.now()
    confirmed = alert_confirm(token=confirm_token(alert))
    assert confirmed.is_active
    assert confirmed.confirmed_at >= before
    # New roles count from the confirmation: nothing approved before it is ever sent.
    assert confirmed.sent_through == confirmed.confirmed_at
    # Following it again changes nothing.
    again = alert_confirm(token=confirm_token(alert))
    assert again.confirmed_at == confirmed.confirmed_at


def test_an_expired_confirmation_link_is_refused(monkeypatch, settings):
    alert = JobAlertFactory()
    eight_days_ago = timezone.now().timestamp() - 8 * 24 * 3600
    with monkeypatch.context() as m:
        m.setattr(
            signing.TimestampSigner,
            "timestamp",
            lambda self: signing.b62_encode(int(eight_days_ago)),
        )
        token = confirm_token(alert)
    with pytest.raises(AlertTokenExpired):
        alert_confirm(token=token)
    alert.refresh_from_db()
    assert alert.confirmed_at is None
    # Within the configured age it works.
    settings.ALERT_CONFIRM_MAX_AGE = 9 * 24 * 3600
    assert alert_confirm(token=token).is_active


def test_a_forged_or_foreign_confirmation_link_is_refused():
    alert = JobAlertFactory()
    token = confirm_token(alert)
    with pytest.raises(AlertTokenInvalid):
        alert_confirm(token=token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    # Signed, but for another purpose (another salt): refused.
    with pytest.raises(AlertTokenInvalid):
        alert_confirm(token=signing.dumps({"id": alert.id, "t": alert.token[:10]}))
    # Signed for an alert that was deleted and whose id came back: refused.
    other = signing.dumps({"id": alert.id, "t": "not-its-secret"}, salt="listings.alerts.confirm")
    with pytest.raises(AlertTokenInvalid):
        alert_confirm(token=other)
    alert.refresh_from_db()
    assert alert.confirmed_at is None


def test_an_unsubscribed_alert_is_not_turned_back_on_by_an_old_confirmation_link():
    alert = JobAlertFactory()
    alert_unsubscribe(alert=alert)
    assert not alert_confirm(token=confirm_token(alert)).is_active


def test_asking_again_for_the_same_search_reuses_the_alert(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = alert_create(email="ann@example.com", search="state=NSW&visa=482")
        second = alert_create(email="ANN@example.com", search="visa=482&state=NSW&sort=newest")
    assert first.id == second.id
    assert JobAlert.objects.count() == 1
    assert len(mail.outbox) == 2  # the link again
    alert_confirm(token=confirm_token(first))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        alert_create(email="ann@example.com", search="visa=482&state=NSW", frequency="weekly")
    [message] = mail.outbox
    assert message.subject.startswith("Your job alert is already on")
    first.refresh_from_db()
    assert first.frequency == "daily"  # an alert that is on isn't changed by a stranger


def test_an_address_holds_at_most_the_configured_number_of_alerts(settings):
    settings.ALERT_MAX_PER_EMAIL = 2
    alert_create(email="ann@example.com", search="visa=482")
    alert_create(email="ann@example.com", search="visa=186")
    with pytest.raises(AlertLimitReached):
        alert_create(email="Ann@example.com", search="visa=494")
    alert_create(email="bob@example.com", search="visa=494")  # another address is fine
    # Unsubscribed alerts, and ones whose confirmation link expired unused, don't count.
    alert_unsubscribe(alert=JobAlert.objects.get(email="ann@example.com", query="visa=482"))
    alert_create(email="ann@example.com", search="visa=494")
    JobAlert.objects.filter(email="ann@example.com", query="visa=494").update(
        requested_at=timezone.now() - timedelta(days=8)
    )
    alert_create(email="ann@example.com", search="state=VIC")


def test_unconfirmed_alerts_are_purged_when_their_link_has_expired():
    stale = JobAlertFactory(requested_at=timezone.now() - timedelta(days=8))
    fresh = JobAlertFactory(requested_at=timezone.now() - timedelta(days=6))
    on = ConfirmedAlertFactory(requested_at=timezone.now() - timedelta(days=30))
    assert alerts_purge_unconfirmed() == 1
    assert set(JobAlert.objects.values_list("id", flat=True)) == {fresh.id, on.id}
    assert not JobAlert.objects.filter(id=stale.id).exists()


# --- The digest ---------------------------------------------------------------------------


def test_a_digest_holds_exactly_the_new_matching_roles():
    alert = ConfirmedAlertFactory(query="visa=482&state=NSW")
    t0 = alert.sent_through
    after = t0 + timedelta(hours=1)
    employer = EmployerFactory(name="Harbourline Analytics")
    new = approved_at(
        after,
        title="Sydney Forecasting Scientist",
        employer=employer,
        visas=["482", "186"],
        salary_min=150_000,
        salary_max=180_000,
    )
    approved_at(t0 - timedelta(days=1), title="Sydney Old Match")  # before the watermark
    approved_at(after, title="Melbourne New Role", state="VIC", city="Melbourne")  # other state
    approved_at(after, title="Sydney Permanent Only", visas=["186"])  # other visa
    approved_at(after, title="Sydney Not Offered", sponsorship=Role.Sponsorship.NOT_OFFERED)
    PendingRoleFactory(title="Sydney Pending")  # never approved
    ExpiredRoleFactory(title="Sydney Expired", approved_at=after, posted_at=after)
    ClosedRoleFactory(title="Sydney Closed", approved_at=after, posted_at=after)

    assert alert_send_digest(alert_id=alert.id) == 1
    [message] = mail.outbox
    assert message.to == [alert.email]
    assert message.subject == "1 new sponsored ML role: 482 Skills in Demand · New South Wales"
    assert sent_titles(message) == ["Sydney Forecasting Scientist"]
    url = f"http://127.0.0.1:8000{new.get_absolute_url()}"
    html = html_of(message)
    for part in (message.body, html):
        assert "Sydney Forecasting Scientist" in part
        assert "Harbourline Analytics" in part
        assert "482 Skills in Demand, 186 Employer Nomination Scheme" in part
        assert "$150,000 – $180,000 a year" in part
        assert url in part
        assert alert_links(alert).unsubscribe in part
        assert alert_links(alert).manage in part
        for other in ("Old Match", "Melbourne", "Permanent Only", "Not Offered", "Pending"):
            assert other not in part
    assert message.extra_headers == alert_headers(alert)

    alert.refresh_from_db()
    assert list(AlertDelivery.objects.values_list("role_id", flat=True)) == [new.id]
    assert AlertDelivery.objects.get().sent_at is not None
    assert alert.sent_through == after  # the newest role sent
    assert alert.last_sent_at is not None


def test_a_digest_gives_each_roles_sponsorship_and_the_salary_rule():
    alert = ConfirmedAlertFactory(query="sponsorship=any")
    after = alert.sent_through + timedelta(hours=1)
    today = timezone.localdate()
    csit, tsmit = threshold_on("CSIT", today), threshold_on("TSMIT", today)
    approved_at(after, title="Core Role", streams=["482-core"], salary_min=csit.amount)
    approved_at(after, title="Regional Role", visas=["494"], salary_min=tsmit.amount - 1)
    approved_at(after, title="Unsalaried Role", visas=["482"], salary_min=None, salary_max=None)
    approved_at(after, title="Unnamed Visa Role", visas=[])
    assert alert_send_digest(alert_id=alert.id) == 4
    [message] = mail.outbox
    for part in (message.body, html_of(message)):
        part = " ".join(part.split())
        assert f"482 Core Skills: clears the CSIT of ${csit.amount:,}" in part
        assert (
            "494 Skilled Employer Sponsored Regional (Provisional): below the TSMIT of "
            f"${tsmit.amount:,}"
        ) in part
        assert (
            "482 Skills in Demand (no stream named): cannot check: no salary stated "
            f"(the CSIT is ${csit.amount:,})"
        ) in part
        assert "Visa sponsorship offered (subclass not stated)" in part
        assert "cannot check: the visa subclass is not stated" in part


def test_a_digest_costs_the_same_queries_for_2_or_8_roles():
    def queries(n: int) -> int:
        Role.objects.all().delete()
        alert = ConfirmedAlertFactory(query="sponsorship=any")
        for i in range(n):
            approved_at(
                alert.sent_through + timedelta(hours=1),
                title=f"Role {i}",
                visas=["482", "494"],
                streams=["482-core"],
            )
        with CaptureQueriesContext(connection) as ctx:
            assert alert_send_digest(alert_id=alert.id) == n
        return len(ctx)

    # The reference data is read once for the digest, not once per role.
    assert queries(2) == queries(8)


def test_nothing_is_sent_when_there_is_nothing_new():
    alert = ConfirmedAlertFactory(query="visa=482&state=NSW")
    approved_at(alert.sent_through - timedelta(days=1), title="Sydney Old Match")
    approved_at(alert.sent_through + timedelta(hours=1), title="Melbourne", state="VIC")
    before = timezone.now()
    assert alert_send_digest(alert_id=alert.id) == 0
    assert mail.outbox == []
    alert.refresh_from_db()
    assert alert.last_sent_at is None
    assert alert.last_checked_at >= before  # checked: next look is a day from now


def test_an_alert_is_sent_once_a_day_or_once_a_week():
    now = timezone.now()
    daily = ConfirmedAlertFactory(last_checked_at=now - timedelta(hours=23, minutes=50))
    weekly = ConfirmedAlertFactory(frequency="weekly", last_checked_at=now - timedelta(days=6))
    late_weekly = ConfirmedAlertFactory(frequency="weekly", last_checked_at=now - timedelta(days=7))
    late_daily = ConfirmedAlertFactory(last_checked_at=now - timedelta(hours=25))
    just_on = ConfirmedAlertFactory(last_checked_at=now - timedelta(minutes=5))
    due = set(alerts_due(now=now).values_list("id", flat=True))
    # Within the slack (15 minutes) counts as a day: an hourly beat does not drift an hour a day.
    assert due == {daily.id, late_weekly.id, late_daily.id}
    approved_at(now - timedelta(minutes=30), title="Role fresh")
    assert alert_send_digest(alert_id=weekly.id) == 0
    assert alert_send_digest(alert_id=just_on.id) == 0
    assert mail.outbox == []


def test_no_role_is_sent_twice_across_runs():
    alert = ConfirmedAlertFactory(query="visa=482")
    t0 = alert.sent_through
    first = approved_at(t0 + timedelta(hours=1), title="Role one")
    assert alert_send_digest(alert_id=alert.id) == 1

    # A retried task right away: not due, nothing sent.
    assert alert_send_digest(alert_id=alert.id) == 0
    # The next day: only the role approved since.
    second = approved_at(timezone.now() - timedelta(minutes=1), title="Role two")
    tomorrow = timezone.now() + timedelta(days=1)
    assert alert_send_digest(alert_id=alert.id, now=tomorrow) == 1
    assert sent_titles(mail.outbox[1]) == ["Role two"]

    # A role edited and approved again (a newer approved_at) is still not sent again.
    Role.objects.filter(id=first.id).update(approved_at=timezone.now())
    assert alert_send_digest(alert_id=alert.id, now=tomorrow + timedelta(days=1)) == 0
    assert len(mail.outbox) == 2
    assert sorted(AlertDelivery.objects.values_list("role_id", flat=True)) == sorted(
        [first.id, second.id]
    )


def test_a_role_whose_approval_committed_late_is_still_sent_once():
    alert = ConfirmedAlertFactory(query="visa=482")
    t0 = alert.sent_through
    approved_at(t0 + timedelta(hours=3), title="Role seen first")
    assert alert_send_digest(alert_id=alert.id) == 1
    # Stamped a few minutes before the newest role sent, but committed after that digest.
    approved_at(t0 + timedelta(hours=3) - LATE_APPROVAL_MARGIN / 2, title="Role committed late")
    assert alert_send_digest(alert_id=alert.id, now=timezone.now() + timedelta(days=1)) == 1
    assert sent_titles(mail.outbox[1]) == ["Role committed late"]


def test_a_big_digest_lists_the_newest_and_links_to_the_rest(settings):
    settings.ALERT_DIGEST_MAX_ROLES = 2
    alert = ConfirmedAlertFactory(query="visa=482")
    for hours in (1, 2, 3):
        approved_at(alert.sent_through + timedelta(hours=hours), title=f"Role {hours}h")
    assert alert_send_digest(alert_id=alert.id) == 3
    [message] = mail.outbox
    assert message.subject.startswith("3 new sponsored ML roles")
    assert sent_titles(message) == ["Role 3h", "Role 2h"]
    assert "And 1 more: http://127.0.0.1:8000/jobs/?visa=482&sort=newest" in message.body
    assert AlertDelivery.objects.filter(sent_at__isnull=False).count() == 3


def test_the_beat_task_sends_every_due_alert():
    now = timezone.now()
    nsw = ConfirmedAlertFactory(query="state=NSW")
    vic = ConfirmedAlertFactory(query="state=VIC")
    not_due = ConfirmedAlertFactory(query="state=NSW", last_checked_at=now - timedelta(hours=1))
    off = ConfirmedAlertFactory(query="state=NSW", unsubscribed_at=now)
    approved_at(now - timedelta(hours=2), title="Sydney Role", state="NSW")
    due = send_due_alerts()
    assert nsw.id in due and vic.id in due
    assert not_due.id not in due and off.id not in due
    assert [m.to for m in mail.outbox] == [[nsw.email]]


def test_the_command_sends_digests_now_for_make_run(capsys):
    alert = ConfirmedAlertFactory(query="visa=482", last_checked_at=timezone.now())
    approved_at(timezone.now() - timedelta(minutes=5), title="Role one")
    call_command("alerts", "send")  # not due yet
    assert mail.outbox == []
    call_command("alerts", "send", "--force", str(alert.id))
    assert sent_titles(mail.outbox[0]) == ["Role one"]
    call_command("alerts", "send", "--force", "--all")  # nothing new: nothing sent
    assert len(mail.outbox) == 1
    call_command("alerts", "list")
    out = capsys.readouterr().out
    assert f"alert {alert.id}: 1 new role" in out
    assert alert.email in out and "482 Skills in Demand" in out


# --- Idempotency: retries and concurrent workers --------------------------------------------


def test_a_failed_send_is_retried_with_the_same_roles_and_nothing_is_duplicated(monkeypatch):
    alert = ConfirmedAlertFactory(query="visa=482")
    first = approved_at(alert.sent_through + timedelta(hours=1), title="Role one")
    real_send = EmailMultiAlternatives.send
    calls = {"n": 0}

    def flaky_send(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise SMTPException("421 try again later")
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", flaky_send)
    with pytest.raises(SMTPException):
        alert_send_digest(alert_id=alert.id)
    assert mail.outbox == []
    # The role stays claimed by that digest, unsent; the lease is released for the retry.
    [delivery] = AlertDelivery.objects.all()
    assert delivery.role_id == first.id and delivery.sent_at is None
    alert.refresh_from_db()
    assert alert.claimed_until is None
    assert alert.id in set(alerts_due(now=timezone.now()).values_list("id", flat=True))

    # A role approved before the retry waits for the next digest: the retry is the same digest.
    later = approved_at(timezone.now() - timedelta(minutes=1), title="Role two")
    assert alert_send_digest(alert_id=alert.id) == 1
    [message] = mail.outbox
    assert sent_titles(message) == ["Role one"]
    assert AlertDelivery.objects.get(role=first).sent_at is not None
    # Retrying once more sends nothing; the next day's digest has only the new role.
    assert alert_send_digest(alert_id=alert.id) == 0
    assert alert_send_digest(alert_id=alert.id, now=timezone.now() + timedelta(days=1)) == 1
    assert sent_titles(mail.outbox[1]) == ["Role two"]
    assert AlertDelivery.objects.filter(role=later, sent_at__isnull=False).exists()


@pytest.mark.parametrize(
    ("reply", "stopped"),
    [((550, b"5.1.1 No such user"), True), ((452, b"4.2.2 Mailbox full"), False)],
)
def test_an_address_refused_for_good_stops_its_alert(monkeypatch, reply, stopped):
    alert = ConfirmedAlertFactory(query="visa=482")
    approved_at(alert.sent_through + timedelta(hours=1), title="Role one")

    def refused(self, *args, **kwargs):
        raise SMTPRecipientsRefused({alert.email: reply})

    monkeypatch.setattr(EmailMultiAlternatives, "send", refused)
    if stopped:
        assert alert_send_digest(alert_id=alert.id) == 0
    else:
        with pytest.raises(SMTPRecipientsRefused):  # the task retries
            alert_send_digest(alert_id=alert.id)
    alert.refresh_from_db()
    assert (alert.unsubscribed_at is not None) is stopped
    assert (alert.id in set(alerts_due(now=timezone.now()).values_list("id", flat=True))) is (
        not stopped
    )
    # A stopped alert keeps no digest waiting; a retried one keeps its batch.
    assert AlertDelivery.objects.filter(alert=alert, sent_at__isnull=True).exists() is not stopped


def test_a_retried_digest_leaves_out_roles_closed_since():
    alert = ConfirmedAlertFactory(query="visa=482")
    role = approved_at(alert.sent_through + timedelta(hours=1), title="Role one")
    AlertDelivery.objects.create(alert=alert, role=role, batch=uuid.uuid4())  # a failed send
    Role.objects.filter(id=role.id).update(status=Role.Status.CLOSED)
    assert alert_send_digest(alert_id=alert.id) == 0
    assert mail.outbox == []
    assert not AlertDelivery.objects.exists()  # never sent, so not recorded as sent


def test_a_second_worker_finds_the_alert_claimed_and_sends_nothing():
    alert = ConfirmedAlertFactory(query="visa=482")
    approved_at(alert.sent_through + timedelta(hours=1), title="Role one")
    now = timezone.now()
    assert alert_claim(alert_id=alert.id, now=now)  # worker A is sending
    assert not alert_claim(alert_id=alert.id, now=now)
    assert alert_send_digest(alert_id=alert.id) == 0  # worker B
    assert mail.outbox == []
    alert_release(alert_id=alert.id)
    assert alert_send_digest(alert_id=alert.id) == 1
    # A lease left by a worker that died runs out.
    assert alert_claim(alert_id=alert.id, now=now)
    assert alert_claim(alert_id=alert.id, now=now + services.DIGEST_LEASE)


def test_the_database_refuses_a_role_claimed_by_another_digest(monkeypatch):
    """Two workers that both computed the same candidates (no lease): each role goes to one."""
    alert = ConfirmedAlertFactory(query="visa=482")
    roles = [
        approved_at(alert.sent_through + timedelta(hours=h), title=f"Role {h}") for h in (1, 2)
    ]
    candidates = Role.objects.filter(id__in=[r.id for r in roles])
    monkeypatch.setattr(services, "alert_new_roles", lambda alert: candidates)
    now = timezone.now()
    assert sorted(deliveries_claim(alert=alert, now=now)) == sorted(r.id for r in roles)
    assert deliveries_claim(alert=alert, now=now) == []  # the same candidates, all taken
    assert AlertDelivery.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_role_once(monkeypatch):
    """Real concurrency (PostgreSQL): two threads with their own connections, released together
    after both computed their candidates, with and without the lease."""
    alert = ConfirmedAlertFactory(query="visa=482")
    roles = [
        approved_at(alert.sent_through + timedelta(hours=h), title=f"Role {h}") for h in (1, 2, 3)
    ]
    results: dict[str, object] = {}

    # 1. Through the lease: both call alert_send_digest at the same moment; one digest.
    barrier = threading.Barrier(2)

    def worker(name):
        try:
            barrier.wait(timeout=10)
            results[name] = alert_send_digest(alert_id=alert.id)
        except Exception as exc:  # pragma: no cover - reported below
            results[name] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(results.values()) == [0, 3], results
    assert len(mail.outbox) == 1
    assert AlertDelivery.objects.count() == 3

    # 2. Without the lease: both claim deliveries from the same candidate list at once.
    AlertDelivery.objects.all().delete()
    candidates = list(
        Role.objects.filter(id__in=[r.id for r in roles]).values_list("id", flat=True)
    )
    computed = threading.Barrier(2)

    def same_candidates(alert):
        computed.wait(timeout=10)  # both have their candidates before either inserts
        return Role.objects.filter(id__in=candidates)

    monkeypatch.setattr(services, "alert_new_roles", same_candidates)
    claimed: dict[str, list[int]] = {}

    def claimer(name):
        try:
            claimed[name] = deliveries_claim(alert=alert, now=timezone.now())
        finally:
            connection.close()

    threads = [threading.Thread(target=claimer, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(claimed["a"] + claimed["b"]) == sorted(candidates), claimed
    assert AlertDelivery.objects.count() == 3


# --- Unsubscribe: the header (RFC 8058 one-click POST) and the link ------------------------


def test_every_alert_email_carries_the_one_click_unsubscribe_headers():
    alert = ConfirmedAlertFactory(query="visa=482")
    approved_at(alert.sent_through + timedelta(hours=1), title="Role one")
    alert_send_digest(alert_id=alert.id)
    [message] = mail.outbox
    unsubscribe = alert_links(alert).unsubscribe
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    rendered = message.message()
    assert rendered["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert rendered["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert rendered.get_content_type() == "multipart/alternative"


def test_one_click_unsubscribe_from_the_header_needs_no_login_or_csrf_token():
    alert = ConfirmedAlertFactory(query="visa=482")
    header = alert_headers(alert)["List-Unsubscribe"]
    path = urlsplit(header.strip("<>")).path
    # What a mail client sends: a bare POST, no cookies, no CSRF token.
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        path, data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    alert.refresh_from_db()
    assert alert.unsubscribed_at is not None
    # Digests stop.
    approved_at(timezone.now() - timedelta(minutes=5), title="Role one")
    assert alert_send_digest(alert_id=alert.id) == 0
    assert mail.outbox == []


def test_unsubscribing_from_the_link_asks_first_then_one_button():
    alert = ConfirmedAlertFactory(query="visa=482")
    path = urlsplit(alert_links(alert).unsubscribe).path
    client = Client(enforce_csrf_checks=True)
    page = client.get(path)  # what a link scanner does too: nothing changes
    assert page.status_code == 200
    assert b"Unsubscribe from this alert?" in page.content
    alert.refresh_from_db()
    assert alert.unsubscribed_at is None
    response = client.post(path, {"List-Unsubscribe": "One-Click"})  # the page's button
    assert response.status_code == 200
    assert b"You're unsubscribed" in response.content
    alert.refresh_from_db()
    assert alert.unsubscribed_at is not None
    assert client.post(path).status_code == 200  # again: still fine


def test_an_alert_turned_back_on_skips_the_roles_approved_while_it_was_off():
    alert = ConfirmedAlertFactory(query="visa=482")
    alert_unsubscribe(alert=alert)
    approved_at(timezone.now() - timedelta(hours=1), title="Role while off")
    alert = alert_resume(alert=alert)
    assert alert.is_active
    assert alert_send_digest(alert_id=alert.id, now=timezone.now() + timedelta(days=1)) == 0
    approved_at(timezone.now(), title="Role after")
    assert alert_send_digest(alert_id=alert.id, now=timezone.now() + timedelta(days=2)) == 1
    assert sent_titles(mail.outbox[0]) == ["Role after"]
