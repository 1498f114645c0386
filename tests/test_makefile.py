"""make run: the address it serves on is the one its links name."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def dry_run(*args: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "HOST", "PORT"}}
    return subprocess.run(
        ["make", "-n", "run", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout


@pytest.mark.parametrize(
    ("args", "site_url", "served"),
    [
        ((), "http://127.0.0.1:8000", "127.0.0.1:8000"),
        (("PORT=8123",), "http://127.0.0.1:8123", "127.0.0.1:8123"),
        (("HOST=0.0.0.0", "PORT=8150"), "http://0.0.0.0:8150", "0.0.0.0:8150"),
        (
            ("PORT=8150", "SITE_URL=https://jobs.example.org"),
            "https://jobs.example.org",
            "127.0.0.1:8150",
        ),
    ],
)
def test_make_run_gives_its_links_the_address_it_serves_on(args, site_url, served):
    commands = dry_run(*args)
    assert f"SITE_URL={site_url} " in commands
    assert f"runserver {served}" in commands
