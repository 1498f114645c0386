"""Reading XML feeds safely: defusedxml decides whether a document may be read at all.

Every XML payload is parsed with defusedxml before anything else sees it. A
document that declares any entity is refused, which stops entity expansion
("billion laughs") and external entities (XXE) whatever parser runs next;
feedparser, for one, expands internal entities. A document that defusedxml
cannot parse is malformed (e.g. truncated) and refused too, with two
exceptions feedparser copes with and that lose no data: HTML named entities
such as ``&nbsp;`` (common in RSS), and a feed declared UTF-8 but written in
cp1252 (feedparser's harmless ``CharacterEncodingOverride``).
"""

from __future__ import annotations

import html.entities
import io
import logging
import re
from calendar import timegm
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_etree
import feedparser
from defusedxml import DefusedXmlException

from listings.ingest.records import FeedFormatError

from ._common import plain_text_html, text
from ._dates import parse_datetime

logger = logging.getLogger(__name__)

_NAMED_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = {b"amp", b"lt", b"gt", b"quot", b"apos"}
_EMAIL_WITH_NAME = re.compile(r"^\S+@\S+\s*\((.+)\)$")
_XML_DECLARATION_ENCODING = re.compile(
    rb"^(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])[A-Za-z0-9._-]+\2"
)


def parse_xml(body: bytes, *, source: str) -> Element:
    """The document's root element, or ``FeedFormatError`` for entities and malformed XML."""
    try:
        return _defused_root(body, source)
    except ParseError as exc:
        error = exc
    for repaired in _repairs(body):
        try:
            return _defused_root(repaired, source)
        except ParseError as exc:
            error = exc  # what is still wrong once the tolerated problems are out of the way
    raise FeedFormatError(f"{source}: malformed XML ({error})")


def parse_feed(body: bytes, *, source: str) -> tuple[Element, Any]:
    """Check ``body`` with ``parse_xml``, then read it with feedparser, which is given no URL to fetch."""
    root = parse_xml(body, source=source)
    # A stream, not bytes: feedparser.parse(b"...") tries the bytes as a file path first.
    parsed = feedparser.parse(io.BytesIO(body))
    if parsed.get("bozo"):
        # The document is well formed (parse_xml said so): what is left is
        # harmless, such as an encoding override or an HTML entity.
        logger.info("%s: feedparser flagged %r; entries kept", source, parsed.get("bozo_exception"))
    return root, parsed


def local_name(element: Element) -> str:
    return element.tag.rpartition("}")[2]


def namespace(element: Element) -> str:
    return element.tag[1:].partition("}")[0] if element.tag.startswith("{") else ""


def entry_datetime(entry: Any, key: str) -> datetime | None:
    """An entry's date from its raw string (keeps the offset), else feedparser's UTC reading."""
    # dict.get, not entry.get: feedparser quietly maps a missing "updated" to "published".
    moment = parse_datetime(dict.get(entry, key))
    parsed = dict.get(entry, f"{key}_parsed")
    if moment is None and parsed:
        moment = datetime.fromtimestamp(timegm(parsed), tz=UTC)
    return moment


def entry_html(entry: Any) -> str:
    """An entry's description as HTML: full content first, else the summary; plain text is escaped."""
    for detail in (*entry.get("content", ()), entry.get("summary_detail")):
        if detail and text(detail.get("value")):
            value = detail["value"].strip()
            return value if "html" in (detail.get("type") or "html") else plain_text_html(value)
    return ""


def entry_tags(entry: Any) -> tuple[str, ...]:
    return tuple(term for tag in entry.get("tags", ()) if (term := text(tag.get("term"))))


def rss_author(entry: Any) -> str:
    """The company an RSS item names: ``<author>`` ("jobs@acme.example (Acme)"), ``dc:creator`` or ``<source>``."""
    # feedparser's author_detail mangles some addresses ("ple (Acme"), so read the raw value.
    raw = text(entry.get("author"))
    if named := _EMAIL_WITH_NAME.match(raw):
        raw = named.group(1).strip()
    elif "@" in raw and " " not in raw:
        raw = ""  # a bare address names nobody
    return raw or text((entry.get("source") or {}).get("title"))


def atom_author(node: Any) -> str:
    """An Atom entry's or feed's ``<author><name>``."""
    return text((node.get("author_detail") or {}).get("name"))


def _defused_root(body: bytes, source: str) -> Element:
    try:
        return safe_etree.fromstring(
            body, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as exc:
        raise FeedFormatError(
            f"{source}: refused, the XML declares entities or external references ({exc!r}); "
            "entity declarations are not accepted in feeds"
        ) from exc


def _repairs(body: bytes) -> Iterator[bytes]:
    """Copies of ``body`` that differ only in ways feedparser tolerates, for the well-formedness check."""
    numeric = _NAMED_ENTITY.sub(_numeric_entity, body)
    if numeric != body:
        yield numeric
    try:
        numeric.decode("utf-8")
    except UnicodeDecodeError:
        # Declared (or defaulted to) UTF-8 but written in cp1252.
        transcoded = numeric.decode("cp1252", errors="replace").encode("utf-8")
        yield _XML_DECLARATION_ENCODING.sub(rb"\1\2utf-8\2", transcoded, count=1)


def _numeric_entity(match: re.Match[bytes]) -> bytes:
    name = match.group(1)
    if name in _XML_ENTITIES:
        return match.group(0)
    codepoint = html.entities.name2codepoint.get(name.decode("ascii"))
    return b"&#%d;" % codepoint if codepoint is not None else match.group(0)
