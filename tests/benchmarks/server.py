"""Start and stop the app under gunicorn with production settings, on a loopback port.

The server runs `tests.benchmarks.settings` (the app's settings plus a trivial view), with
DEBUG and HTTPS off, a generated SECRET_KEY and the rate limit on finished assessments lifted.
As deployed, gunicorn also starts the low-priority task worker (`advisor.gunicorn_hooks`).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
SETTINGS = "tests.benchmarks.settings"
POSTGRES_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
POSTGRES_BENCH_DB = "advisor_bench"
#: Where a PostgreSQL server on this machine keeps its Unix socket (Debian's, then the default).
POSTGRES_SOCKET_DIRS = ("/var/run/postgresql", "/tmp")
#: The Redis database the PostgreSQL + Redis run uses; it is emptied before and after.
REDIS_BENCH_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")


def server_env(database_url: str, static_root: Path, redis_url: str = "") -> dict[str, str]:
    """The environment of every process the benchmark starts (manage.py and gunicorn).

    Without `redis_url` the cache is per process, as by default; with it, the cache goes
    through Redis, as recommended for several app servers. Sessions live in the database
    (read through the cache when it is Redis).
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="false",
        HTTPS="false",
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=database_url,
        STATIC_ROOT=str(static_root),
        ASSESSMENT_RATE_LIMIT="1000000/1",
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
        RUN_TASKS_IN_REQUEST="false",
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    """Run one manage.py command; its output is shown only when it fails."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def postgres_reachable() -> str:
    """An empty string when PostgreSQL answers, else why not."""
    try:
        import psycopg  # noqa: PLC0415 - only the PostgreSQL half needs it
    except ImportError as error:
        return f"psycopg is not installed ({error})"
    try:
        with psycopg.connect(POSTGRES_ADMIN_URL, connect_timeout=3):
            return ""
    except psycopg.Error as error:
        return str(error).strip().splitlines()[0]


def redis_reachable(url: str = REDIS_BENCH_URL) -> str:
    """An empty string when Redis answers at `url`, else why not."""
    import redis  # noqa: PLC0415 - only the Redis run needs it

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        return str(error).strip().splitlines()[0]
    return ""


@contextlib.contextmanager
def empty_redis(url: str = REDIS_BENCH_URL) -> Iterator[str]:
    """The benchmark's Redis database, emptied before and after; yields its URL."""
    import redis  # noqa: PLC0415

    client = redis.Redis.from_url(url)
    client.flushdb()
    try:
        yield url
    finally:
        client.flushdb()


def _postgres_admin(statement: str) -> None:
    import psycopg  # noqa: PLC0415

    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3) as conn:
        conn.execute(statement)


def _postgres_socket_dir() -> str:
    """The folder of the server's Unix socket, if it has one on this machine that lets us in."""
    import psycopg  # noqa: PLC0415

    port = str(urlsplit(POSTGRES_ADMIN_URL).port or 5432)
    for folder in POSTGRES_SOCKET_DIRS:
        if not (Path(folder) / f".s.PGSQL.{port}").exists():
            continue
        try:
            with psycopg.connect(host=folder, port=port, dbname="postgres", user="postgres"):
                return folder
        except psycopg.Error:
            continue
    return ""


def connection_of(database_url: str) -> str:
    """How the app reaches its database, in words for the report."""
    if database_url.startswith("sqlite"):
        return "a file on this machine"
    host = unquote(urlsplit(database_url).hostname or "")
    return f"Unix socket in {host}" if host.startswith("/") else f"TCP to {host}"


@contextlib.contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh, empty benchmark database, dropped afterwards; yields its DATABASE_URL.

    The app reaches it through the server's Unix socket when there is one, as an app on the
    database's own machine should (no TCP stack on either side); else over TCP.
    """
    drop = f"DROP DATABASE IF EXISTS {POSTGRES_BENCH_DB} WITH (FORCE)"
    _postgres_admin(drop)
    _postgres_admin(f"CREATE DATABASE {POSTGRES_BENCH_DB}")
    # Whatever an earlier run left for the server to write out is written now, not during
    # this run's load.
    _postgres_admin("CHECKPOINT")
    socket_dir = _postgres_socket_dir()
    server = f"postgres://postgres@{quote(socket_dir, safe='')}" if socket_dir else None
    try:
        yield (server or POSTGRES_ADMIN_URL.rsplit("/", 1)[0]) + "/" + POSTGRES_BENCH_DB
    finally:
        _postgres_admin(drop)


def get(port: int, path: str, timeout: float = 5.0) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _rss_mb(pid: int) -> float | None:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return None


def _is_manage_command(pid: int) -> bool:
    """Whether the master's child runs manage.py: the task worker or a start's housekeeping."""
    with contextlib.suppress(OSError):
        return b"manage.py" in Path(f"/proc/{pid}/cmdline").read_bytes()
    return False


def pending_analyses(env: dict[str, str]) -> int:
    """Results whose "what would change" the task worker has not worked out yet."""
    script = (
        "from advisor.models import Assessment; "
        "print(Assessment.objects.filter(result__sensitivity__has_key='pending').count())"
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-v", "0", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.split()[-1])


@dataclass
class Server:
    """One gunicorn master and its workers, serving the app on `port`."""

    env: dict[str, str]
    run_dir: Path
    workers: int = 2
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def pid_file(self) -> Path:
        return self.run_dir / "gunicorn.pid"

    @property
    def log_file(self) -> Path:
        return self.run_dir / f"gunicorn-{self.port}.log"

    def start(self, timeout: float = 30.0) -> None:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "advisor.wsgi:application",
            "--config",
            "python:advisor.gunicorn_hooks",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.workers),
            # As advisor/start.sh: threads, so a slow client holds a thread, not a worker.
            "--worker-class",
            "gthread",
            "--threads",
            "4",
            "--no-control-socket",
            "--pid",
            str(self.pid_file),
            "--log-level",
            "warning",
        ]
        with self.log_file.open("w") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        self._wait_healthy(timeout)

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early:\n{self.log_file.read_text()}")
            with contextlib.suppress(OSError):
                if get(self.port, "/healthz")[0] == 200 and len(self.worker_pids()) >= 1:
                    return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer /healthz in {timeout:.0f} s")

    def master_pid(self) -> int:
        return int(self.pid_file.read_text().strip())

    def worker_pids(self) -> list[int]:
        """The master's web workers (not its task worker), as Linux lists them under /proc."""
        master = self.master_pid() if self.pid_file.exists() else self.process.pid
        children = Path(f"/proc/{master}/task/{master}/children")
        with contextlib.suppress(OSError):
            pids = [int(pid) for pid in children.read_text().split()]
            return sorted(pid for pid in pids if not _is_manage_command(pid))
        return []

    def worker_rss_mb(self) -> list[float]:
        """Resident memory (VmRSS) of each worker, in MiB."""
        return [size for pid in self.worker_pids() if (size := _rss_mb(pid)) is not None]

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM to the master (graceful), SIGKILL only if it does not stop in time."""
        if self.process is None or self.process.poll() is not None:
            return
        pid = self.master_pid() if self.pid_file.exists() else self.process.pid
        os.kill(pid, signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
