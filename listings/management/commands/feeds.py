"""Manage feed sources: `feeds add`, `feeds list`, `feeds ingest [--all | ID ...]`."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator
from django.utils.text import slugify

from listings.ingest.pipeline import SourceBusy, TransientIngestError, ingest_source
from listings.models import Employer, FeedSource


class Command(BaseCommand):
    help = "Add, list and ingest employer job feeds."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)

        add = commands.add_parser("add", help="Add a feed source")
        add.add_argument("--kind", required=True, choices=FeedSource.Kind.values)
        add.add_argument("--url", required=True)
        add.add_argument(
            "--employer", default="", help="Employer name, for feeds that do not name the company"
        )
        add.add_argument("--name", default="")
        add.add_argument("--trusted", action="store_true", help="Approve new roles without review")
        add.add_argument(
            "--interval", type=int, default=60, help="Minutes between ingests (default 60)"
        )

        commands.add_parser("list", help="List feed sources and their health")

        ingest = commands.add_parser(
            "ingest", help="Ingest now, synchronously, and print the counts"
        )
        ingest.add_argument("ids", nargs="*", type=int)
        ingest.add_argument("--all", action="store_true", help="Every active source")

    def handle(self, *args, action: str, **options):
        getattr(self, f"handle_{action}")(**options)

    def handle_add(self, *, kind, url, employer, name, trusted, interval, **options):
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as exc:
            raise CommandError(f"Not an http(s) URL: {url}") from exc
        owner = None
        if employer:
            owner = Employer.objects.filter(name__iexact=employer).first()
            if owner is None:
                owner = Employer.objects.create(
                    name=employer, slug=slugify(employer)[:200] or "employer"
                )
        source, created = FeedSource.objects.update_or_create(
            kind=kind,
            url=url,
            defaults={
                "employer": owner,
                "name": name or employer or url,
                "trusted": trusted,
                "interval_minutes": interval,
            },
        )
        verb = "Added" if created else "Updated"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} feed source {source.id}: {source.name} ({kind})")
        )

    def handle_list(self, **options):
        sources = FeedSource.objects.select_related("employer").order_by("id")
        if not sources:
            self.stdout.write(
                "No feed sources yet. Add one with: manage.py feeds add --kind K --url URL"
            )
        for source in sources:
            health = "never run"
            if source.last_run_at:
                health = "failing: " + source.last_error[:80] if source.is_failing else "ok"
            flags = ",".join(
                f for f, on in (("trusted", source.trusted), ("inactive", not source.active)) if on
            )
            self.stdout.write(
                f"{source.id:>4}  {source.kind:<10} {source.name[:40]:<40} {flags:<17} "
                f"last success: {source.last_success_at or '-'}  {health}"
            )

    def handle_ingest(self, *, ids, all, **options):
        if not ids and not all:
            raise CommandError("Name source ids, or use --all.")
        sources = FeedSource.objects.select_related("employer")
        sources = sources.filter(active=True) if all else sources.filter(id__in=ids)
        missing = set(ids) - {s.id for s in sources}
        if missing:
            raise CommandError(f"No feed source with id {', '.join(map(str, sorted(missing)))}")
        failed = False
        for source in sources.order_by("id"):
            try:
                run = ingest_source(source=source)
            except SourceBusy as exc:
                self.stderr.write(str(exc))
                continue
            except TransientIngestError as exc:
                run, failed = exc.run, True
            self.stdout.write(
                f"{source.id} {source.name}: {run.get_status_display()}: {run.fetched} fetched, {run.created} created, "
                f"{run.updated} updated, {run.unchanged} unchanged, {run.closed} closed, "
                f"{run.skipped_non_ml} not ML, {run.skipped} skipped, {run.failed} failed"
            )
            if run.error:
                failed = True
                self.stderr.write(f"  error: {run.error}")
            for failure in run.failures:
                self.stdout.write(f"  - {failure['reference']}: {failure['reason']}")
        if failed:
            raise CommandError("Some sources failed; see above.")
