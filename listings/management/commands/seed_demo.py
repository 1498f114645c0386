"""Load demo employers, roles and log-ins through the real ingest path. Safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from listings.demo.load import demo_feeds, demo_feeds_ingest, employers_upsert, logins_ensure
from listings.models import Role


class Command(BaseCommand):
    help = "Ingest the bundled demo feeds (at least 40 listed ML roles) and create demo log-ins (printed)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--roles", type=int, default=36, help="Roles on the generated demo boards (default 36)"
        )
        parser.add_argument(
            "--force", action="store_true", help="Run even where demo data is not allowed"
        )

    def handle(self, *args, roles: int, force: bool, **options):
        if not settings.DEMO_DATA_ALLOWED and not force:
            raise CommandError(
                "seed_demo creates log-ins with published passwords; use --force to run it here."
            )
        employers = employers_upsert()
        runs = demo_feeds_ingest(demo_feeds(employers, roles=roles))
        for run in runs:
            self.stdout.write(
                f"  {run.source.name:<48} {run.get_status_display():<28} {run.created} created, "
                f"{run.unchanged} unchanged, {run.skipped_non_ml} not ML"
            )
            if run.error:
                self.stderr.write(f"    error: {run.error}")
        logins = logins_ensure(employers["harbourline-analytics"])
        live = Role.objects.visible().count()
        pending = Role.objects.pending().count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {live} live roles listed, {pending} waiting for review."
            )
        )
        self.stdout.write("Log in at /admin/ (username) or /accounts/login/ (e-mail) with:")
        for login in logins:
            self.stdout.write(
                f"  {login.label:<36} {login.username} / {login.password}"
                f"   (e-mail log-in: {login.email})"
            )
