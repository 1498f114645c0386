"""Production settings: refuse to start without a secret, pass the deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_DEBUG="0", DJANGO_SETTINGS_MODULE="jobboard.settings")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_passes_the_deploy_checks_without_warnings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x7#Lq2!vZp9@Rk4$Nw8^Tb3&Hm6*Jc1(Fs5)Gd0-Ye2=Ua7+Wi",
        DJANGO_ALLOWED_HOSTS="example.org",
        DATABASE_URL="postgres://u:p@db.internal:5432/jobs",
        DJANGO_SETTINGS_MODULE="jobboard.settings",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_database_url():
    result = manage(
        "check",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_SETTINGS_MODULE="jobboard.settings",
    )
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_embedded_default_is_postgresql_under_its_data_dir_with_eager_tasks(tmp_path):
    data_dir = tmp_path / "postgres"
    try:
        result = manage(
            "shell",
            "-c",
            "from django.db import connection as c; from django.conf import settings as s; "
            "print(c.vendor, c.settings_dict['NAME'], c.settings_dict['OPTIONS']['host'], "
            "s.CELERY_TASK_ALWAYS_EAGER, s.INGEST_ALLOW_PRIVATE_HOSTS); "
            "c.cursor().execute('SELECT 1')",
            DJANGO_SETTINGS_MODULE="jobboard.settings",
            EMBEDDED_POSTGRES_DIR=str(data_dir),
        )
        assert result.returncode == 0, result.stderr
        vendor, name, host, eager, private = result.stdout.split()[-5:]
        assert (vendor, name, host) == ("postgresql", "jobboard", str(data_dir))
        assert (data_dir / "PG_VERSION").exists()
        assert eager == "True"
        assert private == "True"
    finally:
        subprocess.run(
            [sys.executable, "-m", "jobboard.embedded", "stop"],
            cwd=ROOT,
            env={**os.environ, "EMBEDDED_POSTGRES_DIR": str(data_dir)},
            check=False,
        )


def test_embedded_run_serves_one_command_then_stops_the_server(tmp_path):
    data_dir = tmp_path / "postgres"
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "jobboard.embedded",
            "run",
            "--",
            sys.executable,
            "-c",
            "import os, psycopg; "
            "print(psycopg.connect(os.environ['DATABASE_URL']).execute('SHOW server_version').fetchone()[0])",
        ],
        cwd=ROOT,
        env={**environment, "EMBEDDED_POSTGRES_DIR": str(data_dir)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith("18.")
    assert "Embedded PostgreSQL stopped" in result.stdout
    assert not (data_dir / "postmaster.pid").exists()


def test_production_with_urls_uses_postgres_and_the_redis_broker():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; d=s.DATABASES['default']; "
        "print(d['ENGINE'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL, s.INGEST_ALLOW_PRIVATE_HOSTS)",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 60,
        DATABASE_URL="postgres://u:p@db.internal:5432/jobs",
        REDIS_URL="redis://cache.internal:6379/0",
        DJANGO_SETTINGS_MODULE="jobboard.settings",
    )
    assert result.returncode == 0, result.stderr
    engine, max_age, health, eager, broker, private = result.stdout.split()[-6:]
    assert engine == "django.db.backends.postgresql"
    assert int(max_age) > 0 and health == "True"
    assert eager == "False" and broker == "redis://cache.internal:6379/0"
    assert private == "False"
