"""Lever Postings API: ``GET api.lever.co/v0/postings/{site}?mode=json``, a bare JSON array.

Pitfalls:
- The company is not in the payload (the pipeline uses the source's employer).
- The ad is split: ``description`` (opening + body), ``lists`` of
  ``{text, content}`` where content is bare ``<li>`` items, then ``additional``
  (often where sponsorship is mentioned). All three are joined.
- ``createdAt`` is epoch milliseconds; there is no updated date.
- ``salaryRange`` is optional and its ``min`` can exceed ``max``: the bounds are
  ordered rather than the role dropped.
- ``categories.location`` may be missing and ``workplaceType`` may be "unspecified".
"""

from __future__ import annotations

import html
from typing import Any

from listings.ingest.records import FeedFormatError, FeedRecord, ParseResult

from ._common import (
    ItemError,
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
from ._dates import from_epoch_ms

SOURCE = "Lever"


def parse(body: bytes) -> ParseResult:
    payload = load_json(body, source=SOURCE)
    if not isinstance(payload, list):
        # group= and error responses come back as objects.
        raise FeedFormatError(
            f"{SOURCE}: expected a JSON array of postings, got {describe(payload)}"
        )
    return collect(payload, _record, item_id=json_id)


def _record(item: Any) -> FeedRecord:
    posting = require_object(item)
    external_id = text(posting.get("id"))
    if not external_id:
        raise ItemError("no id")
    categories = posting.get("categories") if isinstance(posting.get("categories"), dict) else {}
    pay = posting.get("salaryRange") if isinstance(posting.get("salaryRange"), dict) else {}
    all_locations = (
        categories.get("allLocations") if isinstance(categories.get("allLocations"), list) else []
    )
    return FeedRecord(
        external_id=external_id,
        title=text(posting.get("text")),
        description_html=_description(posting),
        apply_url=text(posting.get("applyUrl")) or text(posting.get("hostedUrl")),
        location_text=join_locations(categories.get("location"), *all_locations),
        country=text(posting.get("country")),
        workplace_hint=workplace_hint(posting.get("workplaceType")),
        employment_type_hint=text(categories.get("commitment")),
        salary=salary_range(
            pay.get("min"),
            pay.get("max"),
            currency=pay.get("currency"),
            interval=pay.get("interval"),
        ),
        salary_text=text(posting.get("salaryDescriptionPlain")),
        posted_at=from_epoch_ms(posting.get("createdAt")),
        tags=tuple(name for key in ("department", "team") if (name := text(dig(categories, key)))),
    )


def _description(posting: dict) -> str:
    parts = [text(posting.get("description"))]
    for section in posting.get("lists") or ():
        if isinstance(section, dict):
            heading = html.escape(text(section.get("text")), quote=False)
            parts.append(f"<h3>{heading}</h3><ul>{text(section.get('content'))}</ul>")
    parts.append(text(posting.get("additional")))
    return "".join(parts)
