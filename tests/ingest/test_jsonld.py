"""schema.org JobPosting JSON-LD adapter, against the careers-page sample."""

import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from listings.ingest.adapters import jsonld
from listings.rules.pay import SalaryRange
from tests.ingest import SAMPLES

AEDT = timezone(timedelta(hours=11))
AEST = timezone(timedelta(hours=10))


def page(*blocks: str) -> bytes:
    scripts = "".join(f'<script type="application/ld+json">{block}</script>' for block in blocks)
    return f"<!DOCTYPE html><html><head>{scripts}</head><body></body></html>".encode()


def posting(**fields) -> str:
    return json.dumps({"@context": "https://schema.org", "@type": "JobPosting", **fields})


@pytest.fixture(scope="module")
def result():
    return jsonld.parse((SAMPLES / "jobposting_jsonld.html").read_bytes())


@pytest.fixture(scope="module")
def postings(result):
    return {record.title: record for record in result.records}


def test_every_block_lands_including_the_repaired_one(result):
    assert len(result.records) == 5
    assert result.failures == []
    assert result.complete is True


def test_plain_job_posting(postings):
    role = postings["Senior Machine Learning Engineer, Recommender Systems"]
    assert role.external_id == "TDL-ML-0231"  # identifier.value
    assert role.company == "Tasman Deep Learning Pty Ltd"
    assert (role.city, role.region, role.country) == ("Sydney", "NSW", "AU")
    assert role.location_text == "Sydney, NSW, AU"
    assert role.salary == SalaryRange(Decimal("180000"), Decimal("210000"), "AUD", "year")
    assert role.posted_at == datetime(2026, 11, 2, 9, 0, tzinfo=AEDT)
    assert role.valid_through == datetime(2026, 12, 15, 23, 59, tzinfo=AEDT)
    assert role.employment_type_hint == "FULL_TIME"
    assert role.apply_url == "https://careers.tasmandl.example/jobs/tdl-ml-0231"
    assert "482 / Skills in Demand visa sponsorship available." in role.description_html


def test_graph_telecommute_posting_with_org_reference(postings):
    role = postings["Machine Learning Engineer - LLM Evaluation (Remote)"]
    assert role.external_id == "TDL-ML-0228"
    assert role.company == "Tasman Deep Learning Pty Ltd"  # resolved from {"@id": ...#org}
    assert role.workplace_hint == "remote"
    assert (role.location_text, role.country) == ("Australia", "Australia")
    assert role.employment_type_hint == "FULL_TIME, CONTRACTOR"
    assert role.posted_at == datetime(2026, 10, 29, tzinfo=UTC)  # bare date
    # The entity-escaped description is decoded once.
    assert role.description_html.startswith("<p>Fully remote within Australia.")
    assert "&lt;" not in role.description_html


def test_two_places_and_eligibility(postings):
    role = postings["Applied Scientist, Computer Vision"]
    assert (role.city, role.region, role.country) == ("Brisbane", "QLD", "AU")
    assert role.location_text == "Brisbane, QLD, AU; Canberra, ACT, AU"
    assert role.eligibility_text == "Visa sponsorship (subclass 186) available"
    assert role.posted_at == datetime(2026, 10, 20, 10, 15, tzinfo=AEST)
    assert role.apply_url == ""


def test_hourly_single_value_and_hashed_id(postings):
    role = postings["Assistant Accountant"]
    assert role.salary == SalaryRange(Decimal("42.5"), Decimal("42.5"), "AUD", "hour")
    assert role.valid_through == datetime(
        2026, 11, 15, 23, 59, 59, tzinfo=UTC
    )  # end of the bare date
    assert role.posted_at == datetime(2026, 10, 15, tzinfo=UTC)
    assert role.employment_type_hint == "PART_TIME"
    # No identifier and no url: a hash that is the same on every run.
    assert role.external_id.startswith("jsonld-")
    again = jsonld.parse((SAMPLES / "jobposting_jsonld.html").read_bytes())
    assert role.external_id in {record.external_id for record in again.records}


def test_repaired_block(postings):
    # <!-- --> wrapper, a trailing comma and a raw newline inside a string.
    role = postings["Graduate Data Scientist"]
    assert role.company == "Tasman Deep Learning"  # a plain string
    assert role.posted_at == datetime(2026, 11, 3, tzinfo=UTC)  # "03/11/2026", day first
    assert role.description_html == "<p>2027 graduate program.\nAdelaide or Melbourne.</p>"
    assert role.employment_type_hint == "FULL_TIME"
    assert role.external_id.startswith("jsonld-")


def test_unrepairable_block_is_a_failure_and_the_others_land():
    body = page(
        posting(title="Kept", identifier="K-1"), '{"@type": "JobPosting", "title": "Lost" "x"}'
    )
    result = jsonld.parse(body)
    assert [record.external_id for record in result.records] == ["K-1"]
    assert len(result.failures) == 1
    assert result.failures[0].reference == "block 2"
    assert "unreadable JSON-LD" in result.failures[0].reason
    assert result.complete is False  # the broken block may have held roles


def test_nested_postings_unresolved_reference_and_foreign_first_place():
    nested = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "mainEntity": {
                "@type": ["JobPosting"],
                "title": "Data Engineer",
                "url": "https://careers.example/de",
                "hiringOrganization": {"@id": "https://elsewhere.example/#org"},
                "jobLocation": [
                    {
                        "@type": "Place",
                        "address": {"addressLocality": "Auckland", "addressCountry": "NZ"},
                    },
                    {
                        "@type": "Place",
                        "address": {
                            "addressLocality": "Hobart",
                            "addressCountry": {"name": "Australia"},
                        },
                    },
                ],
                "baseSalary": {"currency": "AUD", "value": {"value": 900, "unitText": "DAY"}},
            },
        }
    )
    role = jsonld.parse(page(nested)).records[0]
    assert role.external_id == "https://careers.example/de"
    assert role.company == ""
    assert (role.city, role.country) == ("Hobart", "Australia")
    assert role.location_text == "Auckland, NZ; Hobart, Australia"
    assert role.salary == SalaryRange(Decimal("900"), Decimal("900"), "AUD", "day")


def test_posting_without_title_is_a_failure():
    result = jsonld.parse(page(posting(identifier="A-1"), posting(title="Fine", identifier="A-2")))
    assert [record.external_id for record in result.records] == ["A-2"]
    assert [(f.reference, f.reason) for f in result.failures] == [("A-1", "no title")]
