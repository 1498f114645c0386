"""The e-mail alert journey in Chromium: subscribe from a search, confirm through the e-mailed
link, get a digest with the new matching role, unsubscribe from the digest's link."""

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from listings.alerts.matching import confirm_token
from listings.alerts.tasks import send_due_alerts
from listings.models import JobAlert
from tests.factories import ApprovedRoleFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

EMAIL = "seeker@example.com"


@pytest.fixture
def roles(settings, live_server):
    settings.SITE_URL = live_server.url  # links in the e-mails point at this server
    cache.clear()
    yield {
        "match": ApprovedRoleFactory(
            title="Sydney Forecasting Scientist", visas=["482"], state="NSW", city="Sydney"
        ),
        "other_state": ApprovedRoleFactory(
            title="Melbourne Vision Engineer", visas=["482"], state="VIC", city="Melbourne"
        ),
    }
    cache.clear()


def console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def subscribe(page, *, frequency: str = "Daily") -> None:
    page.get_by_label("Your e-mail").fill(EMAIL)
    page.get_by_label(frequency, exact=True).check()
    page.get_by_role("button", name="Email me new roles like these").click()
    page.wait_for_url("**/alerts/new/sent/**")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")


def emailed_link(pattern: str, message) -> str:
    return re.search(pattern, message.body).group(0)


def test_subscribe_confirm_by_email_then_a_digest_with_the_new_role(page, live_server, roles):
    errors = console_errors(page)
    mail.outbox.clear()
    page.goto(live_server.url + "/jobs/?visa=482&state=NSW")
    expect(page.locator(".results .role-title")).to_have_count(1)
    panel = page.get_by_role("region", name="Get new roles like these by e-mail")
    expect(panel).to_contain_text("Your search: 482 Skills in Demand · New South Wales")
    subscribe(page, frequency="Weekly")
    expect(page.locator(".messages")).to_contain_text(f"We sent a confirmation link to {EMAIL}.")
    expect(page.locator("main")).to_contain_text("482 Skills in Demand · New South Wales")

    alert = JobAlert.objects.get()
    assert (alert.email, alert.query, alert.frequency) == (EMAIL, "visa=482&state=NSW", "weekly")
    assert not alert.is_active  # nothing is sent until the link is followed

    [message] = [m for m in mail.outbox if EMAIL in m.to]
    assert message.subject.startswith("Confirm your job alert")
    link = emailed_link(r"https?://\S+/alerts/confirm/\S+/", message)
    assert link.startswith(live_server.url)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your alert is on")
    expect(page.locator("main")).to_contain_text(f"We'll e-mail {EMAIL} weekly")
    alert.refresh_from_db()
    assert alert.is_active

    # A week on, a new matching role has been approved (and one elsewhere): the beat sends it.
    now = timezone.now()
    new = ApprovedRoleFactory(
        title="Sydney Computer Vision Lead",
        visas=["482"],
        state="NSW",
        posted_at=now,
        approved_at=now,
    )
    ApprovedRoleFactory(title="Perth NLP Engineer", visas=["482"], state="WA", approved_at=now)
    JobAlert.objects.filter(pk=alert.pk).update(last_checked_at=now - timedelta(days=7))
    mail.outbox.clear()
    assert send_due_alerts() == [alert.pk]
    [digest] = mail.outbox
    assert digest.subject == "1 new sponsored ML role: 482 Skills in Demand · New South Wales"
    assert "Sydney Computer Vision Lead" in digest.body
    assert "Sydney Forecasting Scientist" not in digest.body  # approved before the alert
    assert "Perth NLP Engineer" not in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The digest's links work: the role, then unsubscribe (one button, no log-in).
    page.goto(emailed_link(rf"{re.escape(live_server.url)}/jobs/{new.pk}/\S+/", digest))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sydney Computer Vision Lead")
    page.goto(re.search(r"Unsubscribe: (\S+)", digest.body).group(1))
    expect(page.get_by_role("heading", level=1)).to_have_text("Unsubscribe from this alert?")
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You're unsubscribed")
    alert.refresh_from_db()
    assert alert.unsubscribed_at is not None
    assert not errors, errors


def test_the_alert_follows_the_search_as_htmx_swaps_it(page, live_server, roles):
    errors = console_errors(page)
    page.goto(live_server.url + "/jobs/")
    page.get_by_label(re.compile(r"^482 Skills in Demand")).check()
    page.wait_for_url(re.compile(r"/jobs/\?visa=482$"))
    page.get_by_label(re.compile(r"^New South Wales")).check()
    page.wait_for_url(re.compile(r"/jobs/\?visa=482&state=NSW$"))
    expect(page.locator("#alert-search")).to_contain_text("482 Skills in Demand · New South Wales")
    subscribe(page)
    assert JobAlert.objects.get().query == "visa=482&state=NSW"
    assert not errors, errors


def test_subscribing_works_with_javascript_off(browser, live_server, roles):
    context = browser.new_context(java_script_enabled=False, locale="en-AU")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/jobs/?state=NSW")
        subscribe(page)
        assert JobAlert.objects.get().query == "state=NSW"
        # A bad address comes back on the form's own page, with the search kept.
        page.goto(live_server.url + "/jobs/?state=VIC")
        page.get_by_label("Your e-mail").fill(
            "ann@example"
        )  # the browser lets it by; Django does not
        page.get_by_role("button", name="Email me new roles like these").click()
        expect(page.locator("#error-summary")).to_contain_text("Enter a valid email address")
        expect(page.locator("main")).to_contain_text("Victoria")
        page.get_by_label("Your e-mail").fill("vic@example.com")
        page.get_by_role("button", name="Email me new roles like these").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
        assert JobAlert.objects.filter(email="vic@example.com", query="state=VIC").exists()
    finally:
        context.close()


def test_the_alert_pages_have_no_accessibility_violations(browser, live_server, roles):
    # axe is injected with page.evaluate, which the page's CSP would otherwise refuse.
    context = browser.new_context(locale="en-AU", bypass_csp=True)
    user = UserFactory(email=EMAIL)
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    pending = JobAlert.objects.create(email=EMAIL, query="visa=482&state=NSW", user=user)
    on = JobAlert.objects.create(
        email=EMAIL, query="q=pytorch&workplace=remote", user=user, frequency="weekly"
    )
    token = confirm_token(on)
    try:
        for path in (
            "/alerts/new/?visa=482&state=NSW",
            "/alerts/new/sent/?search=visa%3D482",
            f"/alerts/confirm/{token}/",
            f"/alerts/manage/{on.token}/",
            f"/alerts/manage/{pending.token}/",
            f"/alerts/unsubscribe/{on.token}/",
            "/alerts/",
        ):
            page.goto(live_server.url + path)
            results = Axe().run(page)
            assert results.violations_count == 0, f"{path}:\n{results.generate_report()}"
        page.set_viewport_size({"width": 375, "height": 800})
        page.goto(live_server.url + "/alerts/")
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
    finally:
        context.close()
