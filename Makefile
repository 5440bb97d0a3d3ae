# Two commands do everything: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# A dev-only secret, generated once per checkout inside .venv (never committed).
DEV_SECRET := $(VENV)/dev-secret-key
RUN_ENV = SECRET_KEY="$$(cat $(DEV_SECRET))" DEBUG=false HTTPS=false ALLOWED_HOSTS=127.0.0.1,localhost

# The first Python >= 3.12 found: on PATH, then in pyenv's versions folder.
PYTHON ?= $(shell for p in python3.13 python3.12 python3 \
	$$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -r); do \
	"$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo "$$p"; break; }; done)

.PHONY: help run superuser test bench lint messages chromium wrk gettext check-python clean

help:
	@echo "make run   - install, migrate, load the default rules, serve on http://127.0.0.1:$(PORT)"
	@echo "make test  - install what the tests need, then run ruff and the whole suite on SQLite and PostgreSQL"
	@echo "make bench - time the engine, then 32 managers on gunicorn (SQLite, PostgreSQL, with Redis when they run); writes BENCHMARKS.md"
	@echo "make superuser - create an admin login for http://127.0.0.1:$(PORT)/admin/"

check-python:
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (python3.13, python3.12 or pyenv). Install one and retry." >&2; exit 1; }

$(VENV)/.installed: pyproject.toml | check-python
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

# Message catalogues: the .po files are committed, the compiled .mo files are built here.
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

messages: $(MO_FILES)

%.mo: %.po | gettext
	msgfmt --check-format -o $@ $<

gettext:
	@command -v msgfmt >/dev/null || { \
	  echo "Installing gettext (msgfmt) ..."; \
	  if command -v apt-get >/dev/null; then $(SUDO) apt-get install -y -qq gettext; \
	  elif command -v brew >/dev/null; then brew install gettext; \
	  else echo "Install GNU gettext (msgfmt) and retry." >&2; exit 1; fi; }

# Browser tests drive the system's Chromium; on Debian/Ubuntu it is installed when missing.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
chromium: $(VENV)/.installed
	@$(BIN)/python -m tests.browser.chromium >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null; then \
	    echo "Installing Chromium from the system packages ..."; \
	    $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; \
	  else \
	    echo "Installing Playwright's own Chromium ..."; $(BIN)/playwright install chromium; \
	  fi; }
	@$(BIN)/python -m tests.browser.chromium

$(DEV_SECRET): | $(VENV)/.installed
	$(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

run: $(VENV)/.installed $(DEV_SECRET) messages
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo "Serving on http://127.0.0.1:$(PORT)  (admin: http://127.0.0.1:$(PORT)/admin/; create a user with: make superuser)"
	$(RUN_ENV) PATH="$(CURDIR)/$(BIN):$$PATH" HOST=127.0.0.1 PORT=$(PORT) advisor/start.sh

superuser: $(VENV)/.installed $(DEV_SECRET)
	$(RUN_ENV) $(BIN)/python manage.py createsuperuser

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The suite runs on SQLite, then again on PostgreSQL when a server answers at PG_URL.
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
test: lint messages chromium wrk
	$(BIN)/pytest
	@if $(BIN)/python -m tests.postgres "$(PG_URL)"; then \
	  echo "Running the suite again on PostgreSQL ($(PG_URL)) ..."; \
	  DATABASE_URL="$(PG_URL)" $(BIN)/pytest; \
	else \
	  echo "No PostgreSQL answers at $(PG_URL): the suite ran on SQLite only."; \
	fi

# The load generator for `make bench` (and the benchmark harness's smoke test).
wrk:
	@command -v wrk >/dev/null || { \
	  echo "Installing wrk ..."; \
	  if command -v apt-get >/dev/null; then $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk; \
	  elif command -v brew >/dev/null; then brew install wrk; \
	  else echo "Install wrk (https://github.com/wg/wrk) and retry." >&2; exit 1; fi; }

bench: $(VENV)/.installed wrk
	$(BIN)/python -m tests.benchmarks

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache test-artifacts $(MO_FILES)
