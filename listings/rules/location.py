"""Where a role is: a city, an Australian state, a workplace, and whether it is in Australia.

``parse_location`` reads free text ("Sydney, New South Wales, Australia",
"Remote (AU)", "Hybrid - Sydney", "London, UK") and any structured parts
(city, region, country) into a city, an Australian state, a workplace and
whether the role is in Australia. Structured parts win over the text.
Country-level words (Australia, a state, "UK", "California") count for
more than a city name, so "Newcastle, UK" is not in New South Wales.
Pure functions over strings: ingest calls them on each feed record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

STATES = ("NSW", "VIC", "QLD", "WA", "SA", "TAS", "ACT", "NT")
WORKPLACES = ("onsite", "hybrid", "remote")

STATE_NAMES = {
    "NSW": "New South Wales",
    "VIC": "Victoria",
    "QLD": "Queensland",
    "WA": "Western Australia",
    "SA": "South Australia",
    "TAS": "Tasmania",
    "ACT": "Australian Capital Territory",
    "NT": "Northern Territory",
}

# Major cities and the suburbs that job ads name as if they were cities.
CITY_STATES = {
    "Sydney": "NSW",
    "North Sydney": "NSW",
    "Parramatta": "NSW",
    "Macquarie Park": "NSW",
    "Chatswood": "NSW",
    "Newcastle": "NSW",
    "Wollongong": "NSW",
    "Central Coast": "NSW",
    "Melbourne": "VIC",
    "Geelong": "VIC",
    "Ballarat": "VIC",
    "Bendigo": "VIC",
    "Brisbane": "QLD",
    "Gold Coast": "QLD",
    "Sunshine Coast": "QLD",
    "Townsville": "QLD",
    "Cairns": "QLD",
    "Toowoomba": "QLD",
    "Perth": "WA",
    "Fremantle": "WA",
    "Adelaide": "SA",
    "Hobart": "TAS",
    "Launceston": "TAS",
    "Canberra": "ACT",
    "Darwin": "NT",
}

AUSTRALIA_WORDS = re.compile(r"(?<![A-Za-z])(?:australia|australian)(?![A-Za-z])", re.IGNORECASE)
# Codes are matched in capitals only: "au" or "us" in lower case is too often a word.
AUSTRALIA_CODES = re.compile(r"(?<![A-Za-z])(?:AU|AUS)(?![A-Za-z])")

FOREIGN_COUNTRIES = (
    "New Zealand",
    "United Kingdom",
    "England",
    "Scotland",
    "Wales",
    "Ireland",
    "United States",
    "United States of America",
    "Canada",
    "Singapore",
    "India",
    "Germany",
    "France",
    "Netherlands",
    "Spain",
    "Japan",
    "China",
    "Hong Kong",
    "Philippines",
    "Indonesia",
    "Malaysia",
    "Vietnam",
    "Thailand",
    "South Africa",
    "Brazil",
    "Mexico",
    "Israel",
    "Switzerland",
    "Sweden",
    "Poland",
    "Europe",
)
FOREIGN_CODES = ("NZ", "UK", "GB", "US", "USA", "UAE", "SG", "IE", "DE", "FR", "NL", "JP", "CN")
# US states after a comma ("San Francisco, CA"); WA is left out, it is Western Australia too.
US_STATE_CODES = (
    "AL",
    "AK",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "FL",
    "GA",
    "HI",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MA",
    "MI",
    "MN",
    "MS",
    "MO",
    "MT",
    "NE",
    "NV",
    "NH",
    "NJ",
    "NM",
    "NY",
    "NC",
    "ND",
    "OH",
    "OK",
    "OR",
    "PA",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VT",
    "VA",
    "WV",
    "WI",
    "WY",
    "DC",
)
FOREIGN_CITIES = (
    "London",
    "Manchester",
    "Edinburgh",
    "Dublin",
    "Auckland",
    "Wellington",
    "Christchurch",
    "San Francisco",
    "New York",
    "Seattle",
    "Boston",
    "Austin",
    "Los Angeles",
    "Chicago",
    "Mountain View",
    "Palo Alto",
    "Toronto",
    "Vancouver",
    "Montreal",
    "Berlin",
    "Munich",
    "Paris",
    "Amsterdam",
    "Zurich",
    "Tokyo",
    "Bangalore",
    "Bengaluru",
    "Hyderabad",
    "Tel Aviv",
)


def _words(names: tuple[str, ...] | list[str], *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    # Longest first, so "Western Australia" wins over "Australia", "North Sydney" over "Sydney".
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])", flags)


STATE_NAME_PATTERN = _words(list(STATE_NAMES.values()))
STATE_CODE_PATTERN = _words(list(STATES))
CITY_PATTERN = _words(list(CITY_STATES))
FOREIGN_COUNTRY_PATTERN = _words(FOREIGN_COUNTRIES)
FOREIGN_CODE_PATTERN = _words(FOREIGN_CODES, flags=0)
US_STATE_PATTERN = re.compile(rf",\s*(?:{'|'.join(US_STATE_CODES)})(?:\s+\d{{5}})?\s*$")
FOREIGN_CITY_PATTERN = _words(FOREIGN_CITIES)
STATE_BY_NAME = {name.casefold(): code for code, name in STATE_NAMES.items()}

REMOTE_PATTERN = re.compile(
    r"(?<![A-Za-z])(?:remote|remotely|work from home|working from home|wfh|telecommute|anywhere)"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)
HYBRID_PATTERN = re.compile(r"(?<![A-Za-z])hybrid(?![A-Za-z])", re.IGNORECASE)
ONSITE_PATTERN = re.compile(
    r"(?<![A-Za-z])(?:on[\s_-]?site|in[\s-]office|office)(?![A-Za-z])", re.IGNORECASE
)
# Several places in one string: "Sydney; Melbourne", "Sydney / Melbourne", "Sydney or Brisbane".
SEGMENT_SEPARATORS = re.compile(r"\s*(?:;|\||/|\+|&|\bor\b|\band\b)\s*", re.IGNORECASE)
POSTCODE = re.compile(r"(?<!\d)\d{4}(?!\d)")
# What is left of a segment's first part once places and workplace words are gone.
NOISE = re.compile(r"[()\[\]\-–—:,.]+")
# Words that join a place to its workplace ("Anywhere in Australia", "Remote within
# Australia", "Based in Sydney"): left over once the place is read, they are no city.
CONNECTING_WORDS = re.compile(
    r"^(?:(?:in|within|across|from|based|only|anywhere|all|of|the|any|location|locations)\s*)+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Location:
    city: str  # "" when unknown, e.g. "Sydney"
    state: str  # one of STATES or ""
    workplace: str  # one of WORKPLACES; "onsite" when nothing says otherwise
    in_australia: bool | None  # None when unknown
    display: str  # cleaned human text, e.g. "Sydney NSW" / "Remote (Australia)"


@dataclass(frozen=True)
class _Place:
    """One place named in a location string."""

    city: str
    state: str
    in_australia: bool | None
    display: str


# Pure and cheap to key: a feed names the same few offices in most of its ads.
@lru_cache(maxsize=4096)
def parse_location(
    text: str = "",
    *,
    city: str = "",
    region: str = "",
    country: str = "",
    workplace_hint: str = "",
) -> Location:
    """Read a location from free text and structured parts; the structured parts win."""
    text = _collapse(text)
    city, region, country = _collapse(city), _collapse(region), _collapse(country)
    workplace = workplace_from_hint(workplace_hint) or _workplace_from_text(text) or "onsite"

    places = [_parse_place(segment) for segment in _segments(text)]
    places = [place for place in places if place.display or place.in_australia is not None]
    if city or region:
        places = [_structured_place(city=city, region=region, country=country)]
    elif country and not places:
        places = [_country_place(country)]

    in_australia = _is_australia(country) if country else _in_australia(places)
    primary = next((p for p in places if p.in_australia is not False), None)
    if primary is None or in_australia is False:
        primary = places[0] if places else None
    return Location(
        city=primary.city if primary else "",
        state=primary.state if primary and in_australia is not False else "",
        workplace=workplace,
        in_australia=in_australia,
        display=_display(places, workplace=workplace),
    )


def workplace_from_hint(hint: str) -> str:
    """A feed's workplace value ("OnSite", "on-site", "Hybrid remote", "TELECOMMUTE") or ""."""
    hint = hint.strip()
    if not hint:
        return ""
    if HYBRID_PATTERN.search(hint):
        return "hybrid"
    if REMOTE_PATTERN.search(hint):
        return "remote"
    if ONSITE_PATTERN.search(hint):
        return "onsite"
    return ""


