"""seed_demo: enough realistic roles across states and visas, loaded through the real ingest path; idempotent."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from listings.models import Employer, FeedSource, IngestRun, Role

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_a_browsable_board(capsys):
    call_command("seed_demo")
    live = Role.objects.visible()
    assert live.count() >= 40
    assert set(live.values_list("state", flat=True)) - {""} == {
        "NSW",
        "VIC",
        "QLD",
        "WA",
        "SA",
        "TAS",
        "ACT",
        "NT",
    }
    assert set(live.values_list("visa_subclasses__code", flat=True)) - {None} == {
        "482",
        "186",
        "494",
    }
    assert set(live.values_list("workplace", flat=True)) == {"onsite", "hybrid", "remote"}
    assert Employer.objects.filter(abn__gt="").count() >= 5
    # Every role came through ingest: fetched over HTTP, parsed, classified.
    assert not live.filter(source__isnull=True).exists()
    assert set(FeedSource.objects.values_list("kind", flat=True)) == {
        "greenhouse",
        "lever",
        "ashby",
        "rss",
        "atom",
        "jsonfeed",
        "jsonld",
        "indeed",
    }
    assert not IngestRun.objects.filter(status="failed").exists()
    assert live.filter(sponsorship="offered").exclude(sponsorship_evidence="").count() >= 40
    assert (
        Role.objects.pending().exists()
    )  # one demo source is untrusted: the moderation queue has work
    out = capsys.readouterr().out
    assert "admin / demo-admin-password" in out and "employer / demo-employer-password" in out
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="employer").employers.exists()


def test_seed_demo_is_idempotent():
    call_command("seed_demo")
    before = (Role.objects.count(), Employer.objects.count(), get_user_model().objects.count())
    call_command("seed_demo")
    assert (
        Role.objects.count(),
        Employer.objects.count(),
        get_user_model().objects.count(),
    ) == before


def test_seed_demo_refuses_production_without_force(settings):
    from django.core.management.base import CommandError

    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")
