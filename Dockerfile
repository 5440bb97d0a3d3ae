# syntax=docker/dockerfile:1
# Build: docker build -t support-model-advisor .
# Run:   see README.md ("Container").
FROM python:3.13.1-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY advisor advisor
COPY wizard wizard
RUN python -m venv /venv && /venv/bin/pip install .

FROM python:3.13.1-slim-bookworm
# The version deployed (e.g. docker build --build-arg RELEASE=$(git rev-parse --short HEAD)):
# result pages are cached per release.
ARG RELEASE=""
RUN useradd --create-home --uid 10001 advisor
COPY --from=build /venv /venv
WORKDIR /app
COPY --chown=advisor:advisor . .
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DEBUG=false \
    RELEASE=$RELEASE \
    STATIC_ROOT=/app/staticfiles
# collectstatic needs settings to load; these throwaway values exist only during the build.
RUN SECRET_KEY=build-only-not-used-at-run-time-0123456789abcdefghijklmnopqrstuvwxyz \
    ALLOWED_HOSTS=build.invalid \
    python manage.py collectstatic --noinput --verbosity 0
USER advisor
EXPOSE 8000
# /healthz answers 200 only when the database does (slim images have no curl).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\", \"8000\")}/healthz', timeout=4)"]
CMD ["/app/advisor/start.sh"]
