"""Feed ingest tasks: one source at a time, and the beat task that enqueues the due ones."""

import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from listings.ingest.pipeline import SourceBusy, TransientIngestError
from listings.ingest.pipeline import ingest_source as run_ingest
from listings.models import FeedSource

__all__ = ["ingest_due_sources", "ingest_source"]

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(TransientIngestError,),
    retry_backoff=30,
    retry_backoff_max=15 * 60,
    retry_jitter=True,
    max_retries=4,
    soft_time_limit=8 * 60,
    time_limit=10 * 60,
)
def ingest_source(self, source_id: int) -> dict | None:
    """Ingest one source; transient fetch errors retry with backoff, a busy source is skipped."""
    source = FeedSource.objects.select_related("employer").filter(id=source_id, active=True).first()
    if source is None:
        logger.info("ingest_source: source %s is gone or inactive", source_id)
        return None
    try:
        run = run_ingest(source=source)
    except SourceBusy as exc:
        # Another run holds it (or a killed worker's claim has not run out yet): try again later.
        logger.info("ingest_source: %s", exc)
        raise self.retry(exc=exc, countdown=120) from exc
    return {"run": run.id, "status": run.status, "created": run.created, "updated": run.updated}


@shared_task
def ingest_due_sources() -> list[int]:
    """Enqueue every active source whose interval has passed since its last run."""
    now = timezone.now()
    due = [
        source.id
        for source in FeedSource.objects.filter(active=True).only(
            "id", "last_run_at", "interval_minutes"
        )
        if source.last_run_at is None
        or source.last_run_at + timedelta(minutes=source.interval_minutes) <= now
    ]
    for source_id in due:
        ingest_source.delay(source_id)
    return due
