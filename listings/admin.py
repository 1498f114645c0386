"""The admin: reference data, employers, roles, feeds and the moderation record."""

from django.contrib import admin
from django.db.models import Count

from .models import (
    Employer,
    EmployerMembership,
    FeedSource,
    IncomeThreshold,
    IngestRun,
    ListingReport,
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
    list_display = ["code", "name", "permanent", "employer_sponsored", "active"]
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
class RoleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
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


@admin.register(FeedSource)
class FeedSourceAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "kind",
        "employer",
        "trusted",
        "active",
        "last_success_at",
        "consecutive_failures",
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
    ]


@admin.register(IngestRun)
class IngestRunAdmin(admin.ModelAdmin):
    list_display = [
        "source",
        "status",
        "started_at",
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


@admin.register(ListingReport)
class ListingReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "reason", "role", "status", "contact_email"]
    list_filter = ["status", "reason"]
    search_fields = ["role__title", "details", "contact_email"]
    list_select_related = ["role__employer"]
    date_hierarchy = "created_at"
