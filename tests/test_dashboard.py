"""The employer's dashboard: every role state, and the close, renew and duplicate actions."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from listings.models import ModerationEvent, Role
from listings.posting.services import role_actions
from tests.factories import (
    ApprovedRoleFactory,
    ClosedRoleFactory,
    ExpiredRoleFactory,
    PendingRoleFactory,
    RejectedRoleFactory,
    RoleFactory,
    UserFactory,
)
from tests.factories_posting import employer_member

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("listings:dashboard")


@pytest.fixture
def member(client):
    user, employer = employer_member(name="Acme AI")
    client.force_login(user)
    return user, employer


def test_login_required(client):
    assert client.get(DASHBOARD).status_code == 302


def test_without_an_employer_the_dashboard_starts_with_the_profile(client):
    client.force_login(UserFactory())
    html = client.get(DASHBOARD).content.decode()
    assert "Start with your company profile" in html
    assert reverse("listings:employer_profile") in html


def test_with_no_roles_it_invites_the_first(client, member):
    html = client.get(DASHBOARD).content.decode()
    assert "You have no roles yet." in html
    assert "Acme AI" in html and "51 824 753 556" in html


def test_every_state_is_listed_with_status_reason_and_closing_date(client, member):
    _, employer = member
    live = ApprovedRoleFactory(employer=employer, title="Live role")
    PendingRoleFactory(employer=employer, title="Waiting role")
    RejectedRoleFactory(
        employer=employer, title="Rejected role", rejection_reason="Say which visa you offer."
    )
    ExpiredRoleFactory(employer=employer, title="Expired role")
    ClosedRoleFactory(employer=employer, title="Closed role")
    RoleFactory(employer=employer, title="Draft role")
    ApprovedRoleFactory(title="Someone else's role")
    response = client.get(DASHBOARD)
    html = response.content.decode()
    for title in (
        "Live role",
        "Waiting role",
        "Rejected role",
        "Expired role",
        "Closed role",
        "Draft role",
    ):
        assert title in html
    assert "Someone else" not in html
    for status in ("Live", "Pending review", "Rejected", "Expired", "Closed", "Draft"):
        assert f">{status}</span>" in html
    assert "Say which visa you offer." in html
    assert live.get_absolute_url() in html  # live roles link to the board
    closes = timezone.localtime(live.expires_at)
    assert closes.strftime("%-d %b %Y") in html
    assert "1 pending review" in html and "1 rejected" in html


def test_the_dashboard_runs_a_constant_number_of_queries(
    client, member, django_assert_max_num_queries
):
    _, employer = member
    for _ in range(8):
        ApprovedRoleFactory(employer=employer, visas=["482", "186"])
    with django_assert_max_num_queries(10):
        client.get(DASHBOARD)


@pytest.mark.parametrize(
    ("factory", "edit", "close", "renew"),
    [
        (RoleFactory, True, True, False),
        (PendingRoleFactory, True, True, False),
        (ApprovedRoleFactory, True, True, False),
        (RejectedRoleFactory, True, True, False),
        (ExpiredRoleFactory, False, False, True),
        (ClosedRoleFactory, False, False, False),
    ],
)
def test_actions_per_state(factory, edit, close, renew):
    actions = role_actions(factory())
    assert (actions.edit, actions.close, actions.renew, actions.duplicate) == (
        edit,
        close,
        renew,
        True,
    )


def test_an_approved_role_past_its_date_can_be_renewed_before_the_expiry_task_runs():
    role = ApprovedRoleFactory(expires_at=timezone.now() - timedelta(hours=1))
    assert role_actions(role).renew


def test_close(client, member):
    user, employer = member
    role = ApprovedRoleFactory(employer=employer)
    response = client.post(reverse("listings:role_close", kwargs={"pk": role.pk}), follow=True)
    role.refresh_from_db()
    assert role.status == Role.Status.CLOSED and role.closed_at
    assert role not in Role.objects.visible()
    event = role.moderation_events.get()
    assert (event.action, event.actor) == (ModerationEvent.Action.CLOSED, user)
    assert "It is no longer listed." in response.content.decode()


def test_closing_a_role_never_approved_does_not_say_it_left_the_board(client, member):
    _, employer = member
    role = PendingRoleFactory(employer=employer)
    body = client.post(
        reverse("listings:role_close", kwargs={"pk": role.pk}), follow=True
    ).content.decode()
    assert "It will not be reviewed or listed." in body
    assert "no longer listed" not in body


def test_the_dashboard_shows_the_posted_date_and_no_closing_date_once_closed(client, member):
    _, employer = member
    posted = timezone.now() - timedelta(days=40)
    ApprovedRoleFactory(
        employer=employer,
        title="Live role",
        posted_at=posted,
        expires_at=timezone.now() + timedelta(days=20),
    )
    closed = ClosedRoleFactory(employer=employer, title="Closed role")
    body = client.get(reverse("listings:dashboard")).content.decode()
    assert f"{timezone.localtime(posted):%-d %b %Y}" in body  # posted, not imported
    row = body[body.index("Closed role") :]
    row = row[: row.index("</tr>")]
    assert f"{timezone.localtime(closed.expires_at):%-d %b %Y}" not in row
    assert 'data-label="Closes">–<' in row


def test_close_needs_post(client, member):
    _, employer = member
    role = ApprovedRoleFactory(employer=employer)
    assert client.get(reverse("listings:role_close", kwargs={"pk": role.pk})).status_code == 405


def test_closing_twice_says_so(client, member):
    _, employer = member
    role = ClosedRoleFactory(employer=employer)
    response = client.post(reverse("listings:role_close", kwargs={"pk": role.pk}), follow=True)
    assert "already closed" in response.content.decode()
    assert not role.moderation_events.exists()


def test_renew_an_expired_role(client, member):
    user, employer = member
    role = ExpiredRoleFactory(employer=employer)
    response = client.post(reverse("listings:role_renew", kwargs={"pk": role.pk}), follow=True)
    role.refresh_from_db()
    assert role.status == Role.Status.APPROVED
    assert timezone.localdate(role.expires_at) == timezone.localdate() + timedelta(days=30)
    assert role in Role.objects.visible()
    event = role.moderation_events.get()
    assert (event.action, event.actor) == (ModerationEvent.Action.RENEWED, user)
    assert "listed again until" in response.content.decode()


def test_a_never_approved_expired_role_renews_into_review(client, member):
    _, employer = member
    role = ExpiredRoleFactory(employer=employer, approved_at=None)
    client.post(reverse("listings:role_renew", kwargs={"pk": role.pk}))
    role.refresh_from_db()
    assert role.status == Role.Status.PENDING


def test_a_live_role_cannot_be_renewed(client, member):
    _, employer = member
    role = ApprovedRoleFactory(employer=employer)
    before = role.expires_at
    response = client.post(reverse("listings:role_renew", kwargs={"pk": role.pk}), follow=True)
    role.refresh_from_db()
    assert role.expires_at == before
    assert "Only a role past its closing date can be renewed." in response.content.decode()


def test_duplicate_makes_a_draft_copy_and_opens_it(client, member):
    user, employer = member
    role = ApprovedRoleFactory(
        employer=employer, visas=["482", "186"], streams=["482-core"], specialties=["nlp"]
    )
    response = client.post(reverse("listings:role_duplicate", kwargs={"pk": role.pk}))
    copy = Role.objects.exclude(pk=role.pk).get()
    assert response["Location"] == reverse("listings:role_edit", kwargs={"pk": copy.pk})
    assert copy.status == Role.Status.DRAFT
    assert (copy.title, copy.employer, copy.created_by) == (role.title, employer, user)
    assert copy.expires_at is None and copy.approved_at is None and copy.posted_at is None
    assert {s.code for s in copy.visa_subclasses.all()} == {"482", "186"}
    assert [s.slug for s in copy.visa_streams.all()] == ["482-core"]
    assert [s.slug for s in copy.specialties.all()] == ["nlp"]
    assert copy not in Role.objects.visible()
    html = client.get(response["Location"]).content.decode()
    assert "This draft is not submitted yet" in html


def test_the_owner_sees_a_role_in_any_state_with_its_history(client, member):
    _, employer = member
    role = RejectedRoleFactory(employer=employer, rejection_reason="Add the salary.")
    ModerationEvent.objects.create(
        role=role, action=ModerationEvent.Action.REJECTED, reason="Add the salary."
    )
    html = client.get(reverse("listings:dashboard_role", kwargs={"pk": role.pk})).content.decode()
    assert role.title in html
    assert "Rejected by a moderator." in html
    assert "Rejected: Add the salary." in html
    assert "Visa guidance" in html
