"""`make bench`: the search at 10,000 and 100,000 roles, against the bare view, then ingest, in one run.

    python -m tests.bench.run          # make bench

For each size it seeds PostgreSQL (`tests.bench.seed`), serves the app with gunicorn as in
production (DJANGO_DEBUG=0, the Redis cache when Redis answers, requests carrying
X-Forwarded-Proto: https as from the TLS proxy) and loads it with wrk at concurrency 8:
first /healthz (a bare view, the ceiling), then a rotating mix of search URLs
(tests/bench/mix.py). It prints requests/s, p50 and p99 for each and the target ratios, and
writes everything to var/bench/results-<timestamp>.json so runs can be compared.

Environment: DATABASE_URL (default: a jobboard_bench database on the embedded server under
var/postgres; a database it names is created if missing), BENCH_SIZES (default "10000,100000"), BENCH_DURATION seconds per measurement
(default 20), BENCH_CONNECTIONS (8), BENCH_THREADS (2), BENCH_WORKERS (gunicorn workers,
default 3 as in the Dockerfile), BENCH_PORT (8765), BENCH_REDIS_URL
(default redis://127.0.0.1:6379/14; "none" for per-process memory caches).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from statistics import median
from urllib.parse import urlsplit

from jobboard import embedded
from tests.bench.mix import search_urls

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable

WRK_SCRIPT = r"""
local paths = {}
local counter = 0
local thread_count = 0

function setup(thread)
  thread:set("offset", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  -- Threads start at different places in the mix.
  counter = (offset or 0) * math.floor(#paths / 2)
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter], {["X-Forwarded-Proto"] = "https"})
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "connect_errors": %d, "read_errors": %d, '
    .. '"write_errors": %d, "timeouts": %d, "non_2xx_3xx": %d, "mean_us": %.1f, '
    .. '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, errors.connect, errors.read, errors.write,
    errors.timeout, errors.status, latency.mean, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max))
