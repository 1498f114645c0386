"""The home page, error pages and the security headers every page carries."""

import pytest
from django.test import override_settings

from listings.models import Role
from tests.factories import ApprovedRoleFactory, PendingRoleFactory

pytestmark = pytest.mark.django_db


def test_home_lists_the_newest_live_roles(client):
    live = ApprovedRoleFactory(title="Speech Recognition Engineer")
    pending = PendingRoleFactory(title="Secret Pending Role")
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert live.title in body and live.get_absolute_url() in body
    assert pending.title not in body
    assert "1 live role" in body


def test_security_headers_and_a_csp_without_inline_script(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "<script>" not in response.content.decode()


@override_settings(DEBUG=False)
def test_friendly_404_in_the_site_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "We couldn't find that page" in body
    assert 'class="site-header"' in body and "Skip to content" in body


def test_friendly_500_page_in_the_site_layout(client):
    from django.views.defaults import server_error

    response = server_error(client.request().wsgi_request)
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_role_page_shows_the_role_and_redirects_wrong_slugs(client):
    role = ApprovedRoleFactory(title="Computer Vision Engineer", city="Hobart", state="TAS")
    assert client.get(f"/jobs/{role.pk}/wrong-slug/").url == role.get_absolute_url()
    body = client.get(role.get_absolute_url()).content.decode()
    assert "Computer Vision Engineer" in body and role.sponsorship_evidence in body


@pytest.mark.parametrize("status", [Role.Status.PENDING, Role.Status.DRAFT, Role.Status.REJECTED])
def test_unapproved_role_pages_are_404(client, status):
    role = PendingRoleFactory(status=status)
    assert client.get(role.get_absolute_url()).status_code == 404
