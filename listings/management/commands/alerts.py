"""E-mail alerts from the command line: `alerts list`, `alerts send [--force] [--all | ID ...]`.

The beat sends due digests every hour in production; the embedded default (`make run`) has
no beat, so this is how a digest is sent there (to the console).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from listings.alerts.matching import alerts_due, search_describe
from listings.alerts.services import alert_send_digest
from listings.models import JobAlert


class Command(BaseCommand):
    help = "List e-mail alerts, or send their digests now."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        commands.add_parser("list", help="Every alert, its search and state")
        send = commands.add_parser(
            "send", help="Send the digests of due alerts (or of the alerts named), synchronously"
        )
        send.add_argument("ids", nargs="*", type=int)
        send.add_argument(
            "--all", dest="every", action="store_true", help="Every active alert, due or not"
        )
        send.add_argument(
            "--force", action="store_true", help="Don't wait for the day or week to pass"
        )

    def handle(self, *args, action: str, **options):
        getattr(self, f"handle_{action}")(**options)

    def handle_list(self, **options):
        for alert in JobAlert.objects.order_by("id"):
            self.stdout.write(
                f"{alert.id:>5}  {alert.status:<12} {alert.frequency:<6} {alert.email:<32} "
                f"{search_describe(alert.query)}"
            )

    def handle_send(self, *, ids, every, force, **options):
        if ids and every:
            raise CommandError("Name alerts or use --all, not both.")
        if ids:
            alerts = JobAlert.objects.active().filter(id__in=ids)
        elif every:
            alerts = JobAlert.objects.active()
        else:
            alerts = alerts_due(now=timezone.now())
        sent = 0
        for alert_id in alerts.order_by("id").values_list("id", flat=True):
            count = alert_send_digest(alert_id=alert_id, force=force)
            sent += bool(count)
            self.stdout.write(f"alert {alert_id}: {count} new role{'s' if count != 1 else ''}")
        self.stdout.write(self.style.SUCCESS(f"{sent} digest{'s' if sent != 1 else ''} sent."))
