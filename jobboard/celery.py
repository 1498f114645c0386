"""The Celery app. With no broker configured, tasks run eagerly in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobboard.settings")

app = Celery("jobboard")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each product area keeps its tasks in its own tasks.py.
app.autodiscover_tasks(
    ["listings.ingest", "listings.moderation", "listings.alerts", "listings.notifications"]
)
