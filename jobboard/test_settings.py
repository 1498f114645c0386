"""Settings for the test suite: the embedded defaults, made fast and deterministic."""

import os

# Without DATABASE_URL the suite runs on a throw-away embedded PostgreSQL server, deleted when
# the run ends; processes the tests start inherit its URL.
if "DATABASE_URL" not in os.environ:
    from jobboard import embedded

    os.environ["DATABASE_URL"] = embedded.throwaway()

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
INGEST_ALLOW_PRIVATE_HOSTS = True
SECURE_SSL_REDIRECT = False
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
