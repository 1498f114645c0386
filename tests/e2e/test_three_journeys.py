"""The three journeys meet on a fresh database, in Chromium.

An employer signs up and posts a role (the posting journey's own steps) and a second one;
a moderator logs into /admin/, finds both in the review queue, approves the first and
rejects the second with a reason; a seeker then finds the first on /jobs/?visa=482 and
reports it; the employer's dashboard shows the approved role live and the rejected one
with the moderator's reason, and both decisions arrived by e-mail.

Set E2E_SCREENSHOTS=<dir> to keep a screenshot of each admin page.
"""

import os
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from listings.models import ListingReport, ModerationEvent, Role
from tests.e2e import test_posting_journey as posting_journey
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST = "Machine Learning Engineer, Forecasting"  # posted by the posting journey
SECOND = "Data Scientist, Pricing"
MODERATOR_PASSWORD = "correct-horse-battery"  # UserFactory's
SHOTS = os.environ.get("E2E_SCREENSHOTS")


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def watch_errors(page, errors: list) -> None:
    """Script errors, CSP violations and failed responses (bar the favicon the admin lacks)."""

    def console(message):
        # A failed load is reported by the response listener, with its URL.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(f"{page.url}: {message.text}")

    def response(response):
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            errors.append(f"{response.status} {response.url}")

    page.on("console", console)
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    page.on("response", response)


@pytest.fixture
def new_page(browser):
    contexts = []

    def make():
        context = browser.new_context(locale="en-AU", timezone_id="Australia/Sydney")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield make
    for context in contexts:
        context.close()


def post_another_role(page, live_server, title: str) -> None:
    """The posting form again, from the dashboard, for a second role."""
    page.goto(live_server.url + "/dashboard/")
    page.get_by_role("link", name="Post a role").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Post a sponsored role")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Description").fill(
        "Build and evaluate pricing and demand models for our marketplace.\n\n"
        "## What you'll need\n\n- Python, PyTorch and careful experimentation\n"
    )
    page.get_by_label("City").fill("Melbourne")
    page.get_by_label("State").select_option("VIC")
    page.get_by_label("Hybrid").check()
    page.get_by_label("482 Skills in Demand").check()
    page.get_by_label(re.compile(r"^Core Skills")).check()
    page.get_by_label("Salary from (AUD a year)").fill("140000")
    page.get_by_label("Salary to (AUD a year)").fill("160000")
    page.get_by_label("Apply URL").fill("https://acme-ai.example/careers/ds")
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("is waiting for review")


def search_titles(page) -> list[str]:
    return page.locator(".results .role-title").all_inner_texts()


