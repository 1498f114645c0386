"""docker-compose.yml runs the production shape (there is no Docker engine in CI, so we read it)."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_services_of_the_production_shape():
    services = compose()["services"]
    assert set(services) >= {"web", "worker", "beat", "db", "redis", "mail"}
    assert services["db"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")


def test_web_worker_and_beat_share_one_image_and_env():
    services = compose()["services"]
    app = [services[name] for name in ("web", "worker", "beat")]
    assert len({s["image"] for s in app}) == 1
    for service in app:
        assert service["env_file"] == ".env"
        assert service["environment"]["DATABASE_URL"].startswith("postgres://")
        assert service["environment"]["REDIS_URL"].startswith("redis://")


def test_commands():
    services = compose()["services"]
    assert "gunicorn jobboard.wsgi" in services["web"]["command"]
    assert "migrate" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A jobboard worker")
    assert services["beat"]["command"].startswith("celery -A jobboard beat")


def test_env_example_names_production_settings():
    example = (ROOT / ".env.example").read_text()
    for name in (
        "DJANGO_DEBUG=0",
        "DJANGO_SECRET_KEY=",
        "DJANGO_ALLOWED_HOSTS=",
        "INGEST_ALLOW_PRIVATE_HOSTS=0",
    ):
        assert name in example
