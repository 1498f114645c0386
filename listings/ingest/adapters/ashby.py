"""Ashby posting API: ``GET api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true``.

The payload is ``{"apiVersion": "1", "jobs": [...]}`` and lists the whole board.

Pitfalls:
- ``isListed: false`` jobs are in the payload but not advertised: they go to
  ``ParseResult.skipped``, not to the records or the failures.
- Pay comes from the ``compensation.summaryComponents`` entry whose type is
  Salary, and only when ``shouldDisplayCompensationOnJobPostings`` is true:
  the employer has asked for it not to be shown otherwise.
- ``publishedAt`` sometimes has no offset (taken as UTC); ``workplaceType``
  may be null, with ``isRemote`` as the only hint; ``address`` may be missing
  and its ``addressCountry`` is a name, not an ISO code.
- The company is not in the payload.
"""

from __future__ import annotations

from typing import Any

from listings.ingest.records import FeedFormatError, FeedRecord, ParseResult
from listings.rules.pay import SalaryRange

from ._common import (
    ItemError,
    ItemSkipped,
    collect,
    describe,
    dig,
    join_locations,
    json_id,
    load_json,
    require_object,
    salary_range,
    text,
    workplace_hint,
)
from ._dates import parse_datetime

SOURCE = "Ashby"


def parse(body: bytes) -> ParseResult:
    payload = load_json(body, source=SOURCE)
    if not (isinstance(payload, dict) and isinstance(payload.get("jobs"), list)):
        raise FeedFormatError(f'{SOURCE}: expected {{"jobs": [...]}}, got {describe(payload)}')
    return collect(payload["jobs"], _record, item_id=json_id)


def _record(item: Any) -> FeedRecord:
    job = require_object(item)
    external_id = text(job.get("id"))
    if not external_id:
        raise ItemError("no id")
    if job.get("isListed") is False:
        raise ItemSkipped("not listed (isListed: false)")
    address = dig(job, "address", "postalAddress") or {}
    secondary = [dig(other, "location") for other in job.get("secondaryLocations") or ()]
    return FeedRecord(
        external_id=external_id,
        title=text(job.get("title")),
        description_html=text(job.get("descriptionHtml")),
        apply_url=text(job.get("applyUrl")) or text(job.get("jobUrl")),
        location_text=join_locations(job.get("location"), *secondary),
        city=text(dig(address, "addressLocality")),
        region=text(dig(address, "addressRegion")),
        country=text(dig(address, "addressCountry")),
        workplace_hint=workplace_hint(job.get("workplaceType"))
        or ("remote" if job.get("isRemote") is True else ""),
        employment_type_hint=text(job.get("employmentType")),
        salary=_salary(job) if job.get("shouldDisplayCompensationOnJobPostings") is True else None,
        posted_at=parse_datetime(job.get("publishedAt")),
        tags=tuple(name for key in ("department", "team") if (name := text(job.get(key)))),
    )


def _salary(job: dict) -> SalaryRange | None:
    for component in dig(job, "compensation", "summaryComponents") or ():
        if (
            isinstance(component, dict)
            and text(component.get("compensationType")).lower() == "salary"
        ):
            return salary_range(
                component.get("minValue"),
                component.get("maxValue"),
                currency=component.get("currencyCode"),
                interval=component.get("interval"),
            )
    return None
