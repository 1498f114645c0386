"""The moderation admin: the queue, the review page, the buttons and actions, and who may use them."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from listings.models import ListingReport, ModerationEvent, Role
from tests.factories import (
    ApprovedRoleFactory,
    FeedSourceFactory,
    MembershipFactory,
    PendingRoleFactory,
    RejectedRoleFactory,
    RoleFactory,
    UserFactory,
)
from tests.factories_posting import employer_member

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:listings_rolereview_changelist")


def review_url(role) -> str:
    return reverse("admin:listings_rolereview_review", args=[role.pk])


def approve_url(role) -> str:
    return reverse("admin:listings_rolereview_approve", args=[role.pk])


def reject_url(role) -> str:
    return reverse("admin:listings_rolereview_reject", args=[role.pk])


@pytest.fixture
def viewer(db):
    """Staff who may look at roles and reports, but not moderate."""
    user = UserFactory(username="viewer", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_role", "change_role", "view_listingreport", "change_listingreport"]
        )
    )
    return user


@pytest.fixture
def as_moderator(client, moderator):
    client.force_login(moderator)
    return client


def pending(**kwargs):
    membership = MembershipFactory(user=UserFactory(email="owner@acme.example"))
    return PendingRoleFactory(employer=membership.employer, **kwargs)


# --- The queue ---------------------------------------------------------------------------


def test_the_queue_lists_pending_oldest_first_with_reported_live_roles_on_top(as_moderator):
    now = timezone.now()
    newer = PendingRoleFactory(title="Newer pending", created_at=now - timedelta(hours=2))
    older = PendingRoleFactory(title="Older pending", created_at=now - timedelta(days=2))
    reported = ApprovedRoleFactory(title="Reported live role", created_at=now - timedelta(days=30))
    ListingReport.objects.create(role=reported, reason="scam")
    ApprovedRoleFactory(title="Quiet live role")
    RoleFactory(title="A draft")
    RejectedRoleFactory(title="A rejected role")
    html = as_moderator.get(QUEUE).content.decode()
    order = [html.index(t) for t in ("Reported live role", "Older pending", "Newer pending")]
    assert order == sorted(order)
    for absent in ("Quiet live role", "A draft", "A rejected role"):
        assert absent not in html
    assert newer.pk and older.pk
    # Filters: why in the queue, and where it came from.
    html = as_moderator.get(QUEUE, {"why": "reported"}).content.decode()
    assert "Reported live role" in html and "Older pending" not in html


def test_a_queue_row_shows_employer_visas_salary_source_and_flags(as_moderator):
    source = FeedSourceFactory(name="Acme Greenhouse")
    PendingRoleFactory(
        title="Forecasting Engineer",
        employer__name="Acme AI",
        streams=["482-specialist"],
        salary_min=100_000,
        salary_max=120_000,
        source=source,
        external_id="1",
        description="<p>Candidates must pay the sponsorship fee.</p>",
    )
    PendingRoleFactory(title="Posted by hand", streams=["482-core"])
    html = as_moderator.get(QUEUE).content.decode()
    assert "Acme AI" in html and "Forecasting Engineer" in html
    assert "482 (Specialist Skills)" in html
    assert "$100,000 – $120,000 a year" in html and "below SSIT $" in html
    assert "clears CSIT $" in html
    assert "Feed: Acme Greenhouse" in html and "Posting form" in html
    assert "Candidate pays?" in html and "Salary below SSIT" in html
    by_form = as_moderator.get(QUEUE, {"from": "form"}).content.decode()
    assert "Posted by hand" in by_form and "Forecasting Engineer" not in by_form


def test_the_queue_costs_the_same_queries_for_5_or_20_roles(
    as_moderator, django_assert_max_num_queries
):
    employer = MembershipFactory().employer
    source = FeedSourceFactory()

    def queue_queries(n: int) -> int:
        Role.objects.all().delete()
        for i in range(n):
            role = PendingRoleFactory(
                employer=employer if i % 2 else MembershipFactory().employer,
                title=f"Role {i}",
                visas=["482", "186"],
                streams=["482-core", "186-trt"],
                source=source if i % 3 == 0 else None,
                external_id=str(i),
            )
            if i % 4 == 0:
                ListingReport.objects.create(
                    role=ApprovedRoleFactory(employer=role.employer), reason="scam"
                )
        with CaptureQueriesContext(connection) as ctx:
            response = as_moderator.get(QUEUE)
        assert response.status_code == 200
        assert response.content.decode().count('class="action-checkbox"') >= n
        return len(ctx)

    five, twenty = queue_queries(5), queue_queries(20)
    assert five == twenty
    # Session, user, 2 permission lookups, the visa filter's choices, count, rows, 2 prefetches,
    # and the flags: duplicates and the visa reference data (subclasses, streams, thresholds).
    with django_assert_max_num_queries(13):
        as_moderator.get(QUEUE)


def test_a_494_below_the_tsmit_is_flagged_in_the_queue_and_on_the_review_page(as_moderator):
    role = PendingRoleFactory(title="Regional ML Engineer", visas=["494"], salary_min=60_000)
    html = as_moderator.get(QUEUE).content.decode()
    assert "Salary below TSMIT" in html and "below TSMIT $" in html
    review = " ".join(as_moderator.get(review_url(role)).content.decode().split())
    assert "Salary below the TSMIT $" in review
    assert "A salary from $60,000 is below the TSMIT of $" in review
    assert "Does the salary clear the income threshold today?" in review


def test_the_admin_index_shows_the_queue_count(as_moderator):
    PendingRoleFactory.create_batch(3)
    ListingReport.objects.create(role=ApprovedRoleFactory(), reason="filled")
    html = as_moderator.get(reverse("admin:index")).content.decode()
    assert 'id="queue-pending-count">3<' in html
    assert 'id="queue-reported-count">1<' in html
    assert QUEUE in html and "Review queue" in html


# --- The review page ---------------------------------------------------------------------


def test_the_review_page_shows_the_ad_evidence_history_and_events(as_moderator, moderator):
    employer = MembershipFactory().employer
    ApprovedRoleFactory(employer=employer, title="Earlier approved role")
    RejectedRoleFactory(
        employer=employer, title="Earlier rejected role", rejection_reason="Not an ML role."
    )
    role = PendingRoleFactory(
        employer=employer,
        title="Applied Scientist",
        streams=["482-core"],
        description="<p>Build ranking models.</p>",
        sponsorship_evidence="We sponsor 482 visas for this role.",
    )
    ModerationEvent.objects.create(role=role, action="submitted")
    html = as_moderator.get(review_url(role)).content.decode()
    assert "Applied Scientist" in html and "<p>Build ranking models.</p>" in html
    assert "We sponsor 482 visas for this role." in html
    assert "clears the CSIT" in html
    assert (
        "<strong>1</strong> role approved before" in html and "<strong>1</strong> rejected" in html
    )
    assert "Earlier rejected role" in html and "Not an ML role." in html
    assert "Submitted for review" in html
    assert 'value="Approve"' in html and reject_url(role) in html
    # The preview renders the public page's template.
    preview = as_moderator.get(reverse("admin:listings_rolereview_preview", args=[role.pk]))
    assert preview.status_code == 200 and "Build ranking models." in preview.content.decode()
    # A row's change link lands on the review page.
    change = reverse("admin:listings_rolereview_change", args=[role.pk])
    assert as_moderator.get(change).url == review_url(role)


def test_approve_button(as_moderator, moderator, django_capture_on_commit_callbacks):
    role = pending()
    assert as_moderator.get(approve_url(role)).status_code == 405
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = as_moderator.post(approve_url(role), follow=True)
    assert "Approved “" in response.content.decode()
    role.refresh_from_db()
    assert role.status == "approved"
    assert ModerationEvent.objects.get(role=role).actor == moderator
    [message] = mail.outbox
    assert message.subject.startswith("Live:") and role.title in message.subject
    # Approving twice is refused politely.
    response = as_moderator.post(approve_url(role), follow=True)
    assert "cannot be approved" in response.content.decode()


def test_reject_asks_for_a_reason_on_a_confirmation_page(
    as_moderator, moderator, django_capture_on_commit_callbacks
):
    role = pending(title="Data Engineer")
    page = as_moderator.get(reject_url(role)).content.decode()
    assert "Reason the employer reads" in page and "Data Engineer" in page
    assert "This is not a machine-learning role" in page  # a canned reason
    # No reason: nothing happens.
    response = as_moderator.post(
        reject_url(role), {"confirm": "yes", "canned": "other", "note": ""}
    )
    assert response.status_code == 200 and "Write the reason" in response.content.decode()
    role.refresh_from_db()
    assert role.status == "pending"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = as_moderator.post(
            reject_url(role),
            {"confirm": "yes", "canned": "not_ml", "note": "It is a data-warehouse role."},
        )
    assert response.url == QUEUE
    role.refresh_from_db()
    assert role.status == "rejected"
    assert role.rejection_reason.endswith("board lists. It is a data-warehouse role.")
    event = ModerationEvent.objects.get(role=role, action="rejected")
    assert event.actor == moderator and event.reason == role.rejection_reason
    [message] = mail.outbox
    assert "It is a data-warehouse role." in message.body


def test_bulk_approve_action(as_moderator, django_capture_on_commit_callbacks):
    roles = [pending(title=f"Bulk {n}") for n in range(3)]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = as_moderator.post(
            QUEUE,
            {"action": "approve_selected", "_selected_action": [r.pk for r in roles], "index": 0},
            follow=True,
        )
    assert "Approved 3 role(s)" in response.content.decode()
    assert set(Role.objects.values_list("status", flat=True)) == {"approved"}
    assert ModerationEvent.objects.filter(action="approved").count() == 3
    assert len(mail.outbox) == 3


def test_reject_action_goes_through_the_confirmation_page(as_moderator):
    roles = [pending(title=f"Bulk {n}") for n in range(2)]
    ids = [r.pk for r in roles]
    page = as_moderator.post(
        QUEUE, {"action": "reject_selected", "_selected_action": ids, "index": 0}
    )
    assert page.status_code == 200 and "These 2 roles will be rejected" in page.content.decode()
    assert set(Role.objects.values_list("status", flat=True)) == {"pending"}
    response = as_moderator.post(
        QUEUE,
        {
            "action": "reject_selected",
            "_selected_action": ids,
            "confirm": "yes",
            "canned": "duplicate",
        },
        follow=True,
    )
    assert "Rejected “Bulk 0”, “Bulk 1”" in response.content.decode()
    assert set(Role.objects.values_list("rejection_reason", flat=True)) == {
        "This role is already listed."
    }


def test_reports_on_the_review_page_dismiss_and_take_down(as_moderator, moderator):
    role = ApprovedRoleFactory(employer=MembershipFactory().employer)
    scam = ListingReport.objects.create(
        role=role, reason="scam", details="Asked me for $5,000.", contact_email="seeker@example.com"
    )
    filled = ListingReport.objects.create(role=role, reason="filled")
    html = as_moderator.get(review_url(role)).content.decode()
    assert "Asked me for $5,000." in html and "seeker@example.com" in html
    assert "Dismiss report" in html and "Close the role" in html
    dismiss = reverse("admin:listings_rolereview_dismiss_report", args=[scam.pk])
    as_moderator.post(dismiss, {"note": "Not credible."})
    scam.refresh_from_db()
    assert scam.status == "dismissed" and scam.resolved_by == moderator
    take_down = reverse("admin:listings_rolereview_take_down", args=[role.pk])
    response = as_moderator.post(take_down, {"reason": "Confirmed filled."})
    assert response.url == QUEUE
    role.refresh_from_db()
    filled.refresh_from_db()
    assert role.status == "closed" and filled.status == "actioned"
    assert list(
        ModerationEvent.objects.filter(role=role).order_by("id").values_list("action", flat=True)
    ) == ["report_dismissed", "closed", "report_actioned"]


def test_listing_report_admin_dismiss_action(as_moderator):
    report = ListingReport.objects.create(role=ApprovedRoleFactory(), reason="other", details="?")
    html = as_moderator.get(reverse("admin:listings_listingreport_changelist")).content.decode()
    assert review_url(report.role) in html
    as_moderator.post(
        reverse("admin:listings_listingreport_changelist"),
        {"action": "dismiss_selected", "_selected_action": [report.pk], "index": 0},
    )
    report.refresh_from_db()
    assert report.status == "dismissed"


def test_the_role_admin_offers_the_same_actions_and_keeps_status_read_only(as_moderator):
    role = pending()
    html = as_moderator.get(reverse("admin:listings_role_changelist")).content.decode()
    assert "Approve selected roles" in html and review_url(role) in html
    form = as_moderator.get(reverse("admin:listings_role_change", args=[role.pk]))
    assert 'name="status"' not in form.content.decode()


# --- Who may do what -----------------------------------------------------------------------


def test_staff_without_the_permission_see_the_queue_but_cannot_act(client, viewer):
    role = pending()
    report = ListingReport.objects.create(role=ApprovedRoleFactory(), reason="scam")
    client.force_login(viewer)
    queue = client.get(QUEUE)
    assert queue.status_code == 200
    html = queue.content.decode()
    assert role.title in html
    assert "Approve selected roles" not in html and 'name="action"' not in html
    assert "You can look, but not moderate" in html
    page = client.get(review_url(role)).content.decode()
    assert "but not moderate it" in page and 'value="Approve"' not in page
    assert client.post(approve_url(role)).status_code == 403
    assert client.get(reject_url(role)).status_code == 403
    assert client.post(reject_url(role), {"confirm": "yes", "canned": "not_ml"}).status_code == 403
    take_down = reverse("admin:listings_rolereview_take_down", args=[report.role_id])
    assert client.post(take_down, {"reason": "x"}).status_code == 403
    dismiss = reverse("admin:listings_rolereview_dismiss_report", args=[report.pk])
    assert client.post(dismiss).status_code == 403
    # Posting an action name by hand does nothing either.
    client.post(QUEUE, {"action": "approve_selected", "_selected_action": [role.pk], "index": 0})
    client.post(
        reverse("admin:listings_role_changelist"),
        {"action": "approve_selected", "_selected_action": [role.pk], "index": 0},
    )
    role.refresh_from_db()
    report.refresh_from_db()
    assert role.status == "pending" and report.status == "open"
    assert not ModerationEvent.objects.exists()


def test_staff_without_any_role_permission_do_not_see_the_queue(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(QUEUE).status_code == 403
    assert "queue-pending-count" not in client.get(reverse("admin:index")).content.decode()


def test_employers_never_reach_the_admin(client):
    user, employer = employer_member()
    role = PendingRoleFactory(employer=employer)
    client.force_login(user)
    for url in (reverse("admin:index"), QUEUE, review_url(role)):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response.url
    response = client.post(approve_url(role))
    assert response.status_code == 302 and "/admin/login/" in response.url
    role.refresh_from_db()
    assert role.status == "pending"
