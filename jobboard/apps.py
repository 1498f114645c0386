"""The admin app, installed with our admin site (INSTALLED_APPS names this instead of
``django.contrib.admin``)."""

from django.contrib.admin.apps import AdminConfig


class JobBoardAdminConfig(AdminConfig):
    default_site = "jobboard.admin.JobBoardAdminSite"
