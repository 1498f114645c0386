"""/jobs/: every parameter of the public contract, alone and combined, on either database."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from listings.models import Role
from listings.search.filters import MAX_RESULTS, RoleFilter
from listings.search.index import index_roles
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
    yield
    cache.clear()


def titles(response) -> list[str]:
    """Role titles listed on a search page, in order."""
    body = response.content.decode()
    return re.findall(r'<h3 class="role-title"><a href="[^"]+">([^<]+)</a>', body)


def search(client, query: str = "", **headers):
    response = client.get(f"/jobs/?{query}" if query else "/jobs/", headers=headers)
    assert response.status_code == 200
    return response


def role(title: str, **kwargs) -> Role:
    created = ApprovedRoleFactory(title=title, **kwargs)
    index_roles([created.pk])
    return created


# Each filter alone.


def test_no_parameters_lists_live_roles_with_sponsorship_offered_newest_first(client):
    older = role("Older Role", posted_at=timezone.now() - timedelta(days=5))
    newer = role("Newer Role", posted_at=timezone.now() - timedelta(hours=1))
    role("Unstated Role", sponsorship=Role.Sponsorship.UNKNOWN)
    assert titles(search(client)) == [newer.title, older.title]


def test_sponsorship_any_adds_roles_that_do_not_state_it(client):
    role("Offered Role")
    role("Unstated Role", sponsorship=Role.Sponsorship.UNKNOWN)
    role("Refused Role", sponsorship=Role.Sponsorship.NOT_OFFERED)
    listed = titles(search(client, "sponsorship=any"))
    assert sorted(listed) == ["Offered Role", "Unstated Role"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("visa=482", {"Sydney 482", "Remote 482 and 186"}),
        ("visa=186", {"Melbourne 186", "Remote 482 and 186"}),
        ("visa=494", {"Hobart 494"}),
        ("visa=482&visa=494", {"Sydney 482", "Hobart 494", "Remote 482 and 186"}),
        ("stream=482-core", {"Sydney 482"}),
        ("stream=186-trt", {"Remote 482 and 186"}),
        ("state=VIC", {"Melbourne 186"}),
        ("state=NSW&state=TAS", {"Sydney 482", "Hobart 494"}),
        ("workplace=remote", {"Remote 482 and 186"}),
        ("workplace=onsite&workplace=hybrid", {"Sydney 482", "Melbourne 186", "Hobart 494"}),
        ("salary_min=170000", {"Melbourne 186", "Remote 482 and 186"}),
        ("salary_min=250000", set()),
        ("type=contract", {"Hobart 494"}),
        ("specialty=nlp", {"Melbourne 186"}),
        ("specialty=nlp&specialty=computer-vision", {"Melbourne 186", "Hobart 494"}),
    ],
)
def test_each_filter_alone(client, query, expected):
    role(
        "Sydney 482",
        visas=["482"],
        streams=["482-core"],
        state="NSW",
        city="Sydney",
        workplace="hybrid",
        salary_min=120_000,
        salary_max=150_000,
    )
    role(
        "Melbourne 186",
        visas=["186"],
        streams=["186-direct-entry"],
        state="VIC",
        city="Melbourne",
        workplace="onsite",
        salary_min=160_000,
        salary_max=190_000,
        specialties=["nlp"],
    )
    role(
        "Hobart 494",
        visas=["494"],
        state="TAS",
        city="Hobart",
        workplace="onsite",
        employment_type="contract",
        salary_min=None,
        salary_max=None,
        specialties=["computer-vision"],
    )
    role(
        "Remote 482 and 186",
        visas=["482", "186"],
        streams=["482-specialist", "186-trt"],
        state="",
        city="",
        workplace="remote",
        salary_min=None,
        salary_max=200_000,
    )
    assert set(titles(search(client, query))) == expected


def test_keywords_match_title_employer_specialty_and_description(client):
    role("Computer Vision Engineer")
    role("Platform Engineer", employer=EmployerFactory(name="Kelpie Robotics"))
    role("Analyst", specialties=["speech"])
    role("Scientist", description="<p>You will build fraud detection models.</p>")
    role("Unrelated Role")
    assert titles(search(client, "q=vision")) == ["Computer Vision Engineer"]
    assert titles(search(client, "q=kelpie")) == ["Platform Engineer"]
    assert titles(search(client, "q=speech")) == ["Analyst"]
    assert titles(search(client, "q=fraud")) == ["Scientist"]
    assert titles(search(client, "q=nothing+like+this")) == []


def test_keyword_syntax_phrases_and_exclusions(client):
    role("Computer Vision Engineer", description="<p>Cameras and deep learning.</p>")
    role("Vision Researcher", description="<p>Research into computer graphics.</p>")
    assert set(titles(search(client, "q=vision"))) == {
        "Computer Vision Engineer",
        "Vision Researcher",
    }
    assert titles(search(client, "q=vision+-researcher")) == ["Computer Vision Engineer"]


def test_title_matches_outrank_description_matches_with_relevance_the_default(client):
    role("Data Engineer", description="<p>We use forecasting models daily.</p>")
    role(
        "Forecasting Scientist",
        description="<p>Models.</p>",
        posted_at=timezone.now() - timedelta(days=3),
    )
    response = search(client, "q=forecasting")
    assert titles(response) == ["Forecasting Scientist", "Data Engineer"]
    assert '<option value="" selected>Relevance</option>' in response.content.decode()
    newest = search(client, "q=forecasting&sort=newest")
    assert titles(newest) == ["Data Engineer", "Forecasting Scientist"]


def test_sort_by_salary_puts_roles_without_a_salary_last(client):
    role("Mid", salary_min=120_000, salary_max=140_000)
    role("Top", salary_min=200_000, salary_max=240_000)
    role("Unstated", salary_min=None, salary_max=None)
    assert titles(search(client, "sort=salary")) == ["Top", "Mid", "Unstated"]


# Combined.


def test_filters_combine_with_and_across_parameters_and_or_within_one(client):
    role("NSW 482 remote", visas=["482"], state="NSW", workplace="remote")
    role("NSW 482 onsite", visas=["482"], state="NSW", workplace="onsite")
    role("VIC 482 remote", visas=["482"], state="VIC", workplace="remote")
    role("NSW 186 remote", visas=["186"], state="NSW", workplace="remote")
    role("QLD 186 remote", visas=["186"], state="QLD", workplace="remote")
    listed = titles(search(client, "visa=482&visa=186&state=NSW&state=QLD&workplace=remote"))
    assert set(listed) == {"NSW 482 remote", "NSW 186 remote", "QLD 186 remote"}
    listed = titles(search(client, "q=remote&visa=482&state=NSW&sponsorship=any&sort=newest"))
    assert listed == ["NSW 482 remote"]


def test_role_offering_two_selected_visas_is_listed_once(client):
    role("Both", visas=["482", "186"])
    assert titles(search(client, "visa=482&visa=186")) == ["Both"]
    assert RoleFilter({"visa": ["482", "186"]}).qs.count() == 1


# Never listed.


@pytest.mark.parametrize(
    "factory", [PendingRoleFactory, RejectedRoleFactory, ExpiredRoleFactory, ClosedRoleFactory]
)
def test_unapproved_expired_and_closed_roles_never_appear(client, factory):
    hidden = factory(title="Hidden Role", description="<p>pytorch</p>")
    index_roles([hidden.pk])
    role("Live Role", description="<p>pytorch</p>")
    for query in ("", "q=pytorch", "q=hidden", "sponsorship=any", "visa=482", "state=NSW"):
        assert "Hidden Role" not in titles(search(client, query))


def test_approved_role_past_its_closing_date_is_not_listed(client):
    role("Lapsed Role", expires_at=timezone.now() - timedelta(minutes=1))
    assert titles(search(client)) == []


# Invalid values: a friendly message, the valid parts still apply, never a 500.


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("visa=999", "visa “999”"),
        ("stream=482-nonsense", "visa stream “482-nonsense”"),
        ("state=XYZ", "state “XYZ”"),
        ("workplace=moon", "workplace “moon”"),
        ("salary_min=abc", "salary “abc”"),
        ("salary_min=-5", "salary “-5”"),
        ("type=forever", "employment type “forever”"),
        ("specialty=%3Cscript%3E", "specialty “&lt;script&gt;”"),
        ("sponsorship=never", "sponsorship “never”"),
        ("sort=foo", "sort order “foo”"),
        ("salary_min=1e400", "salary “1e400”"),
        ("q=%00", "keywords “"),
        ("q=" + "x" * 300, "keywords “xxxx"),
        ("page=9999", "no page “9999”"),
        ("page=abc", "no page “abc”"),
    ],
)
def test_invalid_values_give_a_friendly_message_and_keep_the_valid_parts(client, query, notice):
    role("Sydney Role", visas=["482"], state="NSW")
    role("Melbourne Role", visas=["186"], state="VIC")
    response = search(client, f"{query}&state=NSW")
    body = response.content.decode()
    assert notice in body
    assert titles(response) == ["Sydney Role"]
    assert '<meta name="robots" content="noindex, follow">' in body


def test_one_bad_visa_among_good_ones_keeps_the_good_ones(client):
    role("482 Role", visas=["482"])
    role("186 Role", visas=["186"])
    response = search(client, "visa=999&visa=482")
    assert titles(response) == ["482 Role"]
    assert "visa “999”" in response.content.decode()


# Facets, chips, counts, pagination, empty state.


def test_facet_counts_apply_every_other_filter_but_their_own(client):
    role("NSW 482", visas=["482"], state="NSW", workplace="hybrid")
    role("NSW 186", visas=["186"], state="NSW", workplace="remote")
    role("VIC 482", visas=["482"], state="VIC", workplace="hybrid")
    role("VIC 482 and 186", visas=["482", "186"], state="VIC", workplace="onsite")
    facets = RoleFilter({"visa": "482", "state": "NSW"}).facets()
    # Visa counts ignore the visa filter but apply state=NSW.
    assert facets["visa"] == {"482": 1, "186": 1, "494": 0}
    # State counts ignore the state filter but apply visa=482.
    assert facets["state"]["NSW"] == 1 and facets["state"]["VIC"] == 2
    # Workplace counts apply both.
    assert facets["workplace"] == {"onsite": 0, "hybrid": 1, "remote": 0}
    assert facets["total"] == 1
    body = search(client, "visa=482&state=NSW").content.decode()
    assert re.search(r"New South Wales <span class=\"count\">\(1<", body)
    assert re.search(r"Victoria <span class=\"count\">\(2<", body)
    assert "<strong>1</strong> role" in body
    # What a screen reader says: "(1 role)", "(2 roles)".
    assert '(1<span class="visually-hidden"> role</span>)' in body
    assert '(2<span class="visually-hidden"> roles</span>)' in body


def test_facet_counts_are_cached_and_invalidated_by_index_roles(client):
    first = role("First", visas=["482"])
    assert RoleFilter({}).facets()["total"] == 1
    # A write that bypasses the ORM's signals: only index_roles() tells the cache.
    Role.objects.filter(pk=first.pk).update(status=Role.Status.CLOSED)
    assert RoleFilter({}).facets()["total"] == 1
    index_roles([first.pk])
    assert RoleFilter({}).facets()["total"] == 0


def test_active_filters_are_removable_chips_that_keep_the_rest(client):
    role("Sydney Role", visas=["482"], state="NSW")
    body = search(client, "visa=482&state=NSW&q=engineer&sort=newest").content.decode()
    assert 'href="/jobs/?q=engineer&amp;state=NSW&amp;sort=newest"' in body  # drop visa 482
    assert 'href="/jobs/?q=engineer&amp;visa=482&amp;sort=newest"' in body  # drop NSW
    assert 'href="/jobs/?visa=482&amp;state=NSW&amp;sort=newest"' in body  # drop the keywords
    assert "Remove filter: </span>482 Skills in Demand" in body
    assert "Clear all" in body


def test_pagination_keeps_every_filter_and_caps_how_deep_it_goes(client, settings):
    settings.LISTING_PAGE_SIZE = 2
    for n in range(5):
        role(f"Role {n}", visas=["482"], state="NSW", posted_at=timezone.now() - timedelta(n))
    response = search(client, "visa=482&state=NSW&sort=newest")
    body = response.content.decode()
    assert titles(response) == ["Role 0", "Role 1"]
    assert 'href="?visa=482&amp;state=NSW&amp;page=2"' in body
    assert titles(search(client, "visa=482&state=NSW&sort=newest&page=3")) == ["Role 4"]
    assert MAX_RESULTS >= 100


def test_empty_state_suggests_widening_the_search(client):
    role("Sydney Role", state="NSW")
    body = search(client, "state=NT&visa=494&q=haskell").content.decode()
    assert "No roles match all of these filters" in body
    assert "Try widening the search" in body
    assert 'href="/jobs/?q=haskell&amp;visa=494"' in body  # drop the state
    assert "Include roles that don't state sponsorship" in body


def test_the_page_links_the_feeds_of_the_current_search(client):
    body = search(client, "visa=482&state=NSW&page=2&sort=salary").content.decode()
    assert 'href="/jobs/feed/?visa=482&amp;state=NSW"' in body
    assert 'href="/jobs/feed/atom/?visa=482&amp;state=NSW"' in body
    assert 'type="application/rss+xml"' in body


def test_works_without_javascript_a_plain_get_form_with_a_submit_button(client):
    body = search(client).content.decode()
    assert re.search(r'<form id="search-form"[^>]*method="get"[^>]*action="/jobs/"', body)
    assert "Apply filters" in body and ">Search</button>" in body
    assert 'src="/static/django_htmx/htmx-2.min.js"' in body or "htmx" in body
    assert "<script>" not in body  # no inline script (CSP)


def test_htmx_requests_get_the_search_area_and_push_the_canonical_url(client):
    role("Sydney Role", visas=["482"], state="NSW")
    response = client.get(
        "/jobs/?q=&visa=482&state=NSW&salary_min=&type=&sponsorship=offered&sort=newest",
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and 'id="search-form"' in body
    assert titles(response) == ["Sydney Role"]
    assert response["HX-Push-Url"] == "/jobs/?visa=482&state=NSW"
    assert "HX-Request" in response["Vary"]
    assert 'hx-swap-oob="true"' in body and "1 role found" in body


def test_htmx_history_restore_gets_the_whole_page(client):
    response = client.get(
        "/jobs/", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.content.decode()


# Queries per page: constant, whatever the page size.


@pytest.mark.parametrize("page_size", [5, 20])
@pytest.mark.parametrize("query", ["", "visa=482&state=NSW", "q=engineer", "sort=salary"])
def test_constant_number_of_queries_per_page(
    client, settings, django_assert_num_queries, page_size, query
):
    settings.LISTING_PAGE_SIZE = page_size
    for n in range(25):
        role(
            f"Engineer {n}", visas=["482", "186"], specialties=["nlp", "llm"], streams=["482-core"]
        )
    cache.clear()
    # Cold cache: reference data (3), facet counts (1), the page (1), its cards' visas and
    # specialties (2).
    with django_assert_num_queries(7):
        response = search(client, query)
    assert len(titles(response)) == page_size
    # Warm: only the page itself.
    with django_assert_num_queries(1):
        response = search(client, query)
    assert len(titles(response)) == page_size


# RoleFilter outside a view (e-mail alerts reuse it).


def test_role_filter_takes_a_plain_dict_and_applies_the_defaults():
    role("Sydney 482", visas=["482"], state="NSW")
    role("Sydney unstated", visas=["482"], state="NSW", sponsorship=Role.Sponsorship.UNKNOWN)
    role("Melbourne 482", visas=["482"], state="VIC")
    assert [r.title for r in RoleFilter({"visa": ["482"], "state": "NSW"}).qs] == ["Sydney 482"]
    assert RoleFilter({"state": "NSW", "sponsorship": "any"}).qs.count() == 2
    assert RoleFilter().qs.count() == 2
    filterset = RoleFilter({"visa": ["482", "999"], "salary_min": "lots"})
    assert filterset.params == {"visa": ["482"]}
    assert len(filterset.notices) == 2


def test_deep_pages_are_capped_with_a_note(client, settings, monkeypatch):
    monkeypatch.setattr("listings.search.filters.MAX_RESULTS", 3)
    settings.LISTING_PAGE_SIZE = 2
    for n in range(5):
        role(f"Role {n}", posted_at=timezone.now() - timedelta(hours=n))
    body = search(client).content.decode()
    assert "<strong>5</strong> roles" in body and "showing the first 3" in body
    assert "page=2" in body and "page=3" not in body
    response = search(client, "page=3")
    assert titles(response) == ["Role 2"]
    assert "no page “3”" in response.content.decode()
