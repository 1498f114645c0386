"""RSS 2.0 adapter, against the We Work Remotely style and python.org style samples."""

from datetime import UTC, datetime

import pytest

from listings.ingest.adapters import rss
from tests.ingest import SAMPLES


def channel(items: str, *, encoding: str = "utf-8", namespaces: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"{namespaces}><channel>'
        f"<title>Jobs</title><link>https://board.example/</link>{items}</channel></rss>"
    ).encode(encoding if encoding.lower() != "utf-8" else "utf-8")


@pytest.fixture(scope="module")
def board():
    return rss.parse((SAMPLES / "rss_jobs.xml").read_bytes())


@pytest.fixture(scope="module")
def django_style():
    return rss.parse((SAMPLES / "rss_django_style.xml").read_bytes())


def test_board_items_all_land(board):
    assert len(board.records) == 5
    assert board.failures == []
    assert board.skipped == []


def test_company_colon_role_titles_are_split(board):
    assert [(record.company, record.title) for record in board.records] == [
        ("Lyrebird Audio", "Senior Speech ML Engineer"),
        ("Saltbush Labs", "Machine Learning Engineer (Recommendations)"),
        ("Kookaburra Freight", "MLOps Engineer"),
        ("Numbat Ledger", "Senior Accountant (Remote)"),
        ("Galah Genomics", "Bioinformatics ML Scientist"),
    ]


def test_first_item_fields(board):
    role = board.records[0]
    assert (
        role.external_id
        == "https://remotedownunder.example/remote-jobs/lyrebird-audio-senior-speech-ml-engineer"
    )
    assert role.apply_url == role.external_id
    assert role.location_text == "Anywhere in Australia"
    assert (role.region, role.country) == ("", "Australia")
    assert role.employment_type_hint == "Full-Time"
    assert role.posted_at == datetime(2026, 11, 3, 22, 14, 5, tzinfo=UTC)
    assert role.valid_through == datetime(2026, 12, 3, 22, 14, 5, tzinfo=UTC)
    assert role.tags == ("Machine Learning", "PyTorch", "ASR", "Python", "Kubernetes")
    # The entity-escaped description arrives as markup.
    assert role.description_html.startswith("<p><strong>Headquarters:</strong> Melbourne, VIC</p>")
    assert "482 / Skills in Demand visa sponsorship available" in role.description_html


def test_state_element_is_the_region(board):
    assert board.records[1].region == "Queensland"
    assert "not able to sponsor visas" in board.records[1].description_html


def test_cdata_description_with_raw_ampersand(board):
    role = board.records[2]
    assert "<em>remote</em>" in role.description_html
    assert (
        "monitoring &amp; rollback" in role.description_html
        or "monitoring & rollback" in role.description_html
    )
    assert role.employment_type_hint == "Contract"


def test_item_without_guid_uses_its_link(board):
    role = board.records[3]
    assert (
        role.external_id
        == "https://remotedownunder.example/remote-jobs/numbat-ledger-senior-accountant-remote"
    )


def test_impossible_pub_date_bare_expiry_and_no_region(board):
    role = board.records[4]
    assert role.posted_at is None  # "Tue, 31 Nov 2026": the pipeline uses first-seen time
    assert role.valid_through == datetime(2026, 12, 31, 23, 59, 59, tzinfo=UTC)  # end of that day
    assert (role.location_text, role.country) == ("", "")
    assert "We sponsor 186" in role.description_html


def test_django_style_titles_locations_and_no_dates(django_style):
    assert django_style.failures == []
    assert [(r.title, r.company, r.location_text) for r in django_style.records] == [
        ("Machine Learning Engineer", "Platypus Analytics", "Sydney, NSW, Australia"),
        ("Python Developer (Data Pipelines)", "Emu Energy", "Perth, WA, Australia"),
        ("Senior Data Scientist", "Wombat Water", "Canberra, ACT, Australia"),
        ("Graduate Accountant (Python a plus)", "Cassowary Partners", "Adelaide, Australia"),
    ]
    assert all(record.posted_at is None for record in django_style.records)
    first = django_style.records[0]
    assert first.external_id == "https://www.python.org/jobs/7812/"
    assert first.description_html.startswith("<p>Build demand-forecasting models")
    assert "482 / Skills in Demand visa sponsorship available" in first.description_html


def test_django_style_prefers_the_author_as_company():
    body = channel(
        "<item><title>Data Engineer, Acme, Platform Team</title><author>jobs@acme.example (Acme)</author>"
        "<link>https://board.example/1</link>"
        "<description>Hobart, TAS, Australia\n&lt;p&gt;Pipelines.&lt;/p&gt;</description></item>"
    )
    role = rss.parse(body).records[0]
    assert role.company == "Acme"
    assert (
        role.title == "Data Engineer, Acme, Platform Team"
    )  # the suffix is not the author: kept whole
    assert role.location_text == "Hobart, TAS, Australia"


def test_plain_feed_titles_are_not_split():
    body = channel(
        "<item><title>Senior Engineer, Platform</title><guid>a</guid>"
        "<description>&lt;p&gt;Build things.&lt;/p&gt;</description></item>"
    )
    role = rss.parse(body).records[0]
    assert (role.title, role.company, role.location_text) == ("Senior Engineer, Platform", "", "")


def test_html_entities_and_wrong_declared_encoding_do_not_drop_the_feed():
    with_nbsp = channel("<item><title>ML&nbsp;Engineer</title><guid>a</guid></item>")
    assert rss.parse(with_nbsp).records[0].title == "ML\xa0Engineer"
    # Declared UTF-8, written in cp1252: feedparser's harmless CharacterEncodingOverride.
    cp1252 = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>x</title>'
        "<item><title>Caf\u00e9 Analytics: Data Scientist \u2013 Pricing</title><guid>a</guid></item>"
        "</channel></rss>"
    ).encode("cp1252")
    role = rss.parse(cp1252).records[0]
    assert (role.company, role.title) == ("Caf\u00e9 Analytics", "Data Scientist \u2013 Pricing")


def test_loose_dates_are_read_day_first():
    body = channel(
        "<item><title>A: B</title><guid>a</guid><pubDate>03/11/2026 09:00 AEDT</pubDate></item>"
    )
    assert rss.parse(body).records[0].posted_at == datetime(2026, 11, 2, 22, 0, tzinfo=UTC)


def test_item_without_guid_or_link_is_a_failure():
    body = channel("<item><title>A: B</title></item><item><title>C: D</title><guid>d</guid></item>")
    result = rss.parse(body)
    assert [record.external_id for record in result.records] == ["d"]
    assert [(f.reference, f.reason) for f in result.failures] == [("item 1", "no id")]
    assert result.complete is False  # the pipeline cannot know which role the broken item was
