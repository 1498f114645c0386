"""The board's data, one module a concept."""

from .alerts import AlertDelivery, JobAlert
from .employers import Employer, EmployerMembership
from .feeds import FeedSource, IngestRun
from .moderation import ListingReport, ModerationEvent, RoleReview
from .roles import Role, Specialty
from .visas import IncomeThreshold, Occupation, VisaStream, VisaSubclass

__all__ = [
    "AlertDelivery",
    "Employer",
    "EmployerMembership",
    "FeedSource",
    "IncomeThreshold",
    "IngestRun",
    "JobAlert",
    "ListingReport",
    "ModerationEvent",
    "Occupation",
    "Role",
    "RoleReview",
    "Specialty",
    "VisaStream",
    "VisaSubclass",
]
