"""axe-core finds no violations on the search page (with results, filters, no results) or a role page."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache

from tests.factories import ApprovedRoleFactory, ExpiredRoleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# Every WCAG 2.0-2.2 A and AA rule, plus axe's best practices (landmarks, headings, regions).
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


@pytest.fixture
def roles():
    cache.clear()
    live = [
        ApprovedRoleFactory(
            title=f"Machine Learning Engineer {n}",
            visas=["482", "186"] if n % 2 else ["482"],
            streams=["482-core", "186-trt"] if n % 2 else ["482-specialist"],
            specialties=["nlp", "llm"],
            state="NSW" if n % 3 else "VIC",
            salary_min=90_000 + n * 10_000,
            salary_max=120_000 + n * 10_000,
        )
        for n in range(8)
    ]
    return {"live": live, "expired": ExpiredRoleFactory(title="Expired Role")}


def assert_no_violations(page, url: str) -> None:
    page.goto(url)
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def axe_page(browser):
    # axe is injected with page.evaluate, which the page's CSP would otherwise refuse.
    context = browser.new_context(locale="en-AU", bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize(
    "query",
    [
        "",  # every live role
        "?visa=482&state=NSW&specialty=nlp&salary_min=100000&sort=salary",  # filters and chips
        "?q=haskell&visa=494",  # the empty state
        "?visa=999&page=9",  # notices about ignored values
        "?page=2",
    ],
)
def test_search_page_has_no_violations(axe_page, live_server, roles, settings, query):
    settings.LISTING_PAGE_SIZE = 5
    assert_no_violations(axe_page, f"{live_server.url}/jobs/{query}")


def test_search_page_on_a_phone_has_no_violations(axe_page, live_server, roles):
    axe_page.set_viewport_size({"width": 375, "height": 800})
    assert_no_violations(axe_page, f"{live_server.url}/jobs/?visa=482")


def test_role_page_has_no_violations(axe_page, live_server, roles):
    assert_no_violations(axe_page, live_server.url + roles["live"][1].get_absolute_url())


def test_closed_role_page_home_and_employers_have_no_violations(axe_page, live_server, roles):
    assert_no_violations(axe_page, live_server.url + roles["expired"].get_absolute_url())
    assert_no_violations(axe_page, live_server.url + "/")
    assert_no_violations(axe_page, live_server.url + "/employers/")
    assert_no_violations(axe_page, live_server.url + roles["live"][0].employer.get_absolute_url())
