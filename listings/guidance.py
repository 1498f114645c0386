"""Visa guidance for the posting form: what the employer has chosen, as values for the rule.

The guidance itself is pure (``listings.rules.posting_guidance``, with labour market
testing in ``listings.rules.labour_market_testing``), and its threshold check is the
board's one salary rule, so the form says what the role page and the moderators will
see. This module turns the form's choices (subclass, stream and occupation rows) into
values and reads the visa reference data once (``listings.visas.visa_reference``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from listings.models import Occupation, VisaStream, VisaSubclass
from listings.rules import posting_guidance as rule
from listings.rules.posting_guidance import ChosenOccupation, PostingGuidance, ThresholdGuidance
from listings.rules.salary import VisaReference
from listings.visas import visa_reference


def chosen_occupation(occupation: Occupation | None) -> ChosenOccupation | None:
    """The occupation as the CSOL note reads it."""
    if occupation is None:
        return None
    return ChosenOccupation(name=str(occupation), on_csol=occupation.on_csol)


def threshold_guidance(
    *,
    streams: Iterable[VisaStream],
    subclasses: Iterable[VisaSubclass] = (),
    salary_min: int | None,
    salary_max: int | None = None,
    occupation: Occupation | None = None,
    on: date,
    closes_on: date | None = None,
    reference: VisaReference | None = None,
) -> tuple[ThresholdGuidance, ...]:
    """The salary rule for each visa offered, with what changes by the closing date."""
    return rule.threshold_guidance(
        reference=reference or visa_reference(),
        subclass_codes=[s.code for s in subclasses],
        stream_slugs=[s.slug for s in streams],
        salary_min=salary_min,
        salary_max=salary_max,
        occupation=chosen_occupation(occupation),
        on=on,
        closes_on=closes_on,
    )


def posting_guidance(
    *,
    subclasses: Sequence[VisaSubclass],
    streams: Sequence[VisaStream],
    salary_min: int | None,
    salary_max: int | None,
    occupation: Occupation | None,
    title: str,
    description: str,
    employer_name: str,
    on: date,
    closes_on: date | None,
) -> PostingGuidance:
    """Everything the form shows beside the fields, for what the employer has entered so far."""
    return rule.posting_guidance(
        reference=visa_reference(),
        subclass_codes=[s.code for s in subclasses],
        stream_slugs=[s.slug for s in streams],
        salary_min=salary_min,
        salary_max=salary_max,
        occupation=chosen_occupation(occupation),
        title=title,
        description=description,
        employer_name=employer_name,
        on=on,
        closes_on=closes_on,
    )
