"""Fixtures shared by the whole suite: a wizard driver, a staff user, the engine's rules."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from advisor.results import service as services
from advisor.rules.defaults import OPTION_ORDER, engine_rules  # noqa: F401 - shared by the test modules
from tests.answers import ANSWERS, STEPS  # noqa: F401 - shared by the test modules


def hold_tasks(monkeypatch) -> list[str]:
    """From now on tasks wait here, as for a busy worker, instead of running at once."""
    waiting: list[str] = []

    class Waiting:
        is_finished = False

    class BusyQueue:
        @staticmethod
        def enqueue(token: str) -> Waiting:
            waiting.append(token)
            return Waiting()

    monkeypatch.setattr(services, "work_out_changes", BusyQueue)
    return waiting


@pytest.fixture(autouse=True)
def _analysis_only_where_read(request, monkeypatch):
    """ "What would change" waits, as for a busy worker, unless the test reads it.

    Working it out takes about a second per finish, most of the suite's time; a test that
    reads the analysis, the break-even volumes or the cost-against-volume chart says so with
    `@pytest.mark.worked_out`, and gets it worked out inside the finishing request.
    """
    if request.node.get_closest_marker("worked_out") is None:
        hold_tasks(monkeypatch)


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # Tests do not run collectstatic, so the manifest storage would have no manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Real password hashing is slow on purpose; tests only need users to log in.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Rendered result pages are kept in the cache: every test renders its own.
    cache.clear()
    # A request in another language leaves it active in this thread; start each test afresh.
    translation.deactivate()


class WizardDriver:
    """Drives one wizard run through the test client, the way a browser posts each step."""

    def __init__(self, client: Client):
        self.client = client
        self.run = ""

    def start(self):
        response = self.client.get("/assess/")
        self.run = response.url.strip("/").split("/")[1]
        return response

    def url(self, step: str) -> str:
        return f"/assess/{self.run}/{step}/"

    def payload(self, step: str, data: dict[str, Any], **extra: Any) -> dict[str, Any]:
        fields = {f"{step}-{key}": value for key, value in data.items()}
        return {**fields, f"assessment_{self.run}-current_step": step, **extra}

    def get(self, step: str, **kwargs: Any):
        return self.client.get(self.url(step), **kwargs)

    def post(self, step: str, data: dict[str, Any] | None = None, **kwargs: Any):
        if data is None:
            data = ANSWERS[step]
        extra = kwargs.pop("extra", {})
        return self.client.post(self.url(step), self.payload(step, data, **extra), **kwargs)

    def complete(self, changes: dict[str, dict[str, Any]] | None = None):
        """Answer every step (with `changes` merged in) and follow through to the result."""
        changes = changes or {}
        if not self.run:
            self.start()
        response = None
        for step in STEPS:
            self.get(step)
            response = self.post(step, {**ANSWERS[step], **changes.get(step, {})}, follow=True)
        return response


@pytest.fixture
def wizard(client: Client) -> WizardDriver:
    return WizardDriver(client)


@pytest.fixture
def staff_client(db) -> Client:
    """Ada, a superuser who tunes the rules."""
    user = User.objects.create_superuser("ada", "ada@example.com", "correct-horse-battery")
    client = Client()
    client.force_login(user)
    return client
