"""E-mail alerts: sign up from a search, confirm, unsubscribe (one click), manage."""

from django.urls import path

from listings.alerts import views as alerts

urlpatterns = [
    path("alerts/", alerts.alert_list_view, name="alert_list"),
    path("alerts/new/", alerts.alert_create_view, name="alert_create"),
    path("alerts/new/sent/", alerts.alert_check_inbox, name="alert_check_inbox"),
    path("alerts/confirm/<str:token>/", alerts.alert_confirm_view, name="alert_confirm"),
    path(
        "alerts/unsubscribe/<str:token>/",
        alerts.alert_unsubscribe_view,
        name="alert_unsubscribe",
    ),
    path("alerts/manage/<str:token>/", alerts.alert_manage_view, name="alert_manage"),
    path("alerts/<int:pk>/", alerts.alert_update_view, name="alert_update"),
]
