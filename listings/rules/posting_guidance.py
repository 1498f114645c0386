"""What the posting form shows beside the fields: the salary rule for each visa offered, and more.

The threshold check is the board's one salary rule (``listings.rules.salary``), so the
form says what the role page and the moderators will see; this module adds what only a
poster needs: a value that changes before the closing date, the occupation's CSOL status,
hints about the visas chosen, and labour market testing
(``listings.rules.labour_market_testing``). Everything here is a warning or a hint, never
a block: the employer may know better, and the board gives information, not migration
advice. Pure functions over values: ``listings.guidance`` loads them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from listings.rules.labour_market_testing import LmtGuidance, lmt_guidance
from listings.rules.salary import (
    Outcome,
    Salary,
    SalaryCheck,
    Stream,
    Subclass,
    ThresholdInForce,
    VisaReference,
)

OK = "ok"
WARNING = "warning"
INFO = "info"

LEVELS = {Outcome.CLEARS: OK, Outcome.BELOW: WARNING, Outcome.CANNOT_CHECK: INFO}

# Subclasses whose nominations must meet an income threshold, so the form requires a salary.
SALARY_REQUIRED_SUBCLASSES = frozenset({"482", "186"})


# --- Values in -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChosenOccupation:
    """The ANZSCO occupation the employer chose, as the CSOL note names it."""

    name: str  # "Machine Learning Engineer (261313)"
    on_csol: bool | None  # None: our sources do not confirm it either way


# --- Values out ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ThresholdGuidance:
    """What the advertised salary means for one visa offered (a stream, or a subclass)."""

    label: str  # "482 Core Skills"
    level: str  # OK, WARNING or INFO
    message: str
    threshold: ThresholdInForce | None = None
    # A different value of the same threshold in force by the closing date, when there is one.
    later_threshold: ThresholdInForce | None = None
    later_message: str = ""
    later_level: str = INFO
    occupation_message: str = ""
    occupation_level: str = INFO
    check: SalaryCheck | None = None  # the salary rule's result (with each stream's, if none named)

    @property
    def caveat(self) -> str:
        return self.threshold.caveat if self.threshold else ""

    @property
    def later_caveat(self) -> str:
        return self.later_threshold.caveat if self.later_threshold else ""


@dataclass(frozen=True)
class PostingGuidance:
    on: date
    thresholds: tuple[ThresholdGuidance, ...]
    lmt: LmtGuidance
    hints: tuple[str, ...] = field(default_factory=tuple)

    @property
    def warnings(self) -> int:
        return sum(
            (g.level == WARNING) + (g.later_level == WARNING and bool(g.later_message))
            for g in self.thresholds
        )


# --- Thresholds ----------------------------------------------------------------------------


def _money(amount: int) -> str:
    return f"${amount:,}"


def _later(now: SalaryCheck, later: SalaryCheck | None) -> tuple[ThresholdInForce | None, str, str]:
    """A different value of the threshold in force by the closing date, and what it means."""
    if later is None or now.threshold is None or later.threshold is None:
        return None, "", INFO
    if later.threshold.effective_from == now.threshold.effective_from:
        return None, "", INFO
    threshold = later.threshold
    since = f"{threshold.effective_from:%-d %b %Y}" if threshold.effective_from else "a later date"
    text = (
        f"From {since}, before this ad closes, the {threshold.name} is "
        f"{_money(threshold.amount)}; nominations lodged from then must meet it"
    )
    if later.outcome == Outcome.BELOW:
        return threshold, f"{text}, and this salary would not.", WARNING
    return threshold, f"{text}.", INFO


def csol_guidance(stream: Stream, occupation: ChosenOccupation | None) -> tuple[str, str]:
    """What the occupation's CSOL status means for a stream, and its level; "" when it needs none."""
    if not stream.requires_csol:
        return "", INFO
    if occupation is None:
        return (
            f"{stream.name} needs an occupation on the Core Skills Occupation List (CSOL): "
            "choose the ANZSCO occupation to see its status.",
            INFO,
        )
    if occupation.on_csol is True:
        return f"{occupation.name} is on the CSOL (per a secondary source).", OK
    if occupation.on_csol is False:
        return f"{occupation.name} is not on the CSOL, which {stream.name} requires.", WARNING
    return (
        f"Whether {occupation.name} is on the CSOL is not confirmed by our sources; "
        f"{stream.name} requires it.",
        INFO,
    )


