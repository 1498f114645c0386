"""Locations, salaries and employment types as feeds write them, in tables."""

from decimal import Decimal

import pytest

from listings.ingest.normalise import (
    EMPLOYMENT_TYPES,
    STATES,
    WORKPLACES,
    AnnualSalary,
    Location,
    annual_salary,
    employment_type,
    parse_location,
    workplace_from_hint,
)
from listings.ingest.records import SalaryRange

# --- locations -----------------------------------------------------------------------

LOCATION_TEXT_CASES = [
    # text, city, state, workplace, in_australia, display
    ("Sydney, New South Wales, Australia", "Sydney", "NSW", "onsite", True, "Sydney NSW"),
    ("Melbourne VIC", "Melbourne", "VIC", "onsite", True, "Melbourne VIC"),
    ("Melbourne, Victoria, Australia", "Melbourne", "VIC", "onsite", True, "Melbourne VIC"),
    ("Brisbane, QLD", "Brisbane", "QLD", "onsite", True, "Brisbane QLD"),
    ("Remote - Australia", "", "", "remote", True, "Remote (Australia)"),
    ("Remote (AU)", "", "", "remote", True, "Remote (Australia)"),
    ("Remote (Australia)", "", "", "remote", True, "Remote (Australia)"),
    ("Hybrid", "", "", "hybrid", None, "Hybrid"),
    ("Hybrid - Sydney", "Sydney", "NSW", "hybrid", True, "Sydney NSW (hybrid)"),
    (
        "Brisbane, Queensland, Australia (Hybrid)",
        "Brisbane",
        "QLD",
        "hybrid",
        True,
        "Brisbane QLD (hybrid)",
    ),
    ("Perth, Western Australia", "Perth", "WA", "onsite", True, "Perth WA"),
    ("Perth WA", "Perth", "WA", "onsite", True, "Perth WA"),
    ("Canberra ACT", "Canberra", "ACT", "onsite", True, "Canberra ACT"),
    ("Hobart, Tasmania", "Hobart", "TAS", "onsite", True, "Hobart TAS"),
    ("Darwin NT", "Darwin", "NT", "onsite", True, "Darwin NT"),
    ("Adelaide SA 5000", "Adelaide", "SA", "onsite", True, "Adelaide SA"),
    ("Australia", "", "", "onsite", True, "Australia"),
    ("Sydney; Melbourne", "Sydney", "NSW", "onsite", True, "Sydney NSW; Melbourne VIC"),
    ("Sydney / Melbourne", "Sydney", "NSW", "onsite", True, "Sydney NSW; Melbourne VIC"),
    ("Newcastle NSW", "Newcastle", "NSW", "onsite", True, "Newcastle NSW"),
    ("Gold Coast", "Gold Coast", "QLD", "onsite", True, "Gold Coast QLD"),
    ("Parramatta", "Parramatta", "NSW", "onsite", True, "Parramatta NSW"),
    ("Geelong", "Geelong", "VIC", "onsite", True, "Geelong VIC"),
    ("Wollongong", "Wollongong", "NSW", "onsite", True, "Wollongong NSW"),
    ("sydney", "Sydney", "NSW", "onsite", True, "Sydney NSW"),
    ("Macquarie Park NSW 2113", "Macquarie Park", "NSW", "onsite", True, "Macquarie Park NSW"),
    ("Bunbury, WA", "Bunbury", "WA", "onsite", True, "Bunbury WA"),
    ("Toowong, Queensland", "Toowong", "QLD", "onsite", True, "Toowong QLD"),
    ("Queensland", "", "QLD", "onsite", True, "Queensland"),
    ("NSW", "", "NSW", "onsite", True, "New South Wales"),
    ("Remote", "", "", "remote", None, "Remote"),
    ("Work from home", "", "", "remote", None, "Remote"),
    ("WFH, Melbourne", "Melbourne", "VIC", "remote", True, "Melbourne VIC (remote)"),
    ("  Sydney ,  NSW  ", "Sydney", "NSW", "onsite", True, "Sydney NSW"),
    ("", "", "", "onsite", None, ""),
    # Foreign places: no state, in_australia False, the text as written.
    ("London, UK", "London", "", "onsite", False, "London, UK"),
    ("Auckland, New Zealand", "Auckland", "", "onsite", False, "Auckland, New Zealand"),
    ("San Francisco, CA", "San Francisco", "", "onsite", False, "San Francisco, CA"),
    ("New York, NY 10001", "New York", "", "onsite", False, "New York, NY 10001"),
    ("Seattle, WA", "Seattle", "", "onsite", False, "Seattle, WA"),
    ("Newcastle, UK", "Newcastle", "", "onsite", False, "Newcastle, UK"),
    ("Victoria, BC, Canada", "Victoria", "", "onsite", False, "Victoria, BC, Canada"),
    ("Perth, Scotland", "Perth", "", "onsite", False, "Perth, Scotland"),
    ("Remote - US", "", "", "remote", False, "Remote (US)"),
    ("London, UK (Remote)", "London", "", "remote", False, "London, UK (remote)"),
    # A role in Australia and elsewhere is open in Australia.
    ("Sydney; London", "Sydney", "NSW", "onsite", True, "Sydney NSW; London"),
    ("London or Sydney", "Sydney", "NSW", "onsite", True, "London; Sydney NSW"),
]


