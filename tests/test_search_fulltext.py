"""Full-text search: the weighted vector, websearch syntax, ranking, upkeep."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from listings.models import Employer, Role, Specialty
from listings.search.filters import RANK_CANDIDATES, RoleFilter
from listings.search.index import flush_search_index, index_roles
from tests.factories import ApprovedRoleFactory, EmployerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def found(q: str, **params) -> list[str]:
    return [role.title for role in RoleFilter({"q": q, **params}).qs]


def row(role: Role, column: str):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM listings_role WHERE id = %s", [role.pk])
        return cursor.fetchone()[0]


def test_title_match_outranks_employer_match_outranks_description_match():
    posted = timezone.now()
    in_description = ApprovedRoleFactory(
        title="Platform Engineer",
        description="<p>Our anomaly detection team ships daily.</p>",
        posted_at=posted,
    )
    in_employer = ApprovedRoleFactory(
        title="Data Engineer",
        employer=EmployerFactory(name="Anomaly Labs"),
        description="<p>Pipelines.</p>",
        posted_at=posted - timedelta(days=1),
    )
    in_title = ApprovedRoleFactory(
        title="Anomaly Detection Scientist",
        description="<p>Models.</p>",
        posted_at=posted - timedelta(days=2),
    )
    index_roles([in_description.pk, in_employer.pk, in_title.pk])
    assert found("anomaly") == [in_title.title, in_employer.title, in_description.title]


def test_websearch_syntax_phrases_or_and_exclusions():
    ApprovedRoleFactory(title="Computer Vision Engineer", description="<p>Edge devices.</p>")
    ApprovedRoleFactory(title="Vision Scientist", description="<p>Computer graphics research.</p>")
    ApprovedRoleFactory(title="Speech Engineer", description="<p>Audio models.</p>")
    index_roles()
    assert set(found('"computer vision"')) == {"Computer Vision Engineer"}
    assert set(found("vision -research")) == {"Computer Vision Engineer"}
    assert set(found("speech or graphics")) == {"Speech Engineer", "Vision Scientist"}
    assert found("engineers") == found("engineer")  # stemmed
    assert found("the and of") == []  # only stop words: no match rather than an error


def test_vector_holds_title_employer_specialties_and_description_text_not_html():
    role = ApprovedRoleFactory(
        title="Speech Engineer",
        employer=EmployerFactory(name="Kookaburra Audio"),
        description='<p class="intro">Build <strong>wav2vec</strong> models.</p>',
        specialties=["speech"],
    )
    index_roles([role.pk])
    vector = row(role, "search_vector")
    assert "'speech':1A" in vector
    assert "'kookaburra':3B" in vector and "'audio'" in vector
    assert "'wav2vec'" in vector
    assert "strong" not in vector and "intro" not in vector


def test_the_database_keeps_search_data_right_for_writes_that_skip_index_roles():
    """Factories, the admin and bulk writes: triggers keep vectors and link arrays in step."""
    role = ApprovedRoleFactory(
        title="Geospatial Analyst", visas=["494"], streams=[], specialties=["computer-vision"]
    )
    assert found("geospatial") == ["Geospatial Analyst"]
    assert [r.title for r in RoleFilter({"visa": "494"}).qs] == ["Geospatial Analyst"]
    assert RoleFilter({"specialty": "computer-vision"}).qs.count() == 1

    role.visa_subclasses.set([])
    role.specialties.add(Specialty.objects.get(slug="nlp"))
    assert RoleFilter({"visa": "494"}).qs.count() == 0
    assert RoleFilter({"specialty": "nlp"}).qs.count() == 1
    assert found("language") == ["Geospatial Analyst"]  # the specialty's name is searchable

    role.title = "Satellite Imagery Scientist"
    role.save()
    assert found("satellite") == ["Satellite Imagery Scientist"] and found("geospatial") == []

    Employer.objects.filter(pk=role.employer_id).update(name="Numbat Earth Observation")
    assert found("numbat") == ["Satellite Imagery Scientist"]


def test_index_roles_refreshes_in_one_statement_and_defers_for_bulk_loads(
    django_assert_num_queries,
):
    roles = [ApprovedRoleFactory(title=f"Role {n}", visas=["482"]) for n in range(3)]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE listings_role SET search_vector = NULL, visa_ids = '{}'")
    assert RoleFilter({"visa": "482"}).qs.count() == 0
    with django_assert_num_queries(1):
        index_roles([r.pk for r in roles])
    assert RoleFilter({"visa": "482"}).qs.count() == 3
    assert set(found("role")) == {r.title for r in roles}

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL listings.defer_index = 'on'")
    deferred = ApprovedRoleFactory(title="Deferred Role", visas=["186"])
    assert found("deferred") == [] and RoleFilter({"visa": "186"}).qs.count() == 0
    index_roles([deferred.pk])
    assert found("deferred") == ["Deferred Role"]
    assert RoleFilter({"visa": "186"}).qs.count() == 1


def test_relevance_is_ranked_among_the_newest_matches_only(settings):
    now = timezone.now()
    old_title_match = ApprovedRoleFactory(
        title="Forecasting Lead", posted_at=now - timedelta(days=20)
    )
    newer = [
        ApprovedRoleFactory(
            title=f"Engineer {n}",
            description="<p>Some forecasting.</p>",
            posted_at=now - timedelta(hours=n),
        )
        for n in range(3)
    ]
    filterset = RoleFilter({"q": "forecasting"})
    ranked = list(filterset.qs)
    assert ranked[0] == old_title_match
    # With room for only the three newest candidates, the old title match is not ranked.
    bounded = list(
        filterset.filter_queryset(Role.objects.visible()).ranked("forecasting", candidates=3)
    )
    assert set(bounded) == set(newer)
    # One page at a time, the same order as ranked().
    sliced = filterset.filter_queryset(Role.objects.visible()).ranked_slice(
        "forecasting", candidates=RANK_CANDIDATES, start=1, stop=3
    )
    assert list(sliced) == ranked[1:3]


def test_keyword_search_uses_the_gin_index():
    template = ApprovedRoleFactory(title="Engineer")
    Role.objects.bulk_create(
        [
            Role(
                employer=template.employer,
                title=f"Machine Learning Engineer {n}",
                slug=f"engineer-{n}",
                description="<p>Python and PyTorch.</p>",
                status=Role.Status.APPROVED,
                posted_at=template.posted_at,
                approved_at=template.posted_at,
            )
            for n in range(2000)
        ]
    )
    ApprovedRoleFactory(title="Bioacoustics Researcher")
    # As after an ingest run: the index's pending list merged into its tree (migration 0012).
    flush_search_index()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE listings_role")
        # A table this small is cheaper to read whole; the question is whether the index serves.
        cursor.execute("SET LOCAL enable_seqscan = off")
    assert found("bioacoustics") == ["Bioacoustics Researcher"]
    plan = RoleFilter({"q": "bioacoustics", "sort": "newest"}).qs.explain()
    assert "role_live_search_idx" in plan