def test_seeker_employer_and_moderator_journeys_connect(page, new_page, live_server):
    errors: list[str] = []

    # Employer: sign up, verify, profile, post (every step of the posting journey), then a second role.
    posting_journey.test_a_new_employer_posts_a_role(page, live_server)
    post_another_role(page, live_server, SECOND)
    watch_errors(page, errors)
    first, second = Role.objects.get(title=FIRST), Role.objects.get(title=SECOND)
    assert first.status == second.status == Role.Status.PENDING

    # Seeker: nothing is listed before a moderator has looked.
    seeker = new_page()
    watch_errors(seeker, errors)
    seeker.goto(live_server.url + "/jobs/?visa=482")
    expect(seeker.locator("body")).not_to_contain_text(FIRST)

    # Moderator: a member of the Moderators group logs into the admin.
    moderator = UserFactory(username="moderator", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    admin = new_page()
    watch_errors(admin, errors)
    admin.goto(live_server.url + "/admin/")
    admin.get_by_label("Username").fill("moderator")
    admin.get_by_label("Password").fill(MODERATOR_PASSWORD)
    admin.get_by_role("button", name="Log in").click()
    expect(admin.locator("#queue-pending-count")).to_have_text("2")
    shot(admin, "1-admin-index")

    # The queue: oldest first, with what each row needs.
    admin.get_by_role("link", name="Roles waiting for review").click()
    rows = admin.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text(FIRST)
    expect(rows.nth(0)).to_contain_text("Acme AI Pty Ltd")
    expect(rows.nth(0)).to_contain_text("482 (Core Skills)")
    expect(rows.nth(0)).to_contain_text("clears CSIT")
    expect(rows.nth(0)).to_contain_text("Posting form")
    expect(rows.nth(1)).to_contain_text(SECOND)
    shot(admin, "2-queue")

    # Review the first: the ad, the evidence, the history; approve it.
    admin.get_by_role("link", name=FIRST).click()
    expect(admin.locator("#review-ad")).to_contain_text("Build and ship demand-forecasting models")
    expect(admin.locator("#review-ad")).to_contain_text("offering sponsorship for: 482")
    expect(admin.locator("#review-history")).to_contain_text("Submitted for review")
    shot(admin, "3-review")
    admin.get_by_role("button", name="Approve").click()
    expect(admin.locator(".messagelist")).to_contain_text(f"Approved “{FIRST}”")
    expect(admin.locator("#result_list tbody tr")).to_have_count(1)

    # Reject the second, with a canned reason and a note, on the confirmation page.
    admin.get_by_role("link", name=SECOND).click()
    admin.get_by_role("button", name="Reject…").click()
    expect(admin.locator("#roles-to-reject")).to_contain_text(SECOND)
    admin.get_by_label("The salary is below the income threshold").check()
    admin.get_by_label("Message to the employer").fill(
        "Core Skills needs the market rate too: add it."
    )
    shot(admin, "4-reject-confirmation")
    admin.get_by_role("button", name="Reject and e-mail the employer").click()
    expect(admin.locator(".messagelist")).to_contain_text(f"Rejected “{SECOND}”")
    expect(admin.locator("#result_list")).to_have_count(0)  # the queue is empty

    # Seeker: the approved role is now found by visa, opens, and can be reported.
    seeker.goto(live_server.url + "/jobs/?visa=482")
    expect(seeker.locator(".results")).to_contain_text(FIRST)
    assert SECOND not in " ".join(search_titles(seeker))
    seeker.get_by_role("link", name=FIRST).click()
    expect(seeker.get_by_role("heading", level=1)).to_have_text(FIRST)
    seeker.goto(live_server.url + f"/jobs/{first.pk}/report/")
    posting_journey.assert_accessible(seeker, "report form")
    seeker.get_by_label("Asks the candidate to pay for sponsorship").check()
    seeker.get_by_label("Details").fill("The recruiter asked me for a $2,000 'visa fee'.")
    seeker.get_by_role("button", name="Send report").click()
    expect(seeker.get_by_role("heading", level=1)).to_have_text(
        "Thanks: a moderator will look at it"
    )

    # Moderator: the report raises the live role back into the queue; dismiss it.
    admin.goto(live_server.url + "/admin/")
    expect(admin.locator("#queue-reported-count")).to_have_text("1")
    admin.get_by_role("link", name="Live roles with open reports").click()
    admin.get_by_role("link", name=FIRST).click()
    expect(admin.locator("#review-reports")).to_contain_text("$2,000 'visa fee'")
    admin.get_by_role("button", name="Dismiss report").click()
    expect(admin.locator(".messagelist")).to_contain_text("Report dismissed")

    # Employer: the dashboard shows the live role and the rejected one with the reason.
    page.goto(live_server.url + "/dashboard/")
    live_row = page.locator("tr", has_text=FIRST)
    expect(live_row.locator(".status")).to_have_text("Live")
    rejected_row = page.locator("tr", has_text=SECOND)
    expect(rejected_row.locator(".status")).to_have_text("Rejected")
    expect(rejected_row).to_contain_text("The salary is below the income threshold")
    expect(rejected_row).to_contain_text("Core Skills needs the market rate too: add it.")

    # Both decisions reached the employer by e-mail, and the audit trail has them all.
    subjects = [m.subject for m in mail.outbox if posting_journey.EMAIL in m.to]
    assert any(s.startswith("Live:") and FIRST in s for s in subjects), subjects
    assert any(s.startswith("Not approved:") and SECOND in s for s in subjects), subjects
    assert list(
        ModerationEvent.objects.filter(actor=moderator)
        .order_by("id")
        .values_list("role__title", "action")
    ) == [(FIRST, "approved"), (SECOND, "rejected"), (FIRST, "report_dismissed")]
    assert ListingReport.objects.get().status == "dismissed"
    assert not errors, errors
