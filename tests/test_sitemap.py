"""/sitemap.xml and /robots.txt: live roles and employers only."""

import xml.etree.ElementTree as ET  # parsing our own output

import pytest

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
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return [loc.text for loc in ET.fromstring(response.content).findall(".//s:loc", NS)]


def test_sitemap_index_links_every_section(client):
    sections = locations(client, "/sitemap.xml")
    assert sorted(s.rsplit("/", 1)[-1] for s in sections) == [
        "sitemap-employers.xml",
        "sitemap-pages.xml",
        "sitemap-roles.xml",
    ]


def test_only_live_roles_and_their_employers_are_in_the_sitemap(client):
    live = ApprovedRoleFactory(employer=EmployerFactory(slug="live-employer"))
    unstated = ApprovedRoleFactory(sponsorship=Role.Sponsorship.UNKNOWN)
    hidden = [
        factory(employer=EmployerFactory(slug=f"hidden-{n}"))
        for n, factory in enumerate(
            (PendingRoleFactory, RejectedRoleFactory, ExpiredRoleFactory, ClosedRoleFactory)
        )
    ]
    refused = ApprovedRoleFactory(sponsorship=Role.Sponsorship.NOT_OFFERED)
    roles = locations(client, "/sitemap-roles.xml")
    assert sorted(roles) == sorted(
        f"http://testserver{r.get_absolute_url()}" for r in (live, unstated)
    )
    for role in [*hidden, refused]:
        assert not any(url.endswith(role.get_absolute_url()) for url in roles)
    employers = locations(client, "/sitemap-employers.xml")
    assert "http://testserver/employers/live-employer/" in employers
    assert not any("hidden-" in url for url in employers)
    pages = locations(client, "/sitemap-pages.xml")
    assert {p.removeprefix("http://testserver") for p in pages} == {"/", "/jobs/", "/employers/"}


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_private_pages(client):
    response = client.get("/robots.txt")
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in body
    for private in ("/admin/", "/accounts/", "/dashboard/", "/post/"):
        assert f"Disallow: {private}" in body
    assert "Disallow: /jobs/\n" not in body
