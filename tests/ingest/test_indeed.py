"""Indeed XML feed adapter, against the ``<source><job>`` sample."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from listings.ingest.adapters import indeed
from listings.rules.pay import SalaryRange
from tests.ingest import SAMPLES


def feed(*jobs: str) -> bytes:
    return (
        "<source><publisher>Test</publisher>"
        + "".join(f"<job>{job}</job>" for job in jobs)
        + "</source>"
    ).encode()


def job(reference: str = "R-1", *, salary: str = "", title: str = "ML Engineer") -> str:
    return (
        f"<title><![CDATA[{title}]]></title><referencenumber><![CDATA[{reference}]]></referencenumber>"
        f"<salary><![CDATA[{salary}]]></salary>"
    )


@pytest.fixture(scope="module")
def result():
    return indeed.parse((SAMPLES / "indeed_feed.xml").read_bytes())


@pytest.fixture(scope="module")
def jobs(result):
    return {record.external_id: record for record in result.records}


def test_every_job_lands(result):
    assert len(result.records) == 5
    assert result.failures == []
    assert result.complete is True


def test_sydney_job(jobs):
    role = jobs["DR-88213-SYD"]
    assert role.title == "Machine Learning Engineer"
    assert role.company == "Marlin AI"
    assert (role.city, role.region, role.country) == ("Sydney", "NSW", "AU")
    assert role.location_text == "Sydney, NSW 2009, AU"
    assert role.workplace_hint == "hybrid"  # "Hybrid remote"
    assert role.employment_type_hint == "fulltime"
    assert role.salary_text == "A$150,000 - A$180,000 per year"
    assert role.salary == SalaryRange(Decimal("150000"), Decimal("180000"), "AUD", "year")
    assert role.posted_at == datetime(2026, 11, 3, 23, 10, tzinfo=UTC)
    assert role.valid_through == datetime(2026, 12, 3, 23, 59, 59, tzinfo=UTC)
    assert role.apply_url == "https://jobs.dingorecruit.example/marlinai/88213?source=indeed"
    assert role.tags == ("Engineering", "Machine Learning")
    assert "482 / Skills in Demand visa sponsorship available" in role.description_html


def test_remote_and_hourly_jobs(jobs):
    assert jobs["DR-88177-REM"].workplace_hint == "remote"
    assert jobs["DR-88177-REM"].valid_through is None
    assert jobs["DR-88190-MEL"].workplace_hint == ""  # no remotetype
    hourly = jobs["DR-88150-BNE"]
    assert hourly.salary == SalaryRange(Decimal("38"), Decimal("42"), "AUD", "hour")
    assert hourly.employment_type_hint == "temporary"


def test_job_five_edge_cases(jobs):
    role = jobs["DR-88185-ADL"]
    assert (role.city, role.region, role.country, role.location_text) == ("", "", "AU", "AU")
    # RFC 822 date with a +10:30 offset, kept.
    assert role.posted_at == datetime(2026, 11, 2, 9, 30, tzinfo=UTC) - timedelta(
        hours=10, minutes=30
    )
    assert role.posted_at.utcoffset() == timedelta(hours=10, minutes=30)
    # &nbsp; inside CDATA is HTML, left for the sanitiser.
    assert role.description_html.startswith("<p>Location:&nbsp;Adelaide or Perth (TBC).</p>")
    # No currency and no period: only the text.
    assert (role.salary_text, role.salary) == ("140000-160000", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "$150,000 - $170,000 per year",
            SalaryRange(Decimal("150000"), Decimal("170000"), "", "year"),
        ),
        ("AUD 150k to 170k p.a.", SalaryRange(Decimal("150000"), Decimal("170000"), "AUD", "year")),
        ("A$950 per day", SalaryRange(Decimal("950"), Decimal("950"), "AUD", "day")),
        ("US$60/hr", SalaryRange(Decimal("60"), Decimal("60"), "USD", "hour")),
        ("Competitive", None),
        ("A$120,000", None),  # no period
    ],
)
def test_free_text_salary(text, expected):
    role = indeed.parse(feed(job(salary=text))).records[0]
    assert role.salary_text == text
    assert role.salary == expected


def test_job_without_referencenumber_is_a_failure_and_the_rest_land():
    result = indeed.parse(feed(job("R-1"), "<title>No reference</title>", job("R-3")))
    assert [record.external_id for record in result.records] == ["R-1", "R-3"]
    assert [(f.reference, f.reason) for f in result.failures] == [("item 2", "no referencenumber")]
