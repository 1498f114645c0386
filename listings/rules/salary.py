"""The salary rule: does a role's salary clear the income threshold of each visa it offers?

One pure function, ``salary_checks``, used by the role page, the posting guidance, the
moderation flags and the alert digests. It imports neither Django nor the models:
``listings.visas`` reads the threshold rows, subclasses and streams once per request or
batch and passes them in as the values defined here. Nothing in this module knows an
amount or which threshold a visa uses; both are data (``IncomeThreshold`` rows, and
``threshold_name`` on streams and subclasses, from ../shared/domain/visas.md).

``VisaReference`` holds those values and picks what a role offers by subclass code and
stream slug; ``advertised_salary`` reads a role's pay as the rule compares it.

The rule, for each visa offered and a date (by nomination lodgement):

- The threshold in force is the row of that name with the latest ``effective_from`` on or
  before the date (a row without a date counts as the earliest).
- The figure compared is the bottom of the advertised range, which is all a nomination
  can rely on; the top when only a maximum is given. Only whole AUD a year is compared.
- A stream named: its own threshold (Core Skills and the 186 streams: CSIT; Specialist
  Skills: SSIT). A stream without one (Labour Agreement) sets its own terms.
- A subclass whose threshold is not set per stream (494: TSMIT): that threshold.
- A subclass offered without a stream: every stream's threshold, saying which the salary
  meets. It clears when it meets at least one (the role fits that stream), is below when
  it meets none, and the threshold named is the lowest, the least the employer must pay.
- No salary, or one not in AUD a year: cannot check, and the threshold is still named.

Caveats travel with each threshold: single source, announced subject to legislation, and
"a newer value may apply" when the row predates the latest 1 July (thresholds are
indexed every 1 July, and a new value may not be recorded yet). The board gives
information, not migration advice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from listings.rules.pay import currency_named

# IncomeThreshold.Confidence values (the model's choices; a test keeps them equal).
CONFIRMED = "confirmed"
SINGLE_SOURCE = "single_source"
SUBJECT_TO_LEGISLATION = "subject_to_legislation"


class Outcome(StrEnum):
    CLEARS = "clears"
    BELOW = "below"
    CANNOT_CHECK = "cannot_check"


class Reason(StrEnum):
    """Why a salary cannot be checked."""

    NO_SALARY = "no_salary"
    NOT_AUD = "not_aud"  # stated in another currency
    NOT_ANNUAL_AUD = "not_annual_aud"  # stated, but not as AUD a year ("Competitive")
    OWN_TERMS = "own_terms"  # the stream sets its own salary terms (labour agreements)
    NO_THRESHOLD = "no_threshold"  # none recorded for the date


OUTCOME_LABELS = {
    Outcome.CLEARS: "Clears",
    Outcome.BELOW: "Below",
    Outcome.CANNOT_CHECK: "Cannot check",
}

_REASON_WORDS = {
    Reason.NO_SALARY: "no salary stated",
    Reason.NOT_AUD: "salary not in AUD",
    Reason.NOT_ANNUAL_AUD: "salary not stated as AUD a year",
    Reason.OWN_TERMS: "sets its own salary terms",
    Reason.NO_THRESHOLD: "no threshold recorded",
}


# --- Values in ------------------------------------------------------------------------


@dataclass(frozen=True)
class ThresholdRow:
    """One IncomeThreshold row."""

    name: str  # TSMIT, CSIT, SSIT
    amount: int  # AUD a year
    effective_from: date | None  # by nomination lodgement date; None: before the next value
    source_url: str
    confidence: str = CONFIRMED
    note: str = ""


@dataclass(frozen=True)
class Stream:
    """A visa stream: which threshold its nominations must meet."""

    subclass: str  # "482"
    name: str  # "Core Skills"
    threshold_name: str = ""  # blank: the stream sets its own terms
    requires_csol: bool = False
    slug: str = ""
    active: bool = True


@dataclass(frozen=True)
class Subclass:
    code: str  # "494"
    name: str
    # The threshold when it is not set per stream (494: TSMIT); blank for 482 and 186.
    threshold_name: str = ""


@dataclass(frozen=True)
class Salary:
    """What the role says it pays."""

    minimum: int | None = None
    maximum: int | None = None
    currency: str = "AUD"  # of the figures, or of ``text`` when there are none; "" unknown
    text: str = ""  # as stated, when it gave no AUD figure ("US$150,000", "Competitive")

    @property
    def compared(self) -> int | None:
        """The figure a nomination can rely on: the bottom of the range, else the top."""
        if self.currency != "AUD":
            return None
        return self.minimum if self.minimum is not None else self.maximum


def advertised_salary(*, minimum: int | None, maximum: int | None, text: str = "") -> Salary:
    """A role's pay as the rule reads it: the AUD figures, or else what the ad said."""
    if minimum is not None or maximum is not None:
        return Salary(minimum=minimum, maximum=maximum, currency="AUD")
    text = text.strip()
    # Ingest keeps AUD pay as figures; what is left as text is another currency or no AUD a year.
    return Salary(currency=currency_named(text) or "AUD", text=text)


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
        # A stream offered is an offer of its subclass too.
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


