"""Turn what feeds say about place, pay and hours into the board's own terms.

Pure functions, no ORM: the pipeline calls them on each ``FeedRecord``.

Locations
    ``parse_location`` reads free text ("Sydney, New South Wales, Australia",
    "Remote (AU)", "Hybrid - Sydney", "London, UK") and any structured parts
    (city, region, country) into a city, an Australian state, a workplace and
    whether the role is in Australia. Structured parts win over the text.
    Country-level words (Australia, a state, "UK", "California") count for
    more than a city name, so "Newcastle, UK" is not in New South Wales.

Salaries
    ``annual_salary`` turns a stated range into whole AUD a year:

    ======== =====================================================
    hour     × 38 × 52 (the National Employment Standards' 38-hour
             full-time week, 52 weeks)
    day      × 5 × 52
    week     × 52
    month    × 12
    year     × 1
    ======== =====================================================

    The result is rounded to whole dollars (half up). A bound that comes out
    under $10,000 or over $2,000,000 a year is taken as a data error and left
    out (``None``); a minimum above the maximum is swapped first.

    Currency: a stated currency other than AUD is never converted, so the
    amounts are ``None`` and only ``display`` shows the pay. When the feed does
    not name a currency, the amount counts as AUD unless the salary text points
    at another one (US$, USD, £, €, NZ$, ...): every source we ingest advertises
    Australian roles, where a bare "$" means Australian dollars. A caller that
    knows a role is outside Australia passes ``assume_aud=False``, and then an
    unnamed currency is treated as foreign. A free-text salary with no interval
    is read as a year, so "$95" alone fails the sanity bounds instead of being
    guessed as hourly.

Employment types
    ``employment_type`` maps Ashby, schema.org, Lever, Indeed and Workable
    values onto full_time, part_time, contract or internship. Casual work is
    part_time, temporary and fixed-term work is contract, and a title naming an
    intern or internship makes the role an internship.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from listings.ingest.records import SalaryRange

STATES = ("NSW", "VIC", "QLD", "WA", "SA", "TAS", "ACT", "NT")
WORKPLACES = ("onsite", "hybrid", "remote")
EMPLOYMENT_TYPES = ("full_time", "part_time", "contract", "internship")

# --- location tables -----------------------------------------------------------------

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


# --- salaries ------------------------------------------------------------------------

HOURS_A_WEEK = 38  # National Employment Standards: the maximum ordinary full-time week
WEEKS_A_YEAR = 52
DAYS_A_WEEK = 5
PERIODS_A_YEAR = {
    "hour": HOURS_A_WEEK * WEEKS_A_YEAR,
    "day": DAYS_A_WEEK * WEEKS_A_YEAR,
    "week": WEEKS_A_YEAR,
    "month": 12,
    "year": 1,
}
MIN_PLAUSIBLE_ANNUAL = 10_000
MAX_PLAUSIBLE_ANNUAL = 2_000_000
INTERVAL_WORDS = {
    "hour": "an hour",
    "day": "a day",
    "week": "a week",
    "month": "a month",
    "year": "a year",
}
CURRENCY_PREFIXES = {
    "AUD": "A$",
    "USD": "US$",
    "NZD": "NZ$",
    "CAD": "C$",
    "SGD": "S$",
    "HKD": "HK$",
    "GBP": "£",
    "EUR": "€",
    "JPY": "¥",
    "INR": "₹",
}

# Currency marks in free text, most specific first: "NZ$" before "$".
TEXT_CURRENCIES = (
    ("AUD", r"\bAUD\b|\bAU\$|(?<![A-Za-z])A\$"),
    ("USD", r"\bUSD\b|\bUS\$"),
    ("NZD", r"\bNZD\b|\bNZ\$"),
    ("CAD", r"\bCAD\b|\bCA\$|(?<![A-Za-z])C\$"),
    ("SGD", r"\bSGD\b|(?<![A-Za-z])S\$"),
    ("HKD", r"\bHKD\b|\bHK\$"),
    ("GBP", r"\bGBP\b|£"),
    ("EUR", r"\bEUR\b|€"),
    ("INR", r"\bINR\b|₹"),
)
TEXT_INTERVALS = (
    ("hour", r"per\s+hour|an\s+hour|hourly|/\s*h(?:ou)?r\b|\bp\.?\s?h\b"),
    ("day", r"per\s+day|a\s+day|daily|/\s*day\b|\bp\.?\s?d\b"),
    ("week", r"per\s+week|a\s+week|weekly|/\s*(?:wk|week)\b|\bp\.?\s?w\b"),
    ("month", r"per\s+month|a\s+month|monthly|/\s*(?:mth|month)\b"),
    ("year", r"per\s+(?:year|annum)|a\s+year|annual(?:ly)?|yearly|/\s*(?:yr|year)\b|\bp\.?\s?a\b"),
)
# An amount: optional currency mark, a number (grouped or not, maybe decimals), optional "k".
AMOUNT = (
    r"(?:(?:AUD|USD|NZD|GBP|EUR|[A-Z]{0,2}\$|£|€)\s*)?"
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?!,\d)(?!\.?\d)\s*([kK])?(?![A-Za-z])(?!\s*%)"
)
AMOUNT_PATTERN = re.compile(AMOUNT)
RANGE_PATTERN = re.compile(AMOUNT + r"\s*(?:-|–|—|to)\s*" + AMOUNT)
UP_TO_PATTERN = re.compile(r"\b(?:up\s+to|max(?:imum)?|under)\s*$", re.IGNORECASE)
FROM_PATTERN = re.compile(r"\b(?:from|min(?:imum)?|starting\s+at|over)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class AnnualSalary:
    minimum: int | None  # whole AUD a year; None when unknown or not AUD
    maximum: int | None
    display: str  # in the original currency/interval, e.g. "US$120,000–150,000 a year"
    is_aud: bool


NO_SALARY = AnnualSalary(minimum=None, maximum=None, display="", is_aud=False)


def annual_salary(
    salary: SalaryRange | None, salary_text: str = "", *, assume_aud: bool = True
) -> AnnualSalary:
    """Pay as whole AUD a year, plus what to show; see the module docstring for the rules."""
    if salary is not None and (salary.minimum is not None or salary.maximum is not None):
        return _from_range(salary, assume_aud=assume_aud)
    if _collapse(salary_text):
        return _from_text(_collapse(salary_text), assume_aud=assume_aud)
    return NO_SALARY


def normalise_interval(interval: str) -> str:
    """A feed's interval ("1 HOUR", "per-year-salary", "YEAR", "annually") as hour…year, or ""."""
    folded = interval.casefold()
    for name, words in (
        ("hour", ("hour", "hr")),
        ("day", ("day", "daily")),
        ("week", ("week",)),
        ("month", ("month",)),
        ("year", ("year", "annum", "annual", "yr")),
    ):
        if any(word in folded for word in words):
            return name
    return ""


