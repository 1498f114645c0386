"""Pay as an ad states it, turned into whole AUD a year.

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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


@dataclass(frozen=True)
class SalaryRange:
    """Pay as the feed states it. ``interval`` is one of year, month, week, day, hour."""

    minimum: Decimal | None
    maximum: Decimal | None
    currency: str  # ISO 4217 code, upper case; "" when the feed does not say
    interval: str


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
    if text := " ".join((salary_text or "").split()):
        return _from_text(text, assume_aud=assume_aud)
    return NO_SALARY


# Whole words only: "hr" inside "three months" or "shrink" is no interval.
_INTERVALS = tuple(
    (name, re.compile(rf"(?<![a-z])(?:{words})(?![a-z])"))
    for name, words in (
        ("hour", r"hours?|hourly|hrs?"),
        ("day", r"days?|daily"),
        ("week", r"weeks?|weekly"),
        ("month", r"months?|monthly"),
        ("year", r"years?|yearly|annum|annual|annually|yrs?"),
    )
)


def normalise_interval(interval: str) -> str:
    """A feed's pay period ("1 HOUR", "per-year-salary", "YEAR", "annually") as hour…year, or ""."""
    folded = interval.casefold()
    for name, pattern in _INTERVALS:
        if pattern.search(folded):
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
