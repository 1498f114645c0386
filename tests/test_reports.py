"""“Report this listing”: live roles only, honeypot, rate limit, and the report reaching the queue."""

import re

import pytest
from django.urls import reverse

from listings.models import ListingReport, Role
from listings.moderation.flags import review_queue
from tests.factories import (
    ApprovedRoleFactory,
    ClosedRoleFactory,
    ExpiredRoleFactory,
    PendingRoleFactory,
    RejectedRoleFactory,
)

pytestmark = pytest.mark.django_db


def report_url(role) -> str:
    return reverse("listings:role_report", args=[role.pk])


def test_the_url_is_the_one_the_role_page_links_to():
    role = ApprovedRoleFactory()
    assert report_url(role) == f"/jobs/{role.pk}/report/"


def test_the_form_is_offered_on_live_roles(client):
    role = ApprovedRoleFactory(title="Speech Scientist")
    response = client.get(report_url(role))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Report this listing" in html and "Speech Scientist" in html
    assert "Asks the candidate to pay for sponsorship" in html
    assert 'name="website"' in html  # the honeypot, hidden by the stylesheet
    assert "noindex" in html
    # A link from the role page can preselect a reason.
    html = client.get(report_url(role), {"reason": "candidate_pays"}).content.decode()
    assert re.search(r'<input[^>]*value="candidate_pays"[^>]*checked', html)


@pytest.mark.parametrize(
    "factory",
    [
        PendingRoleFactory,
        RejectedRoleFactory,
        ExpiredRoleFactory,
        ClosedRoleFactory,
        lambda: ApprovedRoleFactory(sponsorship=Role.Sponsorship.NOT_OFFERED),
    ],
)
def test_only_live_roles_can_be_reported(client, factory):
    role = factory()
    assert client.get(report_url(role)).status_code == 404
    assert client.post(report_url(role), {"reason": "scam"}).status_code == 404
    assert client.get(reverse("listings:role_report", args=[99999])).status_code == 404
    assert not ListingReport.objects.exists()


def test_a_report_is_recorded_and_raises_the_role_in_the_queue(client):
    role = ApprovedRoleFactory()
    assert role not in review_queue()
    response = client.post(
        report_url(role),
        {
            "reason": "candidate_pays",
            "details": "They asked for $3,000 for the 482 nomination.",
            "contact_email": "seeker@example.com",
            "website": "",
        },
    )
    thanks = reverse("listings:role_report_thanks", args=[role.pk])
    assert response.status_code == 302 and response.url == thanks
    report = ListingReport.objects.get()
    assert report.role == role and report.status == "open"
    assert report.reason == "candidate_pays" and report.contact_email == "seeker@example.com"
    assert "$3,000" in report.details
    [queued] = review_queue()
    assert queued == role and queued.open_report_count == 1
    assert "a moderator will look at it" in client.get(thanks).content.decode()


def test_the_contact_email_is_optional_but_checked(client):
    role = ApprovedRoleFactory()
    assert client.post(report_url(role), {"reason": "filled"}).status_code == 302
    response = client.post(report_url(role), {"reason": "filled", "contact_email": "nope"})
    assert (
        response.status_code == 400 and "Enter a valid email address." in response.content.decode()
    )
    assert ListingReport.objects.count() == 1


def test_something_else_needs_details(client):
    role = ApprovedRoleFactory()
    response = client.post(report_url(role), {"reason": "other"})
    assert response.status_code == 400 and "Tell us what is wrong." in response.content.decode()
    response = client.post(report_url(role), {"reason": "bogus"})
    assert response.status_code == 400
    assert not ListingReport.objects.exists()


def test_the_honeypot_thanks_bots_and_records_nothing(client):
    role = ApprovedRoleFactory()
    response = client.post(report_url(role), {"reason": "scam", "website": "http://spam.example"})
    assert response.status_code == 302
    assert not ListingReport.objects.exists()


def test_reports_are_rate_limited_per_ip(client, settings):
    settings.REPORT_RATE_LIMIT_IP = "2/h"
    role = ApprovedRoleFactory()
    for _ in range(2):
        assert client.post(report_url(role), {"reason": "scam"}).status_code == 302
    response = client.post(report_url(role), {"reason": "scam"})
    assert response.status_code == 429 and "Too many reports" in response.content.decode()
    # Another address is not limited.
    other = client.post(report_url(role), {"reason": "scam"}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302
    assert ListingReport.objects.count() == 3


def test_the_form_needs_csrf(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    role = ApprovedRoleFactory()
    assert strict.post(report_url(role), {"reason": "scam"}).status_code == 403
    assert not ListingReport.objects.exists()
