"""The salary rule as a table of cases: values in, no database.

The threshold rows and streams (``tests/rules/reference.py``) are the values of
../shared/domain/visas.md (section 4 and sections 1 to 3), as migrations 0002 and 0013
load them.
"""

from datetime import date

import pytest

from listings.rules.salary import (
    CONFIRMED,
    SINGLE_SOURCE,
    Outcome,
    Reason,
    Salary,
    Stream,
    ThresholdRow,
    advertised_salary,
    latest_indexation_date,
    salary_checks,
    threshold_in_force,
)
from tests.rules.reference import REFERENCE, SRC, STREAMS, SUBCLASSES, THRESHOLDS

AUG_2026 = date(2026, 8, 1)
AUG_2025 = date(2025, 8, 1)


def run(visas, streams=(), salary=None, on=AUG_2026, thresholds=THRESHOLDS):
    return salary_checks(
        subclasses=[SUBCLASSES[code] for code in visas],
        streams=[STREAMS[slug] for slug in streams],
        salary=salary if salary is not None else Salary(),
        on=on,
        thresholds=thresholds,
        all_streams=tuple(STREAMS.values()),
    )


def only(checks):
    assert len(checks) == 1, checks
    return checks[0]


def aud(minimum=None, maximum=None):
    return Salary(minimum=minimum, maximum=maximum)


# (visas, streams, salary, date) -> (label, outcome, threshold name, amount)
CASES = [
    # Core Skills: the CSIT, at the boundary; exactly the threshold clears.
    (["482"], ["482-core"], aud(79_499), AUG_2026, ("482 Core Skills", "clears", "CSIT", 79_499)),
    (["482"], ["482-core"], aud(79_498), AUG_2026, ("482 Core Skills", "below", "CSIT", 79_499)),
    # The 1 July boundary: the day before, the 2025 value; on the day, the 2026 one.
    (
        ["482"],
        ["482-core"],
        aud(77_000),
        date(2026, 6, 30),
        ("482 Core Skills", "clears", "CSIT", 76_515),
    ),
    (
        ["482"],
        ["482-core"],
        aud(77_000),
        date(2026, 7, 1),
        ("482 Core Skills", "below", "CSIT", 79_499),
    ),
    # Specialist Skills: the SSIT.
    (
        ["482"],
        ["482-specialist"],
        aud(146_717),
        AUG_2026,
        ("482 Specialist Skills", "clears", "SSIT", 146_717),
    ),
    (
        ["482"],
        ["482-specialist"],
        aud(140_000, 160_000),
        AUG_2026,
        ("482 Specialist Skills", "below", "SSIT", 146_717),
    ),
    # 186 streams: the CSIT.
    (
        ["186"],
        ["186-trt"],
        aud(80_000),
        AUG_2026,
        ("186 Temporary Residence Transition", "clears", "CSIT", 79_499),
    ),
    (
        ["186"],
        ["186-direct-entry"],
        aud(75_000),
        AUG_2026,
        ("186 Direct Entry", "below", "CSIT", 79_499),
    ),
    # 494: the TSMIT, not the CSIT (no 2026 value recorded, so the 2025 one).
    (
        ["494"],
        [],
        aud(77_000),
        AUG_2026,
        ("494 Skilled Employer Sponsored Regional (Provisional)", "clears", "TSMIT", 76_515),
    ),
    (
        ["494"],
        [],
        aud(76_514),
        AUG_2026,
        ("494 Skilled Employer Sponsored Regional (Provisional)", "below", "TSMIT", 76_515),
    ),
    (
        ["494"],
        [],
        aud(72_000),
        date(2024, 8, 1),
        ("494 Skilled Employer Sponsored Regional (Provisional)", "below", "TSMIT", 73_150),
    ),
    (
        ["494"],
        [],
        aud(60_000),
        date(2022, 1, 1),
        ("494 Skilled Employer Sponsored Regional (Provisional)", "clears", "TSMIT", 53_900),
    ),
    # No stream named: the lowest of the streams' thresholds is the one named.
    (
        ["482"],
        [],
        aud(100_000),
        AUG_2026,
        ("482 Skills in Demand (no stream named)", "clears", "CSIT", 79_499),
    ),
    (
        ["482"],
        [],
        aud(60_000),
        AUG_2026,
        ("482 Skills in Demand (no stream named)", "below", "CSIT", 79_499),
    ),
    (
        ["186"],
        [],
        aud(80_000),
        AUG_2026,
        ("186 Employer Nomination Scheme (no stream named)", "clears", "CSIT", 79_499),
    ),
    # Only a maximum: it is the figure compared.
    (
        ["482"],
        ["482-core"],
        aud(maximum=80_000),
        AUG_2026,
        ("482 Core Skills", "clears", "CSIT", 79_499),
    ),
    # The bottom of the range is compared, not the top.
    (
        ["482"],
        ["482-core"],
        aud(70_000, 120_000),
        AUG_2026,
        ("482 Core Skills", "below", "CSIT", 79_499),
    ),
    # No salary, or not in AUD: cannot check, and the threshold is still named.
    (
        ["482"],
        ["482-core"],
        Salary(),
        AUG_2026,
        ("482 Core Skills", "cannot_check", "CSIT", 79_499),
    ),
    (
        ["494"],
        [],
        Salary(currency="USD", text="US$150,000 a year"),
        AUG_2026,
        ("494 Skilled Employer Sponsored Regional (Provisional)", "cannot_check", "TSMIT", 76_515),
    ),
    (
        ["482"],
        [],
        Salary(),
        AUG_2026,
        ("482 Skills in Demand (no stream named)", "cannot_check", "CSIT", 79_499),
    ),
]


