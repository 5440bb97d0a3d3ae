"""formtools' storage for the wizard: each run's answers in a row of their own (`Run`).

A visitor's runs belong to a random owner id kept in their session: another browser, or a
session that expired, finds none of them. The row is read once, on first use, and written at
most once per request: at its end if something changed (a run is first stored when it has an
answer), or, when the run finishes, in the transaction that stores its result. Step data
stays in the database, never in a worker's memory, so any app server can serve any step.
"""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import SuspiciousOperation
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from formtools.wizard.storage.base import BaseStorage

from wizard.models import Run

#: What the view puts before a run id to name the run's forms and its storage.
RUN_PREFIX = "assessment_"
#: The session's key for the id its runs are stored under.
OWNER_KEY = "wizard_owner"
#: The most a run may hold: every answer typed in full takes a few kilobytes.
RUN_MAX_BYTES = 64 * 1024


def live_runs(session: SessionBase) -> QuerySet[Run]:
    """The session's runs changed within the session's lifetime (two weeks)."""
    owner = session.get(OWNER_KEY)
    if owner is None:
        return Run.objects.none()
    since = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    return Run.objects.filter(owner=owner, changed_at__gt=since)


def unfinished_runs(request: HttpRequest) -> list[str]:
    """The ids of the runs this visitor started and has not finished, oldest first."""
    runs = live_runs(request.session).filter(result_token="").order_by("started_at")
    return list(runs.values_list("run_id", flat=True))


class RunStorage(BaseStorage):
    """formtools' storage of one run (the prefix is `RUN_PREFIX` and the run id), in its row."""

    def __init__(self, prefix: str, request: HttpRequest, file_storage: Any = None) -> None:
        super().__init__(prefix, request, file_storage)
        self.run_id = prefix.removeprefix(RUN_PREFIX)
        self._row: Run | None = None
        self._data: dict[str, Any] | None = None
        self._changed = False

    def _get_data(self) -> dict[str, Any]:
        if self._data is None:
            self._row = live_runs(self.request.session).filter(run_id=self.run_id).first()
            if self._row is None:
                self.init_data()
                self._changed = False
            else:
                self._data = self._row.data
        return self._data

    def _set_data(self, value: dict[str, Any]) -> None:
        if value != self._data:
            self._data = value
            self._changed = True

    data = property(_get_data, _set_data)

    @property
    def result_token(self) -> str:
        """The finished run's result, "" while the run is not finished."""
        self._get_data()
        return self._row.result_token if self._row else ""

    @property
    def stored(self) -> bool:
        """Whether the run has answers stored for this visitor (finished runs included)."""
        self._get_data()
        return self._row is not None

    def _set_current_step(self, step: str) -> None:
        if self.data[self.step_key] != step:
            super()._set_current_step(step)
            self._changed = True

    def _set_extra_data(self, extra_data: dict[str, Any]) -> None:
        if self.data[self.extra_data_key] != extra_data:
            super()._set_extra_data(extra_data)
            self._changed = True

    def set_step_data(self, step: str, cleaned_data: Any) -> None:
        super().set_step_data(step, cleaned_data)
        self._changed = True

    def reset(self) -> None:
        """Nothing: a run's answers are dropped only by `finish`.

        formtools resets the storage after `done()`, which has then finished the run, or
        could not store its result and keeps the answers for the manager's retry.
        """

    def finish(self, result_token: str) -> bool:
        """Mark the run finished with its result, keeping none of its answers.

        False, with nothing written, if another request finished the run since this one read
        it (Finish sent twice, as a double click or a reload does): the caller then drops its
        result. Inside the caller's transaction, so the mark commits with the result.
        """
        self._get_data()
        self.init_data()
        self._changed = False
        unfinished = Run.objects.filter(pk=self._row.pk, result_token="")
        if not unfinished.update(data=self._data, result_token=result_token):
            return False
        self._row.result_token = result_token
        return True

    def update_response(self, response: Any) -> None:
        """formtools' hook at the end of each request: the run's one write, if any."""
        self.save()
        super().update_response(response)

    def save(self) -> None:
        """Write what changed: the whole run, or a new run once it has an answer.

        The session is saved too, which moves its two weeks on with the run's.
        """
        if not self._changed or (self._row is None and not self._data[self.step_data_key]):
            return
        if len(json.dumps(self._data)) > RUN_MAX_BYTES:
            raise SuspiciousOperation("A wizard run grew larger than a person could type.")
        self._changed = False
        session = self.request.session
        session.modified = True
        if self._row is not None:
            self._row.data = self._data
            self._row.save(update_fields=["data", "changed_at"])
            return
        # A second post racing the first (a double click) overwrites its row instead of failing.
        self._row, _ = Run.objects.update_or_create(
            owner=session.setdefault(OWNER_KEY, uuid.uuid4().hex),
            run_id=self.run_id,
            defaults={"data": self._data},
        )
