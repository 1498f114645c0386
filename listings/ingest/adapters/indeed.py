"""Indeed XML job feed: ``<source>`` holding one ``<job>`` per vacancy, every job in one file.

Values sit in CDATA; the description's CDATA is HTML. The whole file is the
source's full list of jobs.

Pitfalls:
- ``referencenumber`` is the id (unique and stable, Indeed says); a job
  without one cannot be tracked and is a failure.
- ``date`` should be ISO 8601 but older feeds use RFC 822; ``expirationdate``
  is often a bare date (the role stays up to the end of that day, UTC).
- HTML entities such as ``&nbsp;`` appear inside CDATA despite Indeed's rule;
  there they are HTML, and left for the pipeline's sanitiser.
- ``salary`` is free text. It is kept as ``salary_text``; a SalaryRange is
  added only when the text states a period ("per year", "per hour"), with a
  currency only when one is named ("AUD", "A$"): a bare "$" could be US or AU.
"""

from __future__ import annotations

import re
from decimal import Decimal
from xml.etree.ElementTree import Element

from listings.ingest.records import FeedFormatError, FeedRecord, ParseResult
from listings.rules.pay import SalaryRange

from ._common import ItemError, amount, collect, salary_range, text, workplace_hint
from ._dates import parse_datetime, parse_deadline
from ._xml import local_name, parse_xml

SOURCE = "Indeed XML"

_NUMBER = r"(\d[\d,]*(?:\.\d+)?)\s*([kK])?"
_PAY_RANGE = re.compile(_NUMBER + r"\s*(?:-|\u2013|\u2014|to)\s*(?:[A-Z]{0,3}\$|AUD\s*)?" + _NUMBER)
_PAY_FIGURE = re.compile(_NUMBER)
_PERIODS = {
    "year": r"(?:\bper|\ban?|/)\s*(?:year|yr|annum)\b|\b(?:yearly|annually)\b|\bp\.?\s?a\b\.?",
    "month": r"(?:\bper|\ban?|/)\s*month\b|\bmonthly\b",
    "week": r"(?:\bper|\ban?|/)\s*week\b|\bweekly\b",
    "day": r"(?:\bper|\ban?|/)\s*day\b|\bdaily\b",
    "hour": r"(?:\bper|\ban?|/)\s*(?:hour|hr)\b|\bhourly\b",
}
_CURRENCIES = {
    "AUD": r"\bAUD\b|(?<![A-Za-z])AU?\$",
    "NZD": r"\bNZD\b|(?<![A-Za-z])NZ\$",
    "USD": r"\bUSD\b|(?<![A-Za-z])US\$",
    "GBP": r"\bGBP\b|£",
    "EUR": r"\bEUR\b|€",
}


def parse(body: bytes) -> ParseResult:
    root = parse_xml(body, source=SOURCE)
    if local_name(root) != "source":
        raise FeedFormatError(f"{SOURCE}: expected a <source> document, got <{local_name(root)}>")
    return collect(root.iter("job"), _record, item_id=lambda job: _value(job, "referencenumber"))


def _value(job: Element, name: str) -> str:
    return text(job.findtext(name))


def _record(job: Element) -> FeedRecord:
    external_id = _value(job, "referencenumber")
    if not external_id:
        raise ItemError("no referencenumber")
    city, state, postcode = (_value(job, name) for name in ("city", "state", "postalcode"))
    country = _value(job, "country")
    salary_text = _value(job, "salary")
    return FeedRecord(
        external_id=external_id,
        title=_value(job, "title"),
        description_html=_value(job, "description"),
        apply_url=_value(job, "url"),
        company=_value(job, "company") or _value(job, "sourcename"),
        location_text=", ".join(filter(None, (city, f"{state} {postcode}".strip(), country))),
        city=city,
        region=state,
        country=country,
        workplace_hint=workplace_hint(_value(job, "remotetype")),
        employment_type_hint=_value(job, "jobtype"),
        salary=_salary(salary_text),
        salary_text=salary_text,
        posted_at=parse_datetime(_value(job, "date")),
        valid_through=parse_deadline(_value(job, "expirationdate")),
        tags=tuple(filter(None, (tag.strip() for tag in _value(job, "category").split(",")))),
    )


def _salary(description: str) -> SalaryRange | None:
    """Figures and period from free text, e.g. "A$150,000 - A$180,000 per year"; None when unclear."""
    periods = [
        period
        for period, pattern in _PERIODS.items()
        if re.search(pattern, description, re.IGNORECASE)
    ]
    currencies = [code for code, pattern in _CURRENCIES.items() if re.search(pattern, description)]
    if len(periods) != 1:
        return None
    pay_range = _PAY_RANGE.search(description)
    if pay_range:
        low, high = _figure(*pay_range.group(1, 2)), _figure(*pay_range.group(3, 4))
    elif figure := _PAY_FIGURE.search(description):
        low = high = _figure(*figure.group(1, 2))
    else:
        return None
    currency = currencies[0] if len(currencies) == 1 else ""
    return salary_range(low, high, currency=currency, interval=periods[0])


def _figure(digits: str, thousands: str | None) -> Decimal | None:
    figure = amount(digits)
    return figure * 1000 if figure is not None and thousands else figure