@pytest.mark.parametrize(("visas", "streams", "salary", "on", "expected"), CASES)
def test_the_rule(visas, streams, salary, on, expected):
    check = only(run(visas, streams, salary, on))
    assert (check.label, check.outcome, check.threshold.name, check.threshold.amount) == expected
    assert check.threshold.source_url == SRC


def test_the_explanation_says_what_was_compared_with_what():
    check = only(run(["482"], ["482-core"], aud(70_000), AUG_2025))
    assert check.explanation == (
        "A salary from $70,000 is below the CSIT of $76,515: a nomination at this salary "
        "would not meet it."
    )
    assert check.salary == 70_000
    assert check.threshold.effective_from == date(2025, 7, 1)
    assert only(run(["482"], ["482-core"], aud(maximum=80_000))).explanation == (
        "A salary of up to $80,000 clears the CSIT of $79,499."
    )


@pytest.mark.parametrize(
    ("on", "caveats"),
    [
        # Announced subject to legislation; no 2026 value found, so a newer one may apply.
        (AUG_2026, ("announced, subject to legislation", "a newer value may apply")),
        (AUG_2025, ("announced, subject to legislation",)),
    ],
)
def test_494_uses_the_tsmit_with_its_caveats(on, caveats):
    check = only(run(["494"], [], aud(80_000), on))
    assert check.threshold.caveats == caveats
    assert check.threshold.caveat == "; ".join(caveats)


@pytest.mark.parametrize(
    ("row", "on", "caveat"),
    [
        (ThresholdRow("SSIT", 146_717, date(2026, 7, 1), SRC, CONFIRMED), AUG_2026, ""),
        (
            ThresholdRow("SSIT", 146_717, date(2026, 7, 1), SRC, SINGLE_SOURCE),
            AUG_2026,
            "single source",
        ),
        # In force, but from before the latest 1 July: thresholds are indexed each 1 July.
        (
            ThresholdRow("SSIT", 141_210, date(2025, 7, 1), SRC, CONFIRMED),
            AUG_2026,
            "a newer value may apply",
        ),
        (ThresholdRow("SSIT", 141_210, date(2025, 7, 1), SRC, CONFIRMED), date(2026, 6, 30), ""),
        (
            ThresholdRow("SSIT", 1, None, SRC, SINGLE_SOURCE),
            AUG_2026,
            "single source; a newer value may apply",
        ),
    ],
)
def test_caveats(row, on, caveat):
    check = only(run(["482"], ["482-specialist"], aud(150_000), on, thresholds=(row,)))
    assert check.threshold.caveat == caveat


def test_a_482_without_a_stream_lists_each_stream_and_says_which_applies():
    check = only(run(["482"], [], aud(100_000)))
    assert check.outcome == Outcome.CLEARS
    assert [(o.stream, o.outcome) for o in check.options] == [
        ("Specialist Skills", Outcome.BELOW),
        ("Core Skills", Outcome.CLEARS),
        ("Labour Agreement", Outcome.CANNOT_CHECK),
    ]
    assert check.explanation == (
        "No 482 stream is named: Specialist Skills needs the SSIT of $146,717 a year; "
        "Core Skills needs the CSIT of $79,499 a year and an occupation on the Core Skills "
        "Occupation List; in Labour Agreement the employer's labour agreement sets the terms. "
        "A salary from $100,000 clears the CSIT, so it fits Core Skills, but not the SSIT "
        "that Specialist Skills needs."
    )
    assert check.verdict == (
        "below the SSIT of $146,717 (Specialist Skills); clears the CSIT of $79,499 (Core Skills)"
    )


