"""Settings come from the environment and refuse to start on a dangerous configuration."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "SECRET_KEY": "x7Gq2v-production-like-secret-for-this-test-only-Zk93LmP0wqR5tY8uI1oP",
    "ALLOWED_HOSTS": "advisor.example.com",
    "DEBUG": "false",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "HTTPS", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_pass_the_deployment_checklist_without_a_warning():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_HOSTS": "advisor.example.com"}, "SECRET_KEY must be set"),
        ({**PRODUCTION, "SECRET_KEY": "short"}, "SECRET_KEY must be set"),
        ({**PRODUCTION, "SECRET_KEY": "django-insecure-" + "a" * 50}, "SECRET_KEY must be set"),
        ({**PRODUCTION, "ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS must list"),
        ({**PRODUCTION, "DEBUG": "maybe"}, "DEBUG must be true or false"),
        ({**PRODUCTION, "DATABASE_CONN_MAX_AGE": "forever"}, "must be a whole number"),
    ],
)
def test_a_missing_or_junk_setting_stops_the_start_with_a_clear_message(env, message):
    result = manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_a_sqlite_database_file_writes_ahead_and_lets_writers_queue(tmp_path):
    """Each wizard step writes the session: WAL and IMMEDIATE keep two workers from failing."""
    database = tmp_path / "advisor.sqlite3"
    script = (
        "from django.db import connection; "
        "print(connection.cursor().execute('PRAGMA journal_mode').fetchone()[0], "
        "connection.cursor().execute('PRAGMA synchronous').fetchone()[0], "
        "connection.transaction_mode)"
    )
    result = manage(
        "shell", "--no-imports", "-c", script, **PRODUCTION, DATABASE_URL=f"sqlite:///{database}"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "1", "IMMEDIATE"]


def test_a_postgresql_url_gets_djangos_backend_that_checks_kept_connections():
    script = (
        "from django.conf import settings; database = settings.DATABASES['default']; "
        "print(database['ENGINE']); print(database['CONN_HEALTH_CHECKS'])"
    )
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        **PRODUCTION,
        DATABASE_URL="postgres://advisor@127.0.0.1:5432/advisor",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["django.db.backends.postgresql", "True"]