def threshold_guidance(
    *,
    reference: VisaReference,
    subclass_codes: Iterable[str],
    stream_slugs: Iterable[str],
    salary_min: int | None,
    salary_max: int | None = None,
    occupation: ChosenOccupation | None = None,
    on: date,
    closes_on: date | None = None,
) -> tuple[ThresholdGuidance, ...]:
    """The salary rule for each visa offered, with what changes by the closing date."""
    codes, slugs = list(subclass_codes), set(stream_slugs)
    salary = Salary(minimum=salary_min, maximum=salary_max)

    def checks(day: date) -> tuple[SalaryCheck, ...]:
        return reference.checks(subclass_codes=codes, stream_slugs=slugs, salary=salary, on=day)

    now = checks(on)
    # The same visas on another date: the same checks, in the same order.
    later = checks(closes_on) if closes_on is not None else (None,) * len(now)
    offered = {(s.subclass, s.name): s for s in reference.streams if s.slug in slugs}
    results = []
    for check, then in zip(now, later, strict=True):
        stream = offered.get((check.subclass, check.stream)) if check.stream else None
        occupation_message, occupation_level = (
            csol_guidance(stream, occupation) if stream else ("", INFO)
        )
        later_threshold, later_message, later_level = _later(check, then)
        results.append(
            ThresholdGuidance(
                label=check.label,
                level=LEVELS[check.outcome],
                message=check.explanation,
                threshold=check.threshold,
                later_threshold=later_threshold,
                later_message=later_message,
                later_level=later_level,
                occupation_message=occupation_message,
                occupation_level=occupation_level,
                check=check,
            )
        )
    return tuple(results)


# --- The whole panel -----------------------------------------------------------------------


def visa_hints(*, subclasses: Sequence[Subclass], streams: Sequence[Stream]) -> tuple[str, ...]:
    """What to choose next: a visa when none is chosen, a stream when its threshold depends on it."""
    hints: list[str] = []
    if not subclasses:
        hints.append("Choose the visas you offer to see whether the salary meets their thresholds.")
    streamed = {stream.subclass for stream in streams}
    for subclass in subclasses:
        if subclass.code not in streamed and not subclass.threshold_name:
            hints.append(
                f"Tick the {subclass.code} streams you offer: until you do, the salary is "
                f"checked against the threshold of every {subclass.code} stream."
            )
    return tuple(hints)


def posting_guidance(
    *,
    reference: VisaReference,
    subclass_codes: Iterable[str],
    stream_slugs: Iterable[str],
    salary_min: int | None,
    salary_max: int | None,
    occupation: ChosenOccupation | None,
    title: str,
    description: str,
    employer_name: str,
    on: date,
    closes_on: date | None,
) -> PostingGuidance:
    """Everything the form shows beside the fields, for what the employer has entered so far."""
    codes, slugs = list(subclass_codes), set(stream_slugs)
    by_code = {subclass.code: subclass for subclass in reference.subclasses}
    return PostingGuidance(
        on=on,
        thresholds=threshold_guidance(
            reference=reference,
            subclass_codes=codes,
            stream_slugs=slugs,
            salary_min=salary_min,
            salary_max=salary_max,
            occupation=occupation,
            on=on,
            closes_on=closes_on,
        ),
        lmt=lmt_guidance(
            subclass_codes=codes,
            title=title,
            description=description,
            employer_name=employer_name,
            salary_min=salary_min,
            salary_max=salary_max,
            on=on,
            closes_on=closes_on,
        ),
        hints=visa_hints(
            subclasses=[by_code[code] for code in codes if code in by_code],
            streams=[stream for stream in reference.streams if stream.slug in slugs],
        ),
    )
