"""The posting journey through the views: form → preview → submit → pending, and edits."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from listings.models import ModerationEvent, Role
from tests.factories import (
    ApprovedRoleFactory,
    PendingRoleFactory,
    RejectedRoleFactory,
    RoleFactory,
    UserFactory,
)
from tests.factories_posting import employer_member, role_post_data

pytestmark = pytest.mark.django_db

POST_URL = reverse("listings:post")


@pytest.fixture
def member(client):
    user, employer = employer_member(name="Acme AI")
    client.force_login(user)
    return user, employer


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(POST_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_user_without_employer_is_taken_to_the_profile_step(client):
    client.force_login(UserFactory())
    response = client.get(POST_URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('listings:employer_profile')}?next={POST_URL}"


def test_the_form_shows_fields_guidance_and_htmx_wiring(client, member):
    response = client.get(POST_URL)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("title", "description_markdown", "salary_min", "visa_subclasses", "closes_on"):
        assert f'name="{name}"' in html
    assert 'hx-post="/post/guidance/"' in html
    assert "Labour market testing checklist" in html
    assert 'class="hp-field"' in html  # the honeypot, hidden by the stylesheet
    assert "<script>" not in html.replace('<script src="', "")  # no inline script (CSP)


def test_preview_shows_the_rendered_ad_and_keeps_the_values(client, member):
    response = client.post(POST_URL, role_post_data(action="preview"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview your role" in html
    assert "<h2>What you&#x27;ll need</h2>" in html or "<h2>What you'll need</h2>" in html
    assert 'name="action" value="submit"' in html
    assert 'type="hidden" name="title" value="Machine Learning Engineer"' in html
    assert "Acme AI" in html
    assert not Role.objects.exists()


def test_preview_without_javascript_shows_the_threshold_warning(client, member):
    response = client.post(POST_URL, role_post_data(action="preview", salary_min="50000"))
    html = response.content.decode()
    assert "is below the CSIT" in html
    assert "has 1 warning" in html
    assert "Submit for review" in html  # a warning, not a block


def test_invalid_form_comes_back_with_errors_and_guidance(client, member):
    response = client.post(POST_URL, role_post_data(action="preview", salary_min="50000", title=""))
    html = response.content.decode()
    assert "There is a problem with the form" in html
    assert "Title: This field is required." in html
    assert "is below the CSIT" in html
    assert not Role.objects.exists()


def test_back_to_edit_returns_the_filled_form(client, member):
    response = client.post(POST_URL, role_post_data(action="edit"))
    html = response.content.decode()
    assert "Post a sponsored role" in html
    assert 'value="Machine Learning Engineer"' in html
    assert not Role.objects.exists()


def test_submit_creates_a_pending_role_emails_the_employer_and_confirms(
    client, member, django_capture_on_commit_callbacks
):
    user, employer = member
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(POST_URL, role_post_data(action="submit"))
    role = Role.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("listings:post_submitted", kwargs={"pk": role.pk})
    assert role.status == Role.Status.PENDING
    assert role.employer == employer and role.created_by == user
    assert role.sponsorship == Role.Sponsorship.OFFERED
    assert "482 Skills in Demand (Core Skills)" in role.sponsorship_evidence
    assert role.description_markdown.startswith("We build")
    assert role.description.startswith("<p>We build")
    assert [s.slug for s in role.visa_streams.all()] == ["482-core"]
    assert [s.code for s in role.visa_subclasses.all()] == ["482"]
    assert [s.slug for s in role.specialties.all()] == ["forecasting"]
    assert role.expires_at is not None
    event = ModerationEvent.objects.get(role=role)
    assert (event.action, event.actor) == (ModerationEvent.Action.SUBMITTED, user)

    [email] = mail.outbox
    assert email.to == [user.email]
    assert email.subject == "Received: Machine Learning Engineer is waiting for review"
    assert "Machine Learning Engineer" in email.body
    assert f"/dashboard/roles/{role.pk}/" in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html" and "See its status" in html

    page = client.get(response["Location"])
    assert "is waiting for review" in page.content.decode()
    assert "Pending review" in page.content.decode()


def test_a_pending_role_is_not_public(client, member):
    client.post(POST_URL, role_post_data(action="submit"))
    role = Role.objects.get()
    assert client.get(f"/jobs/{role.pk}/{role.slug}/").status_code == 404
    assert role not in Role.objects.visible()


def test_the_honeypot_blocks_the_submission(client, member):
    response = client.post(POST_URL, role_post_data(action="submit", website="http://spam"))
    assert response.status_code == 200
    assert "could not accept" in response.content.decode()
    assert not Role.objects.exists()


def test_submit_refreshes_the_search_index(client, member, monkeypatch):
    calls = []
    monkeypatch.setattr("listings.posting.services.index_roles", lambda ids: calls.append(ids))
    client.post(POST_URL, role_post_data(action="submit"))
    assert calls == [[Role.objects.get().pk]]


def test_guidance_endpoint_returns_the_partial(client, member):
    response = client.post(
        reverse("listings:post_guidance"),
        role_post_data(salary_min="60000", title=""),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert "A salary from $60,000 is below the CSIT" in html
    assert re.search(r"CSIT in force from \d+ \w+ \d{4}", html)
    assert "Source" in html


def test_guidance_endpoint_needs_post_and_login(client):
    assert client.post(reverse("listings:post_guidance")).status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse("listings:post_guidance")).status_code == 405


# --- Editing -------------------------------------------------------------------------------


def edit(client, role, **overrides):
    return client.post(
        reverse("listings:role_edit", kwargs={"pk": role.pk}),
        role_post_data(action="submit", **overrides),
    )


def test_the_edit_form_is_filled_from_the_role(client, member):
    _, employer = member
    role = PendingRoleFactory(employer=employer, title="Data Scientist", streams=["482-core"])
    role.description_markdown = "**Markdown** source"
    role.save()
    html = client.get(reverse("listings:role_edit", kwargs={"pk": role.pk})).content.decode()
    assert 'value="Data Scientist"' in html
    assert "**Markdown** source" in html
    assert 'hx-post="/dashboard/roles/' in html


def test_editing_a_pending_role_keeps_it_pending(
    client, member, django_capture_on_commit_callbacks
):
    _, employer = member
    role = PendingRoleFactory(employer=employer)
    with django_capture_on_commit_callbacks(execute=True):
        response = edit(client, role, title="Senior ML Engineer")
    role.refresh_from_db()
    assert response.status_code == 302
    assert (role.status, role.title) == (Role.Status.PENDING, "Senior ML Engineer")
    assert role.moderation_events.get().action == ModerationEvent.Action.EDITED
    assert mail.outbox == []  # still the same submission


def test_editing_an_approved_role_sends_it_back_to_review(
    client, member, django_capture_on_commit_callbacks
):
    _, employer = member
    role = ApprovedRoleFactory(employer=employer)
    with django_capture_on_commit_callbacks(execute=True):
        edit(client, role, salary_min="160000")
    role.refresh_from_db()
    assert role.status == Role.Status.PENDING
    assert role.salary_min == 160_000
    assert role not in Role.objects.visible()
    event = role.moderation_events.get()
    assert event.action == ModerationEvent.Action.EDITED
    assert "back in review" in event.reason
    [email] = mail.outbox
    assert email.subject.startswith("Changes received")


def test_editing_a_rejected_role_resubmits_it(client, member):
    _, employer = member
    role = RejectedRoleFactory(employer=employer)
    edit(client, role)
    role.refresh_from_db()
    assert role.status == Role.Status.PENDING
    assert role.rejection_reason == ""


def test_submitting_a_draft_records_a_submission(client, member):
    _, employer = member
    role = RoleFactory(employer=employer)  # a draft
    edit(client, role)
    role.refresh_from_db()
    assert role.status == Role.Status.PENDING
    assert role.moderation_events.get().action == ModerationEvent.Action.SUBMITTED


@pytest.mark.parametrize("status", [Role.Status.CLOSED, Role.Status.EXPIRED])
def test_closed_and_expired_roles_cannot_be_edited(client, member, status):
    _, employer = member
    role = ApprovedRoleFactory(employer=employer, status=status)
    response = client.get(reverse("listings:role_edit", kwargs={"pk": role.pk}))
    assert response.status_code == 302
    response = edit(client, role, title="Changed")
    role.refresh_from_db()
    assert role.title != "Changed" and role.status == status


# --- E-mails -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["submitted", "resubmitted", "approved", "rejected", "expiring"])
def test_every_role_email_renders(kind):
    from listings.notifications.emails import role_email

    _, employer = employer_member(name="Acme <AI>")
    role = RejectedRoleFactory(
        employer=employer, title="ML & Data Engineer", rejection_reason="Add the <salary>."
    )
    email = role_email(role=role, kind=kind)
    assert "ML & Data Engineer" in email.subject and "\n" not in email.subject
    assert "ML & Data Engineer" in email.text  # plain text is not HTML-escaped
    assert "ML &amp; Data Engineer" in email.html  # HTML is
    assert "Acme &lt;AI&gt;" in email.html
    if kind == "rejected":
        assert "Add the <salary>." in email.text
        assert "Add the &lt;salary&gt;." in email.html


def test_an_unknown_email_kind_is_an_error():
    from listings.notifications.emails import role_email

    with pytest.raises(ValueError, match="Unknown role e-mail"):
        role_email(role=RoleFactory(), kind="nope")


def test_recipients_are_the_employers_active_members_once():
    from listings.notifications.emails import role_recipients
    from tests.factories import MembershipFactory

    user, employer = employer_member()
    MembershipFactory(employer=employer, user=UserFactory(email="second@acme.example"))
    MembershipFactory(
        employer=employer, user=UserFactory(email="gone@acme.example", is_active=False)
    )
    role = RoleFactory(employer=employer, created_by=user)
    assert role_recipients(role) == sorted([user.email, "second@acme.example"])


def test_the_tasks_send_text_with_an_html_alternative():
    from listings.notifications.tasks import send_email, send_role_email

    assert (
        send_email.delay(to=["a@example.com"], subject="Hi", text="Text", html="<p>Hi</p>").get()
        == 1
    )
    [email] = mail.outbox
    assert (email.to, email.subject, email.body) == (["a@example.com"], "Hi", "Text")
    assert email.alternatives[0][1] == "text/html"
    _, employer = employer_member()
    role = PendingRoleFactory(employer=employer)
    assert send_role_email.delay(role.pk, "submitted").get() == 1
    assert send_role_email.delay(999_999, "submitted").get() == 0  # deleted since: nothing to do


def test_preview_shows_the_sponsorship_badge_candidates_will_see(client, member):
    html = client.post(POST_URL, role_post_data(action="preview")).content.decode()
    assert "Visa sponsorship offered" in html


def test_submitted_role_page_labels_the_sponsorship_sentence_as_the_employers_declaration(
    client, member
):
    client.post(POST_URL, role_post_data(action="submit"))
    role = Role.objects.get()
    html = client.get(reverse("listings:dashboard_role", kwargs={"pk": role.pk})).content.decode()
    assert "Employer&#x27;s declaration:" in html or "Employer's declaration:" in html
    assert role.sponsorship_evidence in html.replace("&#x27;", "'")
