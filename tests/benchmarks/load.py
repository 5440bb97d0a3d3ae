"""The load half of `make bench`: serve the app under gunicorn, drive each page with wrk.

One server per database (SQLite, then PostgreSQL when it answers), all pages loaded in the
same run so each page's throughput can be read as a share of the trivial view's.
"""

from __future__ import annotations

import json
import secrets
import string
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import server as servers
from . import wrk
from .wizard_session import STEPS, User, finish_one, prepare_users, step_fields

#: The pages measured, in order: key, label.
PAGES = (
    ("trivial", "trivial view (ceiling)"),
    ("static", "static file (whitenoise)"),
    ("step_get", "wizard step GET"),
    ("step_post", "wizard step POST (valid)"),
    ("wizard", "whole wizard, per request"),
    ("result", "result page"),
    ("json", "result JSON"),
)
STATIC_FILE = "css/base.css"
REDIS_RUN = "PostgreSQL + Redis"
#: GET /assess/, GET and POST of each of the six steps (the review's POST finishes), result.
REQUESTS_PER_RUN = 14


@dataclass
class Settings:
    duration: float = 5.0
    connections: int = 16
    threads: int = 2
    workers: int = 2
    #: The whole wizard runs longer by default (twice `duration`), so visitors finish runs.
    wizard_duration: float | None = None

    @property
    def wizard_seconds(self) -> float:
        return self.wizard_duration or self.duration * 2


@dataclass
class DatabaseRun:
    """The figures for one database, or why it was skipped."""

    name: str
    results: dict[str, wrk.Result] = field(default_factory=dict)
    worker_rss_mb: list[float] = field(default_factory=list)
    #: The trivial view's req/s measured first and again last; the better one is the ceiling.
    trivial_runs: list[float] = field(default_factory=list)
    #: Analyses ("what would change") still queued when the whole-wizard load stopped, and
    #: the seconds the task worker then took to work them all out.
    analyses_queued: int = 0
    analyses_drained_seconds: float | None = None
    #: How the app reached the database (a file, a Unix socket, TCP).
    connection: str = ""
    skipped: str = ""

    def ratio(self, key: str) -> float | None:
        trivial = self.results.get("trivial")
        if key not in self.results or not trivial or not trivial.requests_per_second:
            return None
        return self.results[key].requests_per_second / trivial.requests_per_second

    def runs_per_second(self) -> float:
        """Whole-wizard requests per second over the requests of one run."""
        wizard = self.results.get("wizard")
        return wizard.requests_per_second / REQUESTS_PER_RUN if wizard else 0.0

    def completions_per_second(self) -> float:
        wizard = self.results.get("wizard")
        if not wizard or not wizard.seconds:
            return 0.0
        return wizard.extra.get("completions", 0) / wizard.seconds


def static_url(static_root: Path, name: str = STATIC_FILE) -> str:
    """The hashed URL of one collected file, from whitenoise's manifest."""
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"][name]


def _user_args(users: list[User]) -> list[str]:
    return [part for user in users for part in (user.cookie, user.run, user.csrf)]


def _wizard_args() -> list[str]:
    csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    return [csrf, *(part for step in STEPS for part in (step, step_fields(step)))]


def _warm_up(port: int, paths: list[str]) -> None:
    """A few requests per page so both workers have loaded their code and templates."""
    for path in paths:
        for _ in range(4):
            status, _body = servers.get(port, path)
            if status != 200:
                raise RuntimeError(f"GET {path} answered {status} while warming up")


