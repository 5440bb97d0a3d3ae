"""The background worker carries on when the database drops its connection, and takes up
the tasks a worker left RUNNING when it died."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.db.utils import OperationalError
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from advisor.management.commands.work_tasks import Worker

pytestmark = pytest.mark.django_db(transaction=True)
DONE: list[str] = []


@task()
def note(word: str) -> None:
    DONE.append(word)


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    DONE.clear()


def run_until_the_queue_is_empty() -> None:
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    with mock.patch("time.sleep"):
        worker.run()


def test_a_dropped_connection_while_looking_for_work_does_not_stop_the_worker():
    result = note.enqueue("after the drop")
    fetch = DBTaskResultQuerySet.get_locked
    drops = [OperationalError("server closed the connection unexpectedly")]

    def dropped_once(queryset):
        if drops:
            raise drops.pop()
        return fetch(queryset)

    with mock.patch.object(DBTaskResultQuerySet, "get_locked", dropped_once):
        run_until_the_queue_is_empty()
    assert DONE == ["after the drop"]
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL


def test_a_task_interrupted_by_the_database_is_run_again():
    """The connection drops as the task's outcome is written, until the worker reconnects."""
    result = note.enqueue("again")
    connection = {"down": True}

    def write(original):
        def written(row, *args):
            if connection["down"]:
                raise OperationalError("terminating connection due to administrator command")
            return original(row, *args)

        return written

    with (
        mock.patch.object(DBTaskResult, "set_successful", write(DBTaskResult.set_successful)),
        mock.patch.object(DBTaskResult, "set_failed", write(DBTaskResult.set_failed)),
        mock.patch("django.db.connections.close_all", lambda: connection.update(down=False)),
    ):
        run_until_the_queue_is_empty()
    assert DONE == ["again", "again"]
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL


def test_a_task_a_dead_worker_left_running_is_taken_up_but_a_running_one_is_not():
    abandoned, busy = note.enqueue("abandoned"), note.enqueue("busy elsewhere")
    now = timezone.now()
    DBTaskResult.objects.filter(pk=abandoned.id).update(
        status=TaskResultStatus.RUNNING, started_at=now - timedelta(minutes=5)
    )
    DBTaskResult.objects.filter(pk=busy.id).update(
        status=TaskResultStatus.RUNNING, started_at=now - timedelta(seconds=5)
    )
    run_until_the_queue_is_empty()
    assert DONE == ["abandoned"]
    assert DBTaskResult.objects.get(pk=busy.id).status == TaskResultStatus.RUNNING
