"""Ingest benchmark: a generated 10,000-item Greenhouse board through a real worker on Redis and PostgreSQL.

    python -m tests.bench.ingest       # DATABASE_URL optional, as for make bench

It works in its own database (DATABASE_URL's name + "_ingest", recreated), serves the feed
from a local HTTP server in this process, starts `celery worker` (prefork, one process, as in
production), enqueues `ingest_source` through Redis and times each run from the IngestRun the
worker records. Three runs: the first ingest (every item new), a re-ingest of the unchanged
feed (identical bytes), and a re-ingest where 1% of the items changed (every item is parsed
and hashed again). Prints items/s for each and returns them; `tests.bench.run` includes them
in its results file.

Environment: DATABASE_URL, BENCH_REDIS_URL (default redis://127.0.0.1:6379/13),
BENCH_INGEST_ITEMS (default 10000).
"""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

from jobboard import embedded

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {"first": 2_000, "unchanged": 10_000}


def ingest_database_url(database_url: str) -> str:
    name = urlsplit(database_url).path.lstrip("/")
    return embedded.database_named(database_url, f"{name}_ingest")


def recreate_database(url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(embedded.database_named(url, "postgres"), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def greenhouse_board(count: int, *, changed: int = 0) -> bytes:
    """A Greenhouse board of ``count`` realistic ML roles; the first ``changed`` get a new title."""
    from listings.demo.catalogue import demo_roles

    jobs = []
    for index, role in enumerate(demo_roles(count, seed=7)):
        title = f"{role.title} (updated)" if index < changed else role.title
        jobs.append(
            {
                "id": 9_000_000 + index,
                "internal_job_id": 5_000_000 + index,
                "title": title,
                "company_name": role.employer.name,
                "location": {"name": f"{role.city}, {role.state}, Australia"},
                "absolute_url": f"https://boards.greenhouse.io/bench/jobs/{9_000_000 + index}",
                "updated_at": "2026-11-20T10:00:00-04:00",
                "first_published": "2026-11-19T09:00:00+11:00",
                "metadata": None,
                "content": html.escape(role.description_html),
            }
        )
    return json.dumps({"jobs": jobs, "meta": {"total": len(jobs)}}).encode()


def main() -> dict:
    database_url = ingest_database_url(
        os.environ.get("DATABASE_URL", "") or embedded.ensure(database="jobboard_bench")
    )
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
    items = int(os.environ.get("BENCH_INGEST_ITEMS", "10000"))
    environ = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "INGEST_ALLOW_PRIVATE_HOSTS": "1",  # the feed is served from this machine
        "LOG_LEVEL": "WARNING",
    }
    recreate_database(database_url)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=environ,
        check=True,
    )
    os.environ.update(
        {
            k: environ[k]
            for k in (
                "DATABASE_URL",
                "REDIS_URL",
                "DJANGO_DEBUG",
                "DJANGO_SECRET_KEY",
                "DJANGO_ALLOWED_HOSTS",
                "INGEST_ALLOW_PRIVATE_HOSTS",
            )
        }
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "jobboard.settings"
    import django

    django.setup()
    import redis

    from listings.ingest.tasks import ingest_source
    from listings.models import FeedSource, IngestRun, Role

    redis.Redis.from_url(redis_url).flushdb()
    boards = {
        "first": greenhouse_board(items),
        "unchanged": greenhouse_board(items),
        "one_percent_changed": greenhouse_board(items, changed=items // 100),
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "jobboard",
            "worker",
            "--pool",
            "prefork",
            "--concurrency",
            "1",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env=environ,
    )
    results: dict = {"items": items}
    try:
        current = {"body": boards["first"]}
        with _board_server(current) as base:
            source = FeedSource.objects.create(
                name="Bench board", kind="greenhouse", url=f"{base}/board", trusted=True
            )
            for label in ("first", "unchanged", "one_percent_changed"):
                current["body"] = boards[label]
                before = IngestRun.objects.filter(source=source).count()
                enqueued = time.monotonic()
                ingest_source.delay(source.id)
                run = _wait_for_run(source, before)
                wall = time.monotonic() - enqueued
                seconds = (run.finished_at - run.started_at).total_seconds()
                results[label] = {
                    "status": run.status,
                    "fetched": run.fetched,
                    "created": run.created,
                    "updated": run.updated,
                    "unchanged": run.unchanged,
                    "run_seconds": round(seconds, 3),
                    "items_per_second": round(run.fetched / seconds) if seconds else None,
                    "seconds_from_enqueue": round(wall, 3),
                }
                print(
                    f"ingest {label:<20} {run.fetched} items in {seconds:6.2f} s: "
                    f"{results[label]['items_per_second']:>7} items/s "
                    f"({run.created} created, {run.updated} updated, {run.unchanged} unchanged)"
                )
            results["listed_roles"] = Role.objects.visible().count()
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
    for label, target in TARGETS.items():
        achieved = results[label]["items_per_second"] or 0
        results[f"{label}_target"] = target
        results[f"{label}_meets_target"] = achieved >= target
        print(
            f"target {label:<10} >= {target:>6} items/s: {'met' if achieved >= target else 'NOT met'} ({achieved})"
        )
    return results


def _board_server(current: dict):
    """The feed server, serving whatever board ``current["body"]`` holds at request time."""
    import threading
    from contextlib import contextmanager
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    @contextmanager
    def serve():
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body = current["body"]
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
            server.server_close()

    return serve()


def _wait_for_run(source, before: int, timeout: float = 600):
    from listings.models import IngestRun

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        runs = IngestRun.objects.filter(source=source, finished_at__isnull=False)
        if runs.count() > before:
            return runs.order_by("-id").first()
        time.sleep(0.2)
    raise SystemExit("the worker did not finish the ingest in time")


if __name__ == "__main__":
    output = main()
    if len(sys.argv) > 2 and sys.argv[1] == "--json":
        Path(sys.argv[2]).write_text(json.dumps(output, indent=2) + "\n")
