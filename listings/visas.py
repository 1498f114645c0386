"""Visa rules read from data: which income threshold is in force, and whether a salary clears it.

Thresholds are rows of IncomeThreshold with effective dates; nothing here
knows an amount. The board gives information, not migration advice, so every
result carries its source and how sure that source is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q

from listings.models import IncomeThreshold, VisaStream


@dataclass(frozen=True)
class ThresholdInForce:
    name: str
    amount: int
    effective_from: date | None
    source_url: str
    confidence: str
    # Thresholds are indexed every 1 July; a value from before the latest
    # 1 July may have been replaced by one we have not recorded yet.
    possibly_outdated: bool

    @property
    def single_source(self) -> bool:
        return self.confidence != IncomeThreshold.Confidence.CONFIRMED


@dataclass(frozen=True)
class SalaryCheck:
    stream: VisaStream
    threshold: ThresholdInForce | None  # None: the stream has no threshold, or none is recorded
    salary: int | None  # the figure compared: the bottom of the advertised range
    clears: bool | None  # None: cannot tell (no salary, or no threshold)


def latest_indexation_date(on: date) -> date:
    """The most recent 1 July on or before ``on``."""
    return date(on.year if (on.month, on.day) >= (7, 1) else on.year - 1, 7, 1)


def threshold_on(name: str, on: date) -> ThresholdInForce | None:
    """The threshold ``name`` (CSIT, SSIT, TSMIT) in force on ``on``, by nomination lodgement date."""
    row = (
        IncomeThreshold.objects.filter(
            Q(effective_from__lte=on) | Q(effective_from__isnull=True), name=name
        )
        .order_by(F("effective_from").desc(nulls_last=True))
        .first()
    )
    if row is None:
        return None
    return ThresholdInForce(
        name=row.name,
        amount=row.amount,
        effective_from=row.effective_from,
        source_url=row.source_url,
        confidence=row.confidence,
        possibly_outdated=row.effective_from is None
        or row.effective_from < latest_indexation_date(on),
    )


def check_salary(
    stream: VisaStream, salary_min: int | None, on: date, *, salary_max: int | None = None
) -> SalaryCheck:
    """Whether the advertised salary clears ``stream``'s income threshold on ``on``.

    The bottom of the range is what a nomination can rely on, so it is the
    figure compared; with only a maximum given, the maximum is used.
    """
    threshold = threshold_on(stream.threshold_name, on) if stream.threshold_name else None
    salary = salary_min if salary_min is not None else salary_max
    clears = None if threshold is None or salary is None else salary >= threshold.amount
    return SalaryCheck(stream=stream, threshold=threshold, salary=salary, clears=clears)


def salary_clears(stream: VisaStream, salary: int, on: date) -> bool | None:
    """True or False when the stream has a recorded threshold on ``on``; None when it has none."""
    return check_salary(stream, salary, on).clears
