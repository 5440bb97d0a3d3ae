"""Two app servers behind one database: any server can serve any step of any wizard; and a
server carries on when a database restart drops its connections.

Each server is started by `advisor/start.sh`, the script the container runs (migrate, then
gunicorn with its background task worker), after `collectstatic` as the container build does. The database is the one the
suite runs on: a fresh PostgreSQL database next to the test database when `DATABASE_URL`
names PostgreSQL (`make test`'s second run), else a fresh SQLite file.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import ANSWERS, STEPS

ROOT = Path(__file__).resolve().parent.parent
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def scratch_database(tmp_path: Path) -> Iterator[str]:
    """A DATABASE_URL for an empty database on the same kind of server as the suite's."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        return
    import psycopg  # noqa: PLC0415 - only the PostgreSQL run needs it

    params = connection.settings_dict
    name = f"{params['NAME']}_scale_out"
    admin = {"host": params["HOST"], "port": params["PORT"] or 5432, "user": params["USER"]}
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://{params['USER']}@{admin['host']}:{admin['port']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_env(database_url: str, static_root: Path) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {
        **inherited,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "SECRET_KEY": "scale-out-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DEBUG": "false",
        "HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(static_root),
        "WEB_CONCURRENCY": "1",
        "HOST": "127.0.0.1",
        # As deployed: "what would change" is worked out by each server's task worker.
        "RUN_TASKS_IN_REQUEST": "false",
    }


def deployed_env(database_url: str, static_root: Path) -> dict[str, str]:
    """`server_env`, with the static files collected as the container build does."""
    env = server_env(database_url, static_root)
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return env


def wait_until_healthy(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server on port {port} stopped:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as reply:
                if reply.status == 200:  # noqa: PLR2004
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"the server on port {port} never became healthy:\n{log.read_text()}")


@contextmanager
def app_servers(env: dict[str, str], tmp_path: Path, count: int) -> Iterator[list[int]]:
    """Start servers one after the other (the first applies the migrations), then stop all."""
    processes = []
    ports = []
    try:
        for index in range(count):
            port = free_port()
            log = tmp_path / f"server-{index}.log"
            with log.open("w") as out:
                process = subprocess.Popen(  # noqa: S603 - our own script
                    [str(ROOT / "advisor" / "start.sh")],
                    env={**env, "PORT": str(port)},
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            processes.append(process)
            wait_until_healthy(port, process, log)
            ports.append(port)
        yield ports
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            process.wait(timeout=20)


class Browser:
    """One person's cookies, sending each request to whichever server is named."""

    def __init__(self) -> None:
        cookies = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        self.opener = urllib.request.build_opener(cookies)

    def get(self, port: int, path: str) -> tuple[str, str]:
        with self.opener.open(f"http://127.0.0.1:{port}{path}", timeout=10) as reply:
            return urllib.parse.urlsplit(reply.url).path, reply.read().decode()

    def post(self, port: int, path: str, form: dict) -> tuple[str, str]:
        body = urllib.parse.urlencode(form, doseq=True).encode()
        url = f"http://127.0.0.1:{port}{path}"
        with self.opener.open(url, data=body, timeout=10) as reply:
            return urllib.parse.urlsplit(reply.url).path, reply.read().decode()


@pytest.mark.django_db
def test_one_wizard_alternating_between_two_servers_finishes_and_both_show_the_result(tmp_path):
    with scratch_database(tmp_path) as database_url:
        env = deployed_env(database_url, tmp_path / "static")
        with app_servers(env, tmp_path, count=2) as ports:
            person = Browser()
            path, page = person.get(ports[0], "/assess/")
            run = path.strip("/").split("/")[1]
            for index, step in enumerate(STEPS):
                served_by = ports[index % 2]
                _, page = person.get(served_by, f"/assess/{run}/{step}/")
                form = {f"{step}-{key}": value for key, value in ANSWERS[step].items()}
                form[f"assessment_{run}-current_step"] = step
                form["csrfmiddlewaretoken"] = CSRF_FIELD.search(page).group(1)
                path, page = person.post(ports[(index + 1) % 2], f"/assess/{run}/{step}/", form)
            assert path.startswith("/r/"), page
            results = [_when_worked_out(port, path) for port in ports]
    for result in results:
        assert "We recommend:" in result
        assert "What would change the answer" in result
    recommendation = re.compile(r"We recommend:.*?</", re.S)
    assert recommendation.search(results[0]).group() == recommendation.search(results[1]).group()


def _when_worked_out(port: int, path: str, seconds: float = 30) -> str:
    """The result page once a task worker has filled in what would change it."""
    deadline = time.monotonic() + seconds
    while True:
        page = Browser().get(port, path)[1]
        if "data-pending" not in page or time.monotonic() > deadline:
            assert "data-pending" not in page, "no task worker worked out what would change"
            return page
        time.sleep(0.2)


def _drop_every_connection(database_url: str) -> int:
    """What a database restart does to the app: every connection it kept is gone.

    How many there were: none when every one was dropped before and none opened since.
    """
    import psycopg  # noqa: PLC0415 - only the PostgreSQL run gets here

    name = urllib.parse.urlsplit(database_url).path.lstrip("/")
    with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as server:
        dropped = server.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        ).fetchall()
    return len(dropped)


def _answer(person: Browser, port: int, run: str, step: str) -> str:
    _, page = person.get(port, f"/assess/{run}/{step}/")
    form = {f"{step}-{key}": value for key, value in ANSWERS[step].items()}
    form[f"assessment_{run}-current_step"] = step
    form["csrfmiddlewaretoken"] = CSRF_FIELD.search(page).group(1)
    return person.post(port, f"/assess/{run}/{step}/", form)[0]


@pytest.mark.django_db
def test_after_a_database_restart_no_page_fails_and_the_task_worker_carries_on(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite is a file in the app's own process: there is no connection to drop")
    with scratch_database(tmp_path) as database_url:
        env = deployed_env(database_url, tmp_path / "static")
        with app_servers(env, tmp_path, count=1) as (port,):
            returning = Browser()
            run = returning.get(port, "/assess/")[0].strip("/").split("/")[1]
            _answer(returning, port, run, STEPS[0])
            dropped = _drop_every_connection(database_url)
            newcomer_path, _ = Browser().get(port, "/assess/")
            assert newcomer_path.endswith(f"/{STEPS[0]}/")
            for step in STEPS[1:]:
                # Before every step, as a restart would; the page reads the database first.
                dropped += _drop_every_connection(database_url)
                path = _answer(returning, port, run, step)
            assert path.startswith("/r/")
            dropped += _drop_every_connection(database_url)  # the task worker's, as it waits
            result = _when_worked_out(port, path)
    assert dropped >= len(STEPS), "the server and its task worker had connections to drop"
    assert "What would change the answer" in result
