"""Moderators' forms in the admin: the reason for a rejection or a take-down, a report's note."""

from django import forms

from listings.moderation.flags import RejectionReason, rejection_text


class RejectForm(forms.Form):
    """A canned reason, a written one, or both; the employer reads the result."""

    canned = forms.ChoiceField(
        label="Reason",
        choices=RejectionReason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Message to the employer",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text="Added after the chosen reason; required for “Other”. The employer reads it.",
    )

    def clean(self):
        data = super().clean()
        if "canned" in data:
            data["reason"] = rejection_text(canned=data["canned"], note=data.get("note", ""))
            if not data["reason"]:
                self.add_error("note", "Write the reason the employer will read.")
        return data


class TakeDownForm(forms.Form):
    """Why a live role is closed by a moderator (e.g. reported as filled)."""

    reason = forms.CharField(
        label="Reason the employer reads",
        max_length=2000,
        initial="A user reported that this role is filled or no longer open.",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
    )


class DismissReportForm(forms.Form):
    note = forms.CharField(label="Note (optional)", required=False, max_length=500)
