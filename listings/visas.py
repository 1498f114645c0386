"""Visa reference data, read once and handed to the salary rule as values.

The rule itself is ``listings.rules.salary`` (pure, no ORM), and so is the
``VisaReference`` it reads. This module is its one loader: ``visa_reference()`` reads
every subclass, stream and threshold row (three queries, whatever the number of roles),
and ``role_salary_checks`` turns a role into values and runs the rule (the posting
guidance runs it on the form's choices through ``listings.guidance``). The role page, the
posting guidance, the moderation flags and the alert digests all read this reference, so
they give the same answer.
"""

from __future__ import annotations

from datetime import date

from listings.models import IncomeThreshold, Role, VisaStream, VisaSubclass
from listings.rules.salary import (
    Salary,
    SalaryCheck,
    Stream,
    Subclass,
    ThresholdInForce,
    ThresholdRow,
    VisaReference,
    advertised_salary,
)


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
    return advertised_salary(
        minimum=role.salary_min, maximum=role.salary_max, text=role.salary_text
    )


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
