"""The bench seed: realistic roles in bulk, findable by every filter."""

import pytest
from django.core.cache import cache
from django.core.management import call_command

from listings.models import Employer, Role
from listings.search.filters import RoleFilter
from tests.bench.mix import search_urls
from tests.bench.seed import Command

pytestmark = pytest.mark.django_db


def test_seed_bench_adds_roles_and_reset_removes_them(client):
    cache.clear()
    call_command(Command(), roles=300, seed=1, stdout=None)
    bench = Role.objects.filter(employer__slug__startswith="bench-")
    assert bench.count() == 300
    assert bench.filter(status="approved").count() > 250
    assert bench.exclude(visa_subclasses=None).exists()
    visible = Role.objects.visible().count()
    assert 0 < RoleFilter({"visa": "482"}).qs.count() < visible
    assert RoleFilter({"q": "python"}).qs.exists()
    call_command(Command(), roles=100, seed=2, stdout=None)
    assert bench.count() == 400
    call_command(Command(), roles=50, reset=True, seed=3, stdout=None)
    assert bench.count() == 50
    assert Employer.objects.filter(slug__startswith="bench-").count() == 600


def test_the_bench_mix_is_100_distinct_urls_that_all_answer(client):
    call_command(Command(), roles=200, seed=4, stdout=None)
    urls = search_urls()
    assert len(urls) >= 100 and len(set(urls)) == len(urls)
    for url in urls[::7]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "We ignored" not in response.content.decode(), url
