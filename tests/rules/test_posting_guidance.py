"""The posting guidance as tables: levels, the closing-date note, CSOL notes and hints, no database."""

from datetime import date

import pytest

from listings.rules.posting_guidance import (
    INFO,
    OK,
    WARNING,
    ChosenOccupation,
    csol_guidance,
    posting_guidance,
    threshold_guidance,
    visa_hints,
)
from tests.rules.reference import REFERENCE, STREAMS, SUBCLASSES

AUG_2026 = date(2026, 8, 1)  # CSIT 79,499, SSIT 146,717 and TSMIT 76,515 in force
ML_ENGINEER = "Machine Learning Engineer (261313)"


def guide(codes, slugs, salary_min, *, on=AUG_2026, closes_on=None, occupation=None):
    return threshold_guidance(
        reference=REFERENCE,
        subclass_codes=codes,
        stream_slugs=slugs,
        salary_min=salary_min,
        occupation=occupation,
        on=on,
        closes_on=closes_on,
    )


def only(items):
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize(
    ("codes", "slugs", "salary", "label", "level"),
    [
        (["482"], ["482-core"], 79_499, "482 Core Skills", OK),
        (["482"], ["482-core"], 79_498, "482 Core Skills", WARNING),
        (["482"], ["482-specialist"], 146_717, "482 Specialist Skills", OK),
        (["482"], ["482-specialist"], 146_716, "482 Specialist Skills", WARNING),
        (["186"], ["186-direct-entry"], None, "186 Direct Entry", INFO),  # no salary: a hint
        (["482"], ["482-labour-agreement"], 40_000, "482 Labour Agreement", INFO),
        (["494"], [], 76_515, "494 Skilled Employer Sponsored Regional (Provisional)", OK),
        (["482"], [], 100_000, "482 Skills in Demand (no stream named)", OK),
        (["482"], [], 60_000, "482 Skills in Demand (no stream named)", WARNING),
    ],
)
def test_each_visa_gets_the_salary_rules_answer_as_a_level(codes, slugs, salary, label, level):
    result = only(guide(codes, slugs, salary))

    assert (result.label, result.level) == (label, level)
    assert result.message == result.check.explanation


@pytest.mark.parametrize(
    ("salary", "on", "closes_on", "later_level", "later_message"),
    [
        # Posted in June 2026, closing in July: the CSIT rises to $79,499 on 1 July 2026.
        (
            78_000,
            date(2026, 6, 20),
            date(2026, 7, 20),
            WARNING,
            "From 1 Jul 2026, before this ad closes, the CSIT is $79,499; nominations lodged "
            "from then must meet it, and this salary would not.",
        ),
        (
            80_000,
            date(2026, 6, 20),
            date(2026, 7, 20),
            INFO,
            "From 1 Jul 2026, before this ad closes, the CSIT is $79,499; nominations lodged "
            "from then must meet it.",
        ),
        # The same threshold on both dates, or no closing date: nothing to add.
        (90_000, date(2026, 8, 1), date(2026, 9, 1), INFO, ""),
        (90_000, date(2026, 6, 20), None, INFO, ""),
    ],
)
def test_a_threshold_changing_before_the_closing_date(
    salary, on, closes_on, later_level, later_message
):
    result = only(guide(["482"], ["482-core"], salary, on=on, closes_on=closes_on))

    assert (result.later_level, result.later_message) == (later_level, later_message)
    assert (result.later_threshold is not None) == bool(later_message)


@pytest.mark.parametrize(
    ("slug", "occupation", "level", "message"),
    [
        ("482-specialist", ChosenOccupation(ML_ENGINEER, True), INFO, ""),
        (
            "482-core",
            None,
            INFO,
            "Core Skills needs an occupation on the Core Skills Occupation List (CSOL): choose "
            "the ANZSCO occupation to see its status.",
        ),
        (
            "482-core",
            ChosenOccupation(ML_ENGINEER, True),
            OK,
            "Machine Learning Engineer (261313) is on the CSOL (per a secondary source).",
        ),
        (
            "186-direct-entry",
            ChosenOccupation("Test (999999)", False),
            WARNING,
            "Test (999999) is not on the CSOL, which Direct Entry requires.",
        ),
        (
            "482-core",
            ChosenOccupation("Data Scientist (224115)", None),
            INFO,
            "Whether Data Scientist (224115) is on the CSOL is not confirmed by our sources; "
            "Core Skills requires it.",
        ),
    ],
)
def test_csol_guidance(slug, occupation, level, message):
    assert csol_guidance(STREAMS[slug], occupation) == (message, level)


def test_the_csol_note_is_given_per_stream_named():
    core = only(guide(["482"], ["482-core"], 90_000, occupation=ChosenOccupation("X (1)", False)))
    unnamed = only(guide(["482"], [], 90_000, occupation=ChosenOccupation("X (1)", False)))

    assert core.occupation_level == WARNING
    assert (unnamed.occupation_message, unnamed.occupation_level) == ("", INFO)


@pytest.mark.parametrize(
    ("codes", "slugs", "hints"),
    [
        ([], [], ["Choose the visas"]),
        (["482"], [], ["Tick the 482 streams"]),
        (["482", "186"], [], ["Tick the 482 streams", "Tick the 186 streams"]),
        (["482"], ["482-core"], []),
        # 494's threshold is not set per stream, so no stream needs choosing.
        (["494"], [], []),
    ],
)
def test_visa_hints(codes, slugs, hints):
    result = visa_hints(
        subclasses=[SUBCLASSES[code] for code in codes], streams=[STREAMS[s] for s in slugs]
    )

    assert [hint[: len(start)] for hint, start in zip(result, hints, strict=True)] == hints


def panel(codes, slugs, salary_min, salary_max, *, on, closes_on):
    return posting_guidance(
        reference=REFERENCE,
        subclass_codes=codes,
        stream_slugs=slugs,
        salary_min=salary_min,
        salary_max=salary_max,
        occupation=None,
        title="ML",
        description="experience",
        employer_name="Acme",
        on=on,
        closes_on=closes_on,
    )


def test_the_panel_counts_warnings_now_and_by_the_closing_date():
    result = panel(
        ["482"],
        ["482-core", "482-specialist"],
        78_000,
        80_000,
        on=date(2026, 6, 20),
        closes_on=date(2026, 7, 20),
    )

    # Specialist: below the SSIT now and later (2); Core: clears now, not from 1 July (1).
    assert result.warnings == 3
    assert result.hints == ()
    assert result.lmt.applies


def test_the_panel_hints_in_the_order_the_visas_were_chosen():
    result = panel(["186", "482"], [], None, None, on=AUG_2026, closes_on=None)

    assert [hint.split(":")[0] for hint in result.hints] == [
        "Tick the 186 streams you offer",
        "Tick the 482 streams you offer",
    ]
    assert result.lmt.applies  # LMT applies to the 482