@pytest.mark.parametrize(
    ("text", "city", "state", "workplace", "in_australia", "display"), LOCATION_TEXT_CASES
)
def test_parse_location_text(text, city, state, workplace, in_australia, display):
    assert parse_location(text) == Location(
        city=city, state=state, workplace=workplace, in_australia=in_australia, display=display
    )


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        (
            {"city": "Sydney", "region": "NSW", "country": "AU"},
            Location("Sydney", "NSW", "onsite", True, "Sydney NSW"),
        ),
        (
            {"city": "Melbourne", "region": "Victoria", "country": "Australia"},
            Location("Melbourne", "VIC", "onsite", True, "Melbourne VIC"),
        ),
        (
            {"city": "Canberra", "region": "Australian Capital Territory", "country": "Australia"},
            Location("Canberra", "ACT", "onsite", True, "Canberra ACT"),
        ),
        (
            # Ashby without a region: the city implies the state.
            {"city": "Canberra", "country": "Australia"},
            Location("Canberra", "ACT", "onsite", True, "Canberra ACT"),
        ),
        (
            {"city": "Bunbury", "region": "WA"},
            Location("Bunbury", "WA", "onsite", True, "Bunbury WA"),
        ),
        (
            # Indeed job with no city or state, only the country.
            {"country": "AU"},
            Location("", "", "onsite", True, "Australia"),
        ),
        (
            {"city": "Auckland", "region": "Auckland", "country": "New Zealand"},
            Location("Auckland", "", "onsite", False, "Auckland, New Zealand"),
        ),
        (
            {"city": "Springfield", "region": "Illinois"},
            Location("Springfield", "", "onsite", None, "Springfield, Illinois"),
        ),
    ],
)
def test_parse_location_structured(kwargs, expected):
    assert parse_location(**kwargs) == expected


def test_structured_parts_win_over_the_text():
    location = parse_location(
        "Sydney, New South Wales, Australia",
        city="Melbourne",
        region="VIC",
        country="Australia",
    )

    assert (location.city, location.state, location.display) == (
        "Melbourne",
        "VIC",
        "Melbourne VIC",
    )


def test_country_overrides_what_the_text_implies():
    assert parse_location("Perth", country="GB").in_australia is False
    assert parse_location("Remote", country="Australia").display == "Remote (Australia)"


@pytest.mark.parametrize(
    ("hint", "text", "workplace"),
    [
        ("remote", "Sydney NSW", "remote"),
        ("hybrid", "Remote - Australia", "hybrid"),
        ("onsite", "Hybrid - Sydney", "onsite"),
        ("OnSite", "Remote", "onsite"),
        ("on-site", "", "onsite"),
        ("Remote", "", "remote"),
        ("Hybrid remote", "", "hybrid"),  # Indeed remotetype
        ("Fully remote", "", "remote"),
        ("TELECOMMUTE", "", "remote"),  # schema.org jobLocationType
        ("unspecified", "Hybrid - Sydney", "hybrid"),  # Lever: fall back to the text
        ("", "Sydney (hybrid)", "hybrid"),
        ("", "Hybrid / Remote", "hybrid"),
        ("", "Work from home", "remote"),
        ("", "Sydney", "onsite"),
    ],
)
def test_workplace_hint_wins_over_text(hint, text, workplace):
    assert parse_location(text, workplace_hint=hint).workplace == workplace


def test_workplace_from_hint_unknown_is_empty():
    assert workplace_from_hint("unspecified") == ""
    assert workplace_from_hint("") == ""


@pytest.mark.parametrize("text", [row[0] for row in LOCATION_TEXT_CASES])
def test_location_values_are_from_the_vocabularies(text):
    location = parse_location(text)

    assert location.state in (*STATES, "")
    assert location.workplace in WORKPLACES


# --- salaries --------------------------------------------------------------------------


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


# --- employment types ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hint", "title", "expected"),
    [
        # Ashby
        ("FullTime", "", "full_time"),
        ("PartTime", "", "part_time"),
        ("Intern", "", "internship"),
        ("Contract", "", "contract"),
        ("Temporary", "", "contract"),
        # schema.org
        ("FULL_TIME", "", "full_time"),
        ("PART_TIME", "", "part_time"),
        ("CONTRACTOR", "", "contract"),
        ("TEMPORARY", "", "contract"),
        ("INTERN", "", "internship"),
        ("FULL_TIME, CONTRACTOR", "", "full_time"),
        ("OTHER", "", "full_time"),
        # Lever commitments
        ("Full-time", "", "full_time"),
        ("Part Time", "", "part_time"),
        ("Part-time", "", "part_time"),
        ("Contract", "", "contract"),
        ("Internship", "", "internship"),
        ("Permanent Full Time", "", "full_time"),
        ("Fixed Term Contract", "", "contract"),
        ("Full-time contract", "", "contract"),
        # Indeed jobtype
        ("fulltime", "", "full_time"),
        ("parttime", "", "part_time"),
        ("contract", "", "contract"),
        ("casual", "", "part_time"),
        ("temporary", "", "contract"),
        # nothing said
        ("", "", "full_time"),
        ("", "Senior Machine Learning Engineer", "full_time"),
        # the title names an internship
        ("", "Machine Learning Intern", "internship"),
        ("FullTime", "ML Research Internship (Summer 2027)", "internship"),
        ("", "Interns - Computer Vision", "internship"),
        ("", "Internal Tools Engineer", "full_time"),
        ("", "International Data Scientist", "full_time"),
        ("", "Graduate Program - Machine Learning", "full_time"),
    ],
)
def test_employment_type(hint, title, expected):
    assert employment_type(hint, title=title) == expected
    assert expected in EMPLOYMENT_TYPES
