"""Careers pages with schema.org ``JobPosting`` JSON-LD (the markup Google's job search reads).

Each ``<script type="application/ld+json">`` block is parsed on its own: one
malformed block makes extruct 0.18's page-level ``extract`` return no JSON-LD
at all, so here a broken block costs only itself. A block that fails strict
JSON is repaired (``<!-- -->`` or CDATA wrappers, trailing commas, raw
newlines in strings) and, if that fails, becomes an ``ItemFailure``; a page
with such a block is marked incomplete, since the block may have held roles.

Pitfalls:
- Postings sit at the top level, in lists, in ``@graph`` or nested (e.g. a
  WebPage's ``mainEntity``); ``@type`` may be a list or a full IRI.
- ``jobLocation`` is one Place or several: city and region come from the first
  Australian one and every Place is listed in ``location_text``.
  ``jobLocationType: TELECOMMUTE`` means remote, with
  ``applicantLocationRequirements`` as the only location.
- ``hiringOrganization`` is an object, an ``{"@id": ...}`` reference
  (resolved against the page) or a plain string.
- ``baseSalary`` holds a QuantitativeValue with min/max or a single value;
  ``unitText`` is HOUR/DAY/WEEK/MONTH/YEAR.
- ``description`` is HTML, but some sites entity-escape it (``&lt;p&gt;``);
  an escaped one is decoded once.
- Dates may be bare ("2026-10-29") or Australian day-first ("03/11/2026").
- ``identifier`` is a PropertyValue or a string; without it the ``url`` is
  the id, and without that a hash of title, company and location.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from listings.ingest.records import FeedFormatError, FeedRecord, ItemFailure, ParseResult
from listings.rules.pay import SalaryRange

from ._common import collect, join_locations, salary_range, text, workplace_hint
from ._dates import parse_datetime, parse_deadline

SOURCE = "JSON-LD"

_AUSTRALIA = {"au", "aus", "australia"}
_WRAPPERS = re.compile(
    r"^\s*(?:<!--|<!\[CDATA\[|/\*\s*<!\[CDATA\[\s*\*/)|(?:-->|\]\]>|/\*\s*\]\]>\s*\*/)\s*$"
)
# A JSON string (kept as is) or a comma before a closing bracket (dropped).
_STRING_OR_TRAILING_COMMA = re.compile(r'"(?:\\.|[^"\\])*"|,(\s*[}\]])')
_ESCAPED_TAG = re.compile(r"&lt;/?[a-zA-Z]")


def parse(body: bytes) -> ParseResult:
    page = _decode(body)
    blocks = [page] if page.lstrip().startswith(("{", "[")) else _ld_json_scripts(page)
    if not blocks:
        raise FeedFormatError(
            f'{SOURCE}: the page has no <script type="application/ld+json"> blocks'
        )
    result = ParseResult()
    documents = []
    for number, block in enumerate(blocks, start=1):
        try:
            documents.append(_load_block(block))
        except ValueError as exc:
            result.failures.append(ItemFailure(f"block {number}", f"unreadable JSON-LD ({exc})"))
            # The broken block may have held roles: closing roles missing from this page would be wrong.
            result.complete = False
    # Only full nodes are targets: {"@id": ...} alone is a reference to one.
    nodes_by_id = {
        text(node["@id"]): node
        for node in _walk(documents)
        if text(node.get("@id")) and not _is_reference(node)
    }
    postings = [node for node in _walk(documents) if _is_a(node, "JobPosting")]
    return collect(
        postings,
        lambda posting: _record(posting, nodes_by_id),
        item_id=_declared_id,
        result=result,
        label="posting",
    )


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")


class _ScriptCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = (dict(attrs).get("type") or "").split(";")[0].strip().lower()
        if tag == "script" and kind == "application/ld+json":
            self._current = []

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.blocks.append("".join(self._current))
            self._current = None


def _ld_json_scripts(page: str) -> list[str]:
    collector = _ScriptCollector()
    collector.feed(page)
    collector.close()
    return collector.blocks


def _load_block(block: str) -> Any:
    try:
        return _json(block)
    except ValueError as exc:
        first_error = exc
    try:
        return _json(
            _STRING_OR_TRAILING_COMMA.sub(lambda m: m.group(1) or m.group(0), _unwrap(block))
        )
    except ValueError:
        raise ValueError(str(first_error)) from None


def _json(source: str) -> Any:
    # strict=False accepts raw control characters (newlines, tabs) inside strings.
    try:
        return json.loads(source, strict=False)
    except RecursionError as exc:
        raise ValueError("nested too deeply") from exc


def _unwrap(block: str) -> str:
    """Drop ``<!-- -->`` and CDATA wrappers some sites put around the JSON."""
    stripped = block.strip()
    while (unwrapped := _WRAPPERS.sub("", stripped).strip()) != stripped:
        stripped = unwrapped
    return stripped


def _walk(value: Any) -> Iterator[dict]:
    """Every object in the documents, depth first (covers @graph, lists and nesting)."""
    # A stack, not recursion: JSON nested as deep as json.loads allows must not crash the page.
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            yield current
            stack.extend(reversed(list(current.values())))
        elif isinstance(current, list):
            stack.extend(reversed(current))


def _is_a(node: dict, kind: str) -> bool:
    types = node.get("@type")
    for value in types if isinstance(types, list) else [types]:
        # "JobPosting", "schema:JobPosting" and "http://schema.org/JobPosting" are all the same type.
        if re.split(r"[/:#]", text(value))[-1] == kind:
            return True
    return False


def _is_reference(value: Any) -> bool:
    return (
        isinstance(value, dict) and set(value) <= {"@id", "@type"} and bool(text(value.get("@id")))
    )


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _plain(value: Any) -> str:
    return html.unescape(text(value))


def _declared_id(posting: dict) -> str:
    identifier = _first(posting.get("identifier"))
    value = identifier.get("value") if isinstance(identifier, dict) else identifier
    return text(value) or text(posting.get("url"))


def _record(posting: dict, nodes_by_id: dict[str, dict]) -> FeedRecord:
    def resolve(value: Any) -> Any:
        return nodes_by_id.get(text(value["@id"]), value) if _is_reference(value) else value

    title = _plain(posting.get("title"))
    company = _name(resolve(_first(posting.get("hiringOrganization"))))
    places = [_place(resolve(place)) for place in _as_list(posting.get("jobLocation"))]
    places = [place for place in places if any(place.values())]
    main = next(
        (place for place in places if place["country"].lower() in _AUSTRALIA),
        places[0] if places else None,
    )
    location_text = join_locations(*(place["text"] for place in places))
    country = main["country"] if main else ""
    if not places:
        # A remote posting names where applicants may live instead.
        regions = [
            _name(resolve(area)) for area in _as_list(posting.get("applicantLocationRequirements"))
        ]
        location_text = join_locations(*regions)
        country = regions[0] if len(regions) == 1 else ""
    remote = any(
        text(kind).upper() == "TELECOMMUTE" for kind in _as_list(posting.get("jobLocationType"))
    )
    return FeedRecord(
        external_id=_declared_id(posting) or _content_hash(title, company, location_text),
        title=title,
        description_html=_description(posting.get("description")),
        apply_url=text(posting.get("url")),
        company=company,
        location_text=location_text,
        city=main["city"] if main else "",
        region=main["region"] if main else "",
        country=country,
        workplace_hint="remote" if remote else workplace_hint(posting.get("jobLocationType")),
        employment_type_hint=", ".join(
            filter(None, map(text, _as_list(posting.get("employmentType"))))
        ),
        salary=_salary(_first(posting.get("baseSalary"))),
        posted_at=parse_datetime(posting.get("datePosted")),
        valid_through=parse_deadline(posting.get("validThrough")),
        eligibility_text="; ".join(
            filter(None, map(_plain, _as_list(posting.get("eligibilityToWorkRequirement"))))
        ),
    )


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _name(value: Any) -> str:
    return _plain(value.get("name")) if isinstance(value, dict) else _plain(value)


def _place(place: Any) -> dict[str, str]:
    address = place.get("address") if isinstance(place, dict) else place
    if isinstance(address, dict):
        city = _plain(address.get("addressLocality"))
        region = _plain(address.get("addressRegion"))
        country = _name(address.get("addressCountry"))
        label = ", ".join(filter(None, (city, region, country)))
    else:
        # A bare string address (or a Place with only a name) is free text.
        city = region = country = ""
        label = _plain(address) or _name(place)
    return {"city": city, "region": region, "country": country, "text": label}


def _description(value: Any) -> str:
    description = text(value)
    # Escaped markup with no real tags: the site encoded the HTML once too often.
    if "<" not in description and _ESCAPED_TAG.search(description):
        return html.unescape(description)
    return description


def _salary(amount: Any) -> SalaryRange | None:
    if not isinstance(amount, dict):
        return None
    value = _first(amount.get("value"))
    if isinstance(value, dict):
        low = value.get("minValue", value.get("value"))
        high = value.get("maxValue", value.get("value"))
        unit = value.get("unitText") or amount.get("unitText")
    else:
        low = high = value
        unit = amount.get("unitText")
    return salary_range(low, high, currency=amount.get("currency"), interval=unit)


def _content_hash(title: str, company: str, location: str) -> str:
    # Stable across runs, so the same untagged posting updates in place; it
    # changes (and the role reappears as new) if any of the three is edited.
    digest = hashlib.sha256("\x1f".join((title, company, location)).casefold().encode()).hexdigest()
    return f"jsonld-{digest[:20]}"