# --- Values out -----------------------------------------------------------------------


@dataclass(frozen=True)
class ThresholdInForce:
    name: str
    amount: int
    effective_from: date | None
    source_url: str
    confidence: str
    note: str
    # Indexed every 1 July: a row from before the latest 1 July may have been replaced.
    possibly_outdated: bool

    @property
    def single_source(self) -> bool:
        return self.confidence == SINGLE_SOURCE

    @property
    def subject_to_legislation(self) -> bool:
        return self.confidence == SUBJECT_TO_LEGISLATION

    @property
    def caveats(self) -> tuple[str, ...]:
        notes = []
        if self.single_source:
            notes.append("single source")
        elif self.subject_to_legislation:
            notes.append("announced, subject to legislation")
        if self.possibly_outdated:
            notes.append("a newer value may apply")
        return tuple(notes)

    @property
    def caveat(self) -> str:
        """The caveats in words; empty when confirmed and current."""
        return "; ".join(self.caveats)


@dataclass(frozen=True)
class SalaryCheck:
    """The check for one visa offered: a stream, or a subclass without a stream named."""

    subclass: str  # "482"
    subclass_name: str
    stream: str  # "Core Skills"; "" when none is named
    outcome: Outcome
    explanation: str  # plain English, complete on its own
    # The threshold compared; for a subclass without a stream, the lowest of its streams'.
    threshold: ThresholdInForce | None
    salary: int | None  # the figure compared
    reason: Reason | None = None  # set when the outcome is CANNOT_CHECK
    # A subclass offered without a stream: each stream's own check.
    options: tuple[SalaryCheck, ...] = ()

    @property
    def label(self) -> str:
        if self.stream:
            return f"{self.subclass} {self.stream}"
        if self.options:
            return f"{self.subclass} {self.subclass_name} (no stream named)"
        return f"{self.subclass} {self.subclass_name}".strip()

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[self.outcome]

    @property
    def below(self) -> bool:
        return self.outcome == Outcome.BELOW

    @property
    def verdict(self) -> str:
        """A short phrase for a line of an e-mail or a table cell."""
        if self.options and self.outcome != Outcome.CANNOT_CHECK:
            streams: dict[str, list[str]] = {}  # verdict -> the streams it is for
            for option in self.options:
                if option.threshold:
                    streams.setdefault(option.verdict, []).append(option.stream)
            return "; ".join(f"{v} ({', '.join(names)})" for v, names in streams.items())
        threshold = self.threshold
        if self.outcome == Outcome.CLEARS:
            return f"clears the {threshold.name} of {_money(threshold.amount)}"
        if self.outcome == Outcome.BELOW:
            return f"below the {threshold.name} of {_money(threshold.amount)}"
        words = f"cannot check: {_REASON_WORDS[self.reason]}"
        if threshold is not None:
            words += f" (the {threshold.name} is {_money(threshold.amount)})"
        return words


# --- The rule ---------------------------------------------------------------------------


def latest_indexation_date(on: date) -> date:
    """The most recent 1 July on or before ``on``."""
    return date(on.year if (on.month, on.day) >= (7, 1) else on.year - 1, 7, 1)


def threshold_in_force(
    thresholds: Sequence[ThresholdRow], name: str, on: date
) -> ThresholdInForce | None:
    """The row ``name`` in force on ``on``: the latest ``effective_from`` on or before it."""
    rows = [
        row
        for row in thresholds
        if row.name == name and (row.effective_from is None or row.effective_from <= on)
    ]
    if not rows:
        return None
    row = max(rows, key=lambda r: r.effective_from or date.min)
    return ThresholdInForce(
        name=row.name,
        amount=row.amount,
        effective_from=row.effective_from,
        source_url=row.source_url,
        confidence=row.confidence,
        note=row.note,
        possibly_outdated=row.effective_from is None
        or row.effective_from < latest_indexation_date(on),
    )