def _from_range(salary: SalaryRange, *, assume_aud: bool) -> AnnualSalary:
    currency = salary.currency.strip().upper()
    interval = normalise_interval(salary.interval) or "year"
    low, high = _ordered(_decimal(salary.minimum), _decimal(salary.maximum))
    display = _format_pay(low, high, currency=currency, interval=interval)
    is_aud = currency == "AUD" or (not currency and assume_aud)
    if not is_aud:
        return AnnualSalary(minimum=None, maximum=None, display=display, is_aud=False)
    return AnnualSalary(
        minimum=_annual(low, interval),
        maximum=_annual(high, interval),
        display=display,
        is_aud=True,
    )


def _from_text(text: str, *, assume_aud: bool) -> AnnualSalary:
    currency = currency_named(text)
    is_aud = currency == "AUD" or (not currency and assume_aud)
    low, high = _amounts_in(text)
    if low is None and high is None:  # "Competitive", "DOE"
        return AnnualSalary(minimum=None, maximum=None, display=text, is_aud=False)
    if not is_aud:
        return AnnualSalary(minimum=None, maximum=None, display=text, is_aud=False)
    # No interval named: read it as a year, so a bare "$95" fails the bounds, not guessed.
    interval = _interval_in(text) or "year"
    return AnnualSalary(
        minimum=_annual(low, interval),
        maximum=_annual(high, interval),
        display=text,
        is_aud=True,
    )


def currency_named(text: str) -> str:
    """The currency a salary text names ("US$150k" → "USD"), "" when it names none."""
    for code, pattern in TEXT_CURRENCIES:
        if re.search(pattern, text):
            return code
    return ""


