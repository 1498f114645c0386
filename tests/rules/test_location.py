"""Locations as feeds write them, in tables: free text and structured parts."""

import pytest

from listings.rules.location import (
    STATES,
    WORKPLACES,
    Location,
    parse_location,
    workplace_from_hint,
)

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
    # The words joining a workplace to its place are no city.
    ("Anywhere in Australia", "", "", "remote", True, "Remote (Australia)"),
    ("Remote within Australia", "", "", "remote", True, "Remote (Australia)"),
    ("Remote in Australia only", "", "", "remote", True, "Remote (Australia)"),
    ("Based in Sydney", "Sydney", "NSW", "onsite", True, "Sydney NSW"),
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