def salary_checks(
    *,
    subclasses: Sequence[Subclass],
    streams: Sequence[Stream],
    salary: Salary,
    on: date,
    thresholds: Sequence[ThresholdRow],
    all_streams: Sequence[Stream] = (),
) -> tuple[SalaryCheck, ...]:
    """The check for each visa offered, in the order of ``subclasses``.

    ``subclasses`` and ``streams`` are what the role offers; ``all_streams`` every stream
    on record, for a subclass offered without one; ``thresholds`` every threshold row
    (any dates). A stream whose subclass is not in ``subclasses`` is still checked.
    """
    checks: list[SalaryCheck] = []
    named = {s.subclass for s in streams}
    for subclass in subclasses:
        chosen = [s for s in streams if s.subclass == subclass.code]
        if chosen:
            checks.extend(_stream_check(s, subclass.name, salary, on, thresholds) for s in chosen)
        elif subclass.threshold_name:
            checks.append(
                _against(
                    subclass.code,
                    subclass.name,
                    "",
                    subclass.threshold_name,
                    salary,
                    on,
                    thresholds,
                )
            )
        else:
            options = [s for s in all_streams if s.subclass == subclass.code and s.active]
            checks.append(_any_stream_check(subclass, options, salary, on, thresholds))
    offered = {s.code for s in subclasses}
    checks.extend(
        _stream_check(s, "", salary, on, thresholds)
        for s in streams
        if s.subclass in named - offered
    )
    return tuple(checks)


# --- How ------------------------------------------------------------------------------


def _money(amount: int) -> str:
    return f"${amount:,}"


def _stream_check(
    stream: Stream, subclass_name: str, salary: Salary, on: date, thresholds
) -> SalaryCheck:
    if not stream.threshold_name:
        return SalaryCheck(
            subclass=stream.subclass,
            subclass_name=subclass_name,
            stream=stream.name,
            outcome=Outcome.CANNOT_CHECK,
            explanation=(
                f"In the {stream.name} stream the employer's labour agreement sets the salary "
                "terms, so no standard income threshold applies."
            ),
            threshold=None,
            salary=salary.compared,
            reason=Reason.OWN_TERMS,
        )
    return _against(
        stream.subclass,
        subclass_name,
        stream.name,
        stream.threshold_name,
        salary,
        on,
        thresholds,
    )


def _cannot_compare(salary: Salary) -> tuple[Reason, str]:
    """Why there is no AUD figure, as the start of a sentence."""
    if salary.minimum is None and salary.maximum is None and not salary.text.strip():
        return Reason.NO_SALARY, "No salary is stated, so it cannot be checked"
    if salary.currency and salary.currency != "AUD":
        stated = f" ({salary.text.strip()})" if salary.text.strip() else ""
        return Reason.NOT_AUD, (
            f"The salary is stated in {salary.currency}{stated}, not Australian dollars, so it "
            "cannot be checked"
        )
    if salary.text.strip():
        return Reason.NOT_ANNUAL_AUD, (
            f"The salary is given as “{salary.text.strip()}”, not as Australian dollars a year, "
            "so it cannot be checked"
        )
    return Reason.NOT_ANNUAL_AUD, (
        "The salary is not stated in Australian dollars a year, so it cannot be checked"
    )


def _basis(salary: Salary) -> str:
    figure = _money(salary.compared)
    return (
        f"A salary from {figure}" if salary.minimum is not None else f"A salary of up to {figure}"
    )


