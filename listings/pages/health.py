"""/healthz: is the database there, and (when one is configured) the broker."""

import logging

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "not usable", whatever the driver raised
        logger.warning("healthz: database unreachable: %s", exc)
        return "unreachable"
    return "ok"


def broker_state() -> str:
    url = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://")):
        return "not configured (tasks run eagerly)"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
    except redis.RedisError as exc:
        logger.warning("healthz: broker unreachable: %s", exc)
        return "unreachable"
    return "ok"


@never_cache
@require_GET
def healthz(request):
    state = {"database": database_state(), "broker": broker_state()}
    return JsonResponse(state, status=200 if state["database"] == "ok" else 503)
