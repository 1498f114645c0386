"""The ingest pipeline end to end over real HTTP: sources, runs, upserts, closing, failure safety."""

import json
import time

import pytest
from django.core.management import call_command
from werkzeug import Response

from listings.ingest.pipeline import TransientIngestError, ingest_source, source_claim
from listings.models import FeedSource, IngestRun, ModerationEvent, Role
from tests.factories import EmployerFactory, FeedSourceFactory

pytestmark = pytest.mark.django_db

from tests.ingest import SAMPLES  # noqa: E402

SAMPLE_FILES = {
    "greenhouse": ("greenhouse_jobs.json", "application/json"),
    "lever": ("lever_postings.json", "application/json"),
    "ashby": ("ashby_jobs.json", "application/json"),
    "rss": ("rss_jobs.xml", "application/rss+xml"),
    "atom": ("atom_jobs.xml", "application/atom+xml"),
    "jsonfeed": ("jsonfeed_jobs.json", "application/feed+json"),
    "jsonld": ("jobposting_jsonld.html", "text/html"),
    "indeed": ("indeed_feed.xml", "application/xml"),
}


def serve(httpserver, path, body, content_type="application/json", **headers):
    httpserver.expect_request(path).respond_with_data(
        body, content_type=content_type, headers=headers
    )
    return httpserver.url_for(path)


def source_for(httpserver, kind, *, body=None, trusted=True, employer="Sample Employer", path=None):
    filename, content_type = SAMPLE_FILES[kind]
    data = body if body is not None else (SAMPLES / filename).read_bytes()
    url = serve(httpserver, path or f"/{kind}", data, content_type)
    return FeedSourceFactory(
        kind=kind, url=url, trusted=trusted, employer=EmployerFactory(name=employer)
    )


def greenhouse_feed(*jobs):
    return json.dumps({"jobs": list(jobs), "meta": {"total": len(jobs)}})


def greenhouse_job(
    job_id,
    title="Machine Learning Engineer",
    sentence="We sponsor 482 visas for this role.",
    **extra,
):
    return {
        "id": job_id,
        "title": title,
        "company_name": "Quokka Labs",
        "location": {"name": "Sydney, New South Wales, Australia"},
        "absolute_url": f"https://boards.greenhouse.io/quokka/jobs/{job_id}",
        "updated_at": "2026-11-01T10:00:00-04:00",
        "first_published": "2026-11-01T09:00:00+11:00",
        "content": f"&lt;p&gt;Train and deploy PyTorch models in production.&lt;/p&gt;&lt;p&gt;{sentence}&lt;/p&gt;",
        **extra,
    }


@pytest.mark.parametrize("kind", sorted(SAMPLE_FILES))
def test_every_sample_kind_lands_its_ml_roles(httpserver, kind):
    source = source_for(httpserver, kind)
    run = ingest_source(source=source)
    assert run.status in (IngestRun.Status.SUCCEEDED, IngestRun.Status.PARTIAL), run.error
    assert run.fetched >= 4
    assert run.skipped_non_ml >= 1  # every sample has an accountant or office role
    assert run.created == Role.objects.filter(source=source).count() > 0
    assert run.created + run.skipped_non_ml + run.skipped + run.failed == run.fetched
    listed = Role.objects.visible().filter(source=source)
    assert listed.exists()
    for role in listed:
        assert role.sponsorship in ("offered", "unknown")
        if role.sponsorship == "offered":
            assert role.sponsorship_evidence
        assert "<script" not in role.description


def test_greenhouse_sample_in_detail(httpserver):
    source = source_for(httpserver, "greenhouse")
    ingest_source(source=source)
    sydney = Role.objects.get(source=source, external_id="7731045002")
    assert (
        sydney.employer.name == "WattleGrid AI"
    )  # the record's company beats the source's employer
    assert (sydney.city, sydney.state) == ("Sydney", "NSW")
    assert list(sydney.visa_subclasses.values_list("code", flat=True)) == ["482"]
    assert sydney.sponsorship == "offered" and sydney.status == "approved"
    melbourne = Role.objects.get(source=source, external_id="7731102002")
    assert melbourne.sponsorship == "not_offered"
    assert melbourne not in Role.objects.visible()  # stored, never listed
    brisbane = Role.objects.get(source=source, external_id="7745580002")
    assert brisbane.workplace == "hybrid" and brisbane.state == "QLD"
    assert list(brisbane.visa_subclasses.values_list("code", flat=True)) == ["186"]
    assert "Employer Nomination" in brisbane.sponsorship_evidence
    assert not Role.objects.filter(source=source, title="Financial Accountant").exists()
    # Escaped once by Greenhouse, unescaped exactly once here.
    assert "&lt;p&gt;" not in brisbane.description and "<p>" in brisbane.description


