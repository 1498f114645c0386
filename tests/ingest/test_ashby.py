"""Ashby posting API adapter, against the job-board sample."""

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from listings.ingest.adapters import ashby
from listings.rules.pay import SalaryRange
from tests.ingest import SAMPLES


@pytest.fixture(scope="module")
def result():
    return ashby.parse((SAMPLES / "ashby_jobs.json").read_bytes())


@pytest.fixture(scope="module")
def jobs(result):
    return {record.external_id: record for record in result.records}


def parse_jobs(*jobs):
    return ashby.parse(json.dumps({"apiVersion": "1", "jobs": list(jobs)}).encode())


def test_listed_jobs_land_and_the_unlisted_one_is_skipped(result):
    assert len(result.records) == 4
    assert result.failures == []
    assert len(result.skipped) == 1
    skipped = result.skipped[0]
    assert skipped.external_id == "9f8e7d6c-5b4a-4392-a1b0-c9d8e7f6a5b4"
    assert "isListed" in skipped.reason
    assert result.complete is True


def test_sydney_hybrid_role_with_salary_but_not_equity(jobs):
    role = jobs["3c2f1e0d-7b6a-4958-8d7c-6b5a4f3e2d1c"]
    assert role.title == "Staff Machine Learning Engineer, Perception"
    assert role.company == ""
    assert (role.city, role.region, role.country) == ("Sydney", "New South Wales", "Australia")
    assert role.location_text == "Sydney; Melbourne"
    assert role.workplace_hint == "hybrid"
    assert role.employment_type_hint == "FullTime"
    assert role.salary == SalaryRange(Decimal("230000"), Decimal("270000"), "AUD", "year")
    assert role.posted_at == datetime(2026, 10, 27, 22, 41, 9, 517000, tzinfo=UTC)
    assert "482 / Skills in Demand visa sponsorship" in role.description_html
    assert role.apply_url.endswith("/application")


def test_canberra_role_needs_citizenship(jobs):
    role = jobs["8e7d6c5b-4a39-4281-b7c6-d5e4f3a2b1c0"]
    assert role.workplace_hint == "onsite"
    assert role.region == "Australian Capital Territory"
    assert "Australian citizenship required" in role.description_html


def test_hidden_compensation_is_not_published(jobs):
    role = jobs["f0e1d2c3-b4a5-4968-8776-5a4b3c2d1e0f"]
    assert role.salary is None  # shouldDisplayCompensationOnJobPostings: false
    assert role.workplace_hint == "remote"
    assert (role.city, role.region, role.country) == ("", "", "Australia")


def test_hourly_part_time_role(jobs):
    role = jobs["1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"]
    assert role.salary == SalaryRange(Decimal("48"), Decimal("55"), "AUD", "hour")
    assert role.employment_type_hint == "PartTime"


def test_unlisted_shape_if_it_were_listed():
    # The sample's last job, made listed: no offset, no address, null workplace.
    result = parse_jobs(
        {
            "id": "a",
            "title": "Senior ML Engineer",
            "publishedAt": "2026-10-31T09:00:00",
            "isRemote": True,
            "workplaceType": None,
            "shouldDisplayCompensationOnJobPostings": True,
            "compensation": {"summaryComponents": []},
        }
    )
    role = result.records[0]
    assert role.posted_at == datetime(2026, 10, 31, 9, 0, tzinfo=UTC)
    assert role.workplace_hint == "remote"  # from isRemote
    assert (role.city, role.country, role.salary) == ("", "", None)


def test_job_without_title_is_a_failure():
    result = parse_jobs({"id": "a", "title": "Fine"}, {"id": "b"})
    assert [record.external_id for record in result.records] == ["a"]
    assert [(f.reference, f.reason, f.external_id) for f in result.failures] == [
        ("b", "no title", "b")
    ]
