"""Pay as feeds and ads state it, in tables: ranges, free text and currencies."""

from decimal import Decimal

import pytest

from listings.rules.pay import (
    AnnualSalary,
    SalaryRange,
    annual_salary,
    currency_named,
    normalise_interval,
)


def salary(minimum, maximum, currency="AUD", interval="year"):
    return SalaryRange(_decimal(minimum), _decimal(maximum), currency, interval)


def _decimal(value):
    return None if value is None else Decimal(str(value))


@pytest.mark.parametrize(
    ("pay", "expected"),
    [
        (
            salary(150_000, 170_000),
            AnnualSalary(150_000, 170_000, "A$150,000–170,000 a year", True),
        ),
        # hour × 38 × 52
        (
            salary(95, 110, interval="hour"),
            AnnualSalary(187_720, 217_360, "A$95–110 an hour", True),
        ),
        (salary(38, 42, interval="hour"), AnnualSalary(75_088, 82_992, "A$38–42 an hour", True)),
        # day × 5 × 52
        (salary(900, 900, interval="day"), AnnualSalary(234_000, 234_000, "A$900 a day", True)),
        # week × 52
        (
            salary(2500, None, interval="week"),
            AnnualSalary(130_000, None, "From A$2,500 a week", True),
        ),
        # month × 12
        (
            salary(None, 12_500, interval="month"),
            AnnualSalary(None, 150_000, "Up to A$12,500 a month", True),
        ),
        # rounded half up to whole dollars: 95.55 × 1976 = 188,806.8
        (
            salary(95.55, None, interval="hour"),
            AnnualSalary(188_807, None, "From A$95.55 an hour", True),
        ),
        # feeds' own interval spellings
        (
            salary(140_000, 160_000, interval="1 YEAR"),
            AnnualSalary(140_000, 160_000, "A$140,000–160,000 a year", True),
        ),
        (
            salary(60, 70, interval="per-hour-wage"),
            AnnualSalary(118_560, 138_320, "A$60–70 an hour", True),
        ),
        (salary(60, 70, interval="HOUR"), AnnualSalary(118_560, 138_320, "A$60–70 an hour", True)),
        # min > max (Lever allows it): swapped
        (
            salary(170_000, 150_000),
            AnnualSalary(150_000, 170_000, "A$150,000–170,000 a year", True),
        ),
        # not AUD: no amounts, original currency shown
        (
            salary(120_000, 150_000, currency="USD"),
            AnnualSalary(None, None, "US$120,000–150,000 a year", False),
        ),
        (
            salary(80_000, 90_000, currency="GBP"),
            AnnualSalary(None, None, "£80,000–90,000 a year", False),
        ),
        (
            salary(150_000, None, currency="CHF"),
            AnnualSalary(None, None, "From CHF 150,000 a year", False),
        ),
        # unknown currency is assumed to be AUD, shown as a bare "$"
        (
            salary(150_000, 170_000, currency=""),
            AnnualSalary(150_000, 170_000, "$150,000–170,000 a year", True),
        ),
        # absurd bounds dropped, display kept
        (salary(1, 5_000_000), AnnualSalary(None, None, "A$1–5,000,000 a year", True)),
        (salary(95, 110, interval="year"), AnnualSalary(None, None, "A$95–110 a year", True)),
        (salary(0, 150_000), AnnualSalary(None, 150_000, "A$0–150,000 a year", True)),
        # no amounts at all
        (salary(None, None), AnnualSalary(None, None, "", False)),
        (None, AnnualSalary(None, None, "", False)),
    ],
)
def test_annual_salary_from_a_range(pay, expected):
    assert annual_salary(pay) == expected


def test_annual_salary_bounds_are_inclusive():
    assert annual_salary(salary(10_000, 2_000_000)).minimum == 10_000
    assert annual_salary(salary(10_000, 2_000_000)).maximum == 2_000_000
    assert annual_salary(salary(9_999, 2_000_001)).minimum is None
    assert annual_salary(salary(9_999, 2_000_001)).maximum is None


def test_unknown_currency_is_foreign_when_the_caller_says_so():
    result = annual_salary(salary(150_000, None, currency=""), assume_aud=False)

    assert result == AnnualSalary(None, None, "From $150,000 a year", False)