def test_untrusted_source_sends_new_roles_to_review(httpserver):
    source = source_for(httpserver, "lever", trusted=False, employer="Lever Employer")
    run = ingest_source(source=source)
    assert run.created > 0
    assert set(Role.objects.filter(source=source).values_list("status", flat=True)) == {"pending"}
    assert not Role.objects.visible().filter(source=source).exists()
    assert (
        Role.objects.filter(source=source).first().employer.name == "Lever Employer"
    )  # Lever has no company
    assert (
        ModerationEvent.objects.filter(action="ingested", role__source=source).count()
        == run.created
    )


def test_ingesting_twice_changes_nothing(httpserver):
    source = source_for(httpserver, "ashby")
    first = ingest_source(source=source)
    rows = list(Role.objects.filter(source=source).order_by("id").values())
    second = ingest_source(source=source)
    assert second.status == IngestRun.Status.SUCCEEDED
    assert (second.created, second.updated, second.closed) == (0, 0, 0)
    assert second.unchanged == first.created
    assert list(Role.objects.filter(source=source).order_by("id").values()) == rows


def test_a_changed_record_is_updated_in_place(httpserver):
    url = serve(httpserver, "/gh", greenhouse_feed(greenhouse_job(1)))
    source = FeedSourceFactory(kind="greenhouse", url=url, trusted=True)
    ingest_source(source=source)
    role = Role.objects.get(source=source)
    httpserver.clear()
    serve(
        httpserver,
        "/gh",
        greenhouse_feed(greenhouse_job(1, title="Senior Machine Learning Engineer")),
    )
    run = ingest_source(source=source)
    assert (run.created, run.updated, run.unchanged) == (0, 1, 0)
    role.refresh_from_db()
    assert role.title == "Senior Machine Learning Engineer"
    assert role.slug.startswith("senior-machine-learning-engineer")
    assert Role.objects.filter(source=source).count() == 1


def test_a_vanished_record_closes_its_role_and_comes_back_when_it_returns(httpserver):
    url = serve(
        httpserver,
        "/gh",
        greenhouse_feed(greenhouse_job(1), greenhouse_job(2, title="NLP Engineer")),
    )
    source = FeedSourceFactory(kind="greenhouse", url=url, trusted=True)
    ingest_source(source=source)
    httpserver.clear()
    serve(httpserver, "/gh", greenhouse_feed(greenhouse_job(1)))
    run = ingest_source(source=source)
    assert run.closed == 1
    nlp = Role.objects.get(source=source, external_id="2")
    assert nlp.status == "closed" and nlp.closed_at
    assert nlp not in Role.objects.visible()
    httpserver.clear()
    serve(
        httpserver,
        "/gh",
        greenhouse_feed(greenhouse_job(1), greenhouse_job(2, title="NLP Engineer")),
    )
    ingest_source(source=source)
    nlp.refresh_from_db()
    assert nlp.status == "approved" and nlp.closed_at is None


def test_an_incomplete_window_closes_nothing(httpserver):
    source = source_for(httpserver, "jsonfeed")  # has next_url: a window, not the whole board
    ingest_source(source=source)
    before = Role.objects.filter(source=source).count()
    httpserver.clear()
    serve(
        httpserver,
        "/jsonfeed",
        json.dumps(
            {
                "version": "https://jsonfeed.org/version/1.1",
                "title": "x",
                "items": [],
                "next_url": "https://x.example/2",
            }
        ),
    )
    run = ingest_source(source=source)
    assert run.closed == 0
    assert Role.objects.filter(source=source, status="closed").count() == 0
    assert Role.objects.filter(source=source).count() == before


def test_duplicate_deliveries_never_duplicate_roles(httpserver):
    url = serve(httpserver, "/gh", greenhouse_feed(greenhouse_job(7), greenhouse_job(7)))
    source = FeedSourceFactory(kind="greenhouse", url=url, trusted=True)
    ingest_source(source=source)
    ingest_source(source=source)
    assert Role.objects.filter(source=source).count() == 1


def test_the_same_role_from_two_sources_of_one_employer_is_listed_once(httpserver):
    job = greenhouse_job(11, title="Computer Vision Engineer")
    first = FeedSourceFactory(
        kind="greenhouse", url=serve(httpserver, "/a", greenhouse_feed(job)), trusted=True
    )
    second = FeedSourceFactory(
        kind="greenhouse", url=serve(httpserver, "/b", greenhouse_feed(job)), trusted=True
    )
    ingest_source(source=first)
    ingest_source(source=second)
    assert Role.objects.filter(title="Computer Vision Engineer").count() == 2
    assert Role.objects.visible().filter(title="Computer Vision Engineer").count() == 1


