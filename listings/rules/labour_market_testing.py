"""Labour market testing (LMT): the facts, and whether an ad meets its content part.

The facts are transcribed once, below, from the domain reference
(shared/domain/visas.md, section 6), each with its sources and whether it is
unconfirmed. ``ad_content_check`` reads an ad's title, description, employer and
salary against the "Ad content" part; ``lmt_guidance`` adds what the dates and
visas offered mean. Hints, never a block: the board gives information, not
migration advice. Pure functions over values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


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
    """Whether LMT applies to the visas offered, its facts, the ad's content check and notes."""
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