def _interval_in(text: str) -> str:
    for name, pattern in TEXT_INTERVALS:
        if re.search(pattern, text, re.IGNORECASE):
            return name
    return ""


def _amounts_in(text: str) -> tuple[Decimal | None, Decimal | None]:
    """The range in free text: "150k-170k", "$150,000 - $170,000", "Up to $180,000"."""
    if match := RANGE_PATTERN.search(text):
        first = _amount(match.group(1), match.group(2), match.group(3))
        second = _amount(match.group(4), match.group(5), match.group(6))
        if match.group(6) and not match.group(3) and first < 1000:
            first *= 1000  # "150-170k": the k covers both
        return _ordered(first, second)
    match = AMOUNT_PATTERN.search(text)
    if match is None:
        return None, None
    value = _amount(match.group(1), match.group(2), match.group(3))
    before, after = text[: match.start()], text[match.end() :]
    if UP_TO_PATTERN.search(before):
        return None, value
    # "$120k+" is a floor; "$150,000 + super" is not.
    if FROM_PATTERN.search(before) or (after.lstrip().startswith("+") and "super" not in after):
        return value, None
    return value, value


def _amount(whole: str, fraction: str | None, thousands: str | None) -> Decimal:
    value = Decimal(whole.replace(",", "") + (fraction or ""))
    return value * 1000 if thousands else value


def _decimal(value: object) -> Decimal | None:
    # Adapters should give Decimal; an int or float from a careless one still works.
    if value is None:
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return None


def _ordered(low: Decimal | None, high: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
    # Lever documents that min can exceed max.
    if low is not None and high is not None and low > high:
        return high, low
    return low, high


def _annual(amount: Decimal | None, interval: str) -> int | None:
    if amount is None:
        return None
    try:
        yearly = int((amount * PERIODS_A_YEAR[interval]).quantize(0, ROUND_HALF_UP))
    except (InvalidOperation, KeyError):  # NaN or Infinity from a broken feed
        return None
    if not MIN_PLAUSIBLE_ANNUAL <= yearly <= MAX_PLAUSIBLE_ANNUAL:
        return None
    return yearly


def _format_pay(low: Decimal | None, high: Decimal | None, *, currency: str, interval: str) -> str:
    prefix = CURRENCY_PREFIXES.get(currency, f"{currency} " if currency else "$")
    suffix = f" {INTERVAL_WORDS[interval]}" if interval in INTERVAL_WORDS else ""
    if low is not None and high is not None and low != high:
        return f"{prefix}{_money(low)}–{_money(high)}{suffix}"
    if low is not None and high is not None:
        return f"{prefix}{_money(low)}{suffix}"
    if low is not None:
        return f"From {prefix}{_money(low)}{suffix}"
    return f"Up to {prefix}{_money(high)}{suffix}"


def _money(amount: Decimal | None) -> str:
    if amount is None:
        return ""
    if amount == amount.to_integral_value():
        return f"{int(amount):,}"
    return f"{amount:,.2f}"


# --- employment types ----------------------------------------------------------------

INTERN_IN_TITLE = re.compile(r"(?<![A-Za-z])(?:intern|interns|internship)(?![A-Za-z])", re.I)
# Checked in this order: "Full-time contract" is a contract, "Contract internship" an internship.
EMPLOYMENT_KEYWORDS = (
    ("internship", ("intern",)),
    ("contract", ("contract", "temporary", "temp", "fixedterm", "maxterm", "freelance")),
    ("part_time", ("parttime", "casual")),
    ("full_time", ("fulltime", "permanent")),
)


def employment_type(hint: str, *, title: str = "") -> str:
    """One of EMPLOYMENT_TYPES from a feed's value and the title; "full_time" by default."""
    if INTERN_IN_TITLE.search(title or ""):
        return "internship"
    # schema.org allows a list: "FULL_TIME, CONTRACTOR"; the first value we know wins.
    for part in re.split(r"[,;/|]", hint or ""):
        folded = re.sub(r"[^a-z]", "", part.casefold())
        if not folded:
            continue
        for kind, keywords in EMPLOYMENT_KEYWORDS:
            if any(keyword in folded for keyword in keywords):
                return kind
    return "full_time"
