"""Ingest one feed source: fetch, parse, normalise, classify, upsert, close what vanished, record the run.

The whole write happens in one transaction, so a worker killed mid-run leaves
the rows as they were and the retried run produces the same result. Records
are keyed by (source, external id) and carry a hash of what the feed said:
an unchanged record costs no write at all.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from listings.html import sanitise_html
from listings.ingest.adapters import get_adapter
from listings.ingest.bulk import NewRoles, insert_new_roles, overlapping_writes
from listings.ingest.http import FetchError, fetch
from listings.ingest.records import FeedFormatError, FeedRecord, ParseResult
from listings.models import (
    Employer,
    FeedSource,
    IngestRun,
    ModerationEvent,
    Role,
    VisaStream,
    VisaSubclass,
)
from listings.rules import sponsorship
from listings.rules.employment import employment_type
from listings.rules.location import parse_location
from listings.rules.pay import annual_salary
from listings.rules.streams import StreamName, streams_named
from listings.rules.text import html_to_text, normalise
from listings.search.index import (
    defer_search_index,
    flush_search_index,
    index_roles,
    invalidate_listings,
)

logger = logging.getLogger(__name__)


def _code_version() -> str:
    """A fingerprint of the code that turns feeds into roles (adapters, normalising, classifying).

    It is part of every content hash, so a deploy that changes how a record is read makes the
    next ingest re-read every record instead of trusting hashes made by the old code.
    """
    from listings import html
    from listings.ingest import adapters
    from listings.rules import employment, location, pay, streams, text

    files = sorted(Path(adapters.__file__).parent.glob("*.py"))
    rules = (sponsorship, text, location, pay, employment, streams)
    files += [Path(module.__file__) for module in (*rules, html)]
    files.append(Path(__file__))
    return hashlib.sha256(b"".join(path.read_bytes() for path in files)).hexdigest()[:16]


PIPELINE_VERSION = _code_version()
BATCH_SIZE = 500
# How long a run may hold its source before another may take it over.
CLAIM_SECONDS = 15 * 60
VANISHED_REASON = "No longer in the feed."


class SourceBusy(Exception):
    """Another run holds this source."""


class TransientIngestError(Exception):
    """The fetch failed in a way worth retrying; the run is recorded as failed."""

    def __init__(self, message: str, *, run: IngestRun):
        super().__init__(message)
        self.run = run


@dataclass
class Counts:
    fetched: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    skipped_non_ml: int = 0
    skipped: int = 0
    failed: int = 0
    failures: list[dict] = field(default_factory=list)


def record_hash(record: FeedRecord) -> str:
    """A stable hash of everything the feed said about one vacancy.

    The dataclass repr lists every field in order (str, Decimal, datetime and
    tuple reprs are stable), and is many times faster than ``asdict`` + JSON.
    """
    return hashlib.sha256(f"{PIPELINE_VERSION}|{record!r}".encode()).hexdigest()


def dedupe_key(*, employer_id: int, title: str, city: str, state: str) -> str:
    """The same employer, title and place: one role, whichever feed it came from."""
    words = " ".join(slugify(title).split("-"))
    return hashlib.sha256(f"{employer_id}|{words}|{city.casefold()}|{state}".encode()).hexdigest()


# -- claiming a source ----------------------------------------------------------------------------


def source_claim(*, source_id: int) -> bool:
    """Claim the source for one run; False when another run holds it (healthchecks-style claim)."""
    now = timezone.now()
    claimed = (
        FeedSource.objects.filter(id=source_id)
        .exclude(locked_until__gt=now)
        .update(locked_until=now + timedelta(seconds=CLAIM_SECONDS))
    )
    return claimed == 1


def source_release(*, source_id: int) -> None:
    FeedSource.objects.filter(id=source_id).update(locked_until=None)


# -- the run --------------------------------------------------------------------------------------


def ingest_source(*, source: FeedSource) -> IngestRun:
    """Run one ingest of ``source`` and return its IngestRun.

    Raises SourceBusy when another run holds the source, and
    TransientIngestError (after recording the run) when a retry may help.
    """
    if not source_claim(source_id=source.id):
        raise SourceBusy(f"{source} is being ingested by another run")
    try:
        return _run(source)
    finally:
        source_release(source_id=source.id)


def _run(source: FeedSource) -> IngestRun:
    run = IngestRun.objects.create(source=source, started_at=timezone.now())
    try:
        response = fetch(source.url, etag=source.etag, last_modified=source.last_modified)
    except FetchError as exc:
        _finish_failed(run, source, str(exc))
        if not exc.permanent:
            raise TransientIngestError(str(exc), run=run) from exc
        return run

    if response.not_modified:
        run.status = IngestRun.Status.NOT_MODIFIED
        _finish(run, source, success=True)
        return run

    body_hash = hashlib.sha256(
        f"{PIPELINE_VERSION}|{source.kind}|".encode() + response.content
    ).hexdigest()
    if body_hash == source.body_hash:
        return _finish_identical(run, source, response)

    try:
        parsed = get_adapter(source.kind)(response.content)
    except FeedFormatError as exc:
        _finish_failed(run, source, f"Could not read the feed: {exc}")
        return run

    try:
        counts = store(source=source, parsed=parsed)
    except Exception as exc:
        # Nothing was written (one transaction); say so on the run, then let the caller see it.
        _finish_failed(
            run,
            source,
            f"Stopped while storing ({type(exc).__name__}: {exc}); nothing was changed.",
        )
        raise
    for name in (
        "fetched",
        "created",
        "updated",
        "unchanged",
        "closed",
        "skipped_non_ml",
        "skipped",
        "failed",
    ):
        setattr(run, name, getattr(counts, name))
    run.failures = counts.failures
    run.complete = parsed.complete
    run.status = IngestRun.Status.PARTIAL if counts.failed else IngestRun.Status.SUCCEEDED
    source.etag, source.last_modified = response.etag, response.last_modified
    source.body_hash = body_hash if run.status == IngestRun.Status.SUCCEEDED else ""
    _finish(run, source, success=True)
    _reindexed(bulk=bool(counts.created or counts.updated))
    logger.info(
        "ingest %s: %s fetched, %s created, %s updated, %s unchanged, %s closed, %s non-ML, %s failed",
        source,
        run.fetched,
        run.created,
        run.updated,
        run.unchanged,
        run.closed,
        run.skipped_non_ml,
        run.failed,
    )
    return run


def _finish_identical(run: IngestRun, source: FeedSource, response) -> IngestRun:
    """The same bytes as the last clean run: every record is unchanged, and nothing is parsed."""
    last = (
        source.runs.filter(status=IngestRun.Status.SUCCEEDED, fetched__gt=0)
        .exclude(id=run.id)
        .first()
    )
    run.fetched = run.unchanged = last.fetched - last.skipped_non_ml - last.skipped if last else 0
    run.skipped_non_ml = last.skipped_non_ml if last else 0
    run.skipped = last.skipped if last else 0
    run.fetched += run.skipped_non_ml + run.skipped
    run.complete = last.complete if last else False
    run.failures = last.failures if last else []
    run.status = IngestRun.Status.SUCCEEDED
    source.etag, source.last_modified = response.etag, response.last_modified
    _finish(run, source, success=True)
    return run


def _finish(run: IngestRun, source: FeedSource, *, success: bool) -> None:
    now = timezone.now()
    run.finished_at = now
    run.save()
    source.last_run_at = now
    if success:
        source.last_success_at = now
        source.consecutive_failures = 0
        source.last_error = ""
    source.save(
        update_fields=[
            "etag",
            "body_hash",
            "last_modified",
            "last_run_at",
            "last_success_at",
            "consecutive_failures",
            "last_error",
        ]
    )


def _finish_failed(run: IngestRun, source: FeedSource, error: str) -> None:
    run.status = IngestRun.Status.FAILED
    run.error = error
    source.consecutive_failures += 1
    source.last_error = error
    logger.warning("ingest %s failed: %s", source, error)
    _finish(run, source, success=False)


def _reindexed(*, bulk: bool) -> None:
    """After a run: cached listings are stale, and a bulk load merges the index's pending list."""
    invalidate_listings()
    if bulk:
        flush_search_index()


