"""The posting form: a role's fields and the rules between them (visas, salary, apply, dates).

It validates and renders the employer's Markdown; it writes nothing. ``to_role_input()``
hands the cleaned values to ``listings.posting.services``; ``guidance()`` feeds what has
been entered so far (valid or not) to ``listings.guidance``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.utils import timezone

from listings.guidance import posting_guidance
from listings.models import Employer, Occupation, Role, Specialty, VisaStream, VisaSubclass
from listings.posting.markdown import markdown_to_html
from listings.posting.services import RoleInput, closing_datetime
from listings.rules.labour_market_testing import LMT_AD_DAYS
from listings.rules.posting_guidance import SALARY_REQUIRED_SUBCLASSES, PostingGuidance
from listings.rules.text import plain_text

HONEYPOT_FIELD = "website"
DESCRIPTION_MIN_CHARS = 80
DESCRIPTION_MAX_CHARS = 20_000
SALARY_FLOOR = 10_000  # below this it is almost surely a typo ("150" for 150,000) or not a year
SALARY_CEILING = 5_000_000


def default_closing_date(today: date | None = None) -> date:
    return (today or timezone.localdate()) + timedelta(days=settings.POSTING_DEFAULT_DAYS)


def latest_closing_date(today: date | None = None) -> date:
    return (today or timezone.localdate()) + timedelta(days=settings.POSTING_MAX_DAYS)


class AudField(forms.IntegerField):
    """Whole Australian dollars a year; accepts what people type: "$150,000", "150 000"."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    default_error_messages = {"invalid": "Enter whole dollars a year, e.g. 150000."}

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"(?i)[\s,$]|aud", "", value)
        return super().to_python(value)


class StreamChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: VisaStream) -> str:
        return obj.name


class SubclassChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: VisaSubclass) -> str:
        return f"{obj.code} {obj.name}"


class OccupationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Occupation) -> str:
        return f"{obj.title} ({obj.anzsco_code}) · {obj.csol_status}"


