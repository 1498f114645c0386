"""Greenhouse Job Board API: ``/v1/boards/{token}/jobs?content=true`` and the single-job endpoint.

The board payload is ``{"jobs": [...], "meta": {...}}`` and lists the whole
board; the single-job payload (``/jobs/{id}?pay_transparency=true``) is one
job object, the only place pay appears (``pay_input_ranges``, in cents).

Pitfalls:
- ``content`` is HTML escaped once (``&lt;p&gt;``). Unescape it exactly once:
  a second pass would turn text that reads ``&lt;`` into markup.
- The external id is ``id`` (the post): several posts share one ``internal_job_id``,
  which is null for prospect posts.
- ``metadata`` may be null or []; visa sponsorship, when an employer records
  it, lives there as a custom field.
- ``location.name`` is free text and may be empty; the offset on timestamps is
  the account's own.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from listings.ingest.records import FeedFormatError, FeedRecord, ParseResult
from listings.rules.pay import SalaryRange

from ._common import (
    ItemError,
    amount,
    collect,
    describe,
    dig,
    json_id,
    load_json,
    require_object,
    salary_range,
    text,
    unescape_once,
)
from ._dates import parse_datetime, parse_deadline

SOURCE = "Greenhouse"

_VISA_FIELD = re.compile(r"visa|sponsor", re.IGNORECASE)
_EMPLOYMENT_TYPE_FIELD = re.compile(r"employment type", re.IGNORECASE)
_WORKPLACE_IN_LOCATION = re.compile(r"\b(hybrid|remote)\b", re.IGNORECASE)


def parse(body: bytes) -> ParseResult:
    payload = load_json(body, source=SOURCE)
    if isinstance(payload, dict) and isinstance(payload.get("jobs"), list):
        return collect(payload["jobs"], _record, item_id=json_id)
    if isinstance(payload, dict) and "id" in payload and "title" in payload:
        # One job is not the whole board: it must not close the others.
        return collect([payload], _record, item_id=json_id, result=ParseResult(complete=False))
    raise FeedFormatError(
        f'{SOURCE}: expected {{"jobs": [...]}} or a single job object, got {describe(payload)}'
    )


def _record(item: Any) -> FeedRecord:
    job = require_object(item)
    external_id = text(job.get("id"))
    if not external_id:
        raise ItemError("no id")
    location = text(dig(job, "location", "name"))
    workplace = _WORKPLACE_IN_LOCATION.search(location)
    metadata = job.get("metadata") if isinstance(job.get("metadata"), list) else []
    return FeedRecord(
        external_id=external_id,
        title=text(job.get("title")),
        description_html=unescape_once(text(job.get("content"))),
        apply_url=text(job.get("absolute_url")),
        company=text(job.get("company_name")),
        location_text=location,
        workplace_hint=workplace.group(1).lower() if workplace else "",
        employment_type_hint=_metadata_value(metadata, _EMPLOYMENT_TYPE_FIELD),
        salary=_pay(job.get("pay_input_ranges")),
        posted_at=parse_datetime(job.get("first_published"))
        or parse_datetime(job.get("updated_at")),
        updated_at=parse_datetime(job.get("updated_at")),
        valid_through=parse_deadline(job.get("application_deadline")),
        eligibility_text=_visa_metadata(metadata),
        tags=tuple(name for d in job.get("departments") or () if (name := text(dig(d, "name")))),
    )


def _visa_metadata(metadata: list) -> str:
    # Keep the field's name: a bare "Yes" or "No" means nothing to the classifier.
    return "; ".join(
        f"{text(entry.get('name'))}: {value}"
        for entry in metadata
        if isinstance(entry, dict)
        and _VISA_FIELD.search(text(entry.get("name")))
        and (value := _metadata_text(entry.get("value")))
    )


def _metadata_value(metadata: list, name: re.Pattern[str]) -> str:
    for entry in metadata:
        if isinstance(entry, dict) and name.search(text(entry.get("name"))):
            return _metadata_text(entry.get("value"))
    return ""


def _metadata_text(value: Any) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(filter(None, map(text, value)))
    return text(value)


def _pay(ranges: Any) -> SalaryRange | None:
    # Greenhouse pay ranges are annual base salary; amounts are in cents.
    for pay in ranges if isinstance(ranges, list) else ():
        if not isinstance(pay, dict):
            continue
        salary = salary_range(
            _dollars(pay.get("min_cents")),
            _dollars(pay.get("max_cents")),
            currency=pay.get("currency_type"),
            interval="year",
        )
        if salary is not None:
            return salary
    return None


def _dollars(cents: Any) -> Decimal | None:
    value = amount(cents)
    return value / 100 if value is not None else None