# -- storing --------------------------------------------------------------------------------------


@dataclass
class Prepared:
    """A record turned into Role field values."""

    record: FeedRecord
    content_hash: str
    fields: dict
    visas: tuple[str, ...]
    streams: tuple[str, ...]
    company: str


@transaction.atomic
def store(*, source: FeedSource, parsed: ParseResult) -> Counts:
    """Upsert the parsed records of ``source`` and close roles that vanished from a complete feed."""
    now = timezone.now()
    # Writes below skip the search triggers; _reindex refreshes the new and updated roles
    # once, after the transaction.
    defer_search_index()
    counts = Counts(fetched=len(parsed.records) + len(parsed.failures) + len(parsed.skipped))
    counts.skipped = len(parsed.skipped)
    counts.failures = [{"reference": f.reference, "reason": f.reason} for f in parsed.failures]
    counts.failed = len(parsed.failures)

    existing = {
        external_id: (role_id, content_hash, status)
        for role_id, external_id, content_hash, status in Role.objects.filter(
            source=source
        ).values_list("id", "external_id", "content_hash", "status")
    }
    seen = {f.external_id for f in parsed.failures if f.external_id}
    seen |= {f.external_id for f in parsed.skipped if f.external_id}

    to_prepare: list[tuple[FeedRecord, str]] = []
    for record in parsed.records:
        if record.external_id in seen:
            continue  # a duplicate delivery inside one payload: the first one wins
        seen.add(record.external_id)
        digest = record_hash(record)
        known = existing.get(record.external_id)
        if known and known[1] == digest and known[2] != Role.Status.CLOSED:
            counts.unchanged += 1
            continue
        to_prepare.append((record, digest))

    known_streams = [
        StreamName(slug, code, name)
        for slug, code, name in VisaStream.objects.filter(active=True).values_list(
            "slug", "subclass__code", "name"
        )
    ]
    lookups = _Lookups(
        subclasses=dict(VisaSubclass.objects.values_list("code", "id")),
        streams=dict(VisaStream.objects.values_list("slug", "id")),
        employers={source.employer.name.casefold(): source.employer} if source.employer else {},
    )
    batches = [to_prepare[i : i + BATCH_SIZE] for i in range(0, len(to_prepare), BATCH_SIZE)]
    prepared: list[Prepared] = []
    sent, updates = [], []
    # Each turn sends the batch read in the turn before and reads the next one while the
    # database writes it; the last turn reads nothing and only sends.
    for batch in [*batches, []]:
        creates = []
        for item in _with_employers(prepared, source=source, lookups=lookups, counts=counts):
            (updates if item.record.external_id in existing else creates).append(item)
        with overlapping_writes():
            sent.append((creates, _create(creates, source=source, now=now, lookups=lookups)))
            prepared = _prepare_batch(
                batch, source=source, now=now, streams=known_streams, counts=counts
            )
    new_roles: list[tuple[int, Prepared]] = []
    for items, written in sent:
        ids = written.ids()
        new_roles += [(ids[item.record.external_id[:200]], item) for item in items]
    updated_ids = _update(updates, existing=existing, now=now)
    counts.created, counts.updated = len(new_roles), len(updated_ids)
    _set_visas(updates, existing, lookups=lookups)
    _mark_duplicates(new_roles, source=source)

    closed_ids: list[int] = []
    if parsed.complete:
        vanished = [
            role_id
            for external_id, (role_id, _, status) in existing.items()
            if external_id not in seen and status in (Role.Status.APPROVED, Role.Status.PENDING)
        ]
        closed_ids = _close(vanished, now=now)
    counts.closed = len(closed_ids)
    # Before the commit, so no role is ever listed with stale search data (new roles carry theirs).
    index_roles(updated_ids)
    return counts


