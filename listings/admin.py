"""The admin: reference data, roles and the moderation record; each area's own admin is loaded here.

Employers, feeds and alerts have theirs in their packages; the review queue, the review page
and reports are in listings/moderation/admin.py.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

# Each area's admin registers its own models when imported.
import listings.alerts.admin
import listings.employers.admin
import listings.ingest.admin  # noqa: F401
from listings.models import (
    IncomeThreshold,
    ModerationEvent,
    Occupation,
    Role,
    Specialty,
    VisaStream,
    VisaSubclass,
)
from listings.moderation.admin import ModerationActionsMixin


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
