"""Factories, one per role state, in the style of pythondotorg's jobs app."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from listings.models import (
    Employer,
    EmployerMembership,
    FeedSource,
    Role,
    Specialty,
    VisaStream,
    VisaSubclass,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    name = factory.Sequence(lambda n: f"Employer {n} Pty Ltd")
    slug = factory.Sequence(lambda n: f"employer-{n}")
    abn = "51824753556"
    website = "https://employer.example"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployerMembership

    employer = factory.SubFactory(EmployerFactory)
    user = factory.SubFactory(UserFactory)


def subclass(code: str) -> VisaSubclass:
    return VisaSubclass.objects.get(code=code)


def stream(slug: str) -> VisaStream:
    return VisaStream.objects.get(slug=slug)


class RoleFactory(factory.django.DjangoModelFactory):
    """A draft role; use the state factories below for the others."""

    class Meta:
        model = Role
        skip_postgeneration_save = True

    employer = factory.SubFactory(EmployerFactory)
    title = factory.Sequence(lambda n: f"Machine Learning Engineer {n}")
    description = "<p>Train and deploy models. We sponsor 482 visas for this role.</p>"
    city = "Sydney"
    state = "NSW"
    workplace = Role.Workplace.HYBRID
    employment_type = Role.EmploymentType.FULL_TIME
    salary_min = 150_000
    salary_max = 180_000
    sponsorship = Role.Sponsorship.OFFERED
    sponsorship_evidence = "We sponsor 482 visas for this role."
    apply_url = "https://employer.example/apply"
    status = Role.Status.DRAFT

    @factory.post_generation
    def visas(obj, create, extracted, **kwargs):
        """visas=["482", "186"]; defaults to 482."""
        if create:
            obj.visa_subclasses.set(
                [subclass(code) for code in (extracted if extracted is not None else ["482"])]
            )

    @factory.post_generation
    def streams(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.visa_streams.set([stream(slug) for slug in extracted])

    @factory.post_generation
    def specialties(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.specialties.set([Specialty.objects.get(slug=slug) for slug in extracted])


class PendingRoleFactory(RoleFactory):
    status = Role.Status.PENDING


class ApprovedRoleFactory(RoleFactory):
    status = Role.Status.APPROVED
    posted_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    approved_at = factory.LazyAttribute(lambda r: r.posted_at)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))


class RejectedRoleFactory(RoleFactory):
    status = Role.Status.REJECTED
    rejection_reason = "The ad does not say which visa is offered."


class ExpiredRoleFactory(ApprovedRoleFactory):
    status = Role.Status.EXPIRED
    expires_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


class ClosedRoleFactory(ApprovedRoleFactory):
    status = Role.Status.CLOSED
    closed_at = factory.LazyFunction(timezone.now)


class FeedSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedSource

    name = factory.Sequence(lambda n: f"Feed {n}")
    kind = FeedSource.Kind.GREENHOUSE
    url = factory.Sequence(
        lambda n: f"https://boards-api.greenhouse.io/v1/boards/company{n}/jobs?content=true"
    )
    employer = factory.SubFactory(EmployerFactory)
