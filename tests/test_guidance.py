"""The posting guidance loader: thresholds per stream at the boundary, on the migrations' rows."""

from datetime import date

import pytest

from listings.guidance import posting_guidance, threshold_guidance
from listings.models import Occupation, VisaStream, VisaSubclass
from listings.rules.posting_guidance import INFO, OK, WARNING
from listings.visas import role_salary_checks, visa_reference
from tests.factories import ApprovedRoleFactory

pytestmark = pytest.mark.django_db

ON_2025 = date(2025, 8, 1)  # CSIT 76,515 and SSIT 141,210 in force (from 1 Jul 2025)


def stream(slug):
    return VisaStream.objects.select_related("subclass").get(slug=slug)


def only(items):
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize(
    ("salary", "level"),
    [(76_515, OK), (76_516, OK), (76_514, WARNING), (200_000, OK), (50_000, WARNING)],
)
def test_core_skills_at_the_csit_boundary(salary, level):
    result = only(threshold_guidance(streams=[stream("482-core")], salary_min=salary, on=ON_2025))
    assert result.level == level
    assert result.threshold.name == "CSIT"
    assert result.threshold.amount == 76_515
    assert "$76,515" in result.message
    assert result.label == "482 Core Skills"


def test_the_message_names_amount_effective_date_and_source():
    result = only(threshold_guidance(streams=[stream("482-core")], salary_min=70_000, on=ON_2025))
    assert result.message == (
        "A salary from $70,000 is below the CSIT of $76,515: a nomination at this salary "
        "would not meet it."
    )
    assert result.threshold.effective_from == date(2025, 7, 1)
    assert result.threshold.source_url.startswith("https://")
    assert result.caveat == ""


@pytest.mark.parametrize(("salary", "level"), [(141_210, OK), (141_209, WARNING)])
def test_specialist_skills_at_the_ssit_boundary(salary, level):
    result = only(
        threshold_guidance(streams=[stream("482-specialist")], salary_min=salary, on=ON_2025)
    )
    assert (result.level, result.threshold.name) == (level, "SSIT")


def test_the_2026_ssit_is_confirmed():
    # Single source until visas.md confirmed it from several (migration 0013).
    result = only(
        threshold_guidance(
            streams=[stream("482-specialist")], salary_min=150_000, on=date(2026, 8, 1)
        )
    )
    assert result.threshold.amount == 146_717
    assert result.caveat == ""


def test_the_bottom_of_the_range_is_compared():
    result = only(
        threshold_guidance(
            streams=[stream("186-trt")], salary_min=70_000, salary_max=120_000, on=ON_2025
        )
    )
    assert result.level == WARNING


def test_no_salary_is_a_hint_not_a_warning():
    result = only(threshold_guidance(streams=[stream("482-core")], salary_min=None, on=ON_2025))
    assert result.level == INFO
    assert result.message == (
        "No salary is stated, so it cannot be checked. The employer must pay at least the CSIT "
        "of $76,515 a year."
    )


def test_labour_agreements_set_their_own_terms():
    result = only(
        threshold_guidance(streams=[stream("482-labour-agreement")], salary_min=40_000, on=ON_2025)
    )
    assert result.level == INFO
    assert result.threshold is None
    assert "labour agreement" in result.message


def test_a_threshold_rising_before_the_closing_date_is_named():
    # Posted in June 2026, closing in July: the CSIT rises to $79,499 on 1 July 2026.
    result = only(
        threshold_guidance(
            streams=[stream("482-core")],
            salary_min=78_000,
            on=date(2026, 6, 20),
            closes_on=date(2026, 7, 20),
        )
    )
    assert result.level == OK
    assert result.later_threshold.amount == 79_499
    assert result.later_level == WARNING
    assert "From 1 Jul 2026" in result.later_message


def test_no_later_note_when_the_threshold_does_not_change():
    result = only(
        threshold_guidance(
            streams=[stream("482-core")],
            salary_min=90_000,
            on=date(2026, 8, 1),
            closes_on=date(2026, 9, 1),
        )
    )
    assert result.later_message == ""


