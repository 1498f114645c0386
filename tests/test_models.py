"""Constraints and the Role queryset vocabulary."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from listings.models import Employer, Role
from tests.factories import (
    ApprovedRoleFactory,
    ClosedRoleFactory,
    EmployerFactory,
    ExpiredRoleFactory,
    FeedSourceFactory,
    MembershipFactory,
    PendingRoleFactory,
    RejectedRoleFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_salary_min_above_max_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleFactory(salary_min=200_000, salary_max=150_000)


def test_open_ended_salary_ranges_are_allowed():
    RoleFactory(salary_min=150_000, salary_max=None)
    RoleFactory(salary_min=None, salary_max=None)


def test_one_role_per_source_and_external_id():
    source = FeedSourceFactory()
    RoleFactory(source=source, external_id="123")
    RoleFactory(source=FeedSourceFactory(), external_id="123")  # another source may reuse the id
    RoleFactory(external_id="123")  # as may hand-posted roles
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleFactory(source=source, external_id="123")


def test_visible_lists_only_live_sponsored_roles():
    live = ApprovedRoleFactory()
    unstated = ApprovedRoleFactory(sponsorship=Role.Sponsorship.UNKNOWN)
    ApprovedRoleFactory(sponsorship=Role.Sponsorship.NOT_OFFERED)
    ApprovedRoleFactory(
        expires_at=timezone.now() - timedelta(minutes=1)
    )  # past closing, not yet swept
    ApprovedRoleFactory(duplicate_of=live)
    PendingRoleFactory()
    RoleFactory()
    RejectedRoleFactory()
    ExpiredRoleFactory()
    ClosedRoleFactory()
    assert set(Role.objects.visible()) == {live, unstated}


def test_published_includes_closed_and_expired_pages_but_never_unapproved():
    live = ApprovedRoleFactory()
    expired = ExpiredRoleFactory()
    closed = ClosedRoleFactory()
    PendingRoleFactory()
    RejectedRoleFactory()
    assert set(Role.objects.published()) == {live, expired, closed}


def test_pending_is_the_queue_oldest_first():
    newer = PendingRoleFactory(created_at=timezone.now())
    older = PendingRoleFactory(created_at=timezone.now() - timedelta(hours=3))
    ApprovedRoleFactory()
    assert list(Role.objects.pending()) == [older, newer]


def test_owned_by_only_the_members_employers():
    membership = MembershipFactory()
    mine = RoleFactory(employer=membership.employer)
    RoleFactory(employer=EmployerFactory())
    assert list(Role.objects.owned_by(membership.user)) == [mine]
    assert not Role.objects.owned_by(UserFactory()).exists()


def test_offering_filters_by_subclass_without_duplicates():
    both = ApprovedRoleFactory(visas=["482", "186"])
    only_186 = ApprovedRoleFactory(visas=["186"])
    ApprovedRoleFactory(visas=["494"])
    assert list(Role.objects.offering("482", "186").order_by("id")) == [both, only_186]


def test_for_listing_loads_a_page_in_a_constant_number_of_queries(django_assert_num_queries):
    for _ in range(5):
        ApprovedRoleFactory(visas=["482", "186"], streams=["482-core"], specialties=["nlp"])
    # roles + visas + streams(with subclass) + specialties, however many roles.
    with django_assert_num_queries(4):
        for role in Role.objects.visible().for_listing():
            _ = (role.employer.name, [v.code for v in role.visa_subclasses.all()])
            _ = (
                [str(s) for s in role.visa_streams.all()],
                [s.name for s in role.specialties.all()],
            )


def test_employer_abn_is_stored_as_digits_and_shown_formatted():
    employer = EmployerFactory(abn="51 824 753 556")
    employer.refresh_from_db()
    assert employer.abn == "51824753556"
    assert employer.abn_display == "51 824 753 556"


def test_employer_full_clean_rejects_a_bad_abn():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        Employer(name="X", slug="x", abn="51824753557").full_clean()
    assert "abn" in error.value.message_dict


def test_role_slug_and_url():
    role = ApprovedRoleFactory(title="Senior NLP Engineer", city="Melbourne")
    assert role.get_absolute_url() == f"/jobs/{role.pk}/senior-nlp-engineer-melbourne/"
