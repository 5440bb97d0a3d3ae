"""The background task worker: django-tasks-db's, kept running through database outages.

gunicorn starts it beside the app (advisor/gunicorn_hooks.py). django-tasks-db's own worker
stops at the first database error outside a task (a restarted database drops every
connection), and a task it was running then stays RUNNING for ever, which no worker takes
again. This one closes the broken connection, waits, and carries on; and it gives back to the
queue the task it was running when the database failed, and, at start and after each outage,
the tasks any worker left RUNNING for longer than a task can take.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import Any

from django.db import Error, connections
from django.db.models import Q
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)
#: A task still RUNNING this long after it started was left by a worker that died (the
#: longest, "what would change", gives up after a few seconds).
ABANDONED_AFTER = timedelta(minutes=1)


class Worker(db_worker.Worker):
    """django-tasks-db's worker, which survives a dropped database connection."""

    interrupted: int | None = None

    def run(self) -> None:
        while self.running:
            try:
                self.requeue_left_running()
                super().run()
                return  # batch mode, or --max-tasks, ran out
            except Error:
                logger.exception("The database failed; the task worker carries on")
                connections.close_all()
                time.sleep(max(self.interval, 0.5))

    def run_task(self, db_task_result: DBTaskResult) -> None:
        self.interrupted = db_task_result.pk
        super().run_task(db_task_result)
        self.interrupted = None

    def requeue_left_running(self) -> None:
        """Requeue the task this worker ran when the database failed, and abandoned ones."""
        left = Q(started_at__lt=timezone.now() - ABANDONED_AFTER)
        if self.interrupted is not None:
            left |= Q(pk=self.interrupted)
        requeued = DBTaskResult.objects.running().filter(left).update(status=TaskResultStatus.READY)
        self.interrupted = None
        if requeued:
            logger.warning("Put %d interrupted tasks back in the queue", requeued)


class Command(db_worker.Command):
    help = "Run the background task worker, which carries on through database outages."

    def handle(self, *, verbosity: int, queue_name: str, **options: Any) -> None:
        self.configure_logging(verbosity)
        worker = Worker(
            queue_names=queue_name.split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=[],
        )
        worker.configure_signals()
        worker.run()
