"""The job seeker's journey in Chromium: search by visa and state, open a role, read the hint."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests.factories import ApprovedRoleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def roles():
    cache.clear()
    return {
        "match": ApprovedRoleFactory(
            title="Sydney Forecasting Scientist",
            visas=["482"],
            streams=["482-core"],
            state="NSW",
            city="Sydney",
            salary_min=150_000,
            salary_max=170_000,
        ),
        "other_state": ApprovedRoleFactory(
            title="Melbourne Vision Engineer", visas=["482"], state="VIC", city="Melbourne"
        ),
        "other_visa": ApprovedRoleFactory(
            title="Sydney Permanent Researcher", visas=["186"], state="NSW", city="Sydney"
        ),
    }


def listed(page) -> list[str]:
    return page.locator(".results .role-title a").all_inner_texts()


def console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def test_search_by_visa_and_state_then_read_the_threshold_hint(page, live_server, roles):
    errors = console_errors(page)
    page.goto(live_server.url + "/jobs/")
    expect(page.locator(".results .role-title")).to_have_count(3)

    # With JavaScript, ticking a box swaps the results in place and pushes the URL.
    page.get_by_label(re.compile(r"^482 Skills in Demand")).check()
    page.wait_for_url(re.compile(r"/jobs/\?visa=482$"))
    expect(page.locator(".results .role-title")).to_have_count(2)
    page.get_by_label(re.compile(r"^New South Wales")).check()
    page.wait_for_url(re.compile(r"/jobs/\?visa=482&state=NSW$"))
    expect(page.locator(".results .role-title")).to_have_count(1)
    assert listed(page) == ["Sydney Forecasting Scientist"]
    expect(page.locator(".chips")).to_contain_text("New South Wales")
    expect(page.locator("#search-status")).to_have_text("1 role found.")
    # The checkbox that was used keeps the keyboard focus across the swap.
    expect(page.get_by_label(re.compile(r"^New South Wales"))).to_be_focused()

    page.get_by_role("link", name="Sydney Forecasting Scientist").click()
    page.wait_for_url(f"**{roles['match'].get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sydney Forecasting Scientist")
    hint = page.locator("#threshold-guidance")
    expect(hint).to_contain_text("482 Core Skills")
    expect(hint).to_contain_text("Clears")
    expect(hint).to_contain_text("clears the CSIT of $")
    expect(hint).to_contain_text("Guidance, not migration advice")

    # Back to the filtered search, as the browser remembers it.
    page.go_back()
    page.wait_for_url(re.compile(r"visa=482&state=NSW"))
    expect(page.locator(".results .role-title")).to_have_count(1)
    assert not errors, errors  # no CSP violations, no script errors


def test_the_search_works_with_javascript_off(browser, live_server, roles):
    context = browser.new_context(java_script_enabled=False, locale="en-AU")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/jobs/")
        page.get_by_label(re.compile(r"^482 Skills in Demand")).check()
        page.get_by_label(re.compile(r"^New South Wales")).check()
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url(re.compile(r"visa=482.*state=NSW"))
        assert listed(page) == ["Sydney Forecasting Scientist"]
        page.get_by_role("link", name=re.compile("Remove filter: New South Wales")).click()
        page.wait_for_url(re.compile(r"/jobs/\?visa=482$"))
        assert sorted(listed(page)) == ["Melbourne Vision Engineer", "Sydney Forecasting Scientist"]
    finally:
        context.close()


def test_keywords_and_removing_a_chip_with_htmx(page, live_server, roles):
    errors = console_errors(page)
    page.goto(live_server.url + "/jobs/?visa=482&state=NSW")
    page.get_by_label("Keywords").fill("vision")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"q=vision"))
    expect(page.locator(".empty-state")).to_contain_text("No roles match")
    page.get_by_role("link", name=re.compile("Remove filter: New South Wales")).click()
    page.wait_for_url(re.compile(r"/jobs/\?q=vision&visa=482$"))
    expect(page.locator(".results .role-title")).to_have_count(1)
    assert listed(page) == ["Melbourne Vision Engineer"]
    assert not errors, errors