def test_one_bad_item_is_recorded_and_the_rest_lands(httpserver):
    bad = {"id": 99, "title": None, "content": "x"}
    url = serve(
        httpserver,
        "/gh",
        greenhouse_feed(greenhouse_job(1), bad, greenhouse_job(2, title="Data Scientist")),
    )
    source = FeedSourceFactory(kind="greenhouse", url=url, trusted=True)
    run = ingest_source(source=source)
    assert run.status == IngestRun.Status.PARTIAL
    assert run.created == 2 and run.failed == 1
    assert run.failures[0]["reference"] == "99" and run.failures[0]["reason"]


def test_roles_outside_australia_are_skipped_with_a_reason(httpserver):
    job = greenhouse_job(5, location={"name": "London, United Kingdom"})
    url = serve(httpserver, "/gh", greenhouse_feed(job, greenhouse_job(6)))
    run = ingest_source(source=FeedSourceFactory(kind="greenhouse", url=url))
    assert run.created == 1 and run.skipped == 1
    assert "not in Australia" in run.failures[0]["reason"]


def test_not_modified_is_a_cheap_success_that_closes_nothing(httpserver):
    body = greenhouse_feed(greenhouse_job(1))
    httpserver.expect_request("/gh", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304
    )
    httpserver.expect_request("/gh").respond_with_data(
        body, content_type="application/json", headers={"ETag": '"v1"'}
    )
    source = FeedSourceFactory(kind="greenhouse", url=httpserver.url_for("/gh"), trusted=True)
    ingest_source(source=source)
    source.refresh_from_db()
    assert source.etag == '"v1"'
    run = ingest_source(source=source)
    assert run.status == IngestRun.Status.NOT_MODIFIED
    assert Role.objects.get(source=source).status == "approved"


def existing_board(httpserver):
    url = serve(
        httpserver,
        "/gh",
        greenhouse_feed(greenhouse_job(1), greenhouse_job(2, title="NLP Engineer")),
    )
    source = FeedSourceFactory(kind="greenhouse", url=url, trusted=True)
    ingest_source(source=source)
    httpserver.clear()
    return source, list(Role.objects.filter(source=source).order_by("id").values())


