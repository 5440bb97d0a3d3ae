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

.PHONY: help run superuser test bench lint check-python clean

help:
	@echo "make run   - install, migrate, load the default rules, serve on http://127.0.0.1:$(PORT)"
	@echo "make test  - install what the tests need, then run ruff and the whole test suite"
	@echo "make bench - time the engine (staffing and scoring); prints, asserts nothing"
	@echo "make superuser - create an admin login for http://127.0.0.1:$(PORT)/admin/"

check-python:
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (python3.13, python3.12 or pyenv). Install one and retry." >&2; exit 1; }

$(VENV)/.installed: pyproject.toml | check-python
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

$(DEV_SECRET): | $(VENV)/.installed
	$(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

run: $(VENV)/.installed $(DEV_SECRET)
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo "Serving on http://127.0.0.1:$(PORT)  (admin: http://127.0.0.1:$(PORT)/admin/; create a user with: make superuser)"
	$(RUN_ENV) PATH="$(CURDIR)/$(BIN):$$PATH" HOST=127.0.0.1 PORT=$(PORT) advisor/start.sh

superuser: $(VENV)/.installed $(DEV_SECRET)
	$(RUN_ENV) $(BIN)/python manage.py createsuperuser

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest

bench: $(VENV)/.installed
	$(BIN)/python -m tests.benchmarks.engine

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