def _worked_out(port: int, token: str, timeout: float = 60.0) -> None:
    """Wait until the task worker has worked out the result's "what would change"."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _status, body = servers.get(port, f"/r/{token}.json")
        if "pending" not in (json.loads(body).get("sensitivity") or {}):
            return
        time.sleep(0.2)
    raise RuntimeError(f"The task worker did not work out result {token} in {timeout:.0f} s")


def _drain(env: dict[str, str], run: DatabaseRun, timeout: float = 300.0) -> None:
    """Count the analyses the wizard load left queued, and time the worker working them out."""
    run.analyses_queued = servers.pending_analyses(env)
    started = time.monotonic()
    while servers.pending_analyses(env):
        if time.monotonic() - started > timeout:
            return
        time.sleep(0.5)
    run.analyses_drained_seconds = time.monotonic() - started
    print(
        f"  {run.analyses_queued} analyses queued after the wizard load, "
        f"worked out in {run.analyses_drained_seconds:.1f} s",
        flush=True,
    )


def _print_row(label: str, result: wrk.Result) -> None:
    print(
        f"  {label:<28} {result.requests_per_second:>9.1f} req/s  median "
        f"{result.median_ms:6.2f} ms  p99 {result.p99_ms:7.2f} ms  errors {result.errors}",
        flush=True,
    )


def measure(server: servers.Server, static_root: Path, settings: Settings) -> DatabaseRun:
    """Load each page in turn on a running server."""
    port = server.port
    base = f"http://{servers.HOST}:{port}"
    token = finish_one(port)
    _worked_out(port, token)
    plain = {
        "trivial": "/bench/trivial/",
        "static": static_url(static_root),
        "result": f"/r/{token}/",
        "json": f"/r/{token}.json",
    }
    _warm_up(port, list(plain.values()))
    first = STEPS[0]
    options = {"duration": settings.duration, "connections": settings.connections}
    scripted = {
        "step_get": {
            "script": "step.lua",
            "args": ["GET", first, "", *_user_args(prepare_users(port, settings.connections))],
        },
        "step_post": {
            "script": "step.lua",
            "args": [
                "POST",
                first,
                step_fields(first),
                *_user_args(prepare_users(port, settings.connections)),
            ],
        },
        # One visitor per thread: as many threads as connections; twice as long, so that
        # every visitor can finish a few runs of 14 requests even on a slow machine.
        "wizard": {
            "script": "wizard.lua",
            "args": _wizard_args(),
            "threads": settings.connections,
            "duration": settings.wizard_seconds,
        },
    }
    run = DatabaseRun(name="")
    for key, label in PAGES:
        if key in plain:
            result = wrk.run(base + plain[key], threads=settings.threads, **options)
        else:
            result = wrk.run(
                base + "/", **{**options, "threads": settings.threads, **scripted[key]}
            )
        run.results[key] = result
        _print_row(label, result)
        if key == "wizard":
            # The worker catches up before the next page is loaded, not while it is.
            _drain(server.env, run)
    # Other work on the machine drifts: the ceiling is the better of a first and a last run.
    again = wrk.run(base + plain["trivial"], threads=settings.threads, **options)
    _print_row("trivial view, again", again)
    run.trivial_runs = [run.results["trivial"].requests_per_second, again.requests_per_second]
    if again.requests_per_second > run.results["trivial"].requests_per_second:
        run.results["trivial"] = again
    run.worker_rss_mb = server.worker_rss_mb()
    return run


def run_database(
    name: str,
    database_url: str,
    static_root: Path,
    run_dir: Path,
    settings: Settings,
    *,
    redis_url: str = "",
) -> DatabaseRun:
    print(
        f"\nLoad on {name}: {settings.workers} gunicorn workers, wrk {settings.connections} "
        f"connections, {settings.duration:g} s per page",
        flush=True,
    )
    env = servers.server_env(database_url, static_root, redis_url)
    servers.manage(env, "migrate", "--noinput")
    with servers.Server(env, run_dir, workers=settings.workers) as server:
        run = measure(server, static_root, settings)
    run.name = name
    run.connection = servers.connection_of(database_url)
    print("  worker RSS: " + ", ".join(f"{mb:.1f} MB" for mb in run.worker_rss_mb), flush=True)
    return run


def run(settings: Settings, *, postgres: bool = True) -> list[DatabaseRun]:
    """SQLite, then PostgreSQL, then PostgreSQL with Redis, each if asked for and reachable.

    A skipped configuration says why.
    """
    if not wrk.installed():
        raise RuntimeError("wrk is not installed: apt-get install -y wrk (or brew install wrk).")
    with tempfile.TemporaryDirectory(prefix="advisor-bench-") as tmp:
        tmp_dir = Path(tmp)
        static_root = tmp_dir / "static"
        sqlite_url = f"sqlite:///{tmp_dir / 'bench.sqlite3'}"
        servers.manage(servers.server_env(sqlite_url, static_root), "collectstatic", "--noinput")
        runs = [run_database("SQLite", sqlite_url, static_root, tmp_dir, settings)]
        if not postgres:
            return runs
        why = servers.postgres_reachable()
        if why:
            print(f"\nPostgreSQL skipped: not reachable at {servers.POSTGRES_ADMIN_URL} ({why})")
            runs.append(DatabaseRun(name="PostgreSQL", skipped=f"skipped: not reachable ({why})"))
            return runs
        with servers.postgres_database() as url:
            runs.append(run_database("PostgreSQL", url, static_root, tmp_dir, settings))
        why = servers.redis_reachable()
        if why:
            print(f"\nPostgreSQL + Redis skipped: Redis not reachable ({why})")
            runs.append(
                DatabaseRun(name=REDIS_RUN, skipped=f"skipped: Redis not reachable ({why})")
            )
            return runs
        with servers.postgres_database() as url, servers.empty_redis() as redis_url:
            runs.append(
                run_database(REDIS_RUN, url, static_root, tmp_dir, settings, redis_url=redis_url)
            )
    return runs
