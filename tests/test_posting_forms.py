"""The posting and company-profile forms: every field's rule, and the rules between fields."""

from datetime import timedelta

import pytest
from django.utils import timezone

from listings.employers.forms import EmployerProfileForm
from listings.models import Employer, VisaStream, VisaSubclass
from listings.posting.forms import RoleForm
from tests.factories import EmployerFactory
from tests.factories_posting import role_post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer():
    return EmployerFactory(name="Acme AI")


def bound(employer, **overrides) -> RoleForm:
    return RoleForm(role_post_data(**overrides), employers=[employer])


def errors(form) -> dict:
    assert not form.is_valid()
    return form.errors


def test_valid_data_is_valid_and_becomes_a_role_input(employer):
    form = bound(employer)
    assert form.is_valid(), form.errors
    data = form.to_role_input()
    assert data.salary_min == 150_000 and data.salary_max == 180_000
    assert [s.slug for s in data.visa_streams] == ["482-core"]
    assert data.description_html.startswith("<p>We build")
    assert "<h2>What you'll need</h2>" in data.description_html
    assert "<li>3+ years of experience" in data.description_html
    assert form.chosen_employer == employer
    assert "employer" not in form.fields  # one employer: nothing to choose


@pytest.mark.parametrize("typed", ["$150,000", "150 000", "AUD 150000", "150000"])
def test_salaries_accept_what_people_type(employer, typed):
    form = bound(employer, salary_min=typed)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["salary_min"] == 150_000


def test_salary_min_above_max(employer):
    assert errors(bound(employer, salary_min="190000", salary_max="180000")) == {
        "salary_max": ["The maximum must be at least the minimum."]
    }


@pytest.mark.parametrize("typed", ["150", "lots", "-5"])
def test_salary_must_be_a_yearly_amount(employer, typed):
    assert "salary_min" in errors(bound(employer, salary_min=typed))


@pytest.mark.parametrize(
    ("subclass", "streams"),
    [("482", []), ("186", []), ("482", ["482-core"]), ("186", ["186-trt"])],
)
def test_salary_is_required_for_482_and_186(employer, subclass, streams):
    form = bound(
        employer,
        salary_min="",
        salary_max="",
        visa_subclasses=[VisaSubclass.objects.get(code=subclass).pk],
        visa_streams=[VisaStream.objects.get(slug=s).pk for s in streams],
    )
    found = errors(form)
    assert set(found) == {"salary_min", "salary_max"}
    assert "Required when a 482 or 186 visa is offered" in found["salary_min"][0]


def test_salary_is_optional_for_494_only(employer):
    form = bound(
        employer,
        salary_min="",
        salary_max="",
        visa_subclasses=[VisaSubclass.objects.get(code="494").pk],
        visa_streams=[],
        city="Geelong",
        state="VIC",
    )
    assert form.is_valid(), form.errors


def test_no_visa_chosen(employer):
    found = errors(bound(employer, visa_subclasses=[], visa_streams=[]))
    assert found["visa_subclasses"] == [
        "Choose at least one visa: this board lists sponsored roles only."
    ]


def test_a_stream_needs_its_subclass(employer):
    form = bound(
        employer,
        visa_subclasses=[VisaSubclass.objects.get(code="482").pk],
        visa_streams=[VisaStream.objects.get(slug="186-direct-entry").pk],
    )
    message = errors(form)["visa_streams"][0]
    assert "Direct Entry (186)" in message and "Tick 186" in message


def test_closing_date_too_far(employer):
    too_far = timezone.localdate() + timedelta(days=61)
    message = errors(bound(employer, closes_on=too_far.isoformat()))["closes_on"][0]
    assert "at most 60 days away" in message


def test_closing_date_at_the_limit_is_fine(employer):
    limit = timezone.localdate() + timedelta(days=60)
    assert bound(employer, closes_on=limit.isoformat()).is_valid()


@pytest.mark.parametrize("days", [0, -1])
def test_closing_date_in_the_past(employer, days):
    closes = timezone.localdate() + timedelta(days=days)
    assert errors(bound(employer, closes_on=closes.isoformat()))["closes_on"] == [
        "The closing date must be after today."
    ]


