"""/jobs/feed/ (RSS 2.0) and /jobs/feed/atom/: the newest matches of any search."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import feedparser
import pytest
from django.utils import timezone

from listings.models import Role
from listings.search.feeds import FEED_SIZE
from tests.factories import (
    ApprovedRoleFactory,
    ClosedRoleFactory,
    ExpiredRoleFactory,
    PendingRoleFactory,
    RejectedRoleFactory,
)

pytestmark = pytest.mark.django_db


def parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    return response, feedparser.parse(response.content)


@pytest.fixture
def roles():
    now = timezone.now()
    return {
        "sydney": ApprovedRoleFactory(
            title="Sydney 482 Engineer", visas=["482"], state="NSW", posted_at=now
        ),
        "melbourne": ApprovedRoleFactory(
            title="Melbourne 186 Scientist",
            visas=["186"],
            state="VIC",
            posted_at=now - timedelta(days=1),
        ),
        "newcastle": ApprovedRoleFactory(
            title="Newcastle 482 Analyst",
            visas=["482"],
            state="NSW",
            posted_at=now - timedelta(days=2),
        ),
        "unstated": ApprovedRoleFactory(
            title="Unstated Role", sponsorship=Role.Sponsorship.UNKNOWN, state="NSW"
        ),
        "pending": PendingRoleFactory(title="Pending Role", state="NSW"),
        "rejected": RejectedRoleFactory(title="Rejected Role", state="NSW"),
        "expired": ExpiredRoleFactory(title="Expired Role", state="NSW"),
        "closed": ClosedRoleFactory(title="Closed Role", state="NSW"),
    }


def test_rss_holds_exactly_the_matching_roles_newest_first(client, roles):
    response, feed = parse(client, "/jobs/feed/?visa=482&state=NSW")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert feed.version == "rss20" and not feed.bozo
    assert [entry.title for entry in feed.entries] == [
        "Sydney 482 Engineer at " + roles["sydney"].employer.name,
        "Newcastle 482 Analyst at " + roles["newcastle"].employer.name,
    ]
    first = feed.entries[0]
    assert first.link.endswith(roles["sydney"].get_absolute_url())
    assert first.id == f"role-{roles['sydney'].pk}"
    assert "482 Skills in Demand" in first.summary
    assert roles["sydney"].sponsorship_evidence in first.summary
    assert feed.feed.title == "Sponsored ML roles in Australia: visa 482; NSW"
    assert feed.feed.link.endswith("/jobs/?visa=482&state=NSW")


def test_atom_is_the_same_search(client, roles):
    response, feed = parse(client, "/jobs/feed/atom/?state=NSW&sponsorship=any")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.version == "atom10" and not feed.bozo
    titles = {entry.title.split(" at ")[0] for entry in feed.entries}
    assert titles == {"Sydney 482 Engineer", "Newcastle 482 Analyst", "Unstated Role"}


def test_unapproved_expired_and_closed_roles_are_never_in_a_feed(client, roles):
    for url in ("/jobs/feed/", "/jobs/feed/?sponsorship=any", "/jobs/feed/atom/?q=role"):
        _, feed = parse(client, url)
        listed = " ".join(entry.title for entry in feed.entries)
        for hidden in ("Pending", "Rejected", "Expired", "Closed"):
            assert f"{hidden} Role" not in listed


def test_keywords_and_invalid_values(client, roles):
    _, feed = parse(client, "/jobs/feed/?q=scientist&visa=999&salary_min=abc")
    assert [entry.title.split(" at ")[0] for entry in feed.entries] == ["Melbourne 186 Scientist"]


def test_at_most_the_50_newest(client):
    template = ApprovedRoleFactory(title="Role 0")
    Role.objects.bulk_create(
        [
            Role(
                employer=template.employer,
                title=f"Role {n}",
                slug=f"role-{n}",
                description="<p>x</p>",
                status=Role.Status.APPROVED,
                posted_at=template.posted_at - timedelta(minutes=n),
                approved_at=template.posted_at,
            )
            for n in range(1, FEED_SIZE + 10)
        ]
    )
    _, feed = parse(client, "/jobs/feed/")
    assert len(feed.entries) == FEED_SIZE == 50
    assert feed.entries[0].title.startswith("Role 0 ") and feed.entries[-1].title.startswith(
        "Role 49 "
    )


SELF_LINK = './/{http://www.w3.org/2005/Atom}link[@rel="self"]'


@pytest.mark.parametrize("path", ["/jobs/feed/", "/jobs/feed/atom/"])
def test_the_feeds_self_link_keeps_the_search(client, path):
    ApprovedRoleFactory()
    response = client.get(path, {"visa": "482", "state": "NSW", "q": "pytorch", "visa_x": "junk"})
    link = ElementTree.fromstring(response.content).find(SELF_LINK)
    url = urlsplit(link.get("href"))
    assert url.path == path
    assert parse_qs(url.query) == {"visa": ["482"], "state": ["NSW"], "q": ["pytorch"]}
