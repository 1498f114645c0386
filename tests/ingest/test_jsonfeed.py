"""JSON Feed adapter, against the sample with the ``_job`` extension and ``next_url``."""

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from listings.ingest.adapters import jsonfeed
from listings.rules.pay import SalaryRange
from tests.ingest import SAMPLES

AEDT = timezone(timedelta(hours=11))


def parse_items(*items, **feed):
    payload = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Jobs",
        "items": list(items),
        **feed,
    }
    return jsonfeed.parse(json.dumps(payload).encode())


@pytest.fixture(scope="module")
def result():
    return jsonfeed.parse((SAMPLES / "jsonfeed_jobs.json").read_bytes())


def test_every_item_lands_and_a_paged_feed_is_incomplete(result):
    assert len(result.records) == 5
    assert result.failures == []
    assert result.complete is False  # next_url: this is one page, not the whole board


def test_first_item_with_job_extension(result):
    role = result.records[0]
    assert role.external_id == "https://jobs.southernsky.example/jobs/20931"
    assert (
        role.title == "Machine Learning Engineer, Medical Imaging"
    )  # " - Tidepool Health" dropped
    assert role.company == "Tidepool Health"
    assert role.location_text == "Sydney NSW"
    assert role.workplace_hint == "hybrid"
    assert role.salary == SalaryRange(Decimal("160000"), Decimal("190000"), "AUD", "year")
    assert role.apply_url == "https://careers.tidepoolhealth.example/roles/ml-engineer-imaging"
    assert role.posted_at == datetime(2026, 11, 3, 8, 30, tzinfo=AEDT)
    assert role.updated_at == datetime(2026, 11, 3, 12, 2, 10, tzinfo=AEDT)
    assert role.eligibility_text == "Visa sponsorship available"
    assert "visa-sponsorship" in role.tags
    assert "482 / Skills in Demand visa sponsorship available." in role.description_html


def test_no_salary_and_no_sponsorship(result):
    role = result.records[1]
    assert (role.company, role.salary, role.workplace_hint) == ("Banksia Mutual", None, "onsite")
    assert role.eligibility_text == "Visa sponsorship not available"
    assert role.apply_url == "https://jobs.southernsky.example/jobs/20927"  # no external_url


def test_content_text_is_escaped_into_a_paragraph(result):
    role = result.records[2]
    assert role.description_html.startswith("<p>Remote within Australia.")
    assert role.description_html.endswith("A$150,000 - A$175,000 + super.</p>")
    assert role.workplace_hint == "remote"
    assert role.posted_at.utcoffset() == timedelta(hours=10)


def test_numeric_id_no_date_deprecated_author_and_null_company(result):
    role = result.records[4]
    assert role.external_id == "20904"
    assert role.title == "Graduate Machine Learning Engineer"
    assert role.posted_at is None
    assert role.company == ""  # explicit null; the author is a recruiter
    assert (role.salary, role.location_text, role.eligibility_text) == (None, "", "")


def test_author_names_the_company_when_the_extension_does_not():
    result = parse_items(
        {
            "id": "1",
            "title": "Data Scientist at Quokka",
            "content_text": "a <b> & c",
            "author": {"name": "Quokka"},
        }
    )
    role = result.records[0]
    assert (role.company, role.title) == ("Quokka", "Data Scientist")
    assert role.description_html == "<p>a &lt;b&gt; &amp; c</p>"
    assert result.complete is True  # no next_url


def test_item_without_id_is_a_failure_and_the_rest_land():
    result = parse_items({"title": "No id"}, {"id": 7, "title": "Has id"}, {"id": "8"})
    assert [record.external_id for record in result.records] == ["7"]
    assert [(f.reference, f.reason) for f in result.failures] == [
        ("item 1", "no id"),
        ("8", "no title"),
    ]