def test_a_482_without_a_stream_gets_every_streams_threshold():
    subclass = VisaSubclass.objects.get(code="482")
    result = only(
        threshold_guidance(streams=[], subclasses=[subclass], salary_min=100_000, on=ON_2025)
    )
    assert result.label == "482 Skills in Demand (no stream named)"
    assert result.level == OK
    assert result.threshold.name == "CSIT"
    assert [o.threshold.name for o in result.check.options if o.threshold] == ["SSIT", "CSIT"]
    assert "fits Core Skills, but not the SSIT that Specialist Skills needs" in result.message


@pytest.mark.parametrize(
    ("visas", "streams", "salary"),
    [
        (["482"], ["482-core", "482-specialist"], 120_000),
        (["482"], [], 60_000),
        (["186"], [], None),
        (["494"], [], 70_000),
        (["482", "494"], ["482-labour-agreement"], 90_000),
    ],
)
def test_guidance_agrees_with_the_role_page(visas, streams, salary):
    role = ApprovedRoleFactory(visas=visas, streams=streams, salary_min=salary, salary_max=None)
    page = role_salary_checks(role, on=ON_2025, reference=visa_reference())
    form = threshold_guidance(
        subclasses=[VisaSubclass.objects.get(code=code) for code in visas],
        streams=[stream(slug) for slug in streams],
        salary_min=salary,
        on=ON_2025,
    )
    assert tuple(item.check for item in form) == page
    assert [item.message for item in form] == [check.explanation for check in page]


def test_494_without_streams_uses_the_tsmit_with_its_caveats():
    subclass = VisaSubclass.objects.get(code="494")
    result = only(
        threshold_guidance(
            streams=[], subclasses=[subclass], salary_min=80_000, on=date(2026, 8, 1)
        )
    )
    assert result.threshold.name == "TSMIT"
    assert result.threshold.amount == 76_515
    # Announced subject to legislation; no 2026 value was found.
    assert result.caveat == "announced, subject to legislation; a newer value may apply"


@pytest.mark.parametrize(
    ("code", "level", "text"),
    [
        ("261313", OK, "is on the CSOL"),
        ("224115", INFO, "not confirmed"),
    ],
)
def test_csol_status_is_shown_for_streams_that_need_it(code, level, text):
    occupation = Occupation.objects.get(anzsco_code=code)
    result = only(
        threshold_guidance(
            streams=[stream("482-core")], salary_min=90_000, occupation=occupation, on=ON_2025
        )
    )
    assert result.occupation_level == level
    assert text in result.occupation_message


def test_an_occupation_off_the_csol_is_a_warning():
    occupation = Occupation.objects.create(anzsco_code="999999", title="Test", on_csol=False)
    result = only(
        threshold_guidance(
            streams=[stream("186-direct-entry")],
            salary_min=90_000,
            occupation=occupation,
            on=ON_2025,
        )
    )
    assert result.occupation_level == WARNING


def test_specialist_skills_needs_no_csol_note():
    result = only(threshold_guidance(streams=[stream("482-specialist")], salary_min=1, on=ON_2025))
    assert result.occupation_message == ""


def test_posting_guidance_hints_when_no_visa_or_no_stream_is_chosen():
    def run(subclasses, streams):
        return posting_guidance(
            subclasses=subclasses,
            streams=streams,
            salary_min=None,
            salary_max=None,
            occupation=None,
            title="",
            description="",
            employer_name="Acme",
            on=ON_2025,
            closes_on=None,
        )

    assert "Choose the visas" in run([], []).hints[0]
    sub482 = VisaSubclass.objects.get(code="482")
    assert "Tick the 482 streams" in run([sub482], []).hints[0]
    result = run([sub482], [stream("482-core")])
    assert result.hints == ()
    assert result.warnings == 0


def test_warnings_count_includes_later_thresholds():
    result = posting_guidance(
        subclasses=[VisaSubclass.objects.get(code="482")],
        streams=[stream("482-core"), stream("482-specialist")],
        salary_min=78_000,
        salary_max=80_000,
        occupation=None,
        title="ML",
        description="experience",
        employer_name="Acme",
        on=date(2026, 6, 20),
        closes_on=date(2026, 7, 20),
    )
    # Specialist: below the SSIT now and later (2); Core: clears now, not from 1 July (1).
    assert result.warnings == 3
