"""The board's data, one module a concept."""

from .employers import Employer, EmployerMembership
from .feeds import FeedSource, IngestRun
from .moderation import ListingReport, ModerationEvent, RoleReview
from .roles import Role, Specialty
from .visas import IncomeThreshold, Occupation, VisaStream, VisaSubclass

__all__ = [
    "Employer",
    "EmployerMembership",
    "FeedSource",
    "IncomeThreshold",
    "IngestRun",
    "ListingReport",
    "ModerationEvent",
    "Occupation",
    "Role",
    "RoleReview",
    "Specialty",
    "VisaStream",
    "VisaSubclass",
]