def prepare(
    record: FeedRecord, digest: str, *, source: FeedSource, now: datetime, streams: list[StreamName]
) -> Prepared | str:
    """Normalise and classify one record; a string says why it is not stored ("non_ml", or a reason)."""
    verdict = sponsorship.classify(
        title=record.title,
        description_html=record.description_html,
        eligibility_text=record.eligibility_text,
    )
    if not verdict.is_ml_role:
        return "non_ml"
    location = parse_location(
        record.location_text,
        city=record.city,
        region=record.region,
        country=record.country,
        workplace_hint=record.workplace_hint,
    )
    if location.in_australia is False:
        return f"not in Australia ({location.display or record.location_text})"
    pay = annual_salary(record.salary, record.salary_text)
    named = ()
    if verdict.sponsorship == sponsorship.OFFERED:
        text = normalise(html_to_text(f"{record.description_html}\n{record.eligibility_text}"))
        named = streams_named(text, verdict.visas, streams)
    posted = record.posted_at or now
    return Prepared(
        record=record,
        content_hash=digest,
        company=record.company.strip(),
        visas=verdict.visas,
        streams=named,
        fields={
            "title": record.title[:200],
            "description": sanitise_html(record.description_html),
            "city": location.city[:100],
            "state": location.state,
            "workplace": location.workplace,
            "location_text": (location.display or record.location_text)[:200],
            "employment_type": employment_type(record.employment_type_hint, title=record.title),
            "salary_min": pay.minimum,
            "salary_max": pay.maximum,
            "salary_text": pay.display[:120],
            "sponsorship": verdict.sponsorship,
            "sponsorship_evidence": verdict.evidence,
            "apply_url": record.apply_url[:500],
            "posted_at": min(posted, now),
            "expires_at": record.valid_through,
            "content_hash": digest,
            "last_seen_at": now,
        },
    )


