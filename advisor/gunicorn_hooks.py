"""gunicorn starts the background task worker beside the app, and stops it with itself.

Loaded by advisor/start.sh (`--config python:advisor.gunicorn_hooks`). The worker works out
each result's "what would change the recommendation" at a lower CPU priority than the pages,
so a busy server answers managers first and catches up on the analysis when it has time.
Nothing is started when the settings run tasks inside the request (RUN_TASKS_IN_REQUEST). If
the worker dies, a result page still pending a minute later works the analysis out itself.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: How much lower the worker's CPU priority is than the app's (Unix nice, 0 to 19).
NICENESS = 10
#: Seconds between two looks at the queue when it is empty.
POLL_SECONDS = "0.5"


def _tasks_in_background() -> bool:
    module = os.environ.get("DJANGO_SETTINGS_MODULE", "advisor.settings")
    return not importlib.import_module(module).RUN_TASKS_IN_REQUEST


def when_ready(server: Any) -> None:
    if not _tasks_in_background():
        return
    command = [sys.executable, "manage.py", "db_worker", "--interval", POLL_SECONDS, "--no-reload"]
    server.task_worker = subprocess.Popen(["nice", "-n", str(NICENESS), *command], cwd=ROOT)
    server.log.info("Started the task worker (pid %s)", server.task_worker.pid)


def on_exit(server: Any) -> None:
    worker = getattr(server, "task_worker", None)
    if worker is None or worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        worker.kill()