def _workplace_from_text(text: str) -> str:
    # Hybrid first: "Hybrid / remote" offers an office, so it is not fully remote.
    if HYBRID_PATTERN.search(text):
        return "hybrid"
    if REMOTE_PATTERN.search(text):
        return "remote"
    return ""


def _segments(text: str) -> list[str]:
    return [part.strip() for part in SEGMENT_SEPARATORS.split(text) if part and part.strip()]


def _parse_place(segment: str) -> _Place:
    """Read one place, e.g. "Adelaide SA 5000", "Remote - Australia", "London, UK"."""
    known_city = CITY_PATTERN.search(segment)
    in_australia = _segment_in_australia(segment, known_city=known_city is not None)
    if in_australia is False:
        return _foreign_place(segment)

    state = _state_in(segment)
    city = _canonical_city(known_city.group(0)) if known_city else _leftover_city(segment)
    if not state and city in CITY_STATES:
        state = CITY_STATES[city]
    return _Place(
        city=city,
        state=state,
        in_australia=in_australia,
        display=_place_display(city, state, australia=in_australia is True),
    )


def _segment_in_australia(segment: str, *, known_city: bool) -> bool | None:
    """Whether one place is in Australia; the broadest words decide first.

    "Australia" beats everything; then a foreign country ("Victoria, BC,
    Canada", "Melbourne, FL"); then a state by name; then a state code, unless
    a foreign city shows it is Washington ("Seattle, WA"); then a city.
    """
    if AUSTRALIA_WORDS.search(segment) or AUSTRALIA_CODES.search(segment):
        return True
    if (
        FOREIGN_COUNTRY_PATTERN.search(segment)
        or FOREIGN_CODE_PATTERN.search(segment)
        or US_STATE_PATTERN.search(segment)
    ):
        return False
    if STATE_NAME_PATTERN.search(segment):
        return True
    foreign_city = FOREIGN_CITY_PATTERN.search(segment) is not None
    if STATE_CODE_PATTERN.search(segment) and not foreign_city:
        return True
    if foreign_city:
        return False
    return True if known_city else None


