"""The loader: threshold rows, subclasses and streams read from the data migrations' rows, once."""

from datetime import date

import pytest

from listings.models import IncomeThreshold, Role, VisaStream, VisaSubclass
from listings.rules import salary as rule
from listings.rules.salary import Outcome, Reason, Salary
from listings.visas import (
    role_salary,
    role_salary_checks,
    threshold_on,
    visa_reference,
)
from tests.factories import ApprovedRoleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "on", "amount", "since"),
    [
        ("CSIT", date(2025, 12, 1), 76_515, date(2025, 7, 1)),
        ("CSIT", date(2026, 8, 1), 79_499, date(2026, 7, 1)),
        ("CSIT", date(2026, 6, 30), 76_515, date(2025, 7, 1)),
        ("CSIT", date(2026, 7, 1), 79_499, date(2026, 7, 1)),
        ("CSIT", date(2024, 12, 7), 73_150, date(2024, 12, 7)),
        ("SSIT", date(2025, 1, 15), 135_000, date(2024, 12, 7)),
        ("SSIT", date(2026, 11, 27), 146_717, date(2026, 7, 1)),
        ("TSMIT", date(2023, 8, 1), 70_000, date(2023, 7, 1)),
        ("TSMIT", date(2022, 1, 1), 53_900, None),
    ],
)
def test_threshold_in_force_on_a_date(name, on, amount, since):
    threshold = threshold_on(name, on)
    assert threshold.amount == amount
    assert threshold.effective_from == since
    assert threshold.source_url.startswith("https://")


def test_no_csit_before_it_existed():
    assert threshold_on("CSIT", date(2024, 12, 6)) is None


def test_the_2026_ssit_is_confirmed_now():
    assert threshold_on("SSIT", date(2026, 8, 1)).caveat == ""
    assert not threshold_on("CSIT", date(2026, 8, 1)).single_source


def test_a_value_older_than_the_latest_indexation_may_be_outdated():
    # The 2026 TSMIT was not found, so the 2025 value is shown with a caveat.
    tsmit = threshold_on("TSMIT", date(2026, 8, 1))
    assert tsmit.amount == 76_515
    assert tsmit.possibly_outdated
    assert not threshold_on("CSIT", date(2026, 8, 1)).possibly_outdated


def test_thresholds_are_data_not_code():
    IncomeThreshold.objects.create(
        name="CSIT",
        amount=82_000,
        effective_from=date(2027, 7, 1),
        source_url="https://example.org/2027",
    )
    assert threshold_on("CSIT", date(2027, 7, 2)).amount == 82_000


def test_which_threshold_each_visa_uses_is_data_too():
    VisaSubclass.objects.filter(code="494").update(threshold_name="CSIT")
    VisaStream.objects.filter(slug="482-core").update(threshold_name="SSIT")
    reference = visa_reference()
    [regional] = reference.checks(
        subclass_codes=["494"], stream_slugs=[], salary=Salary(100_000), on=date(2026, 8, 1)
    )
    [core] = reference.checks(
        subclass_codes=["482"],
        stream_slugs=["482-core"],
        salary=Salary(100_000),
        on=date(2026, 8, 1),
    )
    assert regional.threshold.name == "CSIT" and core.threshold.name == "SSIT"


def test_the_reference_is_three_queries_and_carries_the_data(django_assert_num_queries):
    with django_assert_num_queries(3):
        reference = visa_reference()
    assert [s.code for s in reference.subclasses] == ["482", "186", "494"]
    assert {s.code: s.threshold_name for s in reference.subclasses} == {
        "482": "",
        "186": "",
        "494": "TSMIT",
    }
    assert {s.slug: s.threshold_name for s in reference.streams}["482-specialist"] == "SSIT"
    assert len(reference.thresholds) == IncomeThreshold.objects.count()


def test_the_rule_knows_the_models_confidence_values():
    assert {rule.CONFIRMED, rule.SINGLE_SOURCE, rule.SUBJECT_TO_LEGISLATION} == set(
        IncomeThreshold.Confidence.values
    )


@pytest.mark.parametrize(
    ("fields", "salary"),
    [
        ({"salary_min": 90_000, "salary_max": None}, Salary(90_000, None, "AUD")),
        ({"salary_min": None, "salary_max": 95_000}, Salary(None, 95_000, "AUD")),
        (
            {"salary_min": None, "salary_max": None, "salary_text": "US$150,000 a year"},
            Salary(None, None, "USD", "US$150,000 a year"),
        ),
        (
            {"salary_min": None, "salary_max": None, "salary_text": "Competitive"},
            Salary(None, None, "AUD", "Competitive"),
        ),
        ({"salary_min": None, "salary_max": None}, Salary(None, None, "AUD", "")),
    ],
)
def test_a_roles_salary_as_the_rule_reads_it(fields, salary):
    assert role_salary(Role(**fields)) == salary


def test_a_role_with_a_foreign_salary_cannot_be_checked():
    role = ApprovedRoleFactory(
        visas=["482"],
        streams=["482-core"],
        salary_min=None,
        salary_max=None,
        salary_text="US$150,000 a year",
    )
    [check] = role_salary_checks(role, on=date(2026, 8, 1), reference=visa_reference())
    assert (check.outcome, check.reason) == (Outcome.CANNOT_CHECK, Reason.NOT_AUD)
    assert "stated in USD (US$150,000 a year)" in check.explanation
    assert "at least the CSIT of $79,499 a year" in check.explanation
