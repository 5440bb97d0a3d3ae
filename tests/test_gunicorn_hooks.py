"""gunicorn brings the background task worker up and down with itself."""

from __future__ import annotations

import logging
import subprocess

import pytest

from advisor import gunicorn_hooks
from advisor import settings as settings_module


class Master:
    """What the hooks use of gunicorn's arbiter."""

    log = logging.getLogger("gunicorn.test")


class Child:
    def __init__(self, command, **options):
        self.command, self.options = command, options
        self.terminated = False
        self.pid = 4242

    def poll(self):
        return 0 if self.terminated else None

    def terminate(self):
        self.terminated = True

    def wait(self, timeout=None):
        return 0


@pytest.fixture
def started(monkeypatch) -> list[Child]:
    children: list[Child] = []

    def popen(command, **options):
        children.append(Child(command, **options))
        return children[-1]

    monkeypatch.setattr(subprocess, "Popen", popen)
    return children


def test_the_worker_starts_at_the_lowest_priority_and_stops_with_gunicorn(monkeypatch, started):
    monkeypatch.setattr(settings_module, "RUN_TASKS_IN_REQUEST", False)
    master = Master()
    gunicorn_hooks.when_ready(master)
    commands = [child.command[2:4] for child in started]
    assert commands == [
        ["clearsessions"],
        ["clear_runs"],
        ["work_tasks", "--interval"],
        ["prune_db_task_results"],
    ]
    assert all(child.options["preexec_fn"] is gunicorn_hooks._lowest_priority for child in started)
    gunicorn_hooks.on_exit(master)
    assert started[2].terminated


def test_the_master_leaves_the_housekeeping_children_alone_at_exit(monkeypatch, started):
    monkeypatch.setattr(settings_module, "RUN_TASKS_IN_REQUEST", False)
    master = Master()
    gunicorn_hooks.when_ready(master)
    gunicorn_hooks.on_exit(master)
    assert [child.terminated for child in started] == [False, False, True, False]


def test_only_expired_sessions_and_runs_are_dropped_when_tasks_run_inside_the_request(
    monkeypatch, started
):
    monkeypatch.setattr(settings_module, "RUN_TASKS_IN_REQUEST", True)
    gunicorn_hooks.when_ready(Master())
    assert [child.command[2:] for child in started] == [["clearsessions"], ["clear_runs"]]
