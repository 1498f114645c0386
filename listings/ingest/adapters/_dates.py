"""Dates as feeds write them, turned into timezone-aware datetimes.

Feeds mix ISO 8601 (with or without an offset, or a bare date), RFC 822 and
whatever a person typed ("31/10/2026 9am"). Every result is aware: a value
with no offset is taken as UTC. Slash dates are read day first, because the
sources are Australian. A value that names an impossible day ("31 Nov") or
no year gives None, and the pipeline falls back to the first-seen time.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from dateutil import parser as dateutil_parser

from ._common import text

# dateutil knows no Australian zone abbreviations; without these it returns a
# naive time that would be taken as UTC, hours off.
_AUSTRALIAN_ZONES = {
    name: timezone(timedelta(hours=hours), name)
    for name, hours in {
        "AEST": 10,
        "AEDT": 11,
        "ACST": 9.5,
        "ACDT": 10.5,
        "AWST": 8,
    }.items()
}

_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
_BARE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})$")


def parse_datetime(value: Any) -> datetime | None:
    """An aware datetime from ISO 8601, RFC 822 or loose text; None when it cannot be trusted."""
    raw = text(value)
    if not raw:
        return None
    for parse in (datetime.fromisoformat, _rfc822, _loose):
        try:
            moment = parse(raw)
        except (ValueError, TypeError, OverflowError, IndexError):
            continue
        if moment is not None:
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return None


def parse_deadline(value: Any) -> datetime | None:
    """A closing date: a bare date means the end of that day (UTC), so the role stays up all day."""
    moment = parse_datetime(value)
    if moment is not None and _BARE_DATE.match(text(value)):
        return moment.replace(hour=23, minute=59, second=59)
    return moment


def from_epoch_ms(value: Any) -> datetime | None:
    """Lever's ``createdAt``: milliseconds since the epoch."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return datetime.fromtimestamp(value / 1000, tz=UTC)
    except (ValueError, OverflowError, OSError):
        return None


def _rfc822(raw: str) -> datetime | None:
    moment = parsedate_to_datetime(raw)
    # A naive result means an unknown zone name (or -0000): let dateutil have a go.
    return moment if moment.tzinfo else None


def _loose(raw: str) -> datetime | None:
    # dateutil fills missing parts from today, so without a year it invents a date.
    if not _YEAR.search(raw):
        return None
    return dateutil_parser.parse(raw, dayfirst=True, tzinfos=_AUSTRALIAN_ZONES)
