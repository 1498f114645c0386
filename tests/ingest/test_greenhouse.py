"""Greenhouse Job Board API adapter, against the board and single-job samples."""

import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from listings.ingest.adapters import greenhouse
from listings.rules.pay import SalaryRange
from tests.ingest import SAMPLES

AEDT = timezone(timedelta(hours=11))
AEST = timezone(timedelta(hours=10))


@pytest.fixture(scope="module")
def board():
    return greenhouse.parse((SAMPLES / "greenhouse_jobs.json").read_bytes())


@pytest.fixture(scope="module")
def jobs(board):
    return {record.external_id: record for record in board.records}


def job(**fields):
    return {"id": 1, "title": "ML Engineer", "content": "", **fields}


def parse_jobs(*items):
    return greenhouse.parse(json.dumps({"jobs": list(items)}).encode())


def test_board_lands_every_job_and_lists_the_whole_board(board):
    assert len(board.records) == 5
    assert board.failures == []
    assert board.skipped == []
    assert board.complete is True


def test_sydney_role_fields(jobs):
    role = jobs["7731045002"]
    assert role.title == "Senior Machine Learning Engineer, Forecasting"
    assert role.company == "WattleGrid AI"
    assert role.location_text == "Sydney, New South Wales, Australia"
    assert role.apply_url == "https://job-boards.greenhouse.io/wattlegridai/jobs/7731045002"
    assert role.posted_at == datetime(2026, 10, 20, 9, 15, tzinfo=AEDT)
    assert role.posted_at.utcoffset() == timedelta(hours=11)
    assert role.updated_at == datetime(2026, 11, 3, 16, 42, 8, tzinfo=AEDT)
    assert role.employment_type_hint == "Full-time"
    assert role.tags == ("Machine Learning",)
    # The board endpoint carries no pay; only the single-job endpoint does.
    assert role.salary is None


def test_visa_metadata_becomes_eligibility_text(jobs):
    assert jobs["7731045002"].eligibility_text == "Visa Sponsorship Available: Yes"
    assert jobs["7731102002"].eligibility_text == "Visa Sponsorship Available: No"


def test_content_is_unescaped_exactly_once(jobs):
    role = jobs["7731045002"]
    assert role.description_html.startswith("<p><strong>About WattleGrid AI</strong></p>")
    assert "482 / Skills in Demand visa sponsorship" in role.description_html
    # "&amp;amp;" and "&amp;nbsp;" in the payload are one unescape from HTML entities.
    assert "Our R&amp;D group" in role.description_html
    assert "Salary:&nbsp;A$185,000&ndash;A$215,000" in role.description_html
    assert "&lt;" not in role.description_html


def test_literal_less_than_in_text_stays_text():
    result = parse_jobs(job(content="&lt;p&gt;Write &amp;lt;div&amp;gt; by hand&lt;/p&gt;"))
    assert result.records[0].description_html == "<p>Write &lt;div&gt; by hand</p>"


@pytest.mark.parametrize(
    "content",
    [
        "&lt;p&gt;Fish &amp;amp; chips&lt;/p&gt;",  # an escaped entity stays an entity
        "&lt;a href=&quot;/x&quot; title=&#39;it&#39;s&#39;&gt;go&lt;/a&gt;",
        "&amp;lt;b&amp;gt; is how you write a tag",
        "&lt;p&gt;Caf&eacute; &nbsp;&copy; &#x27;quoted&#x27;&lt;/p&gt;",  # other references
        "&lt p&gt; &amp &lt;br&gt",  # references without their semicolon
        "R&amp;D &amp; a bare & sign",
    ],
)
def test_content_unescaping_is_exactly_one_html_unescape(content):
    import html

    [record] = greenhouse.parse(json.dumps({"jobs": [job(content=content)]}).encode()).records
    assert record.description_html == html.unescape(content)


def test_prospect_post_with_empty_location_and_metadata(jobs):
    role = jobs["7702210002"]  # internal_job_id is null: the post id is still the id
    assert role.title == "Future Opportunities - Computer Vision (Talent Community)"
    assert role.location_text == ""
    assert role.eligibility_text == ""
    assert role.tags == ()
    # first_published wins even though updated_at (in -04:00) is earlier.
    assert role.posted_at == datetime(2026, 10, 2, 11, 0, tzinfo=AEST)
    assert role.updated_at == datetime(
        2026, 9, 30, 23, 59, 59, tzinfo=timezone(timedelta(hours=-4))
    )
    assert role.updated_at.utcoffset() == timedelta(hours=-4)


def test_null_metadata_and_employer_hosted_url(jobs):
    role = jobs["7745580002"]
    assert role.eligibility_text == ""
    assert role.apply_url == "https://wattlegrid.example/careers/open-roles?gh_jid=7745580002"
    assert role.location_text == "Brisbane, Queensland, Australia (Hybrid)"
    assert role.workplace_hint == "hybrid"
    assert "186" in role.description_html


def test_posted_falls_back_to_updated_at():
    result = parse_jobs(job(first_published=None, updated_at="2026-11-01T10:00:00+11:00"))
    assert result.records[0].posted_at == datetime(2026, 10, 31, 23, 0, tzinfo=UTC)


def test_application_deadline_as_a_bare_date_lasts_the_day():
    result = parse_jobs(job(application_deadline="2026-12-01"))
    assert result.records[0].valid_through == datetime(2026, 12, 1, 23, 59, 59, tzinfo=UTC)


def test_unknown_fields_and_null_location_are_ignored():
    result = parse_jobs(job(location=None, brand_new_field={"x": [1, 2]}, metadata=None))
    assert result.records[0].location_text == ""
    assert result.failures == []


def test_single_job_detail_has_pay_in_dollars_and_is_not_the_whole_board():
    result = greenhouse.parse((SAMPLES / "greenhouse_job_detail.json").read_bytes())
    assert [record.external_id for record in result.records] == ["7731045002"]
    assert result.complete is False
    assert result.records[0].salary == SalaryRange(
        minimum=Decimal("185000"), maximum=Decimal("215000"), currency="AUD", interval="year"
    )
    assert result.records[0].eligibility_text == "Visa Sponsorship Available: Yes"


def test_job_without_title_is_a_failure_and_the_rest_land():
    result = parse_jobs(job(id=1), job(id=2, title="  "), "not a job")
    assert [record.external_id for record in result.records] == ["1"]
    assert [(failure.reference, failure.reason) for failure in result.failures] == [
        ("2", "no title"),
        ("item 3", "item is a JSON string, not an object"),
    ]
    assert result.failures[0].external_id == "2"
