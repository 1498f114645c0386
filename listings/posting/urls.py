"""Employer posting and the dashboard (login required; owners only)."""

from django.urls import path

from listings.posting import dashboard
from listings.posting import views as posting

urlpatterns = [
    path("post/", posting.role_create, name="post"),
    path("post/guidance/", posting.guidance, name="post_guidance"),
    path("post/<int:pk>/submitted/", posting.role_submitted, name="post_submitted"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/roles/<int:pk>/", dashboard.role_detail, name="dashboard_role"),
    path("dashboard/roles/<int:pk>/edit/", posting.role_edit, name="role_edit"),
    path("dashboard/roles/<int:pk>/guidance/", posting.guidance, name="role_edit_guidance"),
    path("dashboard/roles/<int:pk>/close/", dashboard.role_close, name="role_close"),
    path("dashboard/roles/<int:pk>/renew/", dashboard.role_renew, name="role_renew"),
    path("dashboard/roles/<int:pk>/duplicate/", dashboard.role_duplicate, name="role_duplicate"),
]
