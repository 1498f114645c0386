"""Plain records that feed adapters produce: no ORM, no normalisation.

An adapter turns the bytes of one feed into a ``ParseResult``. Each record
carries what the format says, as close to the source as is useful (pay as
``listings.rules.pay.SalaryRange``); the pipeline reads locations and pay with
the rules in ``listings/rules/``, sanitises the HTML, classifies the text and
stores roles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from listings.rules.pay import SalaryRange


@dataclass(frozen=True)
class FeedRecord:
    """One vacancy from a feed.

    ``description_html`` is the format-specific decoding of the description
    (Greenhouse's escaping undone once, CDATA read, XHTML serialised) but is
    NOT sanitised: the pipeline runs nh3 on it.
    """

    external_id: str
    title: str
    description_html: str
    apply_url: str = ""
    company: str = ""  # "" when the format does not carry it
    location_text: str = ""  # free text as given, e.g. "Sydney, New South Wales, Australia"
    city: str = ""  # structured parts, when the format has them
    region: str = ""
    country: str = ""
    workplace_hint: str = ""  # "onsite", "hybrid", "remote" or ""
    employment_type_hint: str = ""  # the feed's own value, e.g. "FullTime", "FULL_TIME", "Contract"
    salary: SalaryRange | None = None
    salary_text: str = ""  # free-text pay when there is no structure (Indeed)
    posted_at: datetime | None = None  # timezone-aware
    updated_at: datetime | None = None  # timezone-aware
    valid_through: datetime | None = None  # timezone-aware
    eligibility_text: str = ""  # schema.org eligibilityToWorkRequirement, Greenhouse visa metadata
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ItemFailure:
    """An item that could not be read; the rest of the feed still lands."""

    reference: str  # the item's id if known, else its position, e.g. "item 5"
    reason: str
    external_id: str = ""  # set when the failed item's id is known


@dataclass
class ParseResult:
    records: list[FeedRecord] = field(default_factory=list)
    failures: list[ItemFailure] = field(default_factory=list)
    # True when the payload lists every open vacancy of the source (an ATS
    # board, a careers page); False when it may be a window (paginated JSON
    # Feed with next_url). Only a complete, successful fetch may close roles.
    complete: bool = True
    skipped: list[ItemFailure] = field(
        default_factory=list
    )  # deliberately left out (e.g. Ashby isListed: false)


class FeedFormatError(Exception):
    """The payload as a whole cannot be read (malformed XML/JSON, forbidden entities)."""