@pytest.mark.parametrize(
    ("salary", "outcome", "ending"),
    [
        (
            150_000,
            Outcome.CLEARS,
            "A salary from $150,000 clears both: it fits Core Skills and Specialist Skills.",
        ),
        (
            60_000,
            Outcome.BELOW,
            "A salary from $60,000 is below the CSIT and SSIT: a nomination in Core Skills or Specialist Skills at this salary would not meet it.",
        ),
    ],
)
def test_a_482_without_a_stream_above_both_or_below_both(salary, outcome, ending):
    check = only(run(["482"], [], aud(salary)))
    assert check.outcome == outcome
    assert check.explanation.endswith(ending)


def test_a_186_without_a_stream():
    check = only(run(["186"], [], aud(80_000)))
    assert "Temporary Residence Transition needs the CSIT of $79,499 a year" in check.explanation
    assert (
        "Direct Entry needs the CSIT of $79,499 a year and an occupation on the Core Skills Occupation List"
        in check.explanation
    )
    assert check.explanation.endswith(
        "clears both: it fits Temporary Residence Transition and Direct Entry."
    )
    assert (
        check.verdict == "clears the CSIT of $79,499 (Temporary Residence Transition, Direct Entry)"
    )
    below = only(run(["186"], [], aud(79_000)))
    assert below.outcome == Outcome.BELOW
    assert below.explanation.endswith(
        "A salary from $79,000 is below the CSIT: a nomination in Temporary Residence "
        "Transition or Direct Entry at this salary would not meet it."
    )


@pytest.mark.parametrize(
    ("salary", "reason", "says"),
    [
        (Salary(), Reason.NO_SALARY, "No salary is stated, so it cannot be checked."),
        (
            Salary(currency="USD", text="US$150,000 a year"),
            Reason.NOT_AUD,
            "The salary is stated in USD (US$150,000 a year), not Australian dollars, so it cannot be checked.",
        ),
        (
            Salary(minimum=150_000, currency="GBP"),
            Reason.NOT_AUD,
            "The salary is stated in GBP, not Australian dollars, so it cannot be checked.",
        ),
        (
            Salary(text="Competitive"),
            Reason.NOT_ANNUAL_AUD,
            "The salary is given as “Competitive”, not as Australian dollars a year, so it cannot be checked.",
        ),
    ],
)
def test_no_salary_or_not_aud_says_so_and_names_the_threshold(salary, reason, says):
    check = only(run(["482"], ["482-core"], salary))
    assert (check.outcome, check.reason) == (Outcome.CANNOT_CHECK, reason)
    assert check.explanation == f"{says} The employer must pay at least the CSIT of $79,499 a year."
    assert check.verdict.startswith("cannot check: ") and "(the CSIT is $79,499)" in check.verdict


def test_no_salary_and_no_stream_names_every_stream_and_the_least_to_pay():
    check = only(run(["482"], [], Salary()))
    assert check.reason == Reason.NO_SALARY
    assert check.explanation.startswith(
        "No salary is stated, so it cannot be checked. No 482 stream"
    )
    assert "the SSIT of $146,717" in check.explanation
    assert check.explanation.endswith("The employer must pay at least the CSIT of $79,499 a year.")


def test_a_labour_agreement_sets_its_own_terms():
    check = only(run(["482"], ["482-labour-agreement"], aud(40_000)))
    assert (check.outcome, check.reason, check.threshold) == (
        Outcome.CANNOT_CHECK,
        Reason.OWN_TERMS,
        None,
    )
    assert "labour agreement sets the salary terms" in check.explanation


def test_no_threshold_recorded_for_the_date():
    # The CSIT began on 7 Dec 2024.
    check = only(run(["482"], ["482-core"], aud(90_000), date(2024, 12, 6)))
    assert (check.outcome, check.reason, check.threshold) == (
        Outcome.CANNOT_CHECK,
        Reason.NO_THRESHOLD,
        None,
    )
    assert (
        check.explanation == "No CSIT is recorded for 6 Dec 2024, so the salary cannot be checked."
    )
    nothing = only(run(["482"], [], aud(90_000), thresholds=()))
    assert (nothing.outcome, nothing.reason) == (Outcome.CANNOT_CHECK, Reason.NO_THRESHOLD)


def test_each_visa_and_stream_offered_in_order():
    checks = run(["482", "186", "494"], ["482-core", "482-specialist", "186-trt"], aud(150_000))
    assert [c.label for c in checks] == [
        "482 Core Skills",
        "482 Specialist Skills",
        "186 Temporary Residence Transition",
        "494 Skilled Employer Sponsored Regional (Provisional)",
    ]
    assert {c.outcome for c in checks} == {Outcome.CLEARS}


