# One image for web, worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

RUN useradd --create-home --uid 1000 app
COPY requirements.lock pyproject.toml ./
RUN pip install --require-hashes -r requirements.lock
COPY . .
# collectstatic needs no secrets of its own; a throwaway key satisfies production settings here.
RUN DJANGO_DEBUG=0 DJANGO_SECRET_KEY=collectstatic-only-not-used-at-run-time-0123456789abcdef \
    python manage.py collectstatic --noinput && mkdir -p var && chown -R app:app var

USER app
EXPOSE 8000
CMD ["gunicorn", "jobboard.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
