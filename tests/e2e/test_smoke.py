"""The home page opens in a real browser and lists live roles."""

import pytest

from tests.factories import ApprovedRoleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_in_chromium(page, live_server):
    role = ApprovedRoleFactory(title="Applied Scientist, Recommendations")
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto(live_server.url + "/")
    assert page.title().startswith("Sponsored ML Jobs")
    link = page.get_by_role("link", name="Applied Scientist, Recommendations")
    link.click()
    page.wait_for_url(f"**{role.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == "Applied Scientist, Recommendations"
    assert not errors, errors  # e.g. no CSP violations
