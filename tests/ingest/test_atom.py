"""Atom 1.0 adapter, against the employer careers-feed sample."""

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from listings.ingest.adapters import atom
from listings.rules.pay import SalaryRange
from tests.ingest import SAMPLES

AEDT = timezone(timedelta(hours=11))


def feed(entries: str, *, author: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:j="urn:example:jobs">'
        f"<title>Jobs</title><id>urn:feed</id><updated>2026-11-04T00:00:00Z</updated>{author}{entries}</feed>"
    ).encode()


@pytest.fixture(scope="module")
def result():
    return atom.parse((SAMPLES / "atom_jobs.xml").read_bytes())


@pytest.fixture(scope="module")
def entries(result):
    return {record.external_id.rpartition("/")[2]: record for record in result.records}


def test_every_entry_lands(result):
    assert len(result.records) == 5
    assert result.failures == []
    assert result.complete is True
    assert {record.company for record in result.records} == {"Echidna AI Pty Ltd"}


def test_job_namespace_fields(entries):
    role = entries["1187"]
    assert role.external_id == "tag:careers.echidnaai.example,2026:job/1187"
    assert role.title == "Senior Machine Learning Engineer - Fraud Detection"
    assert role.apply_url == "https://careers.echidnaai.example/jobs/1187-senior-ml-engineer-fraud"
    assert role.location_text == "Sydney, NSW"
    assert (role.city, role.region, role.country) == ("Sydney", "NSW", "AU")
    assert role.workplace_hint == "hybrid"
    assert role.employment_type_hint == "FULL_TIME"
    assert role.salary == SalaryRange(Decimal("175000"), Decimal("205000"), "AUD", "year")
    assert role.posted_at == datetime(2026, 11, 2, 9, 0, tzinfo=AEDT)
    assert role.posted_at.utcoffset() == timedelta(hours=11)
    assert role.updated_at == datetime(2026, 11, 3, 14, 20, tzinfo=AEDT)
    assert role.tags == ("machine-learning", "sydney")
    # The full content, not the short summary.
    assert "482 / Skills in Demand visa sponsorship available" in role.description_html
    assert role.description_html.startswith("<p>Build graph neural networks")


def test_entries_without_salary_and_remote(entries):
    assert entries["1183"].salary is None
    assert entries["1183"].workplace_hint == "onsite"
    assert "full Australian working rights" in entries["1183"].description_html
    remote = entries["1179"]
    assert (remote.location_text, remote.city, remote.country) == ("Remote - Australia", "", "AU")
    assert remote.workplace_hint == "remote"
    assert remote.posted_at.utcoffset() == timedelta(hours=10)


def test_escaped_title_and_half_hour_offset(entries):
    role = entries["1171"]
    assert role.title == "Payroll & Accounts Payable Specialist"
    assert role.employment_type_hint == "PART_TIME"
    assert role.posted_at.utcoffset() == timedelta(hours=10, minutes=30)
    assert role.salary == SalaryRange(Decimal("80000"), Decimal("92000"), "AUD", "year")


def test_free_text_updated_xhtml_content_and_no_location(entries):
    role = entries["1166"]
    # "31/10/2026 9am": day first, no offset so UTC; no <published>, so posted = updated.
    assert role.updated_at == datetime(2026, 10, 31, 9, 0, tzinfo=UTC)
    assert role.posted_at == role.updated_at
    assert role.location_text == ""
    assert (role.city, role.country, role.salary) == ("", "", None)
    assert role.description_html.startswith("<p>Location flexible.")
    assert "Sponsorship considered case by case." in role.description_html


def test_any_namespace_prefix_feed_author_and_text_content():
    body = feed(
        "<entry><id>urn:1</id><title>ML Engineer</title><updated>2026-11-01T00:00:00Z</updated>"
        '<j:location city="Perth" country="AU" workplace="on-site">Perth, WA</j:location>'
        '<content type="text">Models &amp; data.\n\n482 sponsorship.</content></entry>',
        author="<author><name>Quoll Data</name></author>",
    )
    role = atom.parse(body).records[0]
    assert role.company == "Quoll Data"
    assert (role.location_text, role.city, role.workplace_hint) == ("Perth, WA", "Perth", "onsite")
    assert role.description_html == "<p>Models &amp; data.</p><p>482 sponsorship.</p>"


def test_unreadable_date_is_none():
    body = feed(
        "<entry><id>urn:1</id><title>ML Engineer</title><updated>sometime soon</updated></entry>"
    )
    role = atom.parse(body).records[0]
    assert (role.posted_at, role.updated_at) == (None, None)


def test_entry_without_title_is_a_failure():
    body = feed(
        "<entry><id>urn:1</id><updated>2026-11-01T00:00:00Z</updated></entry>"
        "<entry><id>urn:2</id><title>Kept</title><updated>2026-11-01T00:00:00Z</updated></entry>"
    )
    result = atom.parse(body)
    assert [record.external_id for record in result.records] == ["urn:2"]
    assert [(f.reference, f.reason, f.external_id) for f in result.failures] == [
        ("urn:1", "no title", "urn:1")
    ]
