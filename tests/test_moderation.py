"""Moderation services and flags: each action, its ModerationEvent, its e-mail, and who may act."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from listings.models import IncomeThreshold, ListingReport, ModerationEvent, Role
from listings.moderation import services
from listings.moderation.flags import (
    RejectionReason,
    queue_counts,
    queue_for_display,
    rejection_text,
    review_queue,
    role_flags,
    titles_similar,
)
from listings.moderation.services import (
    ModerationError,
    ReportError,
    report_create,
    report_resolve,
    role_approve,
    role_reject,
    role_take_down,
    roles_approve_bulk,
    roles_reject_bulk,
)
from listings.posting.services import closing_datetime
from listings.rules.salary import Outcome
from listings.visas import role_salary_checks, threshold_on, visa_reference
from tests.factories import (
    ApprovedRoleFactory,
    EmployerFactory,
    ExpiredRoleFactory,
    FeedSourceFactory,
    MembershipFactory,
    PendingRoleFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_without_permission(db):
    user = UserFactory(username="staff-viewer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_role"))
    return user


@pytest.fixture
def indexed(monkeypatch):
    """The role ids each index_roles() call was given."""
    calls: list[list[int]] = []
    real = services.index_roles

    def spy(ids=None, **kwargs):
        calls.append(sorted(ids))
        return real(ids, **kwargs)

    monkeypatch.setattr(services, "index_roles", spy)
    return calls


def pending_role(**kwargs) -> Role:
    membership = MembershipFactory(user=UserFactory(email="owner@acme.example"))
    return PendingRoleFactory(employer=membership.employer, **kwargs)


def events(role, action=None):
    qs = ModerationEvent.objects.filter(role=role)
    return list(qs.filter(action=action) if action else qs)


# --- Approve ---------------------------------------------------------------------------


def test_approve_publishes_records_emails_and_reindexes(
    moderator, indexed, django_capture_on_commit_callbacks
):
    closes = timezone.localdate() + timedelta(days=20)
    role = pending_role(expires_at=closing_datetime(closes))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        role_approve(role=role, user=moderator)
    role.refresh_from_db()
    assert role.status == Role.Status.APPROVED
    assert role.approved_at is not None and role.posted_at == role.approved_at
    assert role.expires_at == closing_datetime(closes)  # the employer's closing date is kept
    assert Role.objects.visible().filter(pk=role.pk).exists()
    [event] = events(role, ModerationEvent.Action.APPROVED)
    assert event.actor == moderator and "Listed until" in event.reason
    assert indexed == [[role.pk]]
    [message] = mail.outbox
    assert message.to == ["owner@acme.example"]
    assert "approved" in message.body and role.title in message.body


def test_approve_sets_a_default_closing_date_when_none_or_past(moderator):
    no_date = pending_role(expires_at=None)
    past = PendingRoleFactory(expires_at=timezone.now() - timedelta(days=2))
    default = closing_datetime(timezone.localdate() + timedelta(days=30))
    for role in (no_date, past):
        role_approve(role=role, user=moderator)
        role.refresh_from_db()
        assert role.expires_at == default


def test_approve_keeps_an_earlier_posted_at(moderator):
    first = timezone.now() - timedelta(days=90)
    role = pending_role(posted_at=first)
    role_approve(role=role, user=moderator)
    role.refresh_from_db()
    assert role.posted_at == first


def test_only_pending_or_rejected_roles_are_approved(moderator):
    for role in (ApprovedRoleFactory(), ExpiredRoleFactory(), RoleFactory()):
        with pytest.raises(ModerationError):
            role_approve(role=role, user=moderator)
    assert not ModerationEvent.objects.exists()


@pytest.mark.parametrize("who", ["anonymous_employer", "staff_without_permission", "nobody"])
def test_moderating_needs_the_permission(who, staff_without_permission):
    user = {
        "anonymous_employer": UserFactory(),
        "staff_without_permission": staff_without_permission,
        "nobody": None,
    }[who]
    role = pending_role()
    report = ListingReport.objects.create(role=ApprovedRoleFactory(), reason="scam")
    calls = [
        lambda: role_approve(role=role, user=user),
        lambda: role_reject(role=role, user=user, reason="No."),
        lambda: roles_approve_bulk(roles=[role], user=user),
        lambda: roles_reject_bulk(roles=[role], user=user, reason="No."),
        lambda: role_take_down(role=report.role, user=user, reason="Filled."),
        lambda: report_resolve(report=report, user=user, outcome="dismiss"),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    role.refresh_from_db()
    assert role.status == Role.Status.PENDING
    assert not ModerationEvent.objects.exists()


def test_superusers_and_the_moderators_group_may_moderate(superuser, moderator):
    assert services.user_can_moderate(superuser) and services.user_can_moderate(moderator)
    moderator.is_active = False
    assert not services.user_can_moderate(moderator)


def test_bulk_approve_approves_pending_and_skips_the_rest(
    moderator, indexed, django_capture_on_commit_callbacks
):
    waiting = [pending_role(title=f"Role {n}") for n in range(3)]
    live = ApprovedRoleFactory()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = roles_approve_bulk(roles=[*waiting, live], user=moderator)
    assert {r.pk for r in result.done} == {r.pk for r in waiting}
    assert [r.pk for r in result.skipped] == [live.pk]
    assert set(
        Role.objects.filter(pk__in=[r.pk for r in waiting]).values_list("status", flat=True)
    ) == {"approved"}
    assert ModerationEvent.objects.filter(action="approved", actor=moderator).count() == 3
    assert len(mail.outbox) == 3
    assert indexed == [sorted(r.pk for r in waiting)]


def test_bulk_approve_costs_the_same_queries_for_3_or_12_roles(moderator):
    assert services.user_can_moderate(moderator)  # permissions are cached on the user after this

    def queries(n: int) -> int:
        roles = PendingRoleFactory.create_batch(n)
        with CaptureQueriesContext(connection) as ctx:
            roles_approve_bulk(roles=roles, user=moderator)
        return len(ctx)

    assert queries(3) == queries(12)


# --- Reject and take down ----------------------------------------------------------------


def test_reject_needs_a_reason(moderator):
    role = pending_role()
    with pytest.raises(ModerationError, match="reason"):
        role_reject(role=role, user=moderator, reason="   ")
    with pytest.raises(ModerationError, match="reason"):
        roles_reject_bulk(roles=[role], user=moderator, reason="")
    role.refresh_from_db()
    assert role.status == Role.Status.PENDING


def test_rejecting_a_live_role_tells_the_employer_it_left_the_board(
    moderator, django_capture_on_commit_callbacks
):
    membership = MembershipFactory(user=UserFactory(email="owner@acme.example"))
    live = ApprovedRoleFactory(employer=membership.employer, title="Vision Engineer")
    pending = pending_role(title="Speech Engineer")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        role_reject(role=live, user=moderator, reason="The role asks candidates to pay visa fees.")
        role_reject(role=pending, user=moderator, reason="No sponsorship is stated.")
    removed, refused = sorted(mail.outbox, key=lambda message: "Vision" not in message.subject)
    assert removed.subject == "Removed from the board: Vision Engineer"
    assert "removed your role from the board" in removed.body
    assert "could not approve" not in removed.body
    assert "The role asks candidates to pay visa fees." in removed.body
    assert refused.subject == "Not approved: Speech Engineer"
    assert "could not approve your role" in refused.body


def test_reject_records_the_reason_and_the_employer_reads_it(
    client, moderator, indexed, django_capture_on_commit_callbacks
):
    role = pending_role(title="Vision Engineer")
    reason = rejection_text(canned=RejectionReason.NO_SPONSORSHIP, note="Name the 482 stream.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        role_reject(role=role, user=moderator, reason=reason)
    role.refresh_from_db()
    assert role.status == Role.Status.REJECTED and role.rejection_reason == reason
    [event] = events(role, ModerationEvent.Action.REJECTED)
    assert event.actor == moderator and event.reason == reason
    assert indexed == [[role.pk]]
    # By e-mail...
    [message] = mail.outbox
    assert message.to == ["owner@acme.example"]
    assert "does not clearly say that visa sponsorship is offered" in message.body
    assert "Name the 482 stream." in message.body
    # ...and on the dashboard, in the list and on the role's own page.
    client.force_login(role.employer.members.get())
    html = client.get(reverse("listings:dashboard")).content.decode()
    assert "Name the 482 stream." in html
    html = client.get(reverse("listings:dashboard_role", args=[role.pk])).content.decode()
    assert "Name the 482 stream." in html


def test_rejecting_a_live_role_takes_it_off_the_board_and_actions_its_reports(moderator):
    role = ApprovedRoleFactory()
    report = ListingReport.objects.create(role=role, reason="candidate_pays")
    role_reject(role=role, user=moderator, reason="Asks for a visa fee.")
    assert not Role.objects.visible().filter(pk=role.pk).exists()
    report.refresh_from_db()
    assert report.status == "actioned" and report.resolved_by == moderator
    assert [e.action for e in events(role)] == ["report_actioned", "rejected"]


def test_only_pending_or_live_roles_are_rejected(moderator):
    for role in (ExpiredRoleFactory(), RoleFactory(status=Role.Status.CLOSED)):
        with pytest.raises(ModerationError):
            role_reject(role=role, user=moderator, reason="No.")


def test_bulk_reject_skips_roles_that_cannot_be_rejected(moderator):
    waiting, expired = pending_role(), ExpiredRoleFactory()
    result = roles_reject_bulk(roles=[waiting, expired], user=moderator, reason="Not ML.")
    assert [r.pk for r in result.done] == [waiting.pk]
    assert [r.pk for r in result.skipped] == [expired.pk]


def test_take_down_closes_a_live_role_and_tells_the_employer(
    moderator, indexed, django_capture_on_commit_callbacks
):
    role = ApprovedRoleFactory(employer=MembershipFactory().employer)
    ListingReport.objects.create(role=role, reason="filled")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        role_take_down(role=role, user=moderator, reason="Reported as filled; confirmed.")
    role.refresh_from_db()
    assert role.status == Role.Status.CLOSED and role.closed_at
    [event] = events(role, ModerationEvent.Action.CLOSED)
    assert event.actor == moderator and event.reason == "Reported as filled; confirmed."
    assert role.reports.get().status == "actioned"
    [message] = mail.outbox
    assert message.subject.startswith("Taken down:") and "confirmed" in message.body
    assert indexed == [[role.pk]]
    with pytest.raises(ModerationError):
        role_take_down(role=role, user=moderator, reason="Again.")


# --- Reports -------------------------------------------------------------------------------


def test_a_report_needs_a_live_role():
    live = ApprovedRoleFactory()
    report = report_create(role=live, reason="scam", contact_email=" me@example.com ")
    assert report.status == "open" and report.contact_email == "me@example.com"
    for role in (
        PendingRoleFactory(),
        ExpiredRoleFactory(),
        ApprovedRoleFactory(sponsorship="not_offered"),
    ):
        with pytest.raises(ReportError):
            report_create(role=role, reason="scam")
    with pytest.raises(ReportError):
        report_create(role=live, reason="bogus")


def test_an_open_report_raises_a_live_role_into_the_queue_first():
    old_pending = PendingRoleFactory(created_at=timezone.now() - timedelta(days=3))
    new_pending = PendingRoleFactory(created_at=timezone.now() - timedelta(days=1))
    live = ApprovedRoleFactory(created_at=timezone.now() - timedelta(days=9))
    ApprovedRoleFactory()  # live, not reported: not in the queue
    assert list(review_queue()) == [old_pending, new_pending]
    report_create(role=live, reason="no_sponsorship")
    queue = list(review_queue())
    assert queue == [live, old_pending, new_pending]
    assert queue[0].open_report_count == 1 and queue[1].open_report_count == 0
    assert queue_counts() == {"pending": 2, "reported": 1}


def test_dismissing_a_report_is_recorded_and_lowers_the_role(moderator):
    role = ApprovedRoleFactory()
    first = report_create(role=role, reason="scam")
    second = report_create(role=role, reason="filled")
    report_resolve(report=first, user=moderator, outcome="dismiss", reason="Checked the site.")
    first.refresh_from_db()
    assert first.status == "dismissed" and first.resolved_by == moderator and first.resolved_at
    [event] = events(role, ModerationEvent.Action.REPORT_DISMISSED)
    assert "Looks like a scam" in event.reason and "Checked the site." in event.reason
    assert role in review_queue()  # the second report is still open
    report_resolve(report=second, user=moderator, outcome="dismiss")
    assert role not in review_queue()
    with pytest.raises(ModerationError, match="already resolved"):
        report_resolve(report=second, user=moderator, outcome="dismiss")


@pytest.mark.parametrize(
    ("outcome", "status", "action"),
    [("reject", "rejected", "rejected"), ("close", "closed", "closed")],
)
def test_acting_on_a_report_resolves_every_open_report(moderator, outcome, status, action):
    role = ApprovedRoleFactory()
    reports = [report_create(role=role, reason="candidate_pays") for _ in range(2)]
    resolved = report_resolve(
        report=reports[0], user=moderator, outcome=outcome, reason="Asks for a fee."
    )
    role.refresh_from_db()
    assert role.status == status
    assert resolved.status == "actioned"
    assert set(role.reports.values_list("status", flat=True)) == {"actioned"}
    assert {e.action for e in events(role)} == {action, "report_actioned"}
    assert "2 open reports" in events(role, "report_actioned")[0].reason


def test_acting_on_a_report_needs_a_reason(moderator):
    report = report_create(role=ApprovedRoleFactory(), reason="scam")
    with pytest.raises(ModerationError):
        report_resolve(report=report, user=moderator, outcome="reject", reason="")
    report.refresh_from_db()
    assert report.status == "open"


# --- Flags ---------------------------------------------------------------------------------


def flags_of(role):
    [row] = queue_for_display(review_queue().filter(pk=role.pk))
    return role_flags([row], on=timezone.localdate())[role.pk]


def test_rejection_text():
    assert rejection_text(canned="not_ml", note="") == RejectionReason.NOT_ML.label
    assert rejection_text(canned="not_ml", note=" See  the FAQ. ").endswith(
        "board lists. See the FAQ."
    )
    assert rejection_text(canned="other", note="Written reason.") == "Written reason."
    assert rejection_text(canned="other", note="  ") == ""


def test_a_clean_role_has_no_flags():
    flags = flags_of(PendingRoleFactory(streams=["482-core"], salary_min=150_000))
    assert not flags and flags.labels == []
    [salary] = flags.salaries
    assert salary.outcome == Outcome.CLEARS


def test_candidate_pays_phrase_is_flagged():
    role = PendingRoleFactory(
        description="<p>Great team.</p><p>The successful candidate will pay the visa sponsorship fee.</p>"
    )
    flags = flags_of(role)
    assert "pay" in flags.candidate_pays
    assert flags.labels[0] == "Candidate pays?"


def test_salary_below_the_threshold_of_a_chosen_stream_agrees_with_the_role_page():
    role = PendingRoleFactory(
        streams=["482-specialist", "482-core"], salary_min=120_000, salary_max=130_000
    )
    flags = flags_of(role)
    # The one salary rule: the same checks the role page shows.
    assert flags.salaries == role_salary_checks(
        role, on=timezone.localdate(), reference=visa_reference()
    )
    [below] = flags.below_threshold
    assert below.label == "482 Specialist Skills" and below.threshold.name == "SSIT"
    assert "Salary below SSIT" in flags.labels


def test_a_subclass_without_a_stream_is_below_only_when_below_every_stream():
    csit = IncomeThreshold.objects.filter(name="CSIT").order_by("-effective_from").first()
    under = PendingRoleFactory(visas=["482"], salary_min=50_000, salary_max=None)
    [item] = flags_of(under).below_threshold
    assert item.label == "482 Skills in Demand (no stream named)"
    assert item.threshold.name == "CSIT"  # the lowest: what the employer must pay at least
    assert "Salary below CSIT" in flags_of(under).labels
    # Above the CSIT (the Core Skills route) but below the SSIT: not flagged.
    between = PendingRoleFactory(visas=["482"], salary_min=csit.amount + 1_000)
    assert flags_of(between).below_threshold == ()
    # No salary: cannot tell, no flag.
    assert (
        flags_of(
            PendingRoleFactory(visas=["482"], salary_min=None, salary_max=None)
        ).below_threshold
        == ()
    )


def test_a_494_below_the_tsmit_is_flagged():
    tsmit = threshold_on("TSMIT", timezone.localdate())
    flags = flags_of(PendingRoleFactory(visas=["494"], salary_min=tsmit.amount - 1))
    [below] = flags.below_threshold
    assert below.threshold.name == "TSMIT"
    assert "Salary below TSMIT" in flags.labels
    assert (
        flags_of(PendingRoleFactory(visas=["494"], salary_min=tsmit.amount)).below_threshold == ()
    )


def test_possible_duplicates():
    employer = EmployerFactory()
    live = ApprovedRoleFactory(employer=employer, title="Senior ML Engineer", city="Sydney")
    twin = PendingRoleFactory(employer=employer, title="Senior ML Engineer!", city="sydney")
    elsewhere = PendingRoleFactory(
        employer=employer, title="Senior ML Engineer", city="Perth", state="WA"
    )
    other_title = PendingRoleFactory(employer=employer, title="Data Platform Lead", city="Sydney")
    other_employer = PendingRoleFactory(title="Senior ML Engineer", city="Sydney")
    [dup] = flags_of(twin).duplicates
    assert dup.id == live.id and "similar title" in dup.why
    for role in (elsewhere, other_title, other_employer):
        assert flags_of(role).duplicates == ()
    # Ingest's dedupe key, across feeds.
    source = FeedSourceFactory(employer=employer)
    a = PendingRoleFactory(employer=employer, title="NLP Scientist", dedupe_key="k1", source=source)
    b = ApprovedRoleFactory(employer=employer, title="Research Scientist, NLP", dedupe_key="k1")
    assert [d.id for d in flags_of(a).duplicates] == [b.id]
    # Marked by ingest or a moderator.
    c = PendingRoleFactory(title="Anything", duplicate_of=b)
    [marked] = flags_of(c).duplicates
    assert marked.id == b.id and marked.why == "marked duplicate"
    assert "Possible duplicate" in flags_of(twin).labels


def test_titles_similar():
    assert titles_similar("Machine Learning Engineer", "machine-learning engineer")
    assert titles_similar("Machine Learning Engineer", "Machine Learning Engineer II")
    assert not titles_similar("Machine Learning Engineer", "Data Engineer")
    assert not titles_similar("", "Data Engineer")


def test_flags_for_a_page_cost_the_same_queries_for_5_or_20_roles():
    def queries(n: int) -> int:
        Role.objects.all().delete()
        for i in range(n):
            PendingRoleFactory(streams=["482-core"], visas=["482", "186"], title=f"Role {i}")
        rows = list(queue_for_display(review_queue()))
        with CaptureQueriesContext(connection) as ctx:
            flags = role_flags(rows, on=timezone.localdate())
        assert len(flags) == n
        return len(ctx)

    # Duplicates (1) and the visa reference data (3); reports come annotated on the rows.
    assert queries(5) == queries(20) <= 4
