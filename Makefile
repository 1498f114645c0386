# The two commands a newcomer types: `make run` and `make test`. Both install first when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Absolute links (e-mails, canonical URLs, feeds) name the address the site is served on.
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: install run test lint format migrate bench db-stop clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	mkdir -p var/static
	touch $(STAMP)

# Without DATABASE_URL, manage.py starts the embedded PostgreSQL under var/postgres (kept
# between runs); `make run` also stops it when the server exits, `make db-stop` at any time.
EMBEDDED := $(BIN)/python -m jobboard.embedded run --

migrate: install
	$(BIN)/python manage.py migrate --noinput

run: install
	SITE_URL=$(SITE_URL) $(if $(DATABASE_URL),,$(EMBEDDED)) sh -c '$(BIN)/python manage.py migrate --noinput \
		&& $(BIN)/python manage.py seed_demo \
		&& echo "Serving on http://$(HOST):$(PORT)/" \
		&& exec $(BIN)/python manage.py runserver $(HOST):$(PORT)'

# The whole suite, browser and worker tests included; without DATABASE_URL on a throw-away
# embedded PostgreSQL, with it on that server.
test: install
	$(BIN)/python -m pytest -p no:cacheprovider

db-stop:
	$(BIN)/python -m jobboard.embedded stop

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=jobboard.test_settings $(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate requirements.lock after editing pyproject.toml (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

# Search at 10,000 and 100,000 roles against /healthz, on PostgreSQL (DATABASE_URL; default: a local
# jobboard_bench database, created if missing) with gunicorn and wrk (apt-get install wrk).
# Prints req/s, p50 and p99 and the target ratios; writes var/bench/results-<timestamp>.json.
bench: install
	$(BIN)/python -m tests.bench.run

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
