"""Labour market testing: the facts with their sources, and the ad-content check, as tables."""

from datetime import date

import pytest

from listings.rules.labour_market_testing import (
    LMT_AD_DAYS,
    LMT_FACTS,
    LMT_MIN_ADS,
    LMT_WINDOW_MONTHS,
    ad_content_check,
    lmt_guidance,
)


def test_lmt_facts_come_with_sources_and_the_unconfirmed_salary_rule():
    keys = {fact.key for fact in LMT_FACTS}
    assert {"ads", "duration", "timing", "content", "exemptions"} <= keys
    assert all(
        fact.sources and all(u.startswith("https://") for u in fact.sources) for fact in LMT_FACTS
    )
    content = next(fact for fact in LMT_FACTS if fact.key == "content")
    assert "$96,400" in content.text
    assert "unconfirmed for 2026" in content.unconfirmed
    assert LMT_MIN_ADS == 2 and LMT_AD_DAYS == 28
    assert LMT_WINDOW_MONTHS == 4
    confirmed = next(fact for fact in LMT_FACTS if fact.key == "ads")
    assert confirmed.unconfirmed == ""


def content(**overrides):
    values = {
        "title": "ML Engineer",
        "description": "You have 3 years of experience with PyTorch.",
        "employer_name": "Acme",
        "salary_min": 120_000,
        "salary_max": 140_000,
    }
    values.update(overrides)
    return {item.label: item for item in ad_content_check(**values)}


def test_an_ad_with_title_skills_employer_and_salary_meets_the_content_part():
    items = content()
    assert [
        items[k].met
        for k in ("Title or description", "Skills or experience", "Employer name", "Salary")
    ] == [True] * 4
    assert items["In English"].met is None


@pytest.mark.parametrize(
    ("overrides", "missing"),
    [
        ({"description": "A great place to work."}, "Skills or experience"),
        ({"salary_min": None, "salary_max": None}, "Salary"),
        ({"employer_name": ""}, "Employer name"),
    ],
)
def test_each_missing_part_is_named(overrides, missing):
    items = content(**overrides)
    assert items[missing].met is False
    assert [k for k, v in items.items() if v.met is False] == [missing]


def test_lmt_applies_to_482_and_494_and_checks_the_28_days():
    common = {
        "title": "ML",
        "description": "experience",
        "employer_name": "Acme",
        "salary_min": 100_000,
        "salary_max": None,
        "on": date(2026, 1, 1),
    }
    short = lmt_guidance(subclass_codes=["482"], closes_on=date(2026, 1, 15), **common)
    assert short.applies
    assert any("closes after 14 days" in note for note in short.notes)
    long = lmt_guidance(subclass_codes=["186"], closes_on=date(2026, 1, 31), **common)
    assert not long.applies
    assert any("runs 30 days" in note for note in long.notes)


def test_high_earnings_note_the_written_statement_exemption():
    result = lmt_guidance(
        subclass_codes=["482"],
        title="Principal",
        description="experience",
        employer_name="Acme",
        salary_min=260_000,
        salary_max=300_000,
        on=date(2026, 1, 1),
        closes_on=None,
    )
    assert any("$250,000" in note for note in result.notes)
