"""Load demo employers, roles and log-ins. Safe to run again: it updates in place."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from listings.demo.catalogue import demo_roles
from listings.demo.load import employers_upsert, logins_ensure, roles_upsert
from listings.models import Role


class Command(BaseCommand):
    help = "Create demo employers, at least 40 approved ML roles, and demo log-ins (prints them)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--roles", type=int, default=48, help="How many demo roles (default 48)"
        )
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off")

    def handle(self, *args, roles: int, force: bool, **options):
        if not settings.DEMO_DATA_ALLOWED and not force:
            raise CommandError(
                "seed_demo creates log-ins with published passwords; use --force to run it in production."
            )
        employers = employers_upsert()
        created = roles_upsert(demo_roles(roles), employers)
        logins = logins_ensure(employers["harbourline-analytics"])
        live = Role.objects.visible().count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {created} roles created, {live} live roles listed."
            )
        )
        self.stdout.write("Log in at /admin/ (staff) or /accounts/login/ with:")
        for login in logins:
            self.stdout.write(f"  {login.label:<36} {login.username} / {login.password}")
