"""The public "Report this listing" form."""

from django import forms

from listings.models import ListingReport

HONEYPOT_FIELD = "website"


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="What is wrong with this listing?",
        choices=ListingReport.Reason.choices,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label="Details",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you saw, e.g. the sentence asking for payment. Required for “Something else”.",
    )
    contact_email = forms.EmailField(
        label="Your e-mail",
        required=False,
        max_length=254,
        help_text="Only if you are happy for a moderator to ask you about it. Never shown or shared.",
    )
    # Honeypot: hidden from people by the stylesheet, filled in by form-filling bots.
    website = forms.CharField(
        label="Leave this empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def spam(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))

    def clean(self):
        data = super().clean()
        if data.get("reason") == ListingReport.Reason.OTHER and not data.get("details", "").strip():
            self.add_error("details", "Tell us what is wrong.")
        return data