class RoleForm(forms.Form):
    """One role, as an employer posts or edits it."""

    employer = forms.ModelChoiceField(queryset=Employer.objects.none(), empty_label=None)
    title = forms.CharField(
        max_length=200,
        help_text="As candidates would search for it, e.g. Machine Learning Engineer.",
    )
    description_markdown = forms.CharField(
        label="Description",
        max_length=DESCRIPTION_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=(
            "Markdown: **bold**, *italic*, lists with -, links as [text](https://…). "
            "Say what the role does and the skills or experience it needs."
        ),
    )
    city = forms.CharField(max_length=100, required=False)
    state = forms.ChoiceField(choices=[("", "Choose a state or territory"), *Role.State.choices])
    workplace = forms.ChoiceField(
        choices=Role.Workplace.choices,
        initial=Role.Workplace.ONSITE,
        widget=forms.RadioSelect,
    )
    employment_type = forms.ChoiceField(
        label="Employment type",
        choices=Role.EmploymentType.choices,
        initial=Role.EmploymentType.FULL_TIME,
    )
    seniority = forms.ChoiceField(
        choices=[("", "Not stated"), *Role.Seniority.choices], required=False
    )
    specialties = forms.ModelMultipleChoiceField(
        queryset=Specialty.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    salary_min = AudField(
        label="Salary from (AUD a year)",
        required=False,
        min_value=SALARY_FLOOR,
        max_value=SALARY_CEILING,
    )
    salary_max = AudField(
        label="Salary to (AUD a year)",
        required=False,
        min_value=SALARY_FLOOR,
        max_value=SALARY_CEILING,
    )
    visa_subclasses = SubclassChoiceField(
        label="Visas you will sponsor",
        queryset=VisaSubclass.objects.filter(active=True, employer_sponsored=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one visa: this board lists sponsored roles only."
        },
    )
    visa_streams = StreamChoiceField(
        label="Streams",
        queryset=VisaStream.objects.filter(active=True, subclass__active=True).select_related(
            "subclass"
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    occupation = OccupationChoiceField(
        label="Occupation (ANZSCO)",
        queryset=Occupation.objects.all(),
        required=False,
        empty_label="Not stated",
        help_text="The occupation you would nominate. Core Skills and Direct Entry need one on the CSOL.",
    )
    apply_url = forms.URLField(
        label="Apply URL",
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
    )
    apply_email = forms.EmailField(label="Or apply by e-mail", max_length=254, required=False)
    closes_on = forms.DateField(
        label="Closing date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    # Honeypot: hidden from people by the stylesheet, filled in by form-filling bots.
    website = forms.CharField(
        label="Leave this empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, employers, today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.employers = list(employers)
        self.description_html = ""
        self.spam = False
        self._guidance_data: dict = {}
        if len(self.employers) > 1:
            self.fields["employer"].queryset = Employer.objects.filter(
                pk__in=[e.pk for e in self.employers]
            )
        else:
            del self.fields["employer"]
        closes = self.fields["closes_on"]
        closes.initial = default_closing_date(self.today)
        closes.widget.attrs.update(
            min=(self.today + timedelta(days=1)).isoformat(),
            max=latest_closing_date(self.today).isoformat(),
        )
        closes.help_text = (
            f"Up to {settings.POSTING_MAX_DAYS} days away; {settings.POSTING_DEFAULT_DAYS} by "
            f"default. Labour market testing ads run at least {LMT_AD_DAYS} days."
        )

    # --- Initial data ------------------------------------------------------------------

    @staticmethod
    def initial_from_role(role: Role) -> dict:
        """The form's initial values for editing ``role``."""
        initial = {
            "employer": role.employer_id,
            "title": role.title,
            # Ingested roles have no Markdown: their sanitised HTML is valid Markdown input.
            "description_markdown": role.description_markdown or role.description,
            "city": role.city,
            "state": role.state,
            "workplace": role.workplace,
            "employment_type": role.employment_type,
            "seniority": role.seniority,
            "specialties": list(role.specialties.all()),
            "salary_min": role.salary_min,
            "salary_max": role.salary_max,
            "visa_subclasses": list(role.visa_subclasses.all()),
            "visa_streams": list(role.visa_streams.all()),
            "occupation": role.occupation,
            "apply_url": role.apply_url,
            "apply_email": role.apply_email,
        }
        closes = timezone.localdate(role.expires_at) if role.expires_at else None
        if closes and closes > timezone.localdate():
            initial["closes_on"] = closes  # otherwise the field's default: 30 days from today
        return initial

    # --- Field rules -------------------------------------------------------------------

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean_description_markdown(self) -> str:
        text = self.cleaned_data["description_markdown"].strip()
        html = markdown_to_html(text)
        plain = plain_text(html)
        if len(plain) < DESCRIPTION_MIN_CHARS:
            raise forms.ValidationError(
                f"Describe the role in at least {DESCRIPTION_MIN_CHARS} characters of text "
                "(what it does, and the skills or experience it needs).",
                code="too_short",
            )
        self.description_html = html
        return text

    def clean_city(self) -> str:
        return " ".join(self.cleaned_data["city"].split())

    def clean_closes_on(self) -> date:
        closes = self.cleaned_data["closes_on"]
        if closes <= self.today:
            raise forms.ValidationError("The closing date must be after today.", code="past")
        latest = latest_closing_date(self.today)
        if closes > latest:
            raise forms.ValidationError(
                f"The closing date can be at most {settings.POSTING_MAX_DAYS} days away "
                f"({latest:%-d %b %Y}). You can renew the role when it expires.",
                code="too_far",
            )
        return closes

    def clean(self):
        data = super().clean()
        # What guidance sees: every field that passed its own rules, before the rules between them.
        self._guidance_data = dict(data)
        if data.get(HONEYPOT_FIELD):
            self.spam = True
            raise forms.ValidationError(
                "We could not accept this submission. If you are a person, please try again "
                "without browser autofill.",
                code="honeypot",
            )
        self._clean_visas(data)
        self._clean_salary(data)
        no_apply = not data.get("apply_url") and not data.get("apply_email")
        if no_apply and "apply_url" not in self.errors and "apply_email" not in self.errors:
            self.add_error(
                "apply_url", "Give an apply URL or an apply e-mail address (one is enough)."
            )
        no_city = data.get("workplace") != Role.Workplace.REMOTE and not data.get("city")
        if no_city and "city" not in self.errors:
            self.add_error("city", "Enter the city, or choose Remote.")
        return data

    def _clean_visas(self, data: dict) -> None:
        subclasses = data.get("visa_subclasses") or []
        chosen = {s.pk for s in subclasses}
        orphans = [s for s in data.get("visa_streams") or [] if s.subclass_id not in chosen]
        if orphans and "visa_subclasses" not in self.errors:
            names = ", ".join(f"{s.name} ({s.subclass.code})" for s in orphans)
            codes = sorted({s.subclass.code for s in orphans})
            self.add_error(
                "visa_streams",
                f"{names}: a stream needs its visa too. Tick {' and '.join(codes)}, or untick "
                "the stream.",
            )

    def _clean_salary(self, data: dict) -> None:
        codes = {s.code for s in data.get("visa_subclasses") or []}
        codes |= {s.subclass.code for s in data.get("visa_streams") or []}
        if codes & SALARY_REQUIRED_SUBCLASSES:
            for name in ("salary_min", "salary_max"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(
                        name,
                        "Required when a 482 or 186 visa is offered: the nomination must meet "
                        "an income threshold.",
                    )
        low, high = data.get("salary_min"), data.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error("salary_max", "The maximum must be at least the minimum.")

    # --- Results -----------------------------------------------------------------------

    @property
    def chosen_employer(self) -> Employer | None:
        if "employer" not in self.fields:
            return self.employers[0] if self.employers else None
        if self.is_bound and self.cleaned_data.get("employer"):
            return self.cleaned_data["employer"]
        if self.is_bound and self._guidance_data.get("employer"):
            return self._guidance_data["employer"]
        initial = self.get_initial_for_field(self.fields["employer"], "employer")
        return next(
            (e for e in self.employers if e.pk in {initial, getattr(initial, "pk", 0)}), None
        )

    def to_role_input(self) -> RoleInput:
        """The cleaned values, for ``role_submit`` and ``role_update``."""
        data = self.cleaned_data
        return RoleInput(
            title=data["title"],
            description_markdown=data["description_markdown"],
            description_html=self.description_html,
            city=data["city"],
            state=data["state"],
            workplace=data["workplace"],
            employment_type=data["employment_type"],
            seniority=data["seniority"],
            specialties=tuple(data["specialties"]),
            salary_min=data["salary_min"],
            salary_max=data["salary_max"],
            visa_subclasses=tuple(data["visa_subclasses"]),
            visa_streams=tuple(data["visa_streams"]),
            occupation=data["occupation"],
            apply_url=data["apply_url"],
            apply_email=data["apply_email"],
            closes_on=data["closes_on"],
        )

    def preview_role(self) -> Role:
        """An unsaved Role with the cleaned values, to show the ad as candidates will see it."""
        data = self.cleaned_data
        return Role(
            employer=self.chosen_employer,
            title=data["title"],
            description=self.description_html,
            city=data["city"],
            state=data["state"],
            workplace=data["workplace"],
            employment_type=data["employment_type"],
            seniority=data["seniority"],
            salary_min=data["salary_min"],
            salary_max=data["salary_max"],
            occupation=data["occupation"],
            apply_url=data["apply_url"],
            apply_email=data["apply_email"],
            expires_at=closing_datetime(data["closes_on"]),
        )

    def _entered(self) -> dict:
        """Values entered so far: those that passed their own field rules, or the initial ones."""
        if self.is_bound:
            self.errors  # noqa: B018 - runs validation, which fills _guidance_data
            return self._guidance_data
        return {
            name: self.get_initial_for_field(field, name) for name, field in self.fields.items()
        }

    def guidance(self) -> PostingGuidance:
        """Threshold and labour-market-testing guidance for what has been entered."""
        entered = self._entered()
        subclasses = [s for s in entered.get("visa_subclasses") or [] if hasattr(s, "code")]
        streams = [s for s in entered.get("visa_streams") or [] if hasattr(s, "subclass")]
        occupation = entered.get("occupation")
        employer = self.chosen_employer
        return posting_guidance(
            subclasses=subclasses,
            streams=streams,
            salary_min=entered.get("salary_min"),
            salary_max=entered.get("salary_max"),
            occupation=occupation if isinstance(occupation, Occupation) else None,
            title=entered.get("title") or "",
            description=entered.get("description_markdown") or "",
            employer_name=employer.name if employer else "",
            on=self.today,
            closes_on=entered.get("closes_on")
            if isinstance(entered.get("closes_on"), date)
            else None,
        )

    def visa_groups(self) -> list[dict]:
        """Each visa subclass checkbox with the checkboxes of its streams, for the template."""
        streams = list(self["visa_streams"])
        groups = []
        for option in self["visa_subclasses"]:
            subclass = option.data["value"].instance
            groups.append(
                {
                    "option": option,
                    "subclass": subclass,
                    "streams": [
                        (s, s.data["value"].instance)
                        for s in streams
                        if s.data["value"].instance.subclass_id == subclass.pk
                    ],
                }
            )
        return groups
