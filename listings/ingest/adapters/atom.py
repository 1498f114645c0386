"""Atom 1.0 (RFC 4287) job feeds, as employer careers sites publish them.

The company is the entry's ``<author><name>`` (else the feed's). Structured
job fields sit in a private namespace, e.g.
``<job:location city= region= country= workplace=>Sydney, NSW</job:location>``,
``<job:salary currency= min= max= period=/>`` and ``<job:employmentType>``.
They are read from the defusedxml tree by local name, so any prefix or
namespace URI works and the element text (which feedparser drops) is kept.

Pitfalls:
- ``<updated>`` is required but may be free text ("31/10/2026 9am"): read day
  first, with no offset taken as UTC, else None. ``<published>`` is optional;
  without it the posted time is the updated time.
- Content may be ``type="xhtml"`` (feedparser serialises the inner markup) or
  ``type="text"`` (escaped into paragraphs here).
- An entry with no ``job:location`` has ``location_text=""``.
"""

from __future__ import annotations

import logging
from typing import Any
from xml.etree.ElementTree import Element

from listings.ingest.records import FeedFormatError, FeedRecord, ParseResult

from ._common import collect, salary_range, text, workplace_hint
from ._xml import (
    atom_author,
    entry_datetime,
    entry_html,
    entry_tags,
    local_name,
    namespace,
    parse_feed,
)

SOURCE = "Atom"
ATOM = "http://www.w3.org/2005/Atom"

logger = logging.getLogger(__name__)


def parse(body: bytes) -> ParseResult:
    root, feed = parse_feed(body, source=SOURCE)
    if root.tag != f"{{{ATOM}}}feed":
        raise FeedFormatError(
            f"{SOURCE}: expected an Atom <feed> document, got <{local_name(root)}>"
        )
    extensions = [_job_fields(entry) for entry in root.findall(f"{{{ATOM}}}entry")]
    if len(extensions) != len(feed.entries):
        # Both read the same well-formed document in order; if they ever
        # disagree, pairing them up would give one job another's salary.
        logger.warning(
            "%s: feedparser and ElementTree disagree on entries; job fields ignored", SOURCE
        )
        extensions = [{}] * len(feed.entries)
    company = atom_author(feed.feed)
    return collect(
        zip(feed.entries, extensions, strict=True),
        lambda pair: _record(*pair, feed_company=company),
        item_id=lambda pair: _entry_id(pair[0]),
    )


def _entry_id(entry: Any) -> str:
    return text(entry.get("id")) or text(entry.get("link"))


def _record(entry: Any, job: dict[str, Element], *, feed_company: str) -> FeedRecord:
    location = job.get("location")
    where = location.attrib if location is not None else {}
    pay = job["salary"].attrib if "salary" in job else {}
    employment = job.get("employmenttype")
    updated = entry_datetime(entry, "updated")
    return FeedRecord(
        external_id=_entry_id(entry),
        title=text(entry.get("title")),
        description_html=entry_html(entry),
        apply_url=text(entry.get("link")),
        company=atom_author(entry) or feed_company,
        location_text=text(location.text) if location is not None else "",
        city=text(where.get("city")),
        region=text(where.get("region")),
        country=text(where.get("country")),
        workplace_hint=workplace_hint(where.get("workplace")),
        employment_type_hint=text(employment.text) if employment is not None else "",
        salary=salary_range(
            pay.get("min"), pay.get("max"), currency=pay.get("currency"), interval=pay.get("period")
        ),
        posted_at=entry_datetime(entry, "published") or updated,
        updated_at=updated,
        tags=entry_tags(entry),
    )


def _job_fields(entry: Element) -> dict[str, Element]:
    """The entry's extension elements (any namespace but Atom's), by lower-cased local name."""
    fields: dict[str, Element] = {}
    for child in entry:
        if isinstance(child.tag, str) and namespace(child) not in ("", ATOM):
            fields.setdefault(local_name(child).lower(), child)
    return fields
