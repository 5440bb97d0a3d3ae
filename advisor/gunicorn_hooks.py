"""gunicorn starts the background task worker beside the app, and stops it with itself.

Loaded by advisor/start.sh (`--config python:advisor.gunicorn_hooks`). The worker works out
each result's "what would change the recommendation" at a lower CPU priority than the pages,
so a busy server answers managers first and catches up on the analysis when it has time.
No worker is started when the settings run tasks inside the request (RUN_TASKS_IN_REQUEST).
The worker carries on through database outages (`manage.py work_tasks`); if it dies all the
same, a result page still pending a minute later works the analysis out itself.
Each start also drops the expired sessions and wizard runs, and finished tasks older than
14 days.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: Seconds between two looks at the queue when it is empty.
POLL_SECONDS = "0.5"


def _tasks_in_background() -> bool:
    module = os.environ.get("DJANGO_SETTINGS_MODULE", "advisor.settings")
    return not importlib.import_module(module).RUN_TASKS_IN_REQUEST


def _lowest_priority() -> None:
    """Run only when the CPU would otherwise idle (Linux), else at the lowest nice level."""
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    except (AttributeError, OSError):  # not Linux, or a sandbox that refuses it
        os.nice(19)


def when_ready(server: Any) -> None:
    manage = [sys.executable, "manage.py"]
    # Sessions and wizard runs two weeks past their last change are dropped when a server
    # starts (Django keeps them otherwise); the master reaps the children.
    for housekeeping in ("clearsessions", "clear_runs"):
        subprocess.Popen([*manage, housekeeping], cwd=ROOT, preexec_fn=_lowest_priority)  # noqa: PLW1509
    if not _tasks_in_background():
        return
    worker = [*manage, "work_tasks", "--interval", POLL_SECONDS, "--no-reload"]
    # The master has no threads, so preparing a child between fork and exec is safe.
    server.task_worker = subprocess.Popen(worker, cwd=ROOT, preexec_fn=_lowest_priority)  # noqa: PLW1509
    server.log.info("Started the task worker (pid %s)", server.task_worker.pid)
    # Finished tasks are kept 14 days, then dropped when a server starts; the master reaps it.
    subprocess.Popen([*manage, "prune_db_task_results"], cwd=ROOT, preexec_fn=_lowest_priority)  # noqa: PLW1509


def on_exit(server: Any) -> None:
    worker = getattr(server, "task_worker", None)
    if worker is None or worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        worker.kill()
