"""The admin of feed sources (health, "Ingest now") and their runs."""

from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join

from listings.models import (
    FeedSource,
    IngestRun,
)


@admin.register(FeedSource)
class FeedSourceAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "kind",
        "employer",
        "trusted",
        "active",
        "health",
        "last_success_at",
        "consecutive_failures",
        "short_error",
    ]
    list_filter = ["kind", "trusted", "active"]
    search_fields = ["name", "url", "employer__name"]
    list_select_related = ["employer"]
    autocomplete_fields = ["employer"]
    readonly_fields = [
        "etag",
        "last_modified",
        "last_run_at",
        "last_success_at",
        "consecutive_failures",
        "last_error",
        "locked_until",
        "recent_runs",
    ]
    actions = ["ingest_now"]

    @admin.display(description="Recent runs")
    def recent_runs(self, obj):
        runs = obj.runs.order_by("-started_at")[:10]
        return format_html(
            "<table><tr><th>Started</th><th>Status</th><th>Fetched</th><th>Created</th><th>Updated</th>"
            "<th>Unchanged</th><th>Closed</th><th>Failed</th><th>Error</th></tr>{}</table>",
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                (
                    (
                        r.started_at,
                        r.get_status_display(),
                        r.fetched,
                        r.created,
                        r.updated,
                        r.unchanged,
                        r.closed,
                        r.failed,
                        r.error[:120],
                    )
                    for r in runs
                ),
            ),
        )

    @admin.display(description="Health", boolean=True)
    def health(self, obj):
        return None if obj.last_run_at is None else not obj.is_failing

    @admin.display(description="Last error")
    def short_error(self, obj):
        return obj.last_error[:80]

    @admin.action(description="Ingest now")
    def ingest_now(self, request, queryset):
        from listings.ingest.tasks import ingest_source

        ids = list(queryset.filter(active=True).values_list("id", flat=True))
        for source_id in ids:
            ingest_source.delay(source_id)
        self.message_user(
            request, f"Ingest queued for {len(ids)} active source(s).", messages.SUCCESS
        )


@admin.register(IngestRun)
class IngestRunAdmin(admin.ModelAdmin):
    list_display = [
        "source",
        "status",
        "started_at",
        "duration",
        "fetched",
        "created",
        "updated",
        "unchanged",
        "closed",
        "skipped_non_ml",
        "failed",
    ]
    list_filter = ["status", "source__kind"]
    search_fields = ["source__name", "source__url", "error"]
    list_select_related = ["source"]
    date_hierarchy = "started_at"
    readonly_fields = [f.name for f in IngestRun._meta.fields]

    def has_add_permission(self, request):
        return False
