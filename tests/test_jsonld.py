"""schema.org JobPosting on live role pages: parsed back and checked, and safely escaped."""

import json
import re

import pytest

from listings.models import Occupation, Role
from listings.search.jsonld import job_posting, json_ld_script
from tests.factories import ApprovedRoleFactory, EmployerFactory

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.S)


def json_ld(client, role) -> dict:
    body = client.get(role.get_absolute_url()).content.decode()
    blocks = SCRIPT.findall(body)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_job_posting_has_every_property_search_engines_use(client):
    role = ApprovedRoleFactory(
        title="Senior Data Scientist",
        employer=EmployerFactory(name="Wattle Analytics", website="https://wattle.example"),
        description="<p>Forecast demand.</p>",
        city="Melbourne",
        state="VIC",
        workplace=Role.Workplace.HYBRID,
        employment_type=Role.EmploymentType.FULL_TIME,
        salary_min=160_000,
        salary_max=190_000,
        visas=["482", "186"],
        streams=["482-core"],
        occupation=Occupation.objects.get(anzsco_code="261313"),
    )
    data = json_ld(client, role)
    assert data["@context"] == "https://schema.org/"
    assert data["@type"] == "JobPosting"
    assert data["title"] == "Senior Data Scientist"
    assert data["description"] == "<p>Forecast demand.</p>"
    assert data["datePosted"] == role.posted_at.isoformat()
    assert data["validThrough"] == role.expires_at.isoformat()
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Wattle Analytics",
        "sameAs": "https://wattle.example",
    }
    assert data["jobLocation"] == {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "addressCountry": "AU",
            "addressLocality": "Melbourne",
            "addressRegion": "VIC",
        },
    }
    assert "jobLocationType" not in data
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "AUD",
        "value": {
            "@type": "QuantitativeValue",
            "minValue": 160_000,
            "maxValue": 190_000,
            "unitText": "YEAR",
        },
    }
    assert data["employmentType"] == "FULL_TIME"
    assert data["identifier"]["@type"] == "PropertyValue"
    assert data["identifier"]["value"] == str(role.pk)
    assert data["directApply"] is False
    requirement = data["eligibilityToWorkRequirement"]
    assert "visa sponsorship" in requirement
    assert "subclass 482 (Skills in Demand)" in requirement
    assert "subclass 186" in requirement and "482 Core Skills" in requirement
    assert data["url"].endswith(role.get_absolute_url())
    assert data["occupationalCategory"].startswith("261313")


def test_remote_roles_are_telecommute_within_australia(client):
    role = ApprovedRoleFactory(workplace=Role.Workplace.REMOTE, city="", state="")
    data = json_ld(client, role)
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "Australia"}
    assert "jobLocation" not in data


@pytest.mark.parametrize(
    ("kind", "schema"),
    [("part_time", "PART_TIME"), ("contract", "CONTRACTOR"), ("internship", "INTERN")],
)
def test_employment_types(kind, schema):
    role = ApprovedRoleFactory(employment_type=kind)
    assert job_posting(role)["employmentType"] == schema


def test_single_figure_salary_and_no_salary():
    assert job_posting(ApprovedRoleFactory(salary_min=None, salary_max=150_000))["baseSalary"][
        "value"
    ] | {"@type": "QuantitativeValue"} == {
        "@type": "QuantitativeValue",
        "minValue": 150_000,
        "maxValue": 150_000,
        "unitText": "YEAR",
    }
    assert "baseSalary" not in job_posting(ApprovedRoleFactory(salary_min=None, salary_max=None))


def test_unstated_sponsorship_is_not_claimed():
    role = ApprovedRoleFactory(sponsorship=Role.Sponsorship.UNKNOWN)
    assert "does not state" in job_posting(role)["eligibilityToWorkRequirement"]


def test_a_title_cannot_break_out_of_the_script_element(client):
    role = ApprovedRoleFactory(
        title='ML Engineer </script><script>alert("x")</script> & <b>co</b>',
        description="<p>Fine & dandy</p><!-- -->",
    )
    body = client.get(role.get_absolute_url()).content.decode()
    block = SCRIPT.search(body).group(1)
    assert "</script>" not in block and "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)["title"] == role.title
    assert "<script>alert" not in body


def test_json_ld_script_takes_a_nonce():
    html = json_ld_script({"a": "<b>"}, nonce="abc123")
    assert (
        html
        == '<script type="application/ld+json" nonce="abc123">{"a": "\\u003Cb\\u003E"}</script>'
    )
