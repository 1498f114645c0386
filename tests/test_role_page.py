"""/jobs/<id>/<slug>/: everything a seeker needs to decide, and what a closed role says."""

from datetime import timedelta

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import timezone

from listings.models import IncomeThreshold, Occupation, Role
from listings.rules.salary import latest_indexation_date
from listings.visas import threshold_on
from tests.factories import (
    ApprovedRoleFactory,
    ClosedRoleFactory,
    EmployerFactory,
    ExpiredRoleFactory,
    FeedSourceFactory,
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


# The income-threshold check (the one salary rule), for every visa offered, on today's date.


def text(client, role) -> str:
    return " ".join(page(client, role).split())


def test_salary_that_clears_the_threshold_in_force_today(client):
    today = timezone.localdate()
    csit = threshold_on("CSIT", today)
    role = ApprovedRoleFactory(streams=["482-core"], salary_min=csit.amount + 1000, salary_max=None)
    body = text(client, role)
    assert "Does the salary clear the income threshold today?" in body
    assert (
        f'482 Core Skills</strong>: <span class="check-outcome">Clears</span>. A salary from '
        f"${intcomma(csit.amount + 1000)} clears the CSIT of ${intcomma(csit.amount)}."
    ) in body
    assert csit.source_url in body
    assert "in force from" in body
    assert "Guidance, not migration advice" in body


def test_salary_below_the_threshold_and_specialist_skills(client):
    today = timezone.localdate()
    csit, ssit = threshold_on("CSIT", today), threshold_on("SSIT", today)
    role = ApprovedRoleFactory(
        streams=["482-core", "482-specialist"], salary_min=csit.amount + 5, salary_max=None
    )
    body = text(client, role)
    assert f"clears the CSIT of ${intcomma(csit.amount)}" in body
    assert '<span class="check-outcome">Below</span>' in body
    assert f"is below the SSIT of ${intcomma(ssit.amount)}" in body


def test_a_482_without_a_stream_shows_each_streams_threshold(client):
    today = timezone.localdate()
    csit, ssit = threshold_on("CSIT", today), threshold_on("SSIT", today)
    role = ApprovedRoleFactory(visas=["482"], salary_min=csit.amount + 1_000, salary_max=None)
    body = text(client, role)
    assert "482 Skills in Demand (no stream named)" in body
    assert f"Core Skills needs the CSIT of ${intcomma(csit.amount)} a year" in body
    assert f"Specialist Skills needs the SSIT of ${intcomma(ssit.amount)} a year" in body
    assert "so it fits Core Skills, but not the SSIT that Specialist Skills needs" in body
    assert f"SSIT ${intcomma(ssit.amount)} a year (Specialist Skills), in force from" in body
    assert ssit.source_url in body and csit.source_url in body


def test_a_186_without_a_stream_is_checked_too(client):
    csit = threshold_on("CSIT", timezone.localdate())
    role = ApprovedRoleFactory(visas=["186"], salary_min=csit.amount - 1, salary_max=None)
    body = text(client, role)
    assert "186 Employer Nomination Scheme (no stream named)" in body
    assert '<span class="check-outcome">Below</span>' in body


def test_a_494_is_checked_against_the_tsmit(client):
    tsmit = threshold_on("TSMIT", timezone.localdate())
    role = ApprovedRoleFactory(
        visas=["494"], city="Hobart", state="TAS", salary_min=tsmit.amount - 1, salary_max=None
    )
    body = text(client, role)
    assert "494 Skilled Employer Sponsored Regional (Provisional)</strong>" in body
    assert f"is below the TSMIT of ${intcomma(tsmit.amount)}" in body
    assert "announced, subject to legislation" in body


def test_no_salary_stated_says_so_and_names_the_threshold(client):
    csit = threshold_on("CSIT", timezone.localdate())
    role = ApprovedRoleFactory(visas=["186"], streams=["186-trt"], salary_min=None, salary_max=None)
    body = text(client, role)
    assert '<span class="check-outcome">Cannot check</span>. No salary is stated' in body
    assert f"The employer must pay at least the CSIT of ${intcomma(csit.amount)} a year." in body


def test_a_salary_in_another_currency_says_so(client):
    role = ApprovedRoleFactory(
        visas=["494"],
        salary_min=None,
        salary_max=None,
        salary_text="US$150,000 a year",
        source=FeedSourceFactory(),
        external_id="1",
    )
    body = text(client, role)
    assert "The salary is stated in USD (US$150,000 a year), not Australian dollars" in body
    assert "at least the TSMIT of $" in body


def test_labour_agreement_streams_say_why_there_is_no_check(client):
    role = ApprovedRoleFactory(streams=["482-labour-agreement"])
    body = text(client, role)
    assert "Cannot check</span>. In the Labour Agreement stream the employer" in body
    assert "labour agreement sets the salary terms, so no standard income threshold applies" in body


def test_an_offer_without_a_subclass_says_why_it_cannot_be_checked(client):
    role = ApprovedRoleFactory(visas=[])
    body = text(client, role)
    assert "Visa sponsorship offered (subclass not stated)" in body
    assert "does not say which visa subclass is offered, so the salary cannot be checked" in body


def test_sponsorship_not_stated_and_no_visa_has_no_check(client):
    role = ApprovedRoleFactory(visas=[], sponsorship=Role.Sponsorship.UNKNOWN)
    assert "threshold-guidance" not in page(client, role)


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
    body = text(client, role)
    assert "(single source)" in body
    assert "(a newer value may apply)" in body
    assert "https://example.org/ssit" in body and "https://example.org/csit" in body


def test_the_page_costs_the_same_queries_for_one_visa_or_many(client, django_assert_num_queries):
    one = ApprovedRoleFactory(visas=["494"])
    many = ApprovedRoleFactory(
        visas=["482", "186", "494"], streams=["482-core", "482-specialist", "186-trt"]
    )
    # The role (with employer and occupation), its 3 prefetches (visas, streams, specialties)
    # and the reference data (subclasses, streams, thresholds): the same whatever is offered.
    with django_assert_num_queries(7):
        client.get(one.get_absolute_url())
    with django_assert_num_queries(7):
        client.get(many.get_absolute_url())


# Whose words the sponsorship sentence is.


def test_an_ingested_roles_evidence_is_quoted_from_the_ad(client):
    role = ApprovedRoleFactory(
        source=FeedSourceFactory(), external_id="7", sponsorship_evidence="We sponsor 482 visas."
    )
    body = text(client, role)
    assert (
        "<figcaption>What the ad says</figcaption> <blockquote>We sponsor 482 visas.</blockquote>"
        in body
    )
    assert "employer's declaration" not in body


def test_a_posted_roles_evidence_is_the_employers_declaration(client):
    role = ApprovedRoleFactory(
        sponsorship_evidence="Acme posted this role offering sponsorship for: 482 Skills in Demand."
    )
    body = text(client, role)
    assert "The employer's declaration" in body and "not quoted from an ad" in body
    assert "What the ad says" not in body and "<blockquote>" not in body


# Canonical URL, unapproved, expired and closed.


def test_wrong_slug_redirects_permanently_to_the_canonical_url(client):
    role = ApprovedRoleFactory(title="Computer Vision Engineer", city="Hobart")
    response = client.get(f"/jobs/{role.pk}/something-else/")
    assert response.status_code == 301
    assert response["Location"] == role.get_absolute_url()


def test_a_link_with_the_id_alone_redirects_permanently_to_the_canonical_url(client):
    role = ApprovedRoleFactory(title="Computer Vision Engineer", city="Hobart")
    response = client.get(f"/jobs/{role.pk}/")
    assert response.status_code == 301
    assert response["Location"] == role.get_absolute_url()


@pytest.mark.parametrize("factory", [RoleFactory, PendingRoleFactory, RejectedRoleFactory])
def test_unapproved_roles_are_404(client, factory):
    role = factory()
    assert client.get(role.get_absolute_url()).status_code == 404
    assert client.get(f"/jobs/{role.pk}/").status_code == 404


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