def test_nothing_offered_nothing_checked_and_a_stream_alone_is_still_checked():
    assert run([], []) == ()
    [check] = run([], ["482-core"], aud(90_000))
    assert (check.subclass, check.stream, check.outcome) == ("482", "Core Skills", Outcome.CLEARS)


def test_inactive_streams_are_not_options():
    streams = (*STREAMS.values(), Stream("482", "Essential Skills", "CSIT", False, "x", False))
    check = only(
        salary_checks(
            subclasses=[SUBCLASSES["482"]],
            streams=[],
            salary=aud(100_000),
            on=AUG_2026,
            thresholds=THRESHOLDS,
            all_streams=streams,
        )
    )
    assert "Essential" not in check.explanation
    assert len(check.options) == 3


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2026, 6, 30), date(2025, 7, 1)),
        (date(2026, 7, 1), date(2026, 7, 1)),
        (date(2026, 12, 31), date(2026, 7, 1)),
    ],
)
def test_latest_indexation_date(on, expected):
    assert latest_indexation_date(on) == expected


@pytest.mark.parametrize(
    ("name", "on", "amount"),
    [
        ("CSIT", date(2024, 12, 7), 73_150),
        ("CSIT", date(2026, 6, 30), 76_515),
        ("CSIT", date(2026, 7, 1), 79_499),
        ("TSMIT", date(2023, 6, 30), 53_900),  # the undated row: in force before the next one
        ("TSMIT", date(2023, 7, 1), 70_000),
        ("CSIT", date(2024, 12, 6), None),
        ("FWHIT", AUG_2026, None),
    ],
)
def test_threshold_in_force(name, on, amount):
    threshold = threshold_in_force(THRESHOLDS, name, on)
    assert (threshold.amount if threshold else None) == amount


# --- What a role offers, picked from the reference ------------------------------------------


@pytest.mark.parametrize(
    ("codes", "slugs", "labels"),
    [
        (["482"], ["482-core"], ["482 Core Skills"]),
        # A stream offered is an offer of its subclass, ticked or not.
        ([], ["186-trt"], ["186 Temporary Residence Transition"]),
        (["482"], [], ["482 Skills in Demand (no stream named)"]),
        # In the reference's order, whatever order they were chosen in.
        (
            ["494", "482"],
            ["482-core", "482-specialist"],
            [
                "482 Specialist Skills",
                "482 Core Skills",
                "494 Skilled Employer Sponsored Regional (Provisional)",
            ],
        ),
        # Codes and slugs the board does not know are not offers.
        (["999"], ["482-unknown"], []),
    ],
)
def test_the_reference_picks_what_a_role_offers(codes, slugs, labels):
    checks = REFERENCE.checks(
        subclass_codes=codes, stream_slugs=slugs, salary=aud(100_000), on=AUG_2026
    )

    assert [check.label for check in checks] == labels


def test_the_reference_checks_are_the_rule():
    checks = REFERENCE.checks(
        subclass_codes=["482"], stream_slugs=["482-core"], salary=aud(79_498), on=AUG_2026
    )

    assert checks == run(["482"], ["482-core"], aud(79_498))


def test_the_reference_names_the_threshold_in_force():
    assert REFERENCE.threshold_on("CSIT", AUG_2026).amount == 79_499
    assert REFERENCE.threshold_on("CSIT", date(2024, 12, 6)) is None


# --- A role's pay as the rule reads it ------------------------------------------------------


@pytest.mark.parametrize(
    ("minimum", "maximum", "text", "salary"),
    [
        (90_000, None, "", Salary(90_000, None, "AUD")),
        (None, 95_000, "", Salary(None, 95_000, "AUD")),
        # Figures win: ingest keeps AUD pay as figures and the text is only what to show.
        (150_000, 170_000, "A$150,000–170,000 a year", Salary(150_000, 170_000, "AUD")),
        (None, None, "US$150,000 a year", Salary(None, None, "USD", "US$150,000 a year")),
        (None, None, "£90k", Salary(None, None, "GBP", "£90k")),
        (None, None, "  Competitive ", Salary(None, None, "AUD", "Competitive")),
        (None, None, "", Salary(None, None, "AUD", "")),
    ],
)
def test_advertised_salary(minimum, maximum, text, salary):
    assert advertised_salary(minimum=minimum, maximum=maximum, text=text) == salary


def test_an_advertised_foreign_salary_cannot_be_checked():
    salary = advertised_salary(minimum=None, maximum=None, text="US$150,000 a year")
    check = only(run(["482"], ["482-core"], salary))

    assert (check.outcome, check.reason) == (Outcome.CANNOT_CHECK, Reason.NOT_AUD)
    assert "stated in USD (US$150,000 a year)" in check.explanation
