"""RSS 2.0 job feeds, in the two styles seen in the wild.

We Work Remotely style: the title is "Company: Role" (split on the first
": "), with non-namespaced ``<region>``, ``<country>``, ``<state>``,
``<type>``, ``<skills>`` and ``<expires_at>`` elements.

python.org style (a Django syndication ``Feed``): the title is "Role,
Company" and the description's first line is the location ("City, Region,
Country"). A feed is read this way only when every item looks like it, so a
plain feed whose titles happen to hold a comma is not split.

Pitfalls:
- Safety and well-formedness are checked by ``_xml.parse_xml`` before
  feedparser runs; feedparser's ``bozo`` alone does not drop a feed.
- ``<guid>`` is optional: the link is the id then.
- ``<pubDate>`` may be missing (python.org) or impossible ("Tue, 31 Nov"):
  both give ``posted_at=None`` and the pipeline uses the first-seen time.
- ``<expires_at>`` may be a bare date: the role is open to the end of that day (UTC).
- Descriptions come entity-escaped or in CDATA (raw ``&`` included).
"""

from __future__ import annotations

import html
from typing import Any

from listings.ingest.records import FeedFormatError, FeedRecord, ParseResult

from ._common import collect, text
from ._dates import parse_deadline
from ._xml import entry_datetime, entry_html, entry_tags, local_name, parse_feed, rss_author

SOURCE = "RSS"
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}RDF"


def parse(body: bytes) -> ParseResult:
    root, feed = parse_feed(body, source=SOURCE)
    if local_name(root) != "rss" and root.tag != _RDF:
        raise FeedFormatError(f"{SOURCE}: expected an <rss> document, got <{local_name(root)}>")
    entries = feed.entries
    build = _django_style_record if _is_django_style(entries) else _record
    return collect(entries, build, item_id=_entry_id)


def _entry_id(entry: Any) -> str:
    return text(entry.get("id")) or text(entry.get("link"))


def _record(entry: Any) -> FeedRecord:
    title, company = text(entry.get("title")), rss_author(entry)
    head, separator, role = title.partition(": ")
    if separator and role.strip() and (not company or head.strip() == company):
        company, title = head.strip(), role.strip()
    skills = tuple(filter(None, (skill.strip() for skill in text(entry.get("skills")).split(","))))
    return FeedRecord(
        external_id=_entry_id(entry),
        title=title,
        description_html=entry_html(entry),
        apply_url=text(entry.get("link")),
        company=company,
        # WWR's <region> says where applicants may live, e.g. "Anywhere in Australia".
        location_text=text(entry.get("region")),
        region=text(entry.get("state")),
        country=text(entry.get("country")),
        employment_type_hint=text(entry.get("type")),
        posted_at=entry_datetime(entry, "published"),
        updated_at=entry_datetime(entry, "updated"),
        valid_through=parse_deadline(entry.get("expires_at")),
        tags=entry_tags(entry) + skills,
    )


def _django_style_record(entry: Any) -> FeedRecord:
    title, company = text(entry.get("title")), rss_author(entry)
    head, separator, tail = title.rpartition(", ")
    if separator and head.strip() and (not company or tail.strip() == company):
        title, company = head.strip(), tail.strip()
    location, _, description = entry_html(entry).partition("\n")
    return FeedRecord(
        external_id=_entry_id(entry),
        title=title,
        description_html=description.strip(),
        apply_url=text(entry.get("link")),
        company=company,
        location_text=html.unescape(location.strip()),
        posted_at=entry_datetime(entry, "published"),
        tags=entry_tags(entry),
    )


def _is_django_style(entries: list) -> bool:
    def looks_django(entry: Any) -> bool:
        title = text(entry.get("title"))
        first_line, newline, rest = entry_html(entry).partition("\n")
        return (
            ", " in title
            and ": " not in title
            and bool(newline and first_line.strip() and rest.strip())
            and "<" not in first_line
        )

    return bool(entries) and all(looks_django(entry) for entry in entries)
