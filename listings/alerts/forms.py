"""E-mail alert forms: sign up for a search, and change how often."""

from django import forms

from listings.models import JobAlert

HONEYPOT_FIELD = "website"


class AlertForm(forms.Form):
    """The e-mail and frequency; the search itself comes as the ``search`` querystring."""

    email = forms.EmailField(
        label="Your e-mail",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    frequency = forms.ChoiceField(
        label="How often",
        choices=JobAlert.Frequency.choices,
        initial=JobAlert.Frequency.DAILY,
        widget=forms.RadioSelect,
    )
    search = forms.CharField(required=False, max_length=4000, widget=forms.HiddenInput)
    # Honeypot: hidden from people by the stylesheet, filled in by form-filling bots.
    website = forms.CharField(
        label="Leave this empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def spam(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))


class AlertFrequencyForm(forms.Form):
    frequency = forms.ChoiceField(
        label="How often", choices=JobAlert.Frequency.choices, widget=forms.RadioSelect
    )
