"""python -m tests.bench seed --roles N [--reset] [--seed S]: the bench seeding, outside the site."""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobboard.settings")
django.setup()

from tests.bench.seed import Command  # noqa: E402  (needs the app registry)

if __name__ == "__main__":
    if sys.argv[1:2] != ["seed"]:
        sys.exit(__doc__)
    Command().run_from_argv(["tests.bench", "seed", *sys.argv[2:]])