def test_closing_date_defaults_to_30_days(employer):
    form = RoleForm(employers=[employer])
    assert form["closes_on"].value() == timezone.localdate() + timedelta(days=30)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "ftp://files.example/apply",
        "data:text/html,<script>alert(1)</script>",
        "not a url",
        "http://",
    ],
)
def test_bad_apply_url(employer, url):
    assert "apply_url" in errors(bound(employer, apply_url=url))


def test_an_apply_url_without_scheme_becomes_https(employer):
    form = bound(employer, apply_url="careers.example/apply")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["apply_url"] == "https://careers.example/apply"


def test_apply_url_or_email_is_required(employer):
    found = errors(bound(employer, apply_url="", apply_email=""))
    assert found == {"apply_url": ["Give an apply URL or an apply e-mail address (one is enough)."]}
    assert bound(employer, apply_url="", apply_email="jobs@acme.example").is_valid()


def test_bad_apply_email(employer):
    assert "apply_email" in errors(bound(employer, apply_email="not-an-email"))


def test_title_is_required_and_tidied(employer):
    assert "title" in errors(bound(employer, title="   "))
    form = bound(employer, title="  ML   Engineer ")
    assert form.is_valid() and form.cleaned_data["title"] == "ML Engineer"


def test_description_needs_real_text(employer):
    assert "description_markdown" in errors(bound(employer, description_markdown="Short."))
    # Long enough only because of markup that the sanitiser removes.
    sneaky = "<script>" + "alert(1);" * 30 + "</script> Hi"
    assert "description_markdown" in errors(bound(employer, description_markdown=sneaky))


def test_city_is_required_unless_remote(employer):
    assert errors(bound(employer, city="")) == {"city": ["Enter the city, or choose Remote."]}
    assert bound(employer, city="", workplace="remote").is_valid()


def test_state_and_workplace_must_be_known_choices(employer):
    assert "state" in errors(bound(employer, state="XX"))
    assert "workplace" in errors(bound(employer, workplace="moon"))


def test_honeypot_rejects_the_submission(employer):
    form = bound(employer, website="http://spam.example")
    assert not form.is_valid()
    assert form.spam
    assert "could not accept" in form.non_field_errors()[0]


def test_several_employers_choose_one_of_their_own(employer):
    other = EmployerFactory(name="Second Co")
    stranger = EmployerFactory(name="Not mine")
    form = RoleForm(role_post_data(employer=other.pk), employers=[employer, other])
    assert form.is_valid(), form.errors
    assert form.chosen_employer == other
    form = RoleForm(role_post_data(employer=stranger.pk), employers=[employer, other])
    assert "employer" in errors(form)


def test_guidance_uses_what_is_valid_so_far(employer):
    # Salary below the CSIT and the title missing: the form is invalid, guidance still warns.
    form = bound(employer, salary_min="50000", title="")
    assert not form.is_valid()
    result = form.guidance()
    assert [g.level for g in result.thresholds] == ["warning"]


def test_guidance_for_an_unbound_form_has_hints_only(employer):
    result = RoleForm(employers=[employer]).guidance()
    assert result.thresholds == ()
    assert result.hints


# --- Company profile ---------------------------------------------------------------------


def profile(**overrides):
    data = {
        "name": "Acme AI Pty Ltd",
        "abn": "51 824 753 556",
        "website": "https://acme.example",
        "about": "We build things.",
    }
    data.update(overrides)
    return EmployerProfileForm(data)


def test_profile_abn_is_normalised():
    form = profile()
    assert form.is_valid(), form.errors
    assert form.cleaned_data["abn"] == "51824753556"


@pytest.mark.parametrize(
    "abn", ["51 824 753 557", "12345678901", "5182475355", "ABN 51824753556", "01824753556", ""]
)
def test_profile_bad_abn(abn):
    form = profile(abn=abn)
    assert not form.is_valid()
    assert "abn" in form.errors


def test_profile_bad_abn_message():
    assert profile(abn="51 824 753 557").errors["abn"] == [
        "Enter a valid 11-digit ABN (the checksum does not match)."
    ]


@pytest.mark.parametrize("website", ["javascript:alert(1)", "ftp://acme.example", "not a site"])
def test_profile_bad_website(website):
    assert "website" in profile(website=website).errors


def test_profile_name_is_required():
    assert "name" in profile(name=" ").errors


def test_initial_profile_shows_the_abn_formatted():
    employer = Employer(name="Acme", abn="51824753556")
    assert EmployerProfileForm.initial_from_employer(employer)["abn"] == "51 824 753 556"
