"""Put demo employers, roles and log-ins into the database, idempotently."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from listings.models import (
    Employer,
    EmployerMembership,
    Occupation,
    Role,
    Specialty,
    VisaStream,
    VisaSubclass,
)

from .catalogue import EMPLOYERS, DemoRole, valid_abn


@dataclass(frozen=True)
class DemoLogin:
    label: str
    username: str
    email: str
    password: str


LOGINS = [
    DemoLogin("Administrator (superuser)", "admin", "admin@example.com", "demo-admin-password"),
    DemoLogin("Moderator", "moderator", "moderator@example.com", "demo-moderator-password"),
    DemoLogin(
        "Employer (Harbourline Analytics)",
        "employer",
        "employer@example.com",
        "demo-employer-password",
    ),
]


def employers_upsert(*, seed: int = 2026) -> dict[str, Employer]:
    rng = random.Random(seed)
    employers = {}
    for demo in EMPLOYERS:
        abn = valid_abn(rng)
        employers[demo.slug], _ = Employer.objects.update_or_create(
            slug=demo.slug,
            defaults={
                "name": demo.name,
                "website": demo.website,
                "about": demo.about,
                "abn": abn,
                "verified": True,
            },
        )
    return employers


def logins_ensure(employer: Employer) -> list[DemoLogin]:
    User = get_user_model()
    for login in LOGINS:
        user, created = User.objects.get_or_create(
            username=login.username, defaults={"email": login.email}
        )
        if created:
            user.set_password(login.password)
        user.is_staff = login.username in {"admin", "moderator"}
        user.is_superuser = login.username == "admin"
        user.save()
        if login.username == "moderator":
            user.groups.add(Group.objects.get(name="Moderators"))
        if login.username == "employer":
            EmployerMembership.objects.get_or_create(employer=employer, user=user)
    return LOGINS


@transaction.atomic
def roles_upsert(demo_roles: list[DemoRole], employers: dict[str, Employer]) -> int:
    """Create or refresh the demo roles as approved; returns how many were created."""
    now = timezone.now()
    subclasses = {s.code: s for s in VisaSubclass.objects.all()}
    streams = {s.slug: s for s in VisaStream.objects.all()}
    specialties = {s.slug: s for s in Specialty.objects.all()}
    occupations = {o.anzsco_code: o for o in Occupation.objects.all()}
    created = 0
    for demo in demo_roles:
        posted = now - timedelta(days=demo.days_ago, hours=demo.days_ago % 7)
        role, was_created = Role.objects.update_or_create(
            employer=employers[demo.employer.slug],
            external_id=demo.external_id,
            source=None,
            defaults={
                "title": demo.title,
                "slug": "",
                "description": demo.description_html,
                "city": demo.city,
                "state": demo.state,
                "workplace": demo.workplace,
                "employment_type": demo.employment_type,
                "seniority": demo.seniority,
                "salary_min": demo.salary_min,
                "salary_max": demo.salary_max,
                "sponsorship": demo.sponsorship,
                "sponsorship_evidence": demo.evidence,
                "occupation": occupations.get(demo.occupation),
                "apply_url": f"{demo.employer.website}/careers/{demo.external_id}",
                "status": Role.Status.APPROVED,
                "posted_at": posted,
                "approved_at": posted,
                "expires_at": posted + timedelta(days=45),
            },
        )
        created += was_created
        role.visa_subclasses.set([subclasses[c] for c in demo.visas])
        role.visa_streams.set([streams[s] for s in demo.streams])
        role.specialties.set([specialties[s] for s in demo.specialties])
    return created