@pytest.mark.parametrize(
    ("text", "minimum", "maximum", "is_aud"),
    [
        ("$150,000 - $170,000 per year", 150_000, 170_000, True),
        ("AUD 95 - 110 per hour", 187_720, 217_360, True),
        ("$900 per day", 234_000, 234_000, True),
        ("150k-170k", 150_000, 170_000, True),
        ("150-170k", 150_000, 170_000, True),
        ("$150K to $170K", 150_000, 170_000, True),
        ("Up to $180,000 + super", None, 180_000, True),
        ("From $130,000", 130_000, None, True),
        ("$120k+", 120_000, None, True),
        ("$150,000 + 11.5% super", 150_000, 150_000, True),
        ("$160k p.a. + super", 160_000, 160_000, True),
        ("A$150,000 - A$180,000 per year", 150_000, 180_000, True),
        ("A$38 - A$42 per hour", 75_088, 82_992, True),
        ("AU$140,000 – AU$160,000", 140_000, 160_000, True),
        ("140000-160000", 140_000, 160_000, True),  # Indeed job with no currency
        ("$1,200 per week", 62_400, 62_400, True),
        ("$12,000 per month", 144_000, 144_000, True),
        ("$85.50/hr", 168_948, 168_948, True),
        ("$95 - $110 p.h.", 187_720, 217_360, True),
        ("$170,000 - $150,000", 150_000, 170_000, True),
        # No interval: read as a year, so small amounts fail the bounds instead of a guess.
        ("$95", None, None, True),
        # Other currencies are shown, not converted.
        ("US$120k - 150k", None, None, False),
        ("USD 120,000 - 150,000", None, None, False),
        ("£80,000 a year", None, None, False),
        ("€70.000", None, None, False),
        ("NZ$120,000", None, None, False),
        # No figure.
        ("Competitive", None, None, False),
        ("DOE + super", None, None, False),
    ],
)
def test_annual_salary_from_text(text, minimum, maximum, is_aud):
    result = annual_salary(None, text)

    assert (result.minimum, result.maximum, result.is_aud) == (minimum, maximum, is_aud)
    assert result.display == text  # the employer's own words are shown


def test_text_display_is_tidied():
    assert annual_salary(None, "  $150,000\n -  $170,000 ").display == "$150,000 - $170,000"


def test_structured_salary_wins_over_text():
    result = annual_salary(salary(150_000, 170_000), "Competitive")

    assert (result.minimum, result.maximum) == (150_000, 170_000)


def test_text_is_used_when_the_range_is_empty():
    assert annual_salary(salary(None, None), "$900 per day").minimum == 234_000


def test_text_with_unknown_currency_is_foreign_when_the_caller_says_so():
    result = annual_salary(None, "$150,000 - $170,000", assume_aud=False)

    assert (result.minimum, result.maximum, result.is_aud) == (None, None, False)
    assert annual_salary(None, "AUD 150,000", assume_aud=False).minimum == 150_000


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("US$150,000 a year", "USD"),
        ("£90k", "GBP"),
        ("NZ$120,000", "NZD"),
        ("A$150,000 - A$180,000 per year", "AUD"),
        ("Competitive", ""),
    ],
)
def test_currency_named(text, code):
    assert currency_named(text) == code


@pytest.mark.parametrize(
    ("interval", "expected"),
    [
        ("1 HOUR", "hour"),  # Greenhouse
        ("per-hour-wage", "hour"),
        ("hr", "hour"),
        ("daily", "day"),
        ("WEEK", "week"),
        ("MONTH", "month"),
        ("per-year-salary", "year"),
        ("annually", "year"),
        ("per annum", "year"),
        ("yr", "year"),
        ("yearly", "year"),
        ("per hr", "hour"),
        ("hourly", "hour"),
        ("three months", "month"),  # "hr" inside a word is not an hour
        ("monthly", "month"),
        ("bi-weekly", "week"),
        ("", ""),
        ("fortnight", ""),
        ("shrink", ""),
    ],
)
def test_normalise_interval(interval, expected):
    assert normalise_interval(interval) == expected
