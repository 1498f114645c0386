"""The admin: reference data, employers, roles, feeds and the moderation record.

The review queue, the review page and reports are in listings/moderation/admin.py.
"""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from listings.moderation.admin import ModerationActionsMixin

from .models import (
    AlertDelivery,
    Employer,
    EmployerMembership,
    FeedSource,
    IncomeThreshold,
    IngestRun,
    JobAlert,
    ModerationEvent,
    Occupation,
    Role,
    Specialty,
    VisaStream,
    VisaSubclass,
)


class VisaStreamInline(admin.TabularInline):
    model = VisaStream
    extra = 0
    fields = ["slug", "name", "threshold_name", "requires_csol", "active", "order"]


@admin.register(VisaSubclass)
class VisaSubclassAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "threshold_name", "permanent", "employer_sponsored", "active"]
    list_filter = ["permanent", "active"]
    search_fields = ["code", "name"]
    inlines = [VisaStreamInline]


@admin.register(VisaStream)
class VisaStreamAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "subclass", "threshold_name", "requires_csol", "active"]
    list_filter = ["subclass", "threshold_name", "requires_csol", "active"]
    search_fields = ["slug", "name"]
    list_select_related = ["subclass"]


@admin.register(IncomeThreshold)
class IncomeThresholdAdmin(admin.ModelAdmin):
    list_display = ["name", "amount", "effective_from", "confidence", "source_url"]
    list_filter = ["name", "confidence"]
    search_fields = ["name", "note", "source_url"]
    date_hierarchy = "effective_from"


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["anzsco_code", "title", "on_csol", "csol_as_at"]
    list_filter = ["on_csol"]
    search_fields = ["anzsco_code", "title"]


@admin.register(Specialty)
class SpecialtyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class MembershipInline(admin.TabularInline):
    model = EmployerMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ["name", "abn_display", "verified", "role_count", "created_at"]
    list_filter = ["verified"]
    search_fields = ["name", "abn", "website"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(role_count=Count("roles"))

    @admin.display(description="Roles", ordering="role_count")
    def role_count(self, obj):
        return obj.role_count

    @admin.display(description="ABN")
    def abn_display(self, obj):
        return obj.abn_display


@admin.register(EmployerMembership)
class EmployerMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "employer", "created_at"]
    search_fields = ["user__email", "user__username", "employer__name"]
    list_select_related = ["user", "employer"]
    autocomplete_fields = ["user", "employer"]


@admin.register(Role)
class RoleAdmin(ModerationActionsMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "review_link",
        "employer",
        "status",
        "sponsorship",
        "state",
        "workplace",
        "salary_min",
        "posted_at",
        "expires_at",
    ]
    list_filter = [
        "status",
        "sponsorship",
        "state",
        "workplace",
        "employment_type",
        "visa_subclasses",
        "source__kind",
    ]
    search_fields = ["title", "employer__name", "external_id"]
    list_select_related = ["employer"]
    autocomplete_fields = ["employer", "occupation", "created_by", "duplicate_of"]
    filter_horizontal = ["visa_subclasses", "visa_streams", "specialties"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "source",
        "external_id",
        "content_hash",
        "last_seen_at",
        "created_at",
        "updated_at",
    ]
    actions = ["approve_selected", "reject_selected"]
    # Status and its dates change through the moderation actions, which record who and why.
    moderated_fields = ["status", "rejection_reason", "approved_at", "closed_at"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + self.moderated_fields if obj is not None else fields

    @admin.display(description="Review")
    def review_link(self, obj):
        return format_html(
            '<a href="{}">Review</a>', reverse("admin:listings_rolereview_review", args=[obj.pk])
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


@admin.register(ModerationEvent)
class ModerationEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "role", "actor", "reason"]
    list_filter = ["action"]
    search_fields = ["role__title", "reason", "actor__username"]
    list_select_related = ["role__employer", "actor"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # the audit trail is not edited


@admin.register(JobAlert)
class JobAlertAdmin(admin.ModelAdmin):
    """E-mail alerts: who gets which search, how often, and whether it is on."""

    list_display = [
        "email",
        "search",
        "frequency",
        "status_display",
        "created_at",
        "confirmed_at",
        "last_sent_at",
        "roles_sent",
    ]
    list_filter = [
        "frequency",
        ("confirmed_at", admin.EmptyFieldListFilter),
        ("unsubscribed_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["email", "query", "user__email"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["user"]
    readonly_fields = [
        "token",
        "created_at",
        "requested_at",
        "confirmed_at",
        "unsubscribed_at",
        "sent_through",
        "last_checked_at",
        "last_sent_at",
        "claimed_until",
    ]
    actions = ["unsubscribe_selected"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(roles_sent=Count("deliveries", filter=Q(deliveries__sent_at__isnull=False)))
        )

    @admin.display(description="Search")
    def search(self, obj):
        from listings.alerts.matching import search_describe

        return search_describe(obj.query)

    @admin.display(description="Status")
    def status_display(self, obj):
        return obj.status_display

    @admin.display(description="Roles sent", ordering="roles_sent")
    def roles_sent(self, obj):
        return obj.roles_sent

    @admin.action(description="Unsubscribe selected alerts")
    def unsubscribe_selected(self, request, queryset):
        from listings.alerts.services import alert_unsubscribe

        done = sum(alert_unsubscribe(alert=alert) for alert in queryset)
        self.message_user(request, f"Unsubscribed {done} alert(s).", messages.SUCCESS)


@admin.register(AlertDelivery)
class AlertDeliveryAdmin(admin.ModelAdmin):
    """Which roles went to which alert: the record that stops a role being sent twice."""

    list_display = ["claimed_at", "alert", "role", "sent_at", "batch"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["alert__email", "role__title"]
    list_select_related = ["alert", "role__employer"]
    date_hierarchy = "claimed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # written only by the digest
