"""The load half of `make bench`: serve the app under gunicorn and load it two ways.

One server per database (SQLite, then PostgreSQL and PostgreSQL + Redis when they answer):

- wrk on single pages in turn (the trivial view, a static file, a wizard step's GET and POST, a
  result page and its JSON), so that each page's throughput can be read as a share of the
  trivial view's in the same run;
- then managers doing whole wizard runs at once (`managers.py`), every request timed on the
  client under its page kind: the target is every page kind's p95.
"""

from __future__ import annotations

import json
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import managers as manager_load
from . import server as servers
from . import wrk
from .wizard_session import STEPS, User, finish_one, prepare_users, step_fields

#: The pages wrk loads, in order: key, label.
WRK_PAGES = (
    ("trivial", "trivial view (ceiling)"),
    ("static", "static file (whitenoise)"),
    ("step_get", "wizard step GET"),
    ("step_post", "wizard step POST (valid)"),
    ("result", "result page"),
    ("json", "result JSON"),
)
STATIC_FILE = "css/base.css"
REDIS_RUN = "PostgreSQL + Redis"


@dataclass
class Settings:
    #: Seconds of wrk on each single page, and its connections and threads.
    duration: float = 3.0
    connections: int = 16
    threads: int = 2
    #: gunicorn's web workers.
    workers: int = 2
    #: The managers doing whole wizard runs at once, the client processes they are spread
    #: over, and how long they walk.
    managers: int = 32
    manager_processes: int = 4
    manager_seconds: float = 40.0
    #: How long the task worker may take, once the managers stop, to work out the analyses
    #: they left queued before the run moves on.
    drain_seconds: float = 10.0


@dataclass
class DatabaseRun:
    """The figures for one database, or why it was skipped."""

    name: str
    results: dict[str, wrk.Result] = field(default_factory=dict)
    managers: manager_load.ManagersResult | None = None
    worker_rss_mb: list[float] = field(default_factory=list)
    #: The trivial view's req/s measured first and again last; the better one is the ceiling.
    trivial_runs: list[float] = field(default_factory=list)
    #: Analyses ("what would change") still queued when the managers stopped; how many were
    #: left `Settings.drain_seconds` later, or else how long the task worker took for them all.
    analyses_queued: int = 0
    analyses_left: int = 0
    analyses_drained_seconds: float | None = None
    #: How the app reached the database (a file, a Unix socket, TCP).
    connection: str = ""
    skipped: str = ""

    def ratio(self, key: str) -> float | None:
        trivial = self.results.get("trivial")
        if key not in self.results or not trivial or not trivial.requests_per_second:
            return None
        return self.results[key].requests_per_second / trivial.requests_per_second


def static_url(static_root: Path, name: str = STATIC_FILE) -> str:
    """The hashed URL of one collected file, from whitenoise's manifest."""
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"][name]


def _user_args(users: list[User]) -> list[str]:
    return [part for user in users for part in (user.cookie, user.run, user.csrf)]


def _warm_up(port: int, paths: list[str]) -> None:
    """A few requests per page so the workers have loaded their code and templates."""
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


def _drain(env: dict[str, str], run: DatabaseRun, limit: float) -> None:
    """Count the analyses the managers left queued, and time the worker working them out."""
    run.analyses_queued = run.analyses_left = servers.pending_analyses(env)
    started = time.monotonic()
    while run.analyses_left:
        if time.monotonic() - started > limit:
            print(f"  {run.analyses_left} analyses of {run.analyses_queued} still queued")
            return
        time.sleep(0.5)
        run.analyses_left = servers.pending_analyses(env)
    run.analyses_drained_seconds = time.monotonic() - started
    print(
        f"  {run.analyses_queued} analyses queued after the managers, "
        f"worked out in {run.analyses_drained_seconds:.1f} s",
        flush=True,
    )


def _print_row(label: str, result: wrk.Result) -> None:
    print(
        f"  {label:<28} {result.requests_per_second:>9.1f} req/s  median "
        f"{result.median_ms:6.2f} ms  p99 {result.p99_ms:7.2f} ms  errors {result.errors}",
        flush=True,
    )


def _print_managers(result: manager_load.ManagersResult) -> None:
    tally = result.tally
    print(
        f"  {result.managers} managers: {tally.completed_runs} runs in {tally.seconds:.1f} s "
        f"({result.runs_per_second:.1f}/s), {tally.errors} errors, "
        f"client CPU {result.client_cpu_share:.0%} of the machine",
        flush=True,
    )
    for key, label in manager_load.PAGE_KINDS:
        times = tally.pages[key]
        print(
            f"    {label:<34} {times.requests:>6}  median {times.median:7.2f} ms  "
            f"p95 {times.p95:7.2f} ms  p99 {times.p99:7.2f} ms  errors {times.errors}",
            flush=True,
        )
    for example in tally.error_examples:
        print(f"    e.g. {example}")


def measure_pages(port: int, static_root: Path, settings: Settings, run: DatabaseRun) -> None:
    """wrk on each single page in turn, and on the trivial view again at the end."""
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
    bodies = {"step_get": ("GET", ""), "step_post": ("POST", step_fields(first))}
    options = {
        "duration": settings.duration,
        "connections": settings.connections,
        "threads": settings.threads,
    }
    for key, label in WRK_PAGES:
        if key in plain:
            result = wrk.run(base + plain[key], **options)
        else:
            method, fields = bodies[key]
            users = _user_args(prepare_users(port, settings.connections))
            script_args = [method, first, fields, *users]
            result = wrk.run(base + "/", script="step.lua", args=script_args, **options)
        run.results[key] = result
        _print_row(label, result)
    # Other work on the machine drifts: the ceiling is the better of a first and a last run.
    again = wrk.run(base + plain["trivial"], **options)
    _print_row("trivial view, again", again)
    run.trivial_runs = [run.results["trivial"].requests_per_second, again.requests_per_second]
    if again.requests_per_second > run.results["trivial"].requests_per_second:
        run.results["trivial"] = again


def measure(server: servers.Server, static_root: Path, settings: Settings) -> DatabaseRun:
    """The single pages with wrk, then the managers; worker memory right after them."""
    run = DatabaseRun(name="")
    measure_pages(server.port, static_root, settings, run)
    run.managers = manager_load.run(
        server.port,
        managers=settings.managers,
        processes=settings.manager_processes,
        seconds=settings.manager_seconds,
    )
    run.worker_rss_mb = server.worker_rss_mb()
    _print_managers(run.managers)
    _drain(server.env, run, settings.drain_seconds)
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
        f"\nLoad on {name}: {settings.workers} gunicorn workers; wrk {settings.connections} "
        f"connections, {settings.duration:g} s per page; {settings.managers} managers "
        f"for {settings.manager_seconds:g} s",
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
