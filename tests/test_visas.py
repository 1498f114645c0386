"""Income thresholds by date, read from the data migration's rows."""

from datetime import date

import pytest

from listings.models import IncomeThreshold, VisaStream
from listings.visas import check_salary, latest_indexation_date, salary_clears, threshold_on

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


def test_single_source_ssit_is_flagged():
    assert threshold_on("SSIT", date(2026, 8, 1)).single_source
    assert not threshold_on("CSIT", date(2026, 8, 1)).single_source


def test_a_value_older_than_the_latest_indexation_may_be_outdated():
    # The 2026 TSMIT was not found, so the 2025 value is shown with a caveat.
    tsmit = threshold_on("TSMIT", date(2026, 8, 1))
    assert tsmit.amount == 76_515
    assert tsmit.possibly_outdated
    assert not threshold_on("CSIT", date(2026, 8, 1)).possibly_outdated


def test_latest_indexation_date():
    assert latest_indexation_date(date(2026, 6, 30)) == date(2025, 7, 1)
    assert latest_indexation_date(date(2026, 7, 1)) == date(2026, 7, 1)


def test_thresholds_are_data_not_code():
    IncomeThreshold.objects.create(
        name="CSIT",
        amount=82_000,
        effective_from=date(2027, 7, 1),
        source_url="https://example.org/2027",
    )
    assert threshold_on("CSIT", date(2027, 7, 2)).amount == 82_000


@pytest.mark.parametrize(
    ("salary", "on", "clears"),
    [
        (79_499, date(2026, 8, 1), True),  # exactly the CSIT clears
        (79_498, date(2026, 8, 1), False),
        (77_000, date(2026, 6, 30), True),  # above the 2025 CSIT, a day before the 2026 one
        (77_000, date(2026, 7, 1), False),
    ],
)
def test_core_skills_salary_against_the_csit(salary, on, clears):
    assert salary_clears(VisaStream.objects.get(slug="482-core"), salary, on) is clears


def test_specialist_skills_uses_the_ssit():
    specialist = VisaStream.objects.get(slug="482-specialist")
    check = check_salary(specialist, 140_000, date(2026, 8, 1), salary_max=160_000)
    assert check.threshold.name == "SSIT"
    assert check.clears is False
    assert check_salary(specialist, 150_000, date(2026, 8, 1)).clears is True


def test_labour_agreement_has_no_threshold_and_no_verdict():
    check = check_salary(
        VisaStream.objects.get(slug="482-labour-agreement"), 50_000, date(2026, 8, 1)
    )
    assert check.threshold is None
    assert check.clears is None


def test_no_salary_means_no_verdict():
    check = check_salary(VisaStream.objects.get(slug="186-trt"), None, date(2026, 8, 1))
    assert check.threshold.amount == 79_499
    assert check.clears is None
