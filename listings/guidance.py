"""Visa guidance for the posting form: income thresholds per stream, and labour market testing.

The threshold check is the board's one salary rule (``listings.rules.salary``, through
``listings.visas``), so the form says what the role page and the moderators will see;
this module adds what only a poster needs: a value that changes before the closing
date, and the occupation's CSOL status. The labour-market-testing (LMT) facts are
transcribed once, below, from the domain reference (shared/domain/visas.md, section 6),
each with its sources and whether it is unconfirmed. Everything here is a warning or a
hint, never a block: the employer may know better, and the board gives information, not
migration advice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from listings.models import Occupation, VisaStream, VisaSubclass
from listings.rules.salary import Outcome, SalaryCheck, ThresholdInForce
from listings.visas import VisaReference, offered_salary_checks, visa_reference

OK = "ok"
WARNING = "warning"
INFO = "info"

LEVELS = {Outcome.CLEARS: OK, Outcome.BELOW: WARNING, Outcome.CANNOT_CHECK: INFO}

# Subclasses whose nominations must meet an income threshold, so the form requires a salary.
SALARY_REQUIRED_SUBCLASSES = frozenset({"482", "186"})


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
    reference: VisaReference | None = None,
) -> tuple[ThresholdGuidance, ...]:
    """The salary rule for each visa offered, with what changes by the closing date."""
    reference = reference or visa_reference()
    streams, subclasses = list(streams), list(subclasses)

    def checks(day: date) -> tuple[SalaryCheck, ...]:
        return offered_salary_checks(
            subclasses=subclasses,
            streams=streams,
            salary_min=salary_min,
            salary_max=salary_max,
            on=day,
            reference=reference,
        )

    now = checks(on)
    # The same visas on another date: the same checks, in the same order.
    later = checks(closes_on) if closes_on is not None else (None,) * len(now)
    by_label = {f"{s.subclass.code} {s.name}": s for s in streams}
    results = []
    for check, then in zip(now, later, strict=True):
        stream = by_label.get(check.label) if check.stream else None
        occupation_message, occupation_level = (
            _occupation_message(stream, occupation) if stream else ("", INFO)
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
    reference = visa_reference()
    for subclass in subclasses:
        if subclass.pk not in streamed and not subclass.threshold_name:
            hints.append(
                f"Tick the {subclass.code} streams you offer: until you do, the salary is "
                f"checked against the threshold of every {subclass.code} stream."
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
            reference=reference,
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
