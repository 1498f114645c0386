"""JSON Feed 1.x (jsonfeed.org) job feeds, with the board's ``_job`` extension.

feedparser cannot read JSON Feed, so it is validated here: ``version`` must
start with ``https://jsonfeed.org/version/1`` and ``items`` must be a list.
The ``_job`` extension carries ``company``, ``location``, ``remote``
(onsite/hybrid/remote), ``salary`` ``{currency, min, max, period}`` and
``visa_sponsorship`` (true/false/absent).

Pitfalls:
- ``next_url`` means this is one page of a longer feed: the result is marked
  incomplete so the pipeline does not close roles missing from this page.
- ``id`` should be a string but may be a number.
- ``content_html`` or ``content_text`` (escaped into paragraphs here).
- ``authors`` (1.1) or the deprecated ``author`` (1.0). The item's author
  names the company only when ``_job`` has no ``company`` key: an explicit
  ``"company": null`` means the board does not know it, and the author is
  then often a recruiter.
- Board titles often end in " - Company"; that suffix is dropped when it
  repeats the company.
"""

from __future__ import annotations

from typing import Any

from listings.ingest.records import FeedFormatError, FeedRecord, ParseResult

from ._common import (
    collect,
    describe,
    json_id,
    load_json,
    plain_text_html,
    require_object,
    salary_range,
    text,
    workplace_hint,
)
from ._dates import parse_datetime

SOURCE = "JSON Feed"
VERSION_PREFIX = "https://jsonfeed.org/version/1"

_TITLE_COMPANY_SEPARATORS = (" - ", " \u2013 ", " | ", " at ")  # hyphen, en dash, bar, "at"


def parse(body: bytes) -> ParseResult:
    payload = load_json(body, source=SOURCE)
    if not isinstance(payload, dict):
        raise FeedFormatError(f"{SOURCE}: expected an object, got {describe(payload)}")
    version = text(payload.get("version"))
    if not version.startswith(VERSION_PREFIX):
        raise FeedFormatError(f"{SOURCE}: version {version!r} does not start with {VERSION_PREFIX}")
    if not isinstance(payload.get("items"), list):
        raise FeedFormatError(f"{SOURCE}: items is missing or not a list")
    result = ParseResult(complete=not text(payload.get("next_url")))
    return collect(payload["items"], _record, item_id=json_id, result=result)


def _record(item: Any) -> FeedRecord:
    entry = require_object(item)
    job = entry.get("_job") if isinstance(entry.get("_job"), dict) else {}
    company = text(job.get("company")) if "company" in job else _author(entry)
    pay = job.get("salary") if isinstance(job.get("salary"), dict) else {}
    return FeedRecord(
        external_id=text(entry.get("id")),
        title=_without_company(text(entry.get("title")), company),
        description_html=text(entry.get("content_html"))
        or plain_text_html(text(entry.get("content_text"))),
        apply_url=text(entry.get("external_url")) or text(entry.get("url")),
        company=company,
        location_text=text(job.get("location")),
        workplace_hint=workplace_hint(job.get("remote")),
        salary=salary_range(
            pay.get("min"), pay.get("max"), currency=pay.get("currency"), interval=pay.get("period")
        ),
        posted_at=parse_datetime(entry.get("date_published")),
        updated_at=parse_datetime(entry.get("date_modified")),
        eligibility_text=_sponsorship(job.get("visa_sponsorship")),
        tags=tuple(tag for value in entry.get("tags") or () if (tag := text(value))),
    )


def _author(entry: dict) -> str:
    authors = entry.get("authors")
    if not isinstance(authors, list) or not authors:
        authors = [entry.get("author")]
    first = authors[0]
    return text(first.get("name")) if isinstance(first, dict) else ""


def _without_company(title: str, company: str) -> str:
    for separator in _TITLE_COMPANY_SEPARATORS:
        role, found, suffix = title.rpartition(separator)
        if found and company and suffix.strip().casefold() == company.casefold() and role.strip():
            return role.strip()
    return title


def _sponsorship(flag: Any) -> str:
    # The board's own yes/no, as words the sponsorship classifier reads.
    if flag is True:
        return "Visa sponsorship available"
    if flag is False:
        return "Visa sponsorship not available"
    return ""
