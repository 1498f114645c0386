"""Celery tasks (autodiscovered as listings.tasks): they take ids, load, and call a service."""

from .alerts import *  # noqa: F403
from .ingest import *  # noqa: F403
from .moderation import *  # noqa: F403
from .notifications import *  # noqa: F403
