"""Enqueue on commit (listings.outbox): once after commit, never on rollback, and a broker that
is down after the commit is logged while the saved change stands and the page answers."""

import logging
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from kombu.exceptions import OperationalError

from listings.alerts.services import alert_create
from listings.alerts.tasks import send_alert_confirmation
from listings.models import JobAlert, Role
from listings.moderation.services import role_approve, role_reject, role_take_down
from listings.notifications.tasks import send_role_email
from listings.outbox import enqueue_on_commit
from tests.factories import ApprovedRoleFactory, MembershipFactory, PendingRoleFactory, UserFactory
from tests.factories_posting import employer_member, role_post_data

pytestmark = pytest.mark.django_db

BROKER_DOWN = OperationalError("Error 111 connecting to redis:6379. Connection refused.")


class RolledBack(Exception):
    pass


def broker_down(task):
    return mock.patch.object(task, "delay", side_effect=BROKER_DOWN)


def enqueue_failures(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "listings.outbox"]


def pending_role() -> Role:
    membership = MembershipFactory(user=UserFactory(email="owner@acme.example"))
    return PendingRoleFactory(employer=membership.employer)


# --- The helper ------------------------------------------------------------------------------


def test_the_task_is_enqueued_once_after_commit_with_its_arguments(
    django_capture_on_commit_callbacks,
):
    with (
        mock.patch.object(send_role_email, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        enqueue_on_commit(send_role_email, 7, "taken_down", reason="Filled.")
        delay.assert_not_called()  # not before the commit
    assert len(callbacks) == 1
    delay.assert_called_once_with(7, "taken_down", reason="Filled.")


def test_nothing_is_enqueued_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with (
        mock.patch.object(send_role_email, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RolledBack),
        transaction.atomic(),  # a savepoint inside the test's transaction, rolled back
    ):
        enqueue_on_commit(send_role_email, 7, "approved")
        raise RolledBack
    assert callbacks == []
    delay.assert_not_called()


def test_a_broker_that_is_down_is_logged_with_the_task_and_its_arguments(
    django_capture_on_commit_callbacks, caplog
):
    with broker_down(send_role_email), django_capture_on_commit_callbacks(execute=True):
        enqueue_on_commit(send_role_email, 7, "approved")
    [record] = enqueue_failures(caplog)
    assert record.levelno == logging.ERROR
    assert record.getMessage() == (
        "Could not enqueue listings.notifications.tasks.send_role_email(7, 'approved') after commit"
    )
    assert record.exc_info[1] is BROKER_DOWN


def test_the_callback_has_a_name_for_djangos_own_log(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        enqueue_on_commit(send_role_email, 7, "approved")
    [callback] = callbacks
    assert callback.__qualname__ == (
        "enqueue_on_commit(listings.notifications.tasks.send_role_email)"
    )


# --- Every service that e-mails on commit ---------------------------------------------------


SERVICES = {
    "approve": lambda moderator: role_approve(role=pending_role(), user=moderator),
    "reject": lambda moderator: role_reject(
        role=pending_role(), user=moderator, reason="Not an ML role."
    ),
    "take down": lambda moderator: role_take_down(
        role=ApprovedRoleFactory(), user=moderator, reason="The role is filled."
    ),
}


@pytest.mark.parametrize("write", SERVICES.values(), ids=SERVICES.keys())
def test_a_moderators_decision_stands_when_the_broker_is_down(
    write, moderator, django_capture_on_commit_callbacks, caplog
):
    with broker_down(send_role_email) as delay, django_capture_on_commit_callbacks(execute=True):
        role = write(moderator)
    delay.assert_called_once()
    assert Role.objects.get(pk=role.pk).status == role.status
    [record] = enqueue_failures(caplog)
    assert f"send_role_email({role.pk}, " in record.getMessage()


def test_an_alert_is_saved_when_the_broker_is_down(django_capture_on_commit_callbacks, caplog):
    with (
        broker_down(send_alert_confirmation) as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        alert = alert_create(email="ann@example.com", search="visa=482")
    delay.assert_called_once_with(alert.id)
    assert JobAlert.objects.filter(pk=alert.pk).exists()
    [record] = enqueue_failures(caplog)
    assert f"send_alert_confirmation({alert.pk})" in record.getMessage()


# --- The pages answer -------------------------------------------------------------------------


def test_an_employers_submitted_role_is_saved_and_confirmed_when_the_broker_is_down(
    client, django_capture_on_commit_callbacks, caplog
):
    user, _ = employer_member(name="Acme AI")
    client.force_login(user)
    with broker_down(send_role_email) as delay, django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("listings:post"), role_post_data(action="submit"))
    role = Role.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("listings:post_submitted", kwargs={"pk": role.pk})
    assert role.status == Role.Status.PENDING
    delay.assert_called_once_with(role.pk, "submitted")
    assert not mail.outbox
    assert len(enqueue_failures(caplog)) == 1


def test_a_moderators_approve_button_answers_when_the_broker_is_down(
    client, moderator, django_capture_on_commit_callbacks, caplog
):
    role = pending_role()
    client.force_login(moderator)
    with broker_down(send_role_email), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:listings_rolereview_approve", args=[role.pk]))
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.status == Role.Status.APPROVED
    assert len(enqueue_failures(caplog)) == 1
