"""The company profile: created by a user who becomes its member; only members change it."""

import pytest
from django.urls import reverse

from listings.models import Employer, EmployerMembership
from tests.factories import ApprovedRoleFactory, EmployerFactory, UserFactory
from tests.factories_posting import employer_member

pytestmark = pytest.mark.django_db

PROFILE = reverse("listings:employer_profile")
DATA = {
    "name": "Acme AI Pty Ltd",
    "abn": "51 824 753 556",
    "website": "acme.example",
    "about": "We build forecasting models.",
}


@pytest.fixture
def user(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_login_required(client):
    assert client.get(PROFILE).status_code == 302


def test_create_makes_the_user_a_member_and_continues_to_the_form(client, user):
    response = client.post(f"{PROFILE}?next=/post/", {**DATA, "next": "/post/"})
    assert response.status_code == 302 and response["Location"] == "/post/"
    employer = Employer.objects.get()
    assert employer.name == "Acme AI Pty Ltd"
    assert employer.slug == "acme-ai-pty-ltd"
    assert employer.abn == "51824753556"
    assert employer.abn_display == "51 824 753 556"
    assert employer.website == "https://acme.example"
    assert not employer.verified
    assert EmployerMembership.objects.filter(employer=employer, user=user).exists()
    assert client.get("/post/").status_code == 200


def test_create_without_next_goes_to_the_dashboard(client, user):
    response = client.post(PROFILE, DATA)
    assert response["Location"] == reverse("listings:dashboard")


def test_an_offsite_next_is_ignored(client, user):
    response = client.post(PROFILE, {**DATA, "next": "https://evil.example/"})
    assert response["Location"] == reverse("listings:dashboard")


def test_slugs_stay_unique(client, user):
    EmployerFactory(slug="acme-ai-pty-ltd")
    client.post(PROFILE, DATA)
    assert Employer.objects.filter(memberships__user=user).get().slug == "acme-ai-pty-ltd-2"


def test_a_bad_abn_is_shown_and_nothing_is_created(client, user):
    response = client.post(PROFILE, {**DATA, "abn": "51 824 753 557"})
    assert response.status_code == 200
    assert "the checksum does not match" in response.content.decode()
    assert not Employer.objects.exists()


def test_the_profile_page_edits_the_users_employer(client):
    user, employer = employer_member(name="Old Name", verified=True)
    client.force_login(user)
    html = client.get(PROFILE).content.decode()
    assert 'value="Old Name"' in html and 'value="51 824 753 556"' in html
    response = client.post(PROFILE, {**DATA, "name": "Old Name", "about": "New about."})
    employer.refresh_from_db()
    assert response.status_code == 302
    assert employer.about == "New about."
    assert employer.verified  # name and ABN unchanged
    assert Employer.objects.count() == 1


def test_a_new_name_or_abn_needs_verifying_again(client):
    user, employer = employer_member(name="Old Name", verified=True)
    client.force_login(user)
    role = ApprovedRoleFactory(employer=employer)
    client.post(reverse("listings:employer_profile_edit", kwargs={"pk": employer.pk}), DATA)
    employer.refresh_from_db()
    assert employer.name == "Acme AI Pty Ltd"
    assert not employer.verified
    role.refresh_from_db()
    assert str(role).endswith("Acme AI Pty Ltd")


def test_another_employers_profile_is_not_found(client):
    user, _ = employer_member()
    _, other = employer_member(name="Other Co")
    client.force_login(user)
    url = reverse("listings:employer_profile_edit", kwargs={"pk": other.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, DATA).status_code == 404
    other.refresh_from_db()
    assert other.name == "Other Co"
