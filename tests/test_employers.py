"""/employers/ and /employers/<slug>/: employers with live roles, and which visas they offer."""

import re

import pytest
from django.core.cache import cache

from listings.models import Role
from tests.factories import (
    ApprovedRoleFactory,
    ClosedRoleFactory,
    EmployerFactory,
    ExpiredRoleFactory,
    PendingRoleFactory,
    RejectedRoleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def row(body: str, name: str) -> list[str]:
    """The cells of an employer's row in the directory table."""
    match = re.search(rf"<tr>\s*<th scope=\"row\"><a [^>]+>{name}</a>.*?</tr>", body, re.S)
    assert match, f"no row for {name}"
    return re.findall(r'<td class="num">([^<]*)</td>', match.group(0))


def test_directory_lists_employers_with_live_roles_and_counts_per_visa(client):
    wattle = EmployerFactory(name="Wattle AI")
    ApprovedRoleFactory(employer=wattle, visas=["482"])
    ApprovedRoleFactory(employer=wattle, visas=["482", "186"])
    ApprovedRoleFactory(employer=wattle, visas=["494"], sponsorship=Role.Sponsorship.UNKNOWN)
    ExpiredRoleFactory(employer=wattle, visas=["186"])
    galah = EmployerFactory(name="Galah Genomics")
    ApprovedRoleFactory(employer=galah, visas=["186"])
    for factory in (PendingRoleFactory, RejectedRoleFactory, ExpiredRoleFactory, ClosedRoleFactory):
        factory(employer=EmployerFactory(name=f"Hidden {factory.__name__}"))
    ApprovedRoleFactory(
        employer=EmployerFactory(name="Refuses Sponsorship"),
        sponsorship=Role.Sponsorship.NOT_OFFERED,
    )
    body = client.get("/employers/").content.decode()
    # live roles, 482, 186, 494
    assert row(body, "Wattle AI") == ["3", "2", "1", "1"]
    assert row(body, "Galah Genomics") == ["1", "–", "1", "–"]
    assert "Hidden" not in body and "Refuses Sponsorship" not in body
    assert "2 employers" in body
    assert body.index("Galah Genomics") < body.index("Wattle AI")


def test_directory_counts_follow_changes(client):
    role = ApprovedRoleFactory(employer=EmployerFactory(name="Bilby Data"))
    assert "Bilby Data" in client.get("/employers/").content.decode()
    role.status = Role.Status.CLOSED
    role.save()
    assert "Bilby Data" not in client.get("/employers/").content.decode()


def test_employer_page_lists_only_live_roles_with_visa_counts(client):
    employer = EmployerFactory(name="Numbat Vision", about="Cameras for farms.")
    ApprovedRoleFactory(employer=employer, title="Vision Engineer", visas=["482", "186"])
    ApprovedRoleFactory(employer=employer, title="Edge Engineer", visas=["482"])
    ExpiredRoleFactory(employer=employer, title="Expired Role")
    ClosedRoleFactory(employer=employer, title="Closed Role")
    PendingRoleFactory(employer=employer, title="Pending Role")
    response = client.get(employer.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Numbat Vision" in body and "Cameras for farms." in body
    assert "Vision Engineer" in body and "Edge Engineer" in body
    for hidden in ("Expired Role", "Closed Role", "Pending Role"):
        assert hidden not in body
    assert "482 Skills in Demand: 2 roles" in body
    assert "186 Employer Nomination Scheme: 1 role" in body
    assert "Live roles (2)" in body


def test_employer_whose_roles_all_closed_says_so_and_is_not_indexed(client):
    employer = EmployerFactory()
    ExpiredRoleFactory(employer=employer)
    body = client.get(employer.get_absolute_url()).content.decode()
    assert "No live roles right now" in body
    assert '<meta name="robots" content="noindex">' in body


def test_employer_never_published_is_404(client):
    employer = EmployerFactory()
    PendingRoleFactory(employer=employer)
    assert client.get(employer.get_absolute_url()).status_code == 404
    assert client.get("/employers/no-such-employer/").status_code == 404


def test_employer_page_is_paginated(client):
    employer = EmployerFactory(name="Magpie Data")
    for n in range(23):
        ApprovedRoleFactory(employer=employer, title=f"Role {n}")
    cache.clear()
    body = client.get(employer.get_absolute_url()).content.decode()
    assert "Live roles (23)" in body and body.count('class="role-card"') == 20
    assert 'href="?page=2"' in body and "hx-boost" not in body
    second = client.get(employer.get_absolute_url() + "?page=2").content.decode()
    assert second.count('class="role-card"') == 3
