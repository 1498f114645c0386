"""What every feed adapter shares: reading items one at a time, cleaning values, pay and workplace.

Adapters build one ``FeedRecord`` per item inside ``collect``, which turns a
problem with one item into an ``ItemFailure`` so the rest of the feed lands,
and enforces the one rule every record obeys: a non-empty id and title.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from listings.ingest.records import FeedFormatError, FeedRecord, ItemFailure, ParseResult
from listings.rules.pay import SalaryRange, normalise_interval

Item = TypeVar("Item")


class ItemError(Exception):
    """One item cannot be read; the message becomes the ``ItemFailure`` reason."""


class ItemSkipped(Exception):
    """The feed itself leaves this item out (e.g. unlisted); the message says why."""


# What escaping markup once produces; any other "&" sends a text through html.unescape.
_ESCAPES = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&#34;", '"'))
_OTHER_REFERENCE = re.compile(r"&(?!(?:lt|gt|quot|amp|#39|#34);)")


def unescape_once(value: str) -> str:
    """``html.unescape(value)``, with a fast path for the common case of escaped markup.

    A board's worth of escaped HTML has hundreds of thousands of references, which
    html.unescape decodes one callback at a time. When the only ones are those that
    escaping markup makes, plain replacements give the same text, ``&amp;`` last so
    that ``&amp;lt;`` becomes ``&lt;`` and no more.
    """
    if "&" not in value:
        return value
    if _OTHER_REFERENCE.search(value):
        return html.unescape(value)
    for reference, character in _ESCAPES:
        value = value.replace(reference, character)
    return value.replace("&amp;", "&")


def collect(
    items: Iterable[Item],
    build: Callable[[Item], FeedRecord],
    *,
    item_id: Callable[[Item], str],
    result: ParseResult | None = None,
    label: str = "item",
) -> ParseResult:
    """Build a record from each item, recording failures and skips instead of raising.

    ``item_id`` must not raise: it names the item in a failure before ``build`` runs.
    A failed item with no id makes the result incomplete.
    """
    result = result if result is not None else ParseResult()
    for position, item in enumerate(items, start=1):
        external_id = item_id(item)
        reference = external_id or f"{label} {position}"
        try:
            record = build(item)
        except ItemSkipped as exc:
            result.skipped.append(ItemFailure(reference, str(exc), external_id))
            continue
        except ItemError as exc:
            reason = str(exc)
        except (ValueError, TypeError, KeyError, AttributeError, ArithmeticError) as exc:
            # An unexpected shape in one item must not cost the rest of the feed.
            reason = f"unreadable item ({type(exc).__name__}: {exc})"
        else:
            if record.external_id and record.title:
                result.records.append(record)
                continue
            reason = "no id" if not record.external_id else "no title"
            external_id = external_id or record.external_id
        result.failures.append(ItemFailure(reference, reason, external_id))
        if not external_id:
            # The pipeline cannot tell which role this was, so it must not
            # close roles missing from this fetch: one of them may be this one.
            result.complete = False
    return result


def text(value: Any) -> str:
    """A scalar feed value as a stripped string; None, booleans and containers give ""."""
    if value is None or isinstance(value, bool | dict | list | tuple):
        return ""
    return str(value).strip()


def dig(item: Any, *path: str) -> Any:
    """``item[a][b]...`` where any missing or null level gives None."""
    value: Any = item
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def json_id(item: Any, key: str = "id") -> str:
    """An item's id for failure messages, whatever shape the item has."""
    return text(item.get(key)) if isinstance(item, dict) else ""


def require_object(item: Any) -> dict:
    if not isinstance(item, dict):
        raise ItemError(f"item is {describe(item)}, not an object")
    return item


def load_json(body: bytes, *, source: str) -> Any:
    """Decode a JSON payload or raise ``FeedFormatError`` naming the source format."""
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as exc:
        # JSONDecodeError and UnicodeDecodeError are ValueErrors; absurd nesting is a RecursionError.
        raise FeedFormatError(f"{source}: the payload is not valid JSON ({exc})") from exc


_JSON_TYPES = {
    list: "array",
    str: "string",
    int: "number",
    float: "number",
    bool: "boolean",
    type(None): "null",
}


def describe(payload: Any) -> str:
    """A payload's top-level shape, for a ``FeedFormatError`` message."""
    if isinstance(payload, dict):
        keys = sorted(map(str, payload))
        return "an object with keys " + ", ".join(keys[:8]) if keys else "an empty object"
    return "a JSON " + _JSON_TYPES.get(type(payload), type(payload).__name__)


def amount(value: Any) -> Decimal | None:
    """A pay figure as a Decimal; anything that is not a finite, non-negative number gives None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    try:
        # str() first so 42.5 becomes Decimal("42.5"), not its binary approximation.
        number = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        return None
    if not number.is_finite() or number < 0:
        return None
    return number


def pay_interval(value: Any) -> str:
    """A feed's pay period as year/month/week/day/hour (listings.rules.pay), or ""."""
    return normalise_interval(text(value))


def salary_range(minimum: Any, maximum: Any, *, currency: Any, interval: Any) -> SalaryRange | None:
    """A SalaryRange, or None when there is no figure or no recognisable period.

    Bounds given the wrong way round are swapped: Lever allows min > max, and
    the figures are still the employer's stated range.
    """
    low, high = amount(minimum), amount(maximum)
    period = pay_interval(interval)
    if (low is None and high is None) or not period:
        return None
    if low is not None and high is not None and low > high:
        low, high = high, low
    return SalaryRange(minimum=low, maximum=high, currency=text(currency).upper(), interval=period)


def workplace_hint(value: Any) -> str:
    """Map a feed's workplace wording (OnSite, on-site, TELECOMMUTE, "Hybrid remote") to onsite/hybrid/remote."""
    raw = re.sub(r"[^a-z]", "", text(value).lower())
    if "hybrid" in raw:
        return "hybrid"
    if raw.startswith("temporar"):
        # Indeed's "Temporarily remote" means back in the office later.
        return ""
    if "remote" in raw or "telecommute" in raw:
        return "remote"
    if raw in {"onsite", "inoffice", "office", "inperson"}:
        return "onsite"
    return ""


def join_locations(*values: Any) -> str:
    """Several location strings as one free-text location, first (primary) one first, no repeats."""
    seen: list[str] = []
    for value in values:
        name = text(value)
        if name and name not in seen:
            seen.append(name)
    return "; ".join(seen)


def plain_text_html(value: str) -> str:
    """Plain text as HTML paragraphs, escaped; a blank line starts a new paragraph."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", value) if part.strip()]
    return "".join(f"<p>{html.escape(part).replace(chr(10), '<br>')}</p>" for part in paragraphs)
