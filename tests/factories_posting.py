"""Helpers for the employer-posting tests: members of employers, and valid form data."""

from datetime import timedelta

from django.utils import timezone

from listings.models import Specialty, VisaStream, VisaSubclass
from tests.factories import EmployerFactory, MembershipFactory, UserFactory


def employer_member(**employer_fields):
    """A user who is a member of a new employer; returns (user, employer)."""
    employer = EmployerFactory(**employer_fields)
    membership = MembershipFactory(employer=employer, user=UserFactory())
    return membership.user, employer


DESCRIPTION = """We build demand-forecasting models for Australian retailers.

## What you'll need

- 3+ years of experience with Python and PyTorch
- Experience taking models from notebook to production
"""


def role_post_data(**overrides) -> dict:
    """POST data for the posting form that passes every rule (a 482 Core Skills role)."""
    subclass = VisaSubclass.objects.get(code="482")
    stream = VisaStream.objects.get(slug="482-core")
    data = {
        "title": "Machine Learning Engineer",
        "description_markdown": DESCRIPTION,
        "city": "Sydney",
        "state": "NSW",
        "workplace": "hybrid",
        "employment_type": "full_time",
        "seniority": "senior",
        "specialties": [Specialty.objects.get(slug="forecasting").pk],
        "salary_min": "150000",
        "salary_max": "180000",
        "visa_subclasses": [subclass.pk],
        "visa_streams": [stream.pk],
        "occupation": "",
        "apply_url": "https://employer.example/apply",
        "apply_email": "",
        "closes_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