def _foreign_place(segment: str) -> _Place:
    first = segment.split(",")[0]
    for pattern in (FOREIGN_COUNTRY_PATTERN, FOREIGN_CODE_PATTERN):
        first = pattern.sub(" ", first)
    return _Place(
        city=_strip_workplace(first),
        state="",
        in_australia=False,
        display=_without_workplace(segment),
    )


def _structured_place(*, city: str, region: str, country: str) -> _Place:
    state = _state_in(region) if region else ""
    if not state and city:
        state = CITY_STATES.get(_canonical_city(city), "")
    if country:
        in_australia: bool | None = _is_australia(country)
    elif state:
        in_australia = True
    else:
        in_australia = None
    if in_australia is False:
        return _Place(city=city, state="", in_australia=False, display=_join(city, region, country))
    if region and not state:  # a region we do not know: show it as given
        return _Place(city=city, state="", in_australia=in_australia, display=_join(city, region))
    return _Place(
        city=city,
        state=state,
        in_australia=in_australia,
        display=_place_display(city, state, australia=in_australia is True),
    )


def _join(*parts: str) -> str:
    """Non-empty parts, each once: "Auckland, Auckland, New Zealand" is "Auckland, New Zealand"."""
    kept: list[str] = []
    for part in parts:
        if part and part.casefold() not in (k.casefold() for k in kept):
            kept.append(part)
    return ", ".join(kept)


