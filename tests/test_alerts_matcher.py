"""One source of truth: an alert matches exactly the roles /jobs/ lists for the same search.

The saved search is the page's querystring normalised by RoleFilter, and the matcher is
RoleFilter over the visible roles; this table holds them to each other on both databases.
"""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from listings.alerts.matching import (
    alert_matches,
    alert_new_roles,
    search_describe,
    search_normalise,
)
from listings.models import Role
from tests.factories import ApprovedRoleFactory, ExpiredRoleFactory, PendingRoleFactory
from tests.factories_alerts import ConfirmedAlertFactory

pytestmark = pytest.mark.django_db

SEARCHES = [
    "",
    "visa=482",
    "visa=186&visa=494",
    "stream=482-core",
    "state=NSW&state=VIC",
    "workplace=remote",
    "salary_min=160000",
    "type=contract",
    "specialty=nlp",
    "sponsorship=any",
    "q=forecasting",
    "q=vision -research",
    'q="time series" or speech',
    "visa=482&state=NSW&salary_min=150000&sort=salary",
    "q=pytorch&sponsorship=any&workplace=hybrid&workplace=remote",
    "visa=999&state=NSW&salary_min=abc&sort=nonsense",  # junk dropped on both sides
    "state=TAS",  # matches nothing
]


@pytest.fixture
def board(settings):
    settings.LISTING_PAGE_SIZE = 200
    cache.clear()
    roles = [
        ApprovedRoleFactory(
            title="Forecasting Scientist",
            visas=["482"],
            streams=["482-core"],
            specialties=["forecasting"],
            state="NSW",
            salary_min=150_000,
            salary_max=170_000,
        ),
        ApprovedRoleFactory(
            title="Computer Vision Engineer",
            visas=["482", "186"],
            streams=["482-specialist", "186-trt"],
            specialties=["computer-vision"],
            state="VIC",
            city="Melbourne",
            workplace=Role.Workplace.REMOTE,
            salary_min=180_000,
            salary_max=210_000,
        ),
        ApprovedRoleFactory(
            title="Vision Research Scientist",
            description="<p>Research in computer vision with PyTorch.</p>",
            visas=["186"],
            specialties=["research", "computer-vision"],
            state="QLD",
            city="Brisbane",
            workplace=Role.Workplace.ONSITE,
            salary_min=None,
            salary_max=None,
        ),
        ApprovedRoleFactory(
            title="NLP Engineer (contract)",
            description="<p>Speech and language models in PyTorch.</p>",
            visas=["494"],
            specialties=["nlp", "speech"],
            state="SA",
            city="Adelaide",
            employment_type=Role.EmploymentType.CONTRACT,
            salary_min=120_000,
            salary_max=140_000,
        ),
        ApprovedRoleFactory(
            title="Time Series Analyst",
            description="<p>Time series forecasting; PyTorch a plus.</p>",
            visas=[],
            sponsorship=Role.Sponsorship.UNKNOWN,
            state="NSW",
            workplace=Role.Workplace.HYBRID,
            salary_min=165_000,
            salary_max=165_000,
        ),
        ApprovedRoleFactory(
            title="PyTorch Engineer",
            visas=["482"],
            state="WA",
            city="Perth",
            workplace=Role.Workplace.REMOTE,
            salary_min=200_000,
            salary_max=230_000,
        ),
    ]
    # Never listed, so never matched.
    PendingRoleFactory(title="Pending Forecasting Role", visas=["482"])
    ExpiredRoleFactory(title="Expired Forecasting Role", visas=["482"])
    ApprovedRoleFactory(
        title="Forecasting Not Offered", visas=[], sponsorship=Role.Sponsorship.NOT_OFFERED
    )
    return roles


def listed_ids(client, querystring: str) -> set[int]:
    response = client.get(f"/jobs/?{querystring}")
    assert response.status_code == 200
    return {role.id for role in response.context["page_obj"].object_list}


@pytest.mark.parametrize("querystring", SEARCHES)
def test_an_alert_matches_exactly_what_the_page_lists(client, board, querystring):
    saved = search_normalise(querystring)
    page = listed_ids(client, querystring)
    assert set(alert_matches(saved).values_list("id", flat=True)) == page
    # The saved (normalised) search lists the same roles on the page too.
    assert listed_ids(client, saved) == page


def test_the_table_is_not_trivial(client, board):
    sizes = {q: len(listed_ids(client, q)) for q in SEARCHES}
    assert sizes[""] == 5  # the unknown-sponsorship role only with sponsorship=any
    assert sizes["sponsorship=any"] == 6
    assert sizes["state=TAS"] == 0
    assert 0 < sizes["visa=482"] < sizes[""]
    assert sizes["q=forecasting"] == 1
    assert sizes["q=vision -research"] == 1
    assert sizes['q="time series" or speech'] == 2  # specialty name, and speech
    assert sizes["q=pytorch&sponsorship=any&workplace=hybrid&workplace=remote"] == 3


@pytest.mark.parametrize("querystring", SEARCHES)
def test_a_new_alert_gets_what_the_page_lists_among_roles_approved_since(
    client, board, querystring
):
    """The digest's query (matcher + watermark + not yet delivered) over roles all approved
    after confirmation is the page's result."""
    alert = ConfirmedAlertFactory(
        query=search_normalise(querystring),
        confirmed_at=timezone.now() - timedelta(days=3),
        sent_through=timezone.now() - timedelta(days=3),
    )
    assert set(alert_new_roles(alert).values_list("id", flat=True)) == listed_ids(
        client, querystring
    )


@pytest.mark.parametrize(
    ("querystring", "normalised", "words"),
    [
        ("", "", "Every sponsored ML role"),
        ("page=3&sort=salary&sponsorship=offered", "", "Every sponsored ML role"),
        (
            "state=VIC&visa=482&state=NSW&visa=482",
            "visa=482&state=NSW&state=VIC",
            "482 Skills in Demand · New South Wales or Victoria",
        ),
        (
            "q=+pytorch+&salary_min=150000&workplace=remote&type=contract&sponsorship=any",
            "q=pytorch&workplace=remote&salary_min=150000&type=contract&sponsorship=any",
            "“pytorch” · Remote · at least $150,000 a year · Contract · offered or not stated",
        ),
        ("specialty=nlp&stream=482-core", "stream=482-core&specialty=nlp", None),
    ],
)
def test_a_search_is_saved_in_a_canonical_form_and_described_in_words(
    db, querystring, normalised, words
):
    assert search_normalise(querystring) == normalised
    if words:
        assert search_describe(normalised) == words
    else:
        assert search_describe(normalised) == "482 Core Skills · Natural language processing"
