"""/alerts/ views: the sign-up form on /jobs/ and its page, rate limits per IP and per address,
the per-address cap, the links from the e-mails, and the signed-in manage page (no IDOR)."""

import re
import uuid
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.utils import timezone

from listings.alerts.matching import confirm_token, confirm_token_alert
from listings.models import JobAlert
from tests.factories import ApprovedRoleFactory, UserFactory
from tests.factories_alerts import ConfirmedAlertFactory, JobAlertFactory

pytestmark = pytest.mark.django_db


def subscribe(
    client, email="ann@example.com", search="visa=482&state=NSW&", ip="203.0.113.7", **extra
):
    data = {"email": email, "frequency": "daily", "search": search, **extra}
    return client.post("/alerts/new/", data, REMOTE_ADDR=ip)


# --- The form on /jobs/ ------------------------------------------------------------------


def test_the_search_page_offers_an_alert_for_the_current_search(client):
    ApprovedRoleFactory(title="Sydney Role", visas=["482"], state="NSW")
    body = client.get("/jobs/?state=NSW&visa=482&sort=salary").content.decode()
    # Its own form after the search form (forms can't nest); the controls point at it.
    form = re.search(
        r'<form id="alert-form" method="post" action="/alerts/new/">(.*?)</form>', body
    )
    assert form and 'name="csrfmiddlewaretoken"' in form.group(1)
    assert 'name="search" value="visa=482&amp;state=NSW&amp;sort=salary&amp;"' in form.group(1)
    assert re.search(r'<input type="email" id="alert-email" name="email" form="alert-form"', body)
    assert 'form="alert-form" checked' in body  # daily by default
    assert '<button type="submit" form="alert-form">Email me new roles like these</button>' in body
    assert "Your search: 482 Skills in Demand · New South Wales." in body


