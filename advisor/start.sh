#!/bin/sh
# Start one app server: apply migrations (which also load the default rules on a fresh
# database), then hand the process over to gunicorn, which also starts the background task
# worker (advisor/gunicorn_hooks.py). The Dockerfile and `make run` both use it.
set -eu
cd "$(dirname "$0")/.."
python manage.py migrate --noinput
# One web worker more than the cores it may use: one works while another waits on the database.
workers="${WEB_CONCURRENCY:-$(($(nproc 2>/dev/null || echo 1) + 1))}"
# Threads, so that a client sending its request slowly holds one thread, not a whole worker.
exec gunicorn advisor.wsgi \
    --config python:advisor.gunicorn_hooks \
    --worker-class gthread \
    --threads "${THREADS:-4}" \
    --bind "${HOST:-0.0.0.0}:${PORT:-8000}" \
    --workers "$workers" \
    --no-control-socket \
    --access-logfile - \
    --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}"