def slow(request):
    time.sleep(1.5)
    return Response(greenhouse_feed(), content_type="application/json")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title></channel></rss>"""


@pytest.mark.parametrize(
    ("case", "expected_error"),
    [
        ("http_500", "HTTP 500"),
        ("timeout", "timed out"),
        ("truncated_json", "Could not read the feed"),
        ("malformed_json", "Could not read the feed"),
        ("oversized", "larger than"),
        ("not_found", "HTTP 404"),
    ],
)
def test_a_broken_fetch_leaves_every_role_as_it_was(httpserver, settings, case, expected_error):
    source, before = existing_board(httpserver)
    full = greenhouse_feed(greenhouse_job(1), greenhouse_job(2, title="NLP Engineer"))
    if case == "http_500":
        httpserver.expect_request("/gh").respond_with_data("oops", status=500)
    elif case == "timeout":
        settings.INGEST_READ_TIMEOUT = 0.3
        httpserver.expect_request("/gh").respond_with_handler(slow)
    elif case == "truncated_json":
        httpserver.expect_request("/gh").respond_with_data(
            full[: len(full) // 2], content_type="application/json"
        )
    elif case == "malformed_json":
        httpserver.expect_request("/gh").respond_with_data(
            "{jobs: [", content_type="application/json"
        )
    elif case == "oversized":
        settings.INGEST_MAX_BYTES = 100
        httpserver.expect_request("/gh").respond_with_data(full, content_type="application/json")
    elif case == "not_found":
        httpserver.expect_request("/gh").respond_with_data("gone", status=404)
    try:
        run = ingest_source(source=source)
    except TransientIngestError as exc:
        run = exc.run
    assert run.status == IngestRun.Status.FAILED
    assert expected_error in run.error
    assert list(Role.objects.filter(source=source).order_by("id").values()) == before
    source.refresh_from_db()
    assert source.consecutive_failures == 1 and expected_error in source.last_error


@pytest.mark.parametrize("kind", ["rss", "atom", "indeed"])
def test_an_xml_entity_bomb_is_refused_and_changes_nothing(httpserver, kind):
    source = source_for(httpserver, kind)
    ingest_source(source=source)
    before = list(Role.objects.filter(source=source).order_by("id").values())
    httpserver.clear()
    serve(httpserver, f"/{kind}", BILLION_LAUGHS, "application/xml")
    run = ingest_source(source=source)
    assert run.status == IngestRun.Status.FAILED and "entit" in run.error.lower()
    assert list(Role.objects.filter(source=source).order_by("id").values()) == before


def test_private_addresses_are_refused_in_production(httpserver, settings):
    settings.INGEST_ALLOW_PRIVATE_HOSTS = False
    source = FeedSourceFactory(
        kind="greenhouse", url=serve(httpserver, "/gh", greenhouse_feed(greenhouse_job(1)))
    )
    run = ingest_source(source=source)
    assert run.status == IngestRun.Status.FAILED
    assert "refused" in run.error and "loopback" in run.error
    assert not Role.objects.filter(source=source).exists()


def test_a_source_is_never_ingested_twice_at_once(httpserver):
    source = FeedSourceFactory()
    assert source_claim(source_id=source.id)
    assert not source_claim(source_id=source.id)


def test_feeds_commands(httpserver, capsys):
    url = serve(httpserver, "/gh", (SAMPLES / "greenhouse_jobs.json").read_bytes())
    call_command(
        "feeds",
        "add",
        "--kind",
        "greenhouse",
        "--url",
        url,
        "--employer",
        "WattleGrid AI",
        "--trusted",
    )
    source = FeedSource.objects.get(url=url)
    assert source.trusted and source.employer.name == "WattleGrid AI"
    call_command("feeds", "list")
    assert "WattleGrid AI" in capsys.readouterr().out
    call_command("feeds", "ingest", str(source.id))
    out = capsys.readouterr().out
    assert "5 fetched, 4 created" in out and "1 not ML" in out
    # Listed: Sydney (482), Brisbane (186) and the talent community (not stated); Melbourne rules it out.
    assert Role.objects.visible().filter(source=source).count() == 3
    call_command("feeds", "ingest", "--all")
    assert "0 created" in capsys.readouterr().out


def test_a_run_stopped_mid_write_leaves_nothing_and_the_retry_lands_everything(
    httpserver, monkeypatch
):
    source = source_for(httpserver, "greenhouse")

    def killed(*args, **kwargs):
        raise RuntimeError("worker lost")

    monkeypatch.setattr("listings.ingest.pipeline._mark_duplicates", killed)  # after the inserts
    with pytest.raises(RuntimeError):
        ingest_source(source=source)
    run = IngestRun.objects.get(source=source)
    assert run.status == "failed" and "nothing was changed" in run.error
    assert not Role.objects.filter(source=source).exists()
    monkeypatch.undo()
    retried = ingest_source(source=source)
    assert retried.created == 4
    assert Role.objects.filter(source=source).count() == 4


def test_a_database_error_in_a_batch_write_leaves_nothing(httpserver, monkeypatch):
    # The batch is written while the next one is read: its error still stops the run whole.
    from listings.ingest import pipeline

    monkeypatch.setattr(pipeline, "BATCH_SIZE", 2)
    jobs = [greenhouse_job(n, sentence=f"We sponsor 482 visas for role {n}.") for n in range(1, 6)]
    source = FeedSourceFactory(
        kind="greenhouse", url=serve(httpserver, "/gh", greenhouse_feed(*jobs)), trusted=True
    )
    prepare = pipeline.prepare

    def impossible_salary(record, *args, **kwargs):
        item = prepare(record, *args, **kwargs)
        if record.external_id == "4":  # in the second batch
            item.fields.update(salary_min=200_000, salary_max=100_000)
        return item

    monkeypatch.setattr(pipeline, "prepare", impossible_salary)
    with pytest.raises(Exception, match="salary"):
        ingest_source(source=source)
    run = IngestRun.objects.get(source=source)
    assert run.status == "failed" and "nothing was changed" in run.error
    assert not Role.objects.filter(source=source).exists()
    assert not ModerationEvent.objects.exists()


def test_a_feed_written_in_several_batches_lands_whole(httpserver, monkeypatch):
    monkeypatch.setattr("listings.ingest.pipeline.BATCH_SIZE", 2)
    jobs = [
        greenhouse_job(n, sentence=f"Sponsorship for the 186 ENS visa is offered ({n}).")
        for n in range(1, 8)
    ]
    jobs.insert(3, greenhouse_job(99, title="Account Executive, AI"))  # not ML: a gap in a batch
    source = FeedSourceFactory(
        kind="greenhouse", url=serve(httpserver, "/gh", greenhouse_feed(*jobs)), trusted=True
    )
    run = ingest_source(source=source)
    assert (run.fetched, run.created, run.skipped_non_ml) == (8, 7, 1)
    roles = Role.objects.filter(source=source)
    assert sorted(roles.values_list("external_id", flat=True)) == [str(n) for n in range(1, 8)]
    assert ModerationEvent.objects.filter(role__source=source).count() == 7
    for role in roles:
        assert list(role.visa_subclasses.values_list("code", flat=True)) == ["186"]
        assert role.sponsorship_evidence.endswith(f"({role.external_id}).")
    assert roles.visible().count() == 7
    assert ingest_source(source=source).unchanged == 7


def test_an_identical_payload_is_not_even_parsed(httpserver, monkeypatch):
    source = source_for(httpserver, "indeed")
    first = ingest_source(source=source)

    def must_not_parse(kind):
        raise AssertionError("parsed an identical payload")

    monkeypatch.setattr("listings.ingest.pipeline.get_adapter", must_not_parse)
    again = ingest_source(source=source)
    assert again.status == IngestRun.Status.SUCCEEDED
    assert (again.fetched, again.unchanged, again.skipped_non_ml) == (
        first.fetched,
        first.created,
        first.skipped_non_ml,
    )


def test_new_reading_code_rereads_every_record(httpserver, monkeypatch):
    source = source_for(httpserver, "greenhouse")
    first = ingest_source(source=source)
    monkeypatch.setattr("listings.ingest.pipeline.PIPELINE_VERSION", "a-newer-classifier")
    again = ingest_source(source=source)
    assert again.updated == first.created and again.created == 0


def test_ingested_roles_are_found_by_visa_and_keywords_at_once(httpserver, client):
    source = source_for(httpserver, "greenhouse")
    ingest_source(source=source)
    sydney = Role.objects.get(source=source, external_id="7731045002")
    brisbane = Role.objects.get(source=source, external_id="7745580002")
    body = client.get("/jobs/", {"visa": "482", "q": "forecasting"}).content.decode()
    assert sydney.get_absolute_url() in body and brisbane.get_absolute_url() not in body
    body = client.get("/jobs/", {"visa": "186"}).content.decode()
    assert brisbane.get_absolute_url() in body and sydney.get_absolute_url() not in body


def test_search_data_written_with_new_rows_matches_a_full_refresh(httpserver):
    from django.db import connection

    from listings.search.index import index_roles

    source = source_for(httpserver, "atom")
    ingest_source(source=source)
    columns = "id, visa_ids, stream_ids, specialty_ids, search_vector::text"

    def snapshot():
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {columns} FROM listings_role WHERE source_id = %s ORDER BY id", [source.id]
            )
            return cursor.fetchall()

    written = snapshot()
    assert any(row[1] for row in written) and all(row[4] for row in written)
    index_roles(None)
    assert snapshot() == written


def test_refusals_in_any_typography_are_never_listed_and_real_offers_are(httpserver, client):
    # Greenhouse escapes its HTML once, so an entity in the ad arrives as "&amp;rsquo;".
    feed = greenhouse_feed(
        greenhouse_job(9001, title="ML Engineer A", sentence="We don’t provide sponsorship."),
        greenhouse_job(
            9002, title="ML Engineer B", sentence="We don&amp;rsquo;t offer visa sponsorship."
        ),
        greenhouse_job(
            9003,
            title="ML Engineer C",
            sentence="We can&amp;#8217;t sponsor visas for this role, but we support employees "
            "already on visas with flexible leave.",
        ),
        greenhouse_job(
            9004, title="ML Engineer D", sentence="Employer sponsored TSS visa on offer."
        ),
    )
    source = FeedSourceFactory(
        kind="greenhouse",
        url=serve(httpserver, "/typography", feed),
        trusted=True,
        employer=EmployerFactory(name="Quokka Labs"),
    )
    ingest_source(source=source)

    roles = {role.title: role for role in Role.objects.filter(source=source)}
    assert {title: roles[title].sponsorship for title in roles} == {
        "ML Engineer A": "not_offered",
        "ML Engineer B": "not_offered",
        "ML Engineer C": "not_offered",
        "ML Engineer D": "offered",
    }
    # The evidence quotes the ad as written, typography and all.
    assert roles["ML Engineer A"].sponsorship_evidence == "We don’t provide sponsorship."
    feed_body = client.get("/jobs/feed/").content.decode()
    listing = client.get("/jobs/", {"visa": "482"}).content.decode()
    assert "ML Engineer D" in feed_body and "ML Engineer D" in listing
    for refused in ("ML Engineer A", "ML Engineer B", "ML Engineer C"):
        assert refused not in feed_body and refused not in client.get("/jobs/").content.decode()