def _against(
    code: str,
    subclass_name: str,
    stream_name: str,
    name: str,
    salary: Salary,
    on: date,
    thresholds,
) -> SalaryCheck:
    threshold = threshold_in_force(thresholds, name, on)
    figure = salary.compared

    def check(outcome, explanation, reason=None):
        return SalaryCheck(
            subclass=code,
            subclass_name=subclass_name,
            stream=stream_name,
            outcome=outcome,
            explanation=explanation,
            threshold=threshold,
            salary=figure,
            reason=reason,
        )

    if threshold is None:
        return check(
            Outcome.CANNOT_CHECK,
            f"No {name} is recorded for {on:%-d %b %Y}, so the salary cannot be checked.",
            Reason.NO_THRESHOLD,
        )
    amount = _money(threshold.amount)
    if figure is None:
        reason, why = _cannot_compare(salary)
        return check(
            Outcome.CANNOT_CHECK,
            f"{why}. The employer must pay at least the {threshold.name} of {amount} a year.",
            reason,
        )
    if figure >= threshold.amount:
        return check(Outcome.CLEARS, f"{_basis(salary)} clears the {threshold.name} of {amount}.")
    return check(
        Outcome.BELOW,
        f"{_basis(salary)} is below the {threshold.name} of {amount}: a nomination at this "
        "salary would not meet it.",
    )


def _needs(option: SalaryCheck, requires_csol: bool) -> str:
    """What one stream needs: "Core Skills needs the CSIT of $79,499 a year and ..."."""
    if option.reason == Reason.OWN_TERMS:
        return f"in {option.stream} the employer's labour agreement sets the terms"
    if option.threshold is None:
        return f"{option.stream} has no threshold recorded for this date"
    csol = " and an occupation on the Core Skills Occupation List" if requires_csol else ""
    return (
        f"{option.stream} needs the {option.threshold.name} of "
        f"{_money(option.threshold.amount)} a year{csol}"
    )


def _any_stream_check(
    subclass: Subclass, streams: Sequence[Stream], salary: Salary, on: date, thresholds
) -> SalaryCheck:
    options = tuple(_stream_check(s, subclass.name, salary, on, thresholds) for s in streams)
    # Lowest threshold first, so what the salary meets is named before what it misses.
    priced = sorted(
        (o for o in options if o.threshold is not None), key=lambda o: o.threshold.amount
    )
    figure = salary.compared

    def check(outcome, explanation, threshold, reason=None):
        return SalaryCheck(
            subclass=subclass.code,
            subclass_name=subclass.name,
            stream="",
            outcome=outcome,
            explanation=explanation,
            threshold=threshold,
            salary=figure,
            reason=reason,
            options=options,
        )

    if not priced:
        return check(
            Outcome.CANNOT_CHECK,
            f"No income threshold is recorded for the {subclass.code} visa on "
            f"{on:%-d %b %Y}, so the salary cannot be checked.",
            None,
            Reason.NO_THRESHOLD,
        )
    lowest = priced[0]
    needs = "; ".join(_needs(o, s.requires_csol) for o, s in zip(options, streams, strict=True))
    intro = f"No {subclass.code} stream is named: {needs}."
    if figure is None:
        reason, why = _cannot_compare(salary)
        return check(
            Outcome.CANNOT_CHECK,
            f"{why}. {intro} The employer must pay at least the {lowest.threshold.name} of "
            f"{_money(lowest.threshold.amount)} a year.",
            lowest.threshold,
            reason,
        )
    met = [o for o in priced if o.outcome == Outcome.CLEARS]
    missed = [o for o in priced if o.outcome == Outcome.BELOW]
    basis = _basis(salary)
    if not missed:
        return check(
            Outcome.CLEARS,
            f"{intro} {basis} clears {_each(met)}: it fits {_names(met)}.",
            lowest.threshold,
        )
    if met:
        return check(
            Outcome.CLEARS,
            f"{intro} {basis} clears the {_thresholds(met)}, so it fits {_names(met)}, "
            f"but not the {_thresholds(missed)} that {_names(missed)} "
            f"{'needs' if len(missed) == 1 else 'need'}.",
            lowest.threshold,
        )
    return check(
        Outcome.BELOW,
        f"{intro} {basis} is below the {_thresholds(missed)}: a nomination in "
        f"{_or([o.stream for o in missed])} at this salary would not meet it.",
        lowest.threshold,
    )


def _each(options: Sequence[SalaryCheck]) -> str:
    return {1: "it", 2: "both"}.get(len(options), "all of them")


def _or(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _names(options: Sequence[SalaryCheck]) -> str:
    return _and([o.stream for o in options])


def _thresholds(options: Sequence[SalaryCheck]) -> str:
    """ "CSIT and SSIT": each threshold once, lowest first."""
    ordered = sorted(options, key=lambda o: o.threshold.amount)
    return _and(list(dict.fromkeys(o.threshold.name for o in ordered)))


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
