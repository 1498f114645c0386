"""Visa guidance for the posting form: income thresholds per stream, and labour market testing.

Pure functions over data. Threshold amounts are rows read through ``listings.visas``
(never constants here); the labour-market-testing (LMT) facts are transcribed once,
below, from the domain reference (shared/domain/visas.md, section 6), each with its
sources and whether it is unconfirmed. Everything here is a warning or a hint, never
a block: the employer may know better, and the board gives information, not
migration advice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from listings.models import IncomeThreshold, Occupation, VisaStream, VisaSubclass
from listings.visas import ThresholdInForce, check_salary, threshold_on

OK = "ok"
WARNING = "warning"
INFO = "info"

# Subclasses whose nominations must meet an income threshold, so the form requires a salary.
SALARY_REQUIRED_SUBCLASSES = frozenset({"482", "186"})

# A subclass with no streams in the data still has a threshold: 494 uses the TSMIT,
# not the CSIT (visas.md section 3).
SUBCLASS_THRESHOLDS = {"494": "TSMIT"}


# --- Labour market testing: the facts, as data -------------------------------------------


@dataclass(frozen=True)
class LmtFact:
    """One rule of labour market testing, as the domain reference states it."""

    key: str
    heading: str
    text: str
    applies_from: str
    sources: tuple[str, ...]
    unconfirmed: str = ""  # why it is not certain; empty when the sources agree


# LMT applies to 482 and 494 nominations (visas.md section 6 heading).
LMT_SUBCLASSES = frozenset({"482", "494"})
LMT_MIN_ADS = 2
LMT_AD_DAYS = 28
LMT_WINDOW_MONTHS = 4
# The old Fair Work high-income threshold: ads for lower earnings must show the salary.
LMT_SALARY_SHOWN_BELOW = 96_400
# Select positions at or above this need a written statement instead of ads.
LMT_EXEMPT_EARNINGS = 250_000

LMT_FACTS: tuple[LmtFact, ...] = (
    LmtFact(
        key="ads",
        heading=f"At least {LMT_MIN_ADS} ads",
        text=(
            f"Advertise at least {LMT_MIN_ADS} times on a national recruitment site (SEEK, "
            "LinkedIn jobs, Indeed, Jora), in national print media or on national radio, or on "
            "your own site if you are an accredited sponsor. Gumtree, social media and "
            "members-only postings don't count."
        ),
        applies_from="12 Aug 2018",
        sources=(
            "https://ajurialawyers.com/temporary-skill-shortage-visa-labour-market-testing-requirements/",
            "https://australianvisaoptions.com.au/?p=639",
        ),
    ),
    LmtFact(
        key="duration",
        heading=f"{LMT_AD_DAYS} consecutive days",
        text=(
            f"Each ad runs for {LMT_AD_DAYS} consecutive days. Ads may overlap, but there must "
            "be no gaps."
        ),
        applies_from="Dec 2023 clarification",
        sources=("https://immi-law.com.au/news/changes-to-labour-market-testing-lmt-requirement",),
    ),
    LmtFact(
        key="timing",
        heading=f"Within {LMT_WINDOW_MONTHS} months",
        text=(
            f"The ads must run within the {LMT_WINDOW_MONTHS} months before the nomination is "
            "lodged."
        ),
        applies_from="2018",
        sources=("https://immi-law.com.au/news/changes-to-labour-market-testing-lmt-requirement",),
    ),
    LmtFact(
        key="content",
        heading="What each ad must say",
        text=(
            "In English: the title or a description of the position; the skills or experience "
            "needed; the name of the sponsor or recruiter; and the salary (a range is fine) if "
            f"annual earnings are below ${LMT_SALARY_SHOWN_BELOW:,}."
        ),
        applies_from="2018, still cited in 2025",
        sources=(
            "https://themigrationagency.com.au/practical-guide-to-labour-market-testing/",
            "https://magpieconsultants.com.au/lmt-advertisement-compliance-482-visa-requirements/",
        ),
        unconfirmed=(
            f"${LMT_SALARY_SHOWN_BELOW:,} is the old Fair Work high-income threshold. No source "
            "shows it re-pegged after the Skills in Demand visa began; unconfirmed for 2026."
        ),
    ),
    LmtFact(
        key="workforce-australia",
        heading="No Workforce Australia ad needed",
        text=(
            "An ad on Workforce Australia (formerly jobactive) is no longer required; it was "
            "removed by LIN 23/072."
        ),
        applies_from="11 Dec 2023 (some sources say 8 Dec)",
        sources=(
            "https://eiglaw.com/australia-removes-lmt-requirement/",
            "https://visaexecutive.com/changes-to-labor-market-testing-december-2023/",
        ),
    ),
    LmtFact(
        key="exemptions",
        heading="Exemptions",
        text=(
            "International trade obligations exempt some nominees (e.g. nationals of China, "
            "Japan, Mexico, Thailand, Vietnam, Brunei, Malaysia or Peru; citizens or permanent "
            "residents of Canada, Chile, South Korea, New Zealand or Singapore; intra-company "
            "transferees); not available for 494. Select positions need a written statement "
            f"instead of ads, including earnings of ${LMT_EXEMPT_EARNINGS:,} or more."
        ),
        applies_from="current",
        sources=(
            "https://roammigrationlaw.com/resources/what-is-labour-market-testing/",
            "https://hartmanimmigration.com.au/labour-market-testing-exemptions/",
        ),
    ),
    LmtFact(
        key="six-months",
        heading="Proposed 6-month window",
        text="An extension of the advertising window to 6 months has been reported as pending.",
        applies_from="2025",
        sources=("https://absoluteimmigration.com/news/key-updates-of-skills-in-demand-visa",),
        unconfirmed="Reported only as pending; not in force as far as any source shows.",
    ),
)


# --- Results ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ThresholdGuidance:
    """What the advertised salary means for one stream (or a subclass without streams)."""

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

    @property
    def caveat(self) -> str:
        return threshold_caveat(self.threshold)

    @property
    def later_caveat(self) -> str:
        return threshold_caveat(self.later_threshold)


@dataclass(frozen=True)
class ContentItem:
    """One part of the LMT ad-content rule, and whether this ad meets it."""

    label: str
    met: bool | None  # None: we cannot tell
    detail: str


@dataclass(frozen=True)
class LmtGuidance:
    applies: bool
    facts: tuple[LmtFact, ...]
    content: tuple[ContentItem, ...]
    notes: tuple[str, ...] = ()

    @property
    def content_met(self) -> bool:
        return all(item.met is not False for item in self.content)


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


def threshold_caveat(threshold: ThresholdInForce | None) -> str:
    """How sure the recorded value is, in words; empty when confirmed and current."""
    if threshold is None:
        return ""
    notes = []
    if threshold.confidence == IncomeThreshold.Confidence.SINGLE_SOURCE:
        notes.append("single source")
    elif threshold.confidence == IncomeThreshold.Confidence.SUBJECT_TO_LEGISLATION:
        notes.append("announced, subject to legislation")
    if threshold.possibly_outdated:
        notes.append("a newer value may apply")
    return "; ".join(notes)


def _money(amount: int) -> str:
    return f"${amount:,}"


def _stream_label(stream: VisaStream) -> str:
    return f"{stream.subclass.code} {stream.name}"


def _threshold_message(
    name: str, threshold: ThresholdInForce | None, salary: int | None, on: date
) -> tuple[str, str]:
    if threshold is None:
        return INFO, f"No {name} is recorded for {on:%-d %b %Y}, so the salary cannot be checked."
    if salary is None:
        return INFO, (
            f"Enter the salary to check it against the {threshold.name} of "
            f"{_money(threshold.amount)}."
        )
    if salary >= threshold.amount:
        return OK, (
            f"A salary from {_money(salary)} clears the {threshold.name} of "
            f"{_money(threshold.amount)}."
        )
    return WARNING, (
        f"A salary from {_money(salary)} is below the {threshold.name} of "
        f"{_money(threshold.amount)}: a nomination at this salary would not meet it."
    )


def _later(
    name: str, now: ThresholdInForce | None, salary: int | None, closes_on: date | None
) -> tuple[ThresholdInForce | None, str, str]:
    """A different value of the threshold in force by the closing date, and what it means."""
    if closes_on is None or now is None:
        return None, "", INFO
    later = threshold_on(name, closes_on)
    if later is None or later.effective_from == now.effective_from:
        return None, "", INFO
    since = f"{later.effective_from:%-d %b %Y}" if later.effective_from else "a later date"
    text = (
        f"From {since}, before this ad closes, the {name} is {_money(later.amount)}; "
        "nominations lodged from then must meet it"
    )
    if salary is not None and salary < later.amount:
        return later, f"{text}, and this salary would not.", WARNING
    return later, f"{text}.", INFO


def _occupation_message(stream: VisaStream, occupation: Occupation | None) -> tuple[str, str]:
    if not stream.requires_csol:
        return "", INFO
    if occupation is None:
        return (
            f"{stream.name} needs an occupation on the Core Skills Occupation List (CSOL): "
            "choose the ANZSCO occupation to see its status.",
            INFO,
        )
    if occupation.on_csol is True:
        return f"{occupation} is on the CSOL (per a secondary source).", OK
    if occupation.on_csol is False:
        return f"{occupation} is not on the CSOL, which {stream.name} requires.", WARNING
    return (
        f"Whether {occupation} is on the CSOL is not confirmed by our sources; "
        f"{stream.name} requires it.",
        INFO,
    )


def threshold_guidance(
    *,
    streams: Iterable[VisaStream],
    subclasses: Iterable[VisaSubclass] = (),
    salary_min: int | None,
    salary_max: int | None = None,
    occupation: Occupation | None = None,
    on: date,
    closes_on: date | None = None,
) -> tuple[ThresholdGuidance, ...]:
    """For each stream offered (and each subclass whose threshold is not per stream), the check."""
    results: list[ThresholdGuidance] = []
    streams = list(streams)
    for stream in streams:
        label = _stream_label(stream)
        occupation_message, occupation_level = _occupation_message(stream, occupation)
        if not stream.threshold_name:
            results.append(
                ThresholdGuidance(
                    label=label,
                    level=INFO,
                    message=(
                        "Your labour agreement sets the salary terms; no standard income "
                        "threshold applies."
                    ),
                    occupation_message=occupation_message,
                    occupation_level=occupation_level,
                )
            )
            continue
        check = check_salary(stream, salary_min, on, salary_max=salary_max)
        level, message = _threshold_message(
            stream.threshold_name, check.threshold, check.salary, on
        )
        later, later_message, later_level = _later(
            stream.threshold_name, check.threshold, check.salary, closes_on
        )
        results.append(
            ThresholdGuidance(
                label=label,
                level=level,
                message=message,
                threshold=check.threshold,
                later_threshold=later,
                later_message=later_message,
                later_level=later_level,
                occupation_message=occupation_message,
                occupation_level=occupation_level,
            )
        )
    with_streams = {stream.subclass_id for stream in streams}
    salary = salary_min if salary_min is not None else salary_max
    for subclass in subclasses:
        name = SUBCLASS_THRESHOLDS.get(subclass.code)
        if not name or subclass.pk in with_streams:
            continue
        threshold = threshold_on(name, on)
        level, message = _threshold_message(name, threshold, salary, on)
        later, later_message, later_level = _later(name, threshold, salary, closes_on)
        results.append(
            ThresholdGuidance(
                label=f"{subclass.code} {subclass.name}",
                level=level,
                message=message,
                threshold=threshold,
                later_threshold=later,
                later_message=later_message,
                later_level=later_level,
            )
        )
    return tuple(results)


# --- Labour market testing ---------------------------------------------------------------

# Words an ad uses when it states the skills or experience needed.
_SKILL_WORDS = re.compile(
    r"\b(experience|experienced|skills?|proficien\w*|expertise|knowledge of|background in|"
    r"familiar\w*|qualifications?|degree|phd|years of|you have|you bring|requirements?|"
    r"what you.ll need|must have)\b",
    re.IGNORECASE,
)


def ad_content_check(
    *,
    title: str,
    description: str,
    employer_name: str,
    salary_min: int | None,
    salary_max: int | None,
) -> tuple[ContentItem, ...]:
    """Whether this ad meets the content part of LMT (visas.md section 6, "Ad content")."""
    salary_shown = salary_min is not None or salary_max is not None
    if salary_shown:
        salary_item = ContentItem("Salary", True, "The salary is shown on the ad.")
    else:
        salary_item = ContentItem(
            "Salary",
            False,
            f"Not shown. An LMT ad must show it when annual earnings are below "
            f"${LMT_SALARY_SHOWN_BELOW:,} (unconfirmed for 2026): add the range.",
        )
    has_skills = bool(_SKILL_WORDS.search(description or ""))
    return (
        ContentItem(
            "Title or description",
            bool(title.strip()),
            "The title is shown." if title.strip() else "Give the role a title.",
        ),
        ContentItem(
            "Skills or experience",
            has_skills,
            "The description states the skills or experience needed."
            if has_skills
            else "Say which skills or experience the role needs (e.g. a 'What you'll need' list).",
        ),
        ContentItem(
            "Employer name",
            bool(employer_name),
            f"Shown as {employer_name}." if employer_name else "Create your employer profile.",
        ),
        salary_item,
        ContentItem("In English", None, "We can't check this for you."),
    )


def lmt_guidance(
    *,
    subclass_codes: Iterable[str],
    title: str,
    description: str,
    employer_name: str,
    salary_min: int | None,
    salary_max: int | None,
    on: date,
    closes_on: date | None,
) -> LmtGuidance:
    codes = set(subclass_codes)
    notes: list[str] = []
    if closes_on is not None:
        days = (closes_on - on).days
        if days < LMT_AD_DAYS:
            notes.append(
                f"This ad closes after {days} day{'s' if days != 1 else ''}: an LMT ad must run "
                f"{LMT_AD_DAYS} consecutive days."
            )
        else:
            notes.append(f"This ad runs {days} days, at least the {LMT_AD_DAYS} LMT needs.")
    notes.append(
        "Whether this board counts as a national recruitment site is not confirmed: "
        f"advertise on at least {LMT_MIN_ADS} recognised channels."
    )
    if salary_min is not None and salary_min >= LMT_EXEMPT_EARNINGS:
        notes.append(
            f"Earnings of ${LMT_EXEMPT_EARNINGS:,} or more are a select position: a written "
            "statement may replace the ads."
        )
    if "494" in codes:
        notes.append("The trade-obligation exemption is not available for 494 nominations.")
    return LmtGuidance(
        applies=bool(codes & LMT_SUBCLASSES),
        facts=LMT_FACTS,
        content=ad_content_check(
            title=title,
            description=description,
            employer_name=employer_name,
            salary_min=salary_min,
            salary_max=salary_max,
        ),
        notes=tuple(notes),
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
    hints: list[str] = []
    if not subclasses:
        hints.append("Choose the visas you offer to see whether the salary meets their thresholds.")
    streamed = {stream.subclass_id for stream in streams}
    for subclass in subclasses:
        if subclass.pk not in streamed and subclass.code not in SUBCLASS_THRESHOLDS:
            hints.append(
                f"Tick the {subclass.code} streams you offer to check the salary against each "
                "stream's threshold."
            )
    return PostingGuidance(
        on=on,
        thresholds=threshold_guidance(
            streams=streams,
            subclasses=subclasses,
            salary_min=salary_min,
            salary_max=salary_max,
            occupation=occupation,
            on=on,
            closes_on=closes_on,
        ),
        lmt=lmt_guidance(
            subclass_codes=[s.code for s in subclasses],
            title=title,
            description=description,
            employer_name=employer_name,
            salary_min=salary_min,
            salary_max=salary_max,
            on=on,
            closes_on=closes_on,
        ),
        hints=tuple(hints),
    )