@dataclass
class _Lookups:
    """Ids the rows refer to, read once a run; employers are added as records name them."""

    subclasses: dict[str, int]
    streams: dict[str, int]
    employers: dict[str, Employer]


def _prepare_batch(
    batch: list[tuple[FeedRecord, str]],
    *,
    source: FeedSource,
    now: datetime,
    streams: list[StreamName],
    counts: Counts,
) -> list[Prepared]:
    prepared = []
    for record, digest in batch:
        item = prepare(record, digest, source=source, now=now, streams=streams)
        if isinstance(item, str):
            if item == "non_ml":
                counts.skipped_non_ml += 1
            else:
                counts.skipped += 1
                counts.failures.append({"reference": record.external_id, "reason": item})
            continue
        prepared.append(item)
    return prepared


def _with_employers(
    prepared: list[Prepared], *, source: FeedSource, lookups: _Lookups, counts: Counts
) -> list[Prepared]:
    """The items with their employer and duplicate key set; an item with no employer is a failure."""
    _add_employers({item.company for item in prepared if item.company}, lookups.employers)
    ready = []
    for item in prepared:
        employer = (
            lookups.employers.get(item.company.casefold()) if item.company else source.employer
        )
        if employer is None:
            counts.failed += 1
            counts.failures.append(
                {
                    "reference": item.record.external_id,
                    "reason": "no company in the record and no employer on the source",
                }
            )
            continue
        item.fields["employer"] = employer
        item.fields["dedupe_key"] = dedupe_key(
            employer_id=employer.id,
            title=item.fields["title"],
            city=item.fields["city"],
            state=item.fields["state"],
        )
        ready.append(item)
    return ready


def _add_employers(names: set[str], known: dict[str, Employer]) -> None:
    """Add the employers ``names`` name to ``known`` (keyed by casefolded name), creating new ones unverified."""
    wanted = {name.casefold(): name for name in names if name.casefold() not in known}
    if not wanted:
        return
    slugs = {key: slugify(name)[:200] or "employer" for key, name in wanted.items()}
    by_slug = {e.slug: e for e in Employer.objects.filter(slug__in=slugs.values())}
    for key, name in wanted.items():
        employer = by_slug.get(slugs[key])
        if employer is None:
            employer = Employer.objects.create(name=name[:200], slug=slugs[key])
            by_slug[employer.slug] = employer
        known[key] = employer


def _create(
    items: list[Prepared], *, source: FeedSource, now: datetime, lookups: _Lookups
) -> NewRoles:
    trusted = source.trusted
    rows = []
    for item in items:
        row = {**item.fields, "employer_id": item.fields["employer"].id}
        del row["employer"]
        row.update(
            slug=slugify(f"{row['title']} {row['city']}")[:200] or "role",
            source_id=source.id,
            external_id=item.record.external_id[:200],
            status=Role.Status.APPROVED if trusted else Role.Status.PENDING,
            approved_at=now if trusted else None,
            created_at=now,
            updated_at=now,
        )
        rows.append(row)
    return insert_new_roles(
        rows,
        visa_ids=[
            [lookups.subclasses[c] for c in item.visas if c in lookups.subclasses] for item in items
        ],
        stream_ids=[
            [lookups.streams[s] for s in item.streams if s in lookups.streams] for item in items
        ],
        event_reason=f"From {source}; {'trusted source, approved' if trusted else 'awaiting review'}.",
        now=now,
    )