end
"""


def env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def manage(*args: str, environ: dict) -> str:
    return _run(["manage.py", *args], environ=environ)


def seed(*args: str, environ: dict) -> str:
    return _run(["-m", "tests.bench", "seed", *args], environ=environ)


def _run(args: list[str], *, environ: dict) -> str:
    result = subprocess.run(
        [PYTHON, *args],
        cwd=ROOT,
        env=environ,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def ensure_database(url: str) -> None:
    """Create the benchmark database if it does not exist (needs the server's trust or password)."""
    import psycopg
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(embedded.database_named(url, "postgres"), autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            log(f"creating database {name}")
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def redis_answers(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:
        return False


def free_port(port: int) -> None:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"port {port} is taken; set BENCH_PORT")


def wait_until_up(base: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /healthz in time")


def fetch(base: str, path: str) -> tuple[int, float]:
    request = urllib.request.Request(f"{base}{path}", headers={"X-Forwarded-Proto": "https"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - started


def wrk(
    base: str, paths_file: Path, script: Path, *, duration: int, connections: int, threads: int
) -> dict:
    result = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "30s",
            "-s",
            str(script),
            base,
            "--",
            str(paths_file),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH_JSON "))
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    seconds = raw["duration_us"] / 1e6
    errors = sum(
        raw[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts", "non_2xx_3xx")
    )
    return {
        "requests": raw["requests"],
        "seconds": round(seconds, 2),
        "requests_per_s": round(raw["requests"] / seconds, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p90_ms": round(raw["p90_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "max_ms": round(raw["max_us"] / 1000, 2),
        "mean_ms": round(raw["mean_us"] / 1000, 2),
        "errors": errors,
        "raw": raw,
    }


def serve(environ: dict, port: int, workers: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "jobboard.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=environ,
        start_new_session=True,
    )


def stop(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def measure_size(size: int, *, environ, base, port, workers, paths, tmp, settings) -> dict:
    server = serve(environ, port, workers)
    try:
        wait_until_up(base)
        # Cold pass: every URL once, right after the seed invalidated the cached facets.
        cold = []
        for path in paths:
            status, seconds = fetch(base, path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}; fix it before benchmarking")
            cold.append(seconds * 1000)
        log(
            f"{size:,} roles: cold pass over {len(paths)} URLs, median {median(cold):.1f} ms,"
            f" max {max(cold):.1f} ms"
        )
        healthz_file = tmp / "healthz.txt"
        healthz_file.write_text("/healthz\n")
        mix_file = tmp / "mix.txt"
        mix_file.write_text("\n".join(paths) + "\n")
        script = tmp / "rotate.lua"
        script.write_text(WRK_SCRIPT)
        common = {
            "duration": settings["duration"],
            "connections": settings["connections"],
            "threads": settings["threads"],
        }
        # A short warm-up of both, then the measurements.
        wrk(
            base,
            mix_file,
            script,
            duration=3,
            connections=common["connections"],
            threads=common["threads"],
        )
        healthz = wrk(base, healthz_file, script, **common)
        log(_line("/healthz", healthz))
        mix = wrk(base, mix_file, script, **common)
        log(_line("search mix", mix))
    finally:
        stop(server)
    return {
        "roles": size,
        "cold_pass_ms": {"median": round(median(cold), 2), "max": round(max(cold), 2)},
        "healthz": healthz,
        "mix": mix,
    }


def _line(label: str, result: dict) -> str:
    return (
        f"{label:<11} {result['requests_per_s']:>9,.1f} req/s   p50 {result['p50_ms']:>8.2f} ms"
        f"   p99 {result['p99_ms']:>8.2f} ms   errors {result['errors']}"
    )


def main() -> int:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install -y wrk")
    database_url = env("DATABASE_URL", "") or embedded.ensure(database="jobboard_bench")
    sizes = [int(s) for s in env("BENCH_SIZES", "10000,100000").split(",")]
    settings = {
        "duration": int(env("BENCH_DURATION", "20")),
        "connections": int(env("BENCH_CONNECTIONS", "8")),
        "threads": int(env("BENCH_THREADS", "2")),
    }
    workers = int(env("BENCH_WORKERS", "3"))
    port = int(env("BENCH_PORT", "8765"))
    redis_url = env("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    if redis_url == "none" or not redis_answers(redis_url):
        log("no Redis: each gunicorn worker caches in its own memory")
        redis_url = ""
    free_port(port)
    ensure_database(database_url)

    environ = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdefghij",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "REDIS_URL": redis_url,
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    base = f"http://127.0.0.1:{port}"
    paths = search_urls()
    log(f"database {database_url.rsplit('@', 1)[-1]}; {len(paths)} search URLs; {settings}")
    log("migrate and collectstatic")
    manage("migrate", "--noinput", environ=environ)
    manage("collectstatic", "--noinput", environ=environ)

    runs = {}
    seeded = 0
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        for size in sizes:
            started = time.monotonic()
            if seeded == 0 or size < seeded:
                output = seed("--roles", str(size), "--reset", "--seed", "482", environ=environ)
            else:
                output = seed(
                    "--roles",
                    str(size - seeded),
                    "--seed",
                    str(seeded),
                    environ=environ,
                )
            seeded = size
            log(f"seeded: {output.splitlines()[-1]} ({time.monotonic() - started:.0f} s)")
            runs[str(size)] = measure_size(
                size,
                environ=environ,
                base=base,
                port=port,
                workers=workers,
                paths=paths,
                tmp=tmp,
                settings=settings,
            )

    ingest = measure_ingest(environ) if env("BENCH_INGEST", "1") != "0" else None

    largest, smallest = runs[str(max(sizes))], runs[str(min(sizes))]
    ratios = {
        "mix_rps_over_healthz_rps_at_largest": round(
            largest["mix"]["requests_per_s"] / largest["healthz"]["requests_per_s"], 3
        ),
        "mix_p50_largest_over_smallest": round(
            largest["mix"]["p50_ms"] / smallest["mix"]["p50_ms"], 3
        ),
    }
    targets = {
        "mix_at_least_10pct_of_healthz": ratios["mix_rps_over_healthz_rps_at_largest"] >= 0.10,
        "p50_within_1_5x": ratios["mix_p50_largest_over_smallest"] <= 1.5,
    }
    results = {
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "git_revision": _git_revision(),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "postgres": _postgres_version(environ),
        },
        "settings": {
            **settings,
            "gunicorn_workers": workers,
            "cache": "redis" if redis_url else "locmem",
            "urls": len(paths),
        },
        "runs": runs,
        "ingest": ingest,
        "ratios": ratios,
        "targets_met": targets,
    }
    out_dir = ROOT / "var" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"results-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    out.write_text(json.dumps(results, indent=2) + "\n")

    print()
    print(
        f"Search benchmark ({os.cpu_count()} CPUs, {workers} gunicorn workers, concurrency {settings['connections']}, {settings['duration']} s each)"
    )
    print(f"{'roles':>8}  {'what':<11} {'req/s':>9}         {'p50':>8}        {'p99':>8}")
    for size, run in runs.items():
        for label in ("healthz", "mix"):
            result = run[label]
            print(
                f"{int(size):>8,}  {'/healthz' if label == 'healthz' else 'search mix':<11}"
                f" {result['requests_per_s']:>9,.1f}   p50 {result['p50_ms']:>8.2f} ms"
                f"   p99 {result['p99_ms']:>8.2f} ms"
            )
    print(
        f"mix req/s ÷ /healthz req/s at {max(sizes):,} roles: "
        f"{ratios['mix_rps_over_healthz_rps_at_largest']:.1%} (target ≥ 10%: "
        f"{'met' if targets['mix_at_least_10pct_of_healthz'] else 'NOT met'})"
    )
    print(
        f"mix p50 at {max(sizes):,} ÷ p50 at {min(sizes):,}: "
        f"{ratios['mix_p50_largest_over_smallest']:.2f}x (target ≤ 1.5x: "
        f"{'met' if targets['p50_within_1_5x'] else 'NOT met'})"
    )
    if ingest:
        print(
            f"Ingest benchmark ({ingest['items']:,}-item Greenhouse board, one prefork worker on Redis)"
        )
        for label in ("first", "unchanged", "one_percent_changed"):
            result = ingest[label]
            target = ingest.get(f"{label}_target")
            verdict = (
                f" (target ≥ {target:,}: {'met' if ingest[f'{label}_meets_target'] else 'NOT met'})"
                if target
                else ""
            )
            print(
                f"  {label:<20} {result['items_per_second']:>8,} items/s in {result['run_seconds']:.2f} s{verdict}"
            )
    print(f"Results: {out.relative_to(ROOT)}")
    return 0


def measure_ingest(environ: dict) -> dict:
    """tests/bench/ingest.py in its own process and database (it sets Django up for that database)."""
    log("ingest benchmark")
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [PYTHON, "-m", "tests.bench.ingest", "--json", out.name],
            cwd=ROOT,
            env={key: value for key, value in environ.items() if key != "REDIS_URL"},
            check=True,
        )
        return json.loads(Path(out.name).read_text())


def _git_revision() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def _postgres_version(environ: dict) -> str:
    import psycopg

    url = environ["DATABASE_URL"].replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url) as connection:
        return connection.execute("SHOW server_version").fetchone()[0]


if __name__ == "__main__":
    sys.exit(main())
