"""Lever Postings API adapter, against the postings sample."""

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from listings.ingest.adapters import lever
from listings.rules.pay import SalaryRange
from tests.ingest import SAMPLES


@pytest.fixture(scope="module")
def result():
    return lever.parse((SAMPLES / "lever_postings.json").read_bytes())


@pytest.fixture(scope="module")
def postings(result):
    return {record.title: record for record in result.records}


def test_every_posting_lands(result):
    assert len(result.records) == 5
    assert result.failures == []
    assert result.skipped == []
    assert result.complete is True


def test_company_is_left_to_the_source(result):
    assert {record.company for record in result.records} == {""}


def test_melbourne_role(postings):
    role = postings["Machine Learning Engineer - Search Ranking"]
    assert role.external_id == "5f1c9a0e-3b7d-4e2a-9c61-0d8e4b7a2f10"
    assert role.location_text == "Melbourne; Sydney"
    assert role.country == "AU"
    assert role.workplace_hint == "hybrid"
    assert role.employment_type_hint == "Full-time"
    assert role.salary == SalaryRange(Decimal("150000"), Decimal("185000"), "AUD", "year")
    assert role.posted_at == datetime(2026, 10, 29, 2, 0, tzinfo=UTC)  # createdAt 1793239200000 ms
    assert role.apply_url.endswith("/5f1c9a0e-3b7d-4e2a-9c61-0d8e4b7a2f10/apply")
    assert role.tags == ("Engineering", "Search & Discovery")


def test_description_joins_body_lists_and_additional(postings):
    html = postings["Machine Learning Engineer - Search Ranking"].description_html
    assert html.startswith("<div>Bilby Robotics builds the software brain")
    assert "<h3>What you'll do</h3><ul><li>Train and ship ranking models in PyTorch</li>" in html
    assert "<h3>What you'll need</h3><ul><li>3+ years in applied ML</li>" in html
    # The visa offer is only in "additional", which comes last.
    assert html.endswith("We cover migration agent fees.</div>")
    assert "482 / Skills in Demand visa sponsorship" in html


def test_working_rights_requirement_is_in_the_lists(postings):
    role = postings["Senior Data Scientist, Fleet Reliability"]
    assert role.workplace_hint == "onsite"
    assert "this role does not offer sponsorship" in role.description_html


def test_hourly_contract(postings):
    role = postings["LLM Platform Engineer (Contract)"]
    assert role.workplace_hint == "remote"
    assert role.employment_type_hint == "Contract"
    assert role.location_text == "Remote - Australia"
    assert role.salary == SalaryRange(Decimal("110"), Decimal("135"), "AUD", "hour")


def test_posting_without_salary_range(postings):
    assert postings["Payroll & Accounts Officer"].salary is None


def test_intern_edge_cases(postings):
    role = postings["Computer Vision Intern (Summer 2026/27)"]
    assert role.location_text == ""  # no categories.location, empty allLocations
    assert role.country == ""  # country: null
    assert role.workplace_hint == ""  # "unspecified"
    assert "<h3>" not in role.description_html  # empty lists
    assert "we sponsor graduate 482 visas" in role.description_html
    # min 45 > max 38: kept, in order.
    assert role.salary == SalaryRange(Decimal("38"), Decimal("45"), "AUD", "hour")


@pytest.mark.parametrize(
    ("interval", "expected"),
    [("per-year-salary", "year"), ("per-month-salary", "month"), ("per-week-salary", "week"),
     ("per-day-wage", "day"), ("per-hour-wage", "hour")],
)  # fmt: skip
def test_salary_intervals(interval, expected):
    posting = {
        "id": "x",
        "text": "ML Engineer",
        "salaryRange": {"currency": "aud", "interval": interval, "min": 1, "max": 2},
    }
    salary = lever.parse(json.dumps([posting]).encode()).records[0].salary
    assert (salary.interval, salary.currency) == (expected, "AUD")


def test_posting_without_id_is_a_failure():
    body = json.dumps([{"text": "No id"}, {"id": "ok", "text": "Has id"}]).encode()
    result = lever.parse(body)
    assert [record.external_id for record in result.records] == ["ok"]
    assert [(failure.reference, failure.reason) for failure in result.failures] == [
        ("item 1", "no id")
    ]