def test_the_htmx_swap_carries_the_new_search_into_the_alert_form(client):
    body = client.get("/jobs/?visa=186", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in body
    assert 'name="search" value="visa=186&amp;"' in body


def test_a_signed_in_user_gets_their_address_filled_in(client, user):
    client.force_login(user)
    body = client.get("/jobs/").content.decode()
    assert f'value="{user.email}"' in body
    assert 'href="/alerts/">Your alerts</a>' in body


# --- Signing up ------------------------------------------------------------------------------


def test_signing_up_saves_the_search_and_emails_a_confirmation_link(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = subscribe(
            client, email="Ann@Example.com", search="visa=482&state=NSW&sort=salary&"
        )
    assert response.status_code == 302
    assert response["Location"] == "/alerts/new/sent/?search=visa%3D482%26state%3DNSW"
    alert = JobAlert.objects.get()
    assert (alert.email, alert.query, alert.frequency) == (
        "ann@example.com",
        "visa=482&state=NSW",
        "daily",
    )
    assert alert.user is None and alert.confirmed_at is None
    [message] = mail.outbox
    # The token is signed with the second it was made, so read it from the e-mail.
    link = re.search(r"/alerts/confirm/([^/\s]+)/", message.body)
    assert link and confirm_token_alert(link[1]) == alert

    page = client.get(response["Location"])
    body = page.content.decode()
    assert "Check your inbox" in body
    assert "We sent a confirmation link to ann@example.com." in body
    assert "482 Skills in Demand · New South Wales" in body


def test_a_signed_in_user_s_alert_is_theirs(client, user, django_capture_on_commit_callbacks):
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, email=user.email)
    assert JobAlert.objects.get().user == user
    assert JobAlert.objects.get().confirmed_at is None  # double opt-in all the same


def test_the_sign_up_page_works_on_its_own(client):
    body = client.get("/alerts/new/?visa=482&state=NSW&page=2").content.decode()
    assert "<h1>Email me new roles like these</h1>" in body
    assert 'name="search" value="visa=482&amp;state=NSW"' in body
    assert "New South Wales" in body


def test_an_invalid_address_keeps_the_form_and_saves_nothing(client):
    response = subscribe(client, email="not-an-address")
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert 'value="visa=482&amp;state=NSW"' in response.content.decode()  # the search kept
    assert not JobAlert.objects.exists()


def test_a_bot_filling_the_honeypot_is_thanked_and_nothing_saved(client):
    response = subscribe(client, website="https://spam.example")
    assert response.status_code == 302
    assert not JobAlert.objects.exists()
    assert mail.outbox == []


def test_sign_ups_are_limited_per_ip(client, settings):
    settings.ALERT_RATE_LIMIT_IP = "2/h"
    assert subscribe(client, email="a@example.com").status_code == 302
    assert subscribe(client, email="b@example.com").status_code == 302
    response = subscribe(client, email="c@example.com")
    assert response.status_code == 429
    assert "Too many alerts have been requested from your network" in response.content.decode()
    assert JobAlert.objects.count() == 2
    # Another network is not affected.
    assert subscribe(client, email="c@example.com", ip="198.51.100.9").status_code == 302


def test_sign_ups_are_limited_per_address(client, settings):
    settings.ALERT_RATE_LIMIT_EMAIL = "2/h"
    assert subscribe(client, search="visa=482", ip="198.51.100.1").status_code == 302
    assert subscribe(client, search="visa=186", ip="198.51.100.2").status_code == 302
    response = subscribe(client, email="ANN@example.com", search="visa=494", ip="198.51.100.3")
    assert response.status_code == 429
    assert "We have sent this address several confirmation e-mails" in response.content.decode()
    assert JobAlert.objects.count() == 2
    assert subscribe(client, email="bob@example.com", ip="198.51.100.3").status_code == 302


def test_an_address_holds_at_most_the_configured_number_of_alerts(client, settings):
    settings.ALERT_MAX_PER_EMAIL = 2
    ConfirmedAlertFactory(email="ann@example.com", query="visa=482")
    JobAlertFactory(email="ann@example.com", query="visa=186")
    response = subscribe(client, search="visa=494")
    assert response.status_code == 429
    assert "already has 2 alerts" in response.content.decode()
    assert JobAlert.objects.count() == 2
    # The same search again is not a new alert: it just sends the link again.
    assert subscribe(client, search="visa=186").status_code == 302


# --- Links from the e-mails ---------------------------------------------------------------


def test_the_confirmation_link_turns_the_alert_on(client):
    alert = JobAlertFactory(query="visa=482&state=NSW")
    response = client.get(f"/alerts/confirm/{confirm_token(alert)}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Your alert is on" in body and "482 Skills in Demand · New South Wales" in body
    assert f'href="/alerts/manage/{alert.token}/"' in body
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    alert.refresh_from_db()
    assert alert.is_active


def test_an_expired_or_forged_confirmation_link_is_refused(client, settings):
    alert = JobAlertFactory(query="visa=482")
    token = confirm_token(alert)
    settings.ALERT_CONFIRM_MAX_AGE = -1  # every link is past its age
    response = client.get(f"/alerts/confirm/{token}/")
    assert response.status_code == 400
    body = response.content.decode()
    assert "This confirmation link has expired" in body
    assert 'href="/alerts/new/?visa=482"' in body  # subscribe again to the same search
    settings.ALERT_CONFIRM_MAX_AGE = 3600
    assert client.get("/alerts/confirm/not-a-token/").status_code == 404
    alert.refresh_from_db()
    assert alert.confirmed_at is None


def test_the_manage_link_changes_how_often_and_unsubscribes(client):
    alert = ConfirmedAlertFactory(query="visa=482")
    url = f"/alerts/manage/{alert.token}/"
    body = client.get(url).content.decode()
    assert "Your e-mail alert" in body and "482 Skills in Demand" in body
    response = client.post(url, {"action": "frequency", "frequency": "weekly"})
    assert response.status_code == 302 and response["Location"] == url
    alert.refresh_from_db()
    assert alert.frequency == "weekly"
    assert "now comes weekly" in client.get(url).content.decode()
    client.post(f"/alerts/unsubscribe/{alert.token}/")
    alert.refresh_from_db()
    assert alert.unsubscribed_at is not None
    assert "Turn this alert back on" in client.get(url).content.decode()
    client.post(url, {"action": "resume"})
    alert.refresh_from_db()
    assert alert.is_active


def test_a_link_with_an_unknown_token_is_a_404(client):
    assert client.get("/alerts/manage/nope/").status_code == 404
    assert client.get("/alerts/unsubscribe/nope/").status_code == 404
    assert Client(enforce_csrf_checks=True).post("/alerts/unsubscribe/nope/").status_code == 404


def test_the_manage_page_needs_its_csrf_token_but_one_click_unsubscribe_does_not(client):
    alert = ConfirmedAlertFactory()
    strict = Client(enforce_csrf_checks=True)
    assert (
        strict.post(
            f"/alerts/manage/{alert.token}/", {"action": "frequency", "frequency": "weekly"}
        ).status_code
        == 403
    )
    assert strict.post(f"/alerts/unsubscribe/{alert.token}/").status_code == 200


# --- Signed-in users: all their alerts on one page ----------------------------------------


def test_the_alerts_page_needs_a_log_in(client):
    response = client.get("/alerts/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_alerts_page_lists_only_the_user_s_alerts(client):
    ann = UserFactory(email="ann@example.com")
    EmailAddress.objects.create(user=ann, email="Ann@Example.com", verified=True, primary=True)
    mine = ConfirmedAlertFactory(user=ann, email="ann.work@example.com", query="visa=482")
    by_address = ConfirmedAlertFactory(email="ann@example.com", query="state=VIC")
    theirs = ConfirmedAlertFactory(email="bob@example.com", query="state=QLD")
    unverified = UserFactory(email="eve@example.com")
    EmailAddress.objects.create(user=unverified, email="bob@example.com", verified=False)

    client.force_login(ann)
    body = client.get("/alerts/").content.decode()
    assert "482 Skills in Demand" in body and "Victoria" in body
    assert "Queensland" not in body and "bob@example.com" not in body
    assert f"/alerts/manage/{mine.token}/" in body and f"/alerts/manage/{by_address.token}/" in body
    assert theirs.token not in body

    # An unverified claim to an address shows nothing.
    client.force_login(unverified)
    body = client.get("/alerts/").content.decode()
    assert "No alerts yet" in body and theirs.token not in body


def test_no_one_can_act_on_someone_else_s_alert_by_its_id(client):
    ann, bob = UserFactory(), UserFactory()
    alert = ConfirmedAlertFactory(user=bob, email="bob@example.com")
    client.force_login(ann)
    for data in (
        {"action": "unsubscribe"},
        {"action": "frequency", "frequency": "weekly"},
        {"action": "resume"},
    ):
        assert client.post(f"/alerts/{alert.pk}/", data).status_code == 404
    alert.refresh_from_db()
    assert alert.is_active and alert.frequency == "daily"

    client.force_login(bob)
    response = client.post(f"/alerts/{alert.pk}/", {"action": "frequency", "frequency": "weekly"})
    assert response.status_code == 302 and response["Location"] == "/alerts/"
    client.post(f"/alerts/{alert.pk}/", {"action": "unsubscribe"})
    alert.refresh_from_db()
    assert alert.frequency == "weekly" and alert.unsubscribed_at is not None
    assert client.get(f"/alerts/{alert.pk}/").status_code == 405
    assert client.post(f"/alerts/{alert.pk}/", {"action": "delete"}).status_code == 400


def test_an_alert_is_turned_back_on_from_the_list(client):
    bob = UserFactory()
    alert = ConfirmedAlertFactory(user=bob, unsubscribed_at=timezone.now() - timedelta(days=1))
    client.force_login(bob)
    assert "Turn back on" in client.get("/alerts/").content.decode()
    client.post(f"/alerts/{alert.pk}/", {"action": "resume"})
    alert.refresh_from_db()
    assert alert.is_active


# --- The admin --------------------------------------------------------------------------------


def test_the_admin_lists_alerts_and_their_deliveries_and_can_unsubscribe(client, superuser):
    alert = ConfirmedAlertFactory(email="ann@example.com", query="visa=482&state=NSW")
    role = ApprovedRoleFactory(title="Sydney Role")
    alert.deliveries.create(role=role, batch=uuid.uuid4(), sent_at=timezone.now())
    client.force_login(superuser)
    body = client.get("/admin/listings/jobalert/").content.decode()
    assert "ann@example.com" in body and "482 Skills in Demand · New South Wales" in body
    assert client.get(f"/admin/listings/jobalert/{alert.pk}/change/").status_code == 200
    assert "Sydney Role" in client.get("/admin/listings/alertdelivery/").content.decode()
    response = client.post(
        "/admin/listings/jobalert/",
        {"action": "unsubscribe_selected", "_selected_action": [alert.pk]},
        follow=True,
    )
    assert "Unsubscribed 1 alert(s)." in response.content.decode()
    alert.refresh_from_db()
    assert alert.unsubscribed_at is not None