def _country_place(country: str) -> _Place:
    if _is_australia(country):
        return _Place(city="", state="", in_australia=True, display="Australia")
    return _Place(city="", state="", in_australia=False, display=country)


def _state_in(text: str) -> str:
    """The first Australian state named in ``text``, by full name or code, else ""."""
    found: list[tuple[int, str]] = []
    if match := STATE_NAME_PATTERN.search(text):
        found.append((match.start(), STATE_BY_NAME[match.group(0).casefold()]))
    if match := STATE_CODE_PATTERN.search(text):
        found.append((match.start(), match.group(0).upper()))
    return min(found)[1] if found else ""


def _is_australia(country: str) -> bool:
    return country.strip().casefold() in {"au", "aus", "australia", "commonwealth of australia"}


def _canonical_city(name: str) -> str:
    folded = name.casefold()
    for known in CITY_STATES:
        if known.casefold() == folded:
            return known
    return name


def _leftover_city(segment: str) -> str:
    """An unknown city name: the segment's first part once the rest is taken out."""
    first = segment.split(",")[0]
    for pattern in (STATE_NAME_PATTERN, STATE_CODE_PATTERN, AUSTRALIA_WORDS, AUSTRALIA_CODES):
        first = pattern.sub(" ", first)
    first = POSTCODE.sub(" ", first)
    name = _strip_workplace(first)
    if not name or any(ch.isdigit() for ch in name) or len(name.split()) > 4:
        return ""
    if CONNECTING_WORDS.match(name):
        return ""
    return name


def _strip_workplace(text: str) -> str:
    for pattern in (REMOTE_PATTERN, HYBRID_PATTERN, ONSITE_PATTERN):
        text = pattern.sub(" ", text)
    return _collapse(NOISE.sub(" ", text))


def _without_workplace(text: str) -> str:
    """``text`` less its workplace words, keeping its own punctuation: "London, UK"."""
    for pattern in (REMOTE_PATTERN, HYBRID_PATTERN, ONSITE_PATTERN):
        text = pattern.sub(" ", text)
    text = re.sub(r"\(\s*\)|\[\s*\]", " ", text)
    return _collapse(text).strip(" -–—:,;()[]")


def _in_australia(places: list[_Place]) -> bool | None:
    # A role offered in Sydney and in London is open in Australia.
    if any(place.in_australia for place in places):
        return True
    if any(place.in_australia is False for place in places):
        return False
    return None


def _place_display(city: str, state: str, *, australia: bool) -> str:
    if city and state:
        return f"{city} {state}"
    if city:
        return city
    if state:
        return STATE_NAMES[state]
    return "Australia" if australia else ""


def _display(places: list[_Place], *, workplace: str) -> str:
    shown: list[str] = []
    for place in places:
        if place.display and place.display not in shown:
            shown.append(place.display)
    if "Australia" in shown and any(place.in_australia and place.city for place in places):
        shown.remove("Australia")  # "Sydney; Australia" says nothing more than "Sydney NSW"
    where = "; ".join(shown)
    if workplace == "onsite":
        return where
    label = workplace.capitalize()
    if not where:
        return label
    # "Remote (Australia)" for a whole country, "Sydney NSW (remote)" for a city.
    if all(not place.city and not place.state for place in places):
        return f"{label} ({where})"
    return f"{where} ({workplace})"


def _collapse(text: str) -> str:
    return " ".join((text or "").split())
