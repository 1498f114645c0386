"""Put demo employers, roles and log-ins into the database, idempotently."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import override_settings
from django.utils import timezone
from django.utils.text import slugify

from listings.ingest.pipeline import ingest_source
from listings.models import Employer, EmployerMembership, FeedSource, IngestRun

from .boards import ashby_boards
from .catalogue import EMPLOYERS, valid_abn
from .server import feed_server


@dataclass(frozen=True)
class DemoLogin:
    label: str
    username: str
    email: str
    password: str


LOGINS = [
    DemoLogin("Administrator (superuser)", "admin", "admin@example.com", "demo-admin-password"),
    DemoLogin("Moderator", "moderator", "moderator@example.com", "demo-moderator-password"),
    DemoLogin(
        "Employer (Harbourline Analytics)",
        "employer",
        "employer@example.com",
        "demo-employer-password",
    ),
]


def employers_upsert(*, seed: int = 2026) -> dict[str, Employer]:
    rng = random.Random(seed)
    employers = {}
    for demo in EMPLOYERS:
        abn = valid_abn(rng)
        employers[demo.slug], _ = Employer.objects.update_or_create(
            slug=demo.slug,
            defaults={
                "name": demo.name,
                "website": demo.website,
                "about": demo.about,
                "abn": abn,
                "verified": True,
            },
        )
    return employers


def logins_ensure(employer: Employer) -> list[DemoLogin]:
    User = get_user_model()
    for login in LOGINS:
        user, created = User.objects.get_or_create(
            username=login.username, defaults={"email": login.email}
        )
        if created:
            user.set_password(login.password)
        user.is_staff = login.username in {"admin", "moderator"}
        user.is_superuser = login.username == "admin"
        user.save()
        if login.username == "moderator":
            user.groups.add(Group.objects.get(name="Moderators"))
        if login.username == "employer":
            EmployerMembership.objects.get_or_create(employer=employer, user=user)
        # allauth logs in by e-mail and needs the address verified (ACCOUNT_EMAIL_VERIFICATION).
        EmailAddress.objects.update_or_create(
            user=user, email=login.email, defaults={"verified": True, "primary": True}
        )
    return LOGINS


# The bundled sample feeds: (file, kind, employer for formats without a company, trusted).
# One source is untrusted, so the moderation queue has roles waiting after seeding.
SAMPLE_FEEDS = [
    ("greenhouse_jobs.json", "greenhouse", "WattleGrid AI", True),
    ("lever_postings.json", "lever", "Currawong Mobility", False),
    ("ashby_jobs.json", "ashby", "Quokka Motion", True),
    ("rss_jobs.xml", "rss", "", True),
    ("atom_jobs.xml", "atom", "", True),
    ("jsonfeed_jobs.json", "jsonfeed", "", True),
    ("jobposting_jsonld.html", "jsonld", "", True),
    ("indeed_feed.xml", "indeed", "", True),
]
CONTENT_TYPES = {".json": "application/json", ".xml": "application/xml", ".html": "text/html"}
FEEDS_DIR = Path(__file__).parent / "feeds"


@dataclass(frozen=True)
class DemoFeed:
    name: str
    path: str
    kind: str
    body: bytes
    employer: Employer | None
    trusted: bool


def demo_feeds(employers: dict[str, Employer], *, roles: int) -> list[DemoFeed]:
    feeds = []
    for filename, kind, employer_name, trusted in SAMPLE_FEEDS:
        employer = None
        if employer_name:
            employer, _ = Employer.objects.get_or_create(
                slug=slugify(employer_name), defaults={"name": employer_name}
            )
        body = (FEEDS_DIR / filename).read_bytes()
        feeds.append(
            DemoFeed(f"Demo: {filename}", f"/samples/{filename}", kind, body, employer, trusted)
        )
    for demo_employer, body in ashby_boards(roles, today=timezone.localdate()).items():
        employer = employers[demo_employer.slug]
        feeds.append(
            DemoFeed(
                f"Demo: {employer.name} (Ashby)",
                f"/ashby/{employer.slug}",
                "ashby",
                body,
                employer,
                True,
            )
        )
    return feeds


def demo_feeds_ingest(feeds: list[DemoFeed]) -> list[IngestRun]:
    """Serve the demo feeds on a local port and ingest each through the real pipeline.

    The sources are left inactive: the port they name is gone once seeding ends,
    and `seed_demo` serves them again when it is run again.
    """
    files = {
        feed.path: (feed.body, CONTENT_TYPES[Path(feed.path).suffix or ".json"]) for feed in feeds
    }
    runs = []
    # Our own loopback server: allowed even where production refuses private hosts.
    with feed_server(files) as base_url, override_settings(INGEST_ALLOW_PRIVATE_HOSTS=True):
        for feed in feeds:
            source, _ = FeedSource.objects.update_or_create(
                name=feed.name,
                defaults={
                    "kind": feed.kind,
                    "url": base_url + feed.path,
                    "employer": feed.employer,
                    "trusted": feed.trusted,
                    "active": False,
                },
            )
            runs.append(ingest_source(source=source))
    return runs