UPDATE_FIELDS = [
    "employer",
    "title",
    "slug",
    "description",
    "city",
    "state",
    "workplace",
    "location_text",
    "employment_type",
    "salary_min",
    "salary_max",
    "salary_text",
    "sponsorship",
    "sponsorship_evidence",
    "apply_url",
    "expires_at",
    "content_hash",
    "last_seen_at",
    "dedupe_key",
    "status",
    "closed_at",
    "updated_at",
]


def _update(items: list[Prepared], *, existing: dict, now: datetime) -> list[int]:
    if not items:
        return []
    by_id = Role.objects.in_bulk([existing[item.record.external_id][0] for item in items])
    reopened = []
    for item in items:
        role = by_id[existing[item.record.external_id][0]]
        for name, value in item.fields.items():
            if name != "posted_at":  # a role keeps the date it was first posted
                setattr(role, name, value)
        role.slug = slugify(f"{role.title} {role.city}")[:200] or "role"
        role.updated_at = now
        if role.status == Role.Status.CLOSED and _closed_by_ingest(role):
            # Back in the feed after vanishing: open again as it was before.
            role.status = Role.Status.APPROVED if role.approved_at else Role.Status.PENDING
            role.closed_at = None
            reopened.append(role)
    Role.objects.bulk_update(list(by_id.values()), UPDATE_FIELDS, batch_size=BATCH_SIZE)
    ModerationEvent.objects.bulk_create(
        [
            ModerationEvent(
                role=role,
                action=ModerationEvent.Action.INGESTED,
                reason="Back in the feed.",
                created_at=now,
            )
            for role in reopened
        ]
    )
    return list(by_id)


def _closed_by_ingest(role: Role) -> bool:
    last = role.moderation_events.order_by("-created_at", "-id").first()
    return last is not None and last.actor_id is None and last.reason == VANISHED_REASON


def _set_visas(updates: list[Prepared], existing: dict, *, lookups: _Lookups) -> None:
    """Replace the visa subclasses and streams of updated roles (new roles got theirs on insert)."""
    if not updates:
        return
    wanted = [(existing[item.record.external_id][0], item) for item in updates]
    for relation, lookup, attribute, id_field in (
        (Role.visa_subclasses.through, lookups.subclasses, "visas", "visasubclass_id"),
        (Role.visa_streams.through, lookups.streams, "streams", "visastream_id"),
    ):
        relation.objects.filter(role_id__in=[role_id for role_id, _ in wanted]).delete()
        relation.objects.bulk_create(
            [
                relation(role_id=role_id, **{id_field: lookup[key]})
                for role_id, item in wanted
                for key in getattr(item, attribute)
                if key in lookup
            ],
            batch_size=BATCH_SIZE,
        )


def _mark_duplicates(new_roles: list[tuple[int, Prepared]], *, source: FeedSource) -> None:
    """A new role that another source of the same employer already lists points at that one.

    Candidates are read by employer, and matched in Python: a correlated lookup per new
    role is at the planner's mercy on a table whose statistics predate this run.
    """
    if not new_roles:
        return
    originals = dict(
        Role.objects.filter(
            employer_id__in={item.fields["employer"].id for _, item in new_roles},
            duplicate_of__isnull=True,
        )
        .exclude(source=source)
        .exclude(status__in=[Role.Status.CLOSED, Role.Status.REJECTED, Role.Status.EXPIRED])
        .order_by("-id")  # the last of a key wins: the oldest listing is the original
        .values_list("dedupe_key", "id")
    )
    Role.objects.bulk_update(
        [
            Role(id=role_id, duplicate_of_id=originals[item.fields["dedupe_key"]])
            for role_id, item in new_roles
            if item.fields["dedupe_key"] in originals
        ],
        ["duplicate_of"],
        batch_size=BATCH_SIZE,
    )


def _close(role_ids: list[int], *, now: datetime) -> list[int]:
    if not role_ids:
        return []
    Role.objects.filter(id__in=role_ids).update(
        status=Role.Status.CLOSED, closed_at=now, updated_at=now
    )
    ModerationEvent.objects.bulk_create(
        [
            ModerationEvent(
                role_id=role_id,
                action=ModerationEvent.Action.CLOSED,
                reason=VANISHED_REASON,
                created_at=now,
            )
            for role_id in role_ids
        ],
        batch_size=BATCH_SIZE,
    )
    return role_ids
