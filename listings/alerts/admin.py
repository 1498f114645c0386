"""The admin of e-mail alerts and their deliveries."""

from django.contrib import admin, messages
from django.db.models import Count, Q

from listings.models import (
    AlertDelivery,
    JobAlert,
)


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
