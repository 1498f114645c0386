"""Helpers for the e-mail alert tests: alerts in each state, and roles approved at a given time."""

from datetime import datetime, timedelta

import factory
from django.utils import timezone

from listings.models import JobAlert, Role
from tests.factories import ApprovedRoleFactory


class JobAlertFactory(factory.django.DjangoModelFactory):
    """An alert waiting for confirmation; ConfirmedAlertFactory for one that is on."""

    class Meta:
        model = JobAlert

    email = factory.Sequence(lambda n: f"seeker{n}@example.com")
    query = "visa=482&state=NSW"
    frequency = JobAlert.Frequency.DAILY


class ConfirmedAlertFactory(JobAlertFactory):
    """Confirmed two days ago and never checked since: due, and new roles count from then."""

    confirmed_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=2))
    sent_through = factory.LazyAttribute(lambda a: a.confirmed_at)
    last_checked_at = factory.LazyAttribute(lambda a: a.confirmed_at)


def approved_at(when: datetime, **fields) -> Role:
    """A live role approved (and posted) at ``when``."""
    return ApprovedRoleFactory(posted_at=when, approved_at=when, **fields)
