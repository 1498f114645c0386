"""The employer journey in Chromium: sign up, verify by e-mail, company profile, the form with
live visa guidance, preview, submit, and the role pending on the dashboard."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from playwright.sync_api import expect

from listings.models import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "hiring@acme-ai.example"
PASSWORD = "a-long-and-unusual-passphrase"


def assert_accessible(page, where: str) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, f"{where}:\n{results.generate_report()}"


def test_a_new_employer_posts_a_role(page, live_server):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    mail.outbox.clear()

    # Sign up; nothing works until the address is verified.
    page.goto(live_server.url + "/post/")
    page.get_by_role("link", name="Create an employer account").click()
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")

    # Follow the link from the e-mail that was sent.
    [message] = [m for m in mail.outbox if EMAIL in m.to]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    # Logged in, and on the way to /post/: a user with no employer gets the profile step first.
    page.wait_for_url("**/employer/profile/?next=/post/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your company profile")
    page.get_by_label("Company name").fill("Acme AI Pty Ltd")
    page.get_by_label("ABN").fill("51 824 753 557")  # a typo: the checksum fails
    page.get_by_role("button", name="Create profile and continue").click()
    expect(page.locator(".field-error").first).to_contain_text("checksum does not match")
    page.get_by_label("ABN").fill("51 824 753 556")
    page.get_by_role("button", name="Create profile and continue").click()

    # The posting form.
    page.wait_for_url("**/post/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Post a sponsored role")
    page.get_by_label("Title").fill("Machine Learning Engineer, Forecasting")
    page.get_by_label("Description").fill(
        "Build and ship demand-forecasting models.\n\n"
        "## What you'll need\n\n"
        "- 3+ years of experience with Python and PyTorch\n"
        "- Models in production\n"
    )
    page.get_by_label("City").fill("Sydney")
    page.get_by_label("State").select_option("NSW")
    page.get_by_label("Hybrid").check()
    page.get_by_label("482 Skills in Demand").check()
    page.get_by_label(re.compile(r"^Core Skills")).check()
    page.get_by_label("Salary from (AUD a year)").fill("60000")
    page.get_by_label("Salary to (AUD a year)").fill("70000")
    page.get_by_label("Apply URL").fill("https://acme-ai.example/careers/mle")

    # htmx guidance warns while typing: below the CSIT, naming it, with date and source.
    guidance = page.locator("#guidance")
    warning = guidance.locator(".guidance-warning")
    expect(warning).to_contain_text("A salary from $60,000 is below the CSIT of $")
    expect(warning).to_contain_text("in force from")
    expect(warning.get_by_role("link", name=re.compile("^Source"))).to_have_attribute(
        "href", re.compile(r"^https://")
    )
    # The labour-market-testing checklist opens, and says this ad meets the content part.
    guidance.get_by_text("Labour market testing checklist").click()
    expect(guidance.locator(".lmt-check-yes")).to_have_count(4)

    # Fix the salary: the warning goes.
    page.get_by_label("Salary from (AUD a year)").fill("150000")
    page.get_by_label("Salary to (AUD a year)").fill("180000")
    expect(guidance.locator(".guidance-ok")).to_contain_text("clears the CSIT")
    expect(guidance.locator(".guidance-warning")).to_have_count(0)
    expect(guidance.locator("#lmt-checklist")).to_have_attribute("open", "")  # kept open
    assert_accessible(page, "posting form with guidance")

    # Preview, then submit.
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Preview your role")
    preview = page.locator(".preview-frame")
    expect(
        preview.get_by_role("heading", name="Machine Learning Engineer, Forecasting")
    ).to_be_visible()
    expect(preview.locator(".role-body li").first).to_have_text(
        "3+ years of experience with Python and PyTorch"
    )
    expect(preview).to_contain_text("$150,000 – $180,000 a year")
    assert_accessible(page, "preview")
    page.get_by_role("button", name="Submit for review").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("is waiting for review")
    role = Role.objects.get(title="Machine Learning Engineer, Forecasting")
    assert role.status == Role.Status.PENDING
    assert role.salary_min == 150_000
    assert any(m.subject.startswith("Received:") and EMAIL in m.to for m in mail.outbox)

    # Nothing public; pending on the dashboard.
    page.get_by_role("link", name="Go to your dashboard").click()
    row = page.locator("tr", has_text="Machine Learning Engineer, Forecasting")
    expect(row.locator(".status")).to_have_text("Pending review")
    assert_accessible(page, "dashboard")
    assert page.request.get(live_server.url + role.get_absolute_url()).status == 404
    assert not errors, errors  # e.g. no CSP violations
