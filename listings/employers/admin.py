"""The admin of employers and their members."""

from django.contrib import admin
from django.db.models import Count

from listings.models import (
    Employer,
    EmployerMembership,
)


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
