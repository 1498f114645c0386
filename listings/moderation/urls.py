"""Moderation on the public side: “Report this listing” (the rest is in the admin)."""

from django.urls import path

from listings.moderation import reports

urlpatterns = [
    path("jobs/<int:pk>/report/", reports.role_report, name="role_report"),
    path("jobs/<int:pk>/report/thanks/", reports.role_report_thanks, name="role_report_thanks"),
]
