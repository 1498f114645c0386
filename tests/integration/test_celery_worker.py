"""A real Celery worker consuming from the real Redis runs ingest_source."""

import os
import time

import pytest
import redis
from celery.contrib.testing.worker import start_worker

from jobboard.celery import app
from listings.ingest.tasks import ingest_due_sources, ingest_source
from listings.models import IngestRun, Role
from tests.factories import FeedSourceFactory
from tests.ingest import SAMPLES

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
SAMPLE = SAMPLES / "greenhouse_jobs.json"


def reset_producer_pool():
    """Producers connect with the broker URL they were made with: drop them when it changes."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def redis_worker():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("REQUIRE_BROWSER") == "1":  # CI: every service must be there
            pytest.fail(f"no Redis at {REDIS_URL}")
        pytest.skip(f"no Redis at {REDIS_URL}")
    redis.Redis.from_url(REDIS_URL).flushdb()
    previous = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "result_backend")}
    app.conf.update(broker_url=REDIS_URL, task_always_eager=False, result_backend=None)
    reset_producer_pool()
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=20
        ):
            yield
    finally:
        app.conf.update(previous)
        reset_producer_pool()


def wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_worker_ingests_a_source_from_the_queue(redis_worker, httpserver):
    httpserver.expect_request("/board").respond_with_data(
        SAMPLE.read_bytes(), content_type="application/json"
    )
    source = FeedSourceFactory(kind="greenhouse", url=httpserver.url_for("/board"), trusted=True)
    # The message goes through Redis: nothing runs in this thread.
    ingest_source.delay(source.id)
    assert wait_for(
        lambda: IngestRun.objects.filter(source=source, finished_at__isnull=False).exists()
    )
    run = IngestRun.objects.get(source=source)
    assert run.status == "succeeded" and run.created == 4
    assert Role.objects.visible().filter(source=source).count() == 3


def test_beat_task_enqueues_due_sources_and_a_second_run_changes_nothing(redis_worker, httpserver):
    httpserver.expect_request("/board").respond_with_data(
        SAMPLE.read_bytes(), content_type="application/json"
    )
    source = FeedSourceFactory(
        kind="greenhouse", url=httpserver.url_for("/board"), trusted=True, interval_minutes=60
    )
    FeedSourceFactory(active=False)  # never enqueued
    ingest_due_sources.delay()
    assert wait_for(
        lambda: IngestRun.objects.filter(source=source, finished_at__isnull=False).count() == 1
    )
    rows = list(Role.objects.filter(source=source).order_by("id").values())
    # Not due again for an hour: the beat task enqueues nothing.
    ingest_due_sources.delay()
    time.sleep(1)
    assert IngestRun.objects.filter(source=source).count() == 1
    ingest_source.delay(source.id)  # a second delivery of the same work
    assert wait_for(
        lambda: IngestRun.objects.filter(source=source, finished_at__isnull=False).count() == 2
    )
    assert IngestRun.objects.filter(source=source).first().unchanged == 4
    assert list(Role.objects.filter(source=source).order_by("id").values()) == rows
