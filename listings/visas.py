"""Visa reference data, read once and handed to the salary rule as values.

The rule itself is ``listings.rules.salary`` (pure, no ORM). This module is its one
loader: ``visa_reference()`` reads every subclass, stream and threshold row (three
queries, whatever the number of roles), and ``role_salary_checks`` /
``offered_salary_checks`` turn a role or a form's choices into values and run the rule.
The role page, the posting guidance, the moderation flags and the alert digests all
come through here, so they give the same answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from listings.ingest.normalise import currency_named
from listings.models import IncomeThreshold, Role, VisaStream, VisaSubclass
from listings.rules.salary import (
    Salary,
    SalaryCheck,
    Stream,
    Subclass,
    ThresholdInForce,
    ThresholdRow,
    salary_checks,
    threshold_in_force,
)


@dataclass(frozen=True)
class VisaReference:
    """Every subclass, stream and threshold row, as values (small tables, read together)."""

    subclasses: tuple[Subclass, ...]  # in display order
    streams: tuple[Stream, ...]  # in display order, inactive ones included
    thresholds: tuple[ThresholdRow, ...]

    def checks(
        self,
        *,
        subclass_codes: Iterable[str],
        stream_slugs: Iterable[str],
        salary: Salary,
        on: date,
    ) -> tuple[SalaryCheck, ...]:
        """The salary rule for the visas and streams offered, in display order."""
        slugs = set(stream_slugs)
        streams = [s for s in self.streams if s.slug in slugs]
        codes = set(subclass_codes) | {s.subclass for s in streams}
        return salary_checks(
            subclasses=[s for s in self.subclasses if s.code in codes],
            streams=streams,
            salary=salary,
            on=on,
            thresholds=self.thresholds,
            all_streams=self.streams,
        )

    def threshold_on(self, name: str, on: date) -> ThresholdInForce | None:
        return threshold_in_force(self.thresholds, name, on)


def visa_reference() -> VisaReference:
    """Read the reference data: three queries, once per request or batch."""
    return VisaReference(
        subclasses=tuple(
            Subclass(code=s.code, name=s.name, threshold_name=s.threshold_name)
            for s in VisaSubclass.objects.all()
        ),
        streams=tuple(
            Stream(
                subclass=s.subclass.code,
                name=s.name,
                threshold_name=s.threshold_name,
                requires_csol=s.requires_csol,
                slug=s.slug,
                active=s.active,
            )
            for s in VisaStream.objects.select_related("subclass")
        ),
        thresholds=tuple(
            ThresholdRow(
                name=t.name,
                amount=t.amount,
                effective_from=t.effective_from,
                source_url=t.source_url,
                confidence=t.confidence,
                note=t.note,
            )
            for t in IncomeThreshold.objects.all()
        ),
    )


def threshold_on(name: str, on: date) -> ThresholdInForce | None:
    """The threshold ``name`` (CSIT, SSIT, TSMIT) in force on ``on``, by nomination lodgement date."""
    return visa_reference().threshold_on(name, on)


def role_salary(role: Role) -> Salary:
    """A role's pay as the rule reads it: the AUD figures, or else what the ad said."""
    if role.salary_min is not None or role.salary_max is not None:
        return Salary(minimum=role.salary_min, maximum=role.salary_max, currency="AUD")
    text = role.salary_text.strip()
    # Ingest keeps AUD pay as figures; what is left as text is another currency or no AUD a year.
    return Salary(currency=currency_named(text) or "AUD", text=text)


def role_salary_checks(
    role: Role, *, on: date, reference: VisaReference
) -> tuple[SalaryCheck, ...]:
    """The salary rule for a role (its visa_subclasses and visa_streams prefetched)."""
    return reference.checks(
        subclass_codes=[s.code for s in role.visa_subclasses.all()],
        stream_slugs=[s.slug for s in role.visa_streams.all()],
        salary=role_salary(role),
        on=on,
    )


def offered_salary_checks(
    *,
    subclasses: Iterable[VisaSubclass],
    streams: Iterable[VisaStream],
    salary_min: int | None,
    salary_max: int | None,
    on: date,
    reference: VisaReference,
) -> tuple[SalaryCheck, ...]:
    """The salary rule for what a form has chosen (salary in AUD a year)."""
    return reference.checks(
        subclass_codes=[s.code for s in subclasses],
        stream_slugs=[s.slug for s in streams],
        salary=Salary(minimum=salary_min, maximum=salary_max),
        on=on,
    )
