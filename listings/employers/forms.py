"""The company profile form: name, ABN (checksum validated), website, about."""

from django import forms
from django.core.validators import URLValidator

from listings.abn import validate_abn
from listings.rules.abn import format_abn, normalise_abn


class EmployerProfileForm(forms.Form):
    name = forms.CharField(
        label="Company name",
        max_length=200,
        help_text="The name you trade under, as candidates know it.",
    )
    abn = forms.CharField(
        label="ABN",
        max_length=20,
        help_text="Your 11-digit Australian Business Number, e.g. 51 824 753 556.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    website = forms.URLField(
        max_length=300,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
    )
    about = forms.CharField(
        label="About the company",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="A few sentences for your employer page: what you build, where you are.",
    )

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_abn(self) -> str:
        abn = normalise_abn(self.cleaned_data["abn"])
        validate_abn(abn)
        return abn

    @staticmethod
    def initial_from_employer(employer) -> dict:
        return {
            "name": employer.name,
            "abn": format_abn(employer.abn) if employer.abn else "",
            "website": employer.website,
            "about": employer.about,
        }
