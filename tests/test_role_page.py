"""/jobs/<id>/<slug>/: everything a seeker needs to decide, and what a closed role says."""

from datetime import timedelta

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import timezone

from listings.models import IncomeThreshold, Occupation, Role
from listings.visas import latest_indexation_date, threshold_on
from tests.factories import (
    ApprovedRoleFactory,
    ClosedRoleFactory,
    EmployerFactory,
    ExpiredRoleFactory,
    PendingRoleFactory,
    RejectedRoleFactory,
    RoleFactory,
)

pytestmark = pytest.mark.django_db


def page(client, role) -> str:
    response = client.get(role.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_what_a_seeker_needs_to_decide(client):
    role = ApprovedRoleFactory(
        title="NLP Engineer",
        employer=EmployerFactory(name="Quokka Language AI", verified=True),
        city="Brisbane",
        state="QLD",
        workplace=Role.Workplace.HYBRID,
        salary_min=150_000,
        salary_max=175_000,
        visas=["482", "186"],
        streams=["482-core", "186-trt"],
        sponsorship_evidence="We sponsor 482 visas and support a 186 nomination after two years.",
        occupation=Occupation.objects.get(anzsco_code="261313"),
        specialties=["nlp"],
    )
    body = page(client, role)
    assert "<h1>NLP Engineer</h1>" in body
    assert "Quokka Language AI" in body and role.employer.get_absolute_url() in body
    assert "Hybrid: Brisbane, QLD" in body
    assert "$150,000 – $175,000 a year" in body
    assert "482 Skills in Demand" in body and "186 Employer Nomination Scheme" in body
    assert "482 Core Skills" in body and "186 Temporary Residence Transition" in body
    assert "We sponsor 482 visas and support a 186 nomination after two years." in body
    assert "Software Engineer (ANZSCO 261313)" in body
    assert "On the Core Skills Occupation List" in body
    assert 'href="https://employer.example/apply"' in body and "Apply on the employer" in body
    assert role.posted_at.astimezone(timezone.get_current_timezone()).strftime("%-d %b %Y") in body
    assert "Closes" in body
    assert "Report this listing" in body
    assert '<meta property="og:title" content="NLP Engineer at Quokka Language AI">' in body
    assert '<meta name="description" content="NLP Engineer at Quokka Language AI' in body
    assert 'name="robots"' not in body


def test_apply_by_email_when_there_is_no_apply_url(client):
    role = ApprovedRoleFactory(apply_url="", apply_email="jobs@employer.example")
    assert 'href="mailto:jobs@employer.example"' in page(client, role)


def test_sponsorship_not_stated_is_said_plainly(client):
    role = ApprovedRoleFactory(sponsorship=Role.Sponsorship.UNKNOWN, sponsorship_evidence="")
    body = page(client, role)
    assert "does not say whether visa sponsorship is offered" in body


# The income-threshold guidance, for the streams offered, on today's date.


def test_salary_that_clears_the_threshold_in_force_today(client):
    today = timezone.localdate()
    csit = threshold_on("CSIT", today)
    role = ApprovedRoleFactory(streams=["482-core"], salary_min=csit.amount + 1000, salary_max=None)
    body = page(client, role)
    assert f"appears to clear the CSIT of ${intcomma(csit.amount)} a year" in " ".join(body.split())
    assert csit.source_url in body
    assert "In force from" in body
    assert "Guidance, not migration advice" in body


def test_salary_below_the_threshold_and_specialist_skills(client):
    today = timezone.localdate()
    csit, ssit = threshold_on("CSIT", today), threshold_on("SSIT", today)
    role = ApprovedRoleFactory(
        streams=["482-core", "482-specialist"], salary_min=csit.amount + 5, salary_max=None
    )
    body = " ".join(page(client, role).split())
    assert f"appears to clear the CSIT of ${intcomma(csit.amount)}" in body
    assert f"appears to be below the SSIT of ${intcomma(ssit.amount)}" in body


def test_no_salary_stated_gives_the_threshold_without_a_verdict(client):
    role = ApprovedRoleFactory(streams=["186-trt"], salary_min=None, salary_max=None)
    body = " ".join(page(client, role).split())
    assert "the ad states no salary in AUD; the CSIT is $" in body


def test_labour_agreement_streams_have_no_threshold_line(client):
    role = ApprovedRoleFactory(streams=["482-labour-agreement"])
    assert "Does the salary clear the income threshold" not in page(client, role)


def test_single_source_and_possibly_outdated_thresholds_are_flagged(client):
    today = timezone.localdate()
    IncomeThreshold.objects.filter(name="SSIT").delete()
    IncomeThreshold.objects.create(
        name="SSIT",
        amount=150_000,
        effective_from=today,
        confidence=IncomeThreshold.Confidence.SINGLE_SOURCE,
        source_url="https://example.org/ssit",
    )
    IncomeThreshold.objects.filter(name="CSIT").delete()
    IncomeThreshold.objects.create(
        name="CSIT",
        amount=70_000,
        effective_from=latest_indexation_date(today) - timedelta(days=400),
        source_url="https://example.org/csit",
    )
    role = ApprovedRoleFactory(
        streams=["482-specialist", "186-trt"], salary_min=200_000, salary_max=220_000
    )
    body = " ".join(page(client, role).split())
    assert "(single source)" in body
    assert "a newer value may apply" in body
    assert "https://example.org/ssit" in body and "https://example.org/csit" in body


# Canonical URL, unapproved, expired and closed.


def test_wrong_slug_redirects_permanently_to_the_canonical_url(client):
    role = ApprovedRoleFactory(title="Computer Vision Engineer", city="Hobart")
    response = client.get(f"/jobs/{role.pk}/something-else/")
    assert response.status_code == 301
    assert response["Location"] == role.get_absolute_url()


@pytest.mark.parametrize("factory", [RoleFactory, PendingRoleFactory, RejectedRoleFactory])
def test_unapproved_roles_are_404(client, factory):
    role = factory()
    assert client.get(role.get_absolute_url()).status_code == 404


def test_roles_not_offering_sponsorship_are_404(client):
    role = ApprovedRoleFactory(sponsorship=Role.Sponsorship.NOT_OFFERED)
    assert client.get(role.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("factory", "reason"),
    [
        (ExpiredRoleFactory, "passed its closing date"),
        (ClosedRoleFactory, "the employer closed it"),
    ],
)
def test_expired_and_closed_roles_say_so_without_json_ld_or_apply(client, factory, reason):
    role = factory(title="Old Role")
    body = page(client, role)
    assert "This role is no longer open" in body and reason in body
    assert '<meta name="robots" content="noindex">' in body
    assert "application/ld+json" not in body
    assert "Apply on the employer" not in body


def test_approved_role_past_its_closing_date_reads_as_closed(client):
    role = ApprovedRoleFactory(expires_at=timezone.now() - timedelta(hours=1))
    body = page(client, role)
    assert "This role is no longer open" in body
    assert "application/ld+json" not in body
    assert '<meta name="robots" content="noindex">' in body
