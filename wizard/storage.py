"""formtools' storage for the wizard: each run's answers in a row of their own (`Run`).

A run's row is found by the visitor's session key and the run id, joined to a live session:
a key the server did not issue, or one whose session expired, finds nothing. The row is read
once, on first use, and written at most once: at the end of the request if something changed
(a run is first stored when it has an answer), or, when the run finishes, in the transaction
that stores its result. A valid answer to a started run is written without reading the run
first, in one statement (`answer`): most of a step's posts cost one round trip to the
database. Step data stays in the database, never in a worker's memory, so any app server can
serve any step.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import connection
from django.http import HttpRequest
from django.utils import timezone
from formtools.wizard.storage.base import BaseStorage

from .models import Run

#: What the view puts before a run id to name the run's forms and its storage.
RUN_PREFIX = "assessment_"
#: Kept in every session that owns runs: Django drops an empty session and its cookie.
OWNS_RUNS_KEY = "wizard_runs"

_LIVE_SESSION = (
    "EXISTS (SELECT 1 FROM django_session AS s"
    " WHERE s.session_key = wizard_run.session_key AND s.expire_date > %s)"
)
_READ = (
    "SELECT id, data, result_token FROM wizard_run"
    f" WHERE session_key = %s AND run_id = %s AND {_LIVE_SESSION}"
)
# One step's fields and the step to show next, set inside the stored JSON; the session's
# expiry comes back compared with the time before which it has fallen behind.
_ANSWER = (
    "UPDATE wizard_run SET data = {answered}{no_wait}"
    f" WHERE session_key = %s AND run_id = %s AND result_token = '' AND {_LIVE_SESSION}"
    " RETURNING (SELECT expire_date < %s FROM django_session AS s"
    " WHERE s.session_key = wizard_run.session_key)"
)
_ANSWERED = {
    "postgresql": "jsonb_set(jsonb_set(data, ARRAY['step_data', %s], %s::jsonb),"
    " '{step}', to_jsonb(%s::text))",
    "sqlite": "json_set(data, '$.step_data.' || %s, json(%s), '$.step', %s)",
}
# The run's other writes: the whole of it, or a new run (a second post racing the first, as
# a double click does, overwrites it instead of failing).
_UPDATE = "UPDATE wizard_run SET data = {data}, result_token = %s{no_wait} WHERE id = %s"
_INSERT = (
    "INSERT INTO wizard_run (session_key, run_id, data, result_token, started_at)"
    " SELECT %s, %s, {data}, %s, %s{no_wait} WHERE true"
    " ON CONFLICT (session_key, run_id)"
    " DO UPDATE SET data = excluded.data, result_token = excluded.result_token"
)
# The finish: only if no other request finished the run first.
_FINISH = (
    "UPDATE wizard_run SET data = {data}, result_token = %s WHERE id = %s AND result_token = ''"
)
# PostgreSQL: as a session's write, a run's write commits without waiting for its WAL flush
# (`advisor.sessions.db`): a database crash may lose a step just answered, or the mark that
# a run finished (its result is stored durably), nothing else.
_NO_WAIT = " FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit"


def _now() -> Any:
    return connection.ops.adapt_datetimefield_value(timezone.now())


def _statement(template: str, **parts: str) -> str:
    """`template` for this database, its writes not waiting for the disk where they may not."""
    postgresql = connection.vendor == "postgresql"
    no_wait = _NO_WAIT if postgresql and not connection.in_atomic_block else ""
    return template.format(data="%s::jsonb" if postgresql else "%s", no_wait=no_wait, **parts)


class RunStorage(BaseStorage):
    """formtools' storage of one run (the prefix is `RUN_PREFIX` and the run id), in its row."""

    def __init__(self, prefix: str, request: HttpRequest, file_storage: Any = None) -> None:
        super().__init__(prefix, request, file_storage)
        self.run_id = prefix.removeprefix(RUN_PREFIX)
        self._result_token = ""
        self._data: dict[str, Any] | None = None
        self._row_id: int | None = None
        self._changed = False

    def _get_data(self) -> dict[str, Any]:
        if self._data is None:
            self._load()
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
        return self._result_token

    @property
    def stored(self) -> bool:
        """Whether the run has answers stored for this visitor (finished runs included)."""
        self._get_data()
        return self._row_id is not None

    def _load(self) -> None:
        key = self.request.session.session_key
        row = None
        if key:
            with connection.cursor() as cursor:
                cursor.execute(_READ, [key, self.run_id, _now()])
                row = cursor.fetchone()
        if row is None:
            self.init_data()
            self._changed = False
            return
        self._row_id, data, self._result_token = row
        self._data = json.loads(data) if isinstance(data, str) else data

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

    def finish(self, result_token: str) -> bool:
        """Mark the run finished with its result, keeping none of its answers.

        False, with nothing written, if another request finished the run since this one read
        it (Finish sent twice, as a double click or a reload does): the caller then drops its
        result.
        Inside the caller's transaction, so the mark commits with the result, as durably.
        """
        self._get_data()
        self.init_data()
        with connection.cursor() as cursor:
            parameters = [json.dumps(self._data), result_token, self._row_id]
            cursor.execute(_statement(_FINISH), parameters)
            finished = cursor.rowcount == 1
        self._result_token = result_token if finished else ""
        self._changed = False
        return finished

    def answer(self, step: str, fields: dict[str, list[str]], next_step: str) -> bool:
        """Store a step's valid answers and move the run on, without reading it first.

        False, with nothing written, if this visitor has no such run stored or it is finished:
        the view then takes the longer way. When the session's stored expiry has fallen
        behind, the session is saved as well, which moves it and its cookie on.
        """
        key = self.request.session.session_key
        if not key or self._data is not None:
            return False  # a run this request already read is changed in memory, saved at its end
        statement = _statement(_ANSWER, answered=_ANSWERED[connection.vendor])
        stale_before = connection.ops.adapt_datetimefield_value(self.request.session.stale_before())
        parameters = [step, json.dumps(fields), next_step, key, self.run_id, _now()]
        with connection.cursor() as cursor:
            cursor.execute(statement, [*parameters, stale_before])
            row = cursor.fetchone()
        if row is None:
            return False
        if row[0]:
            self.request.session.modified = True
        return True

    def update_response(self, response: Any) -> None:
        """formtools' hook at the end of each request: the run's one write, if any."""
        self.save()
        super().update_response(response)

    def save(self) -> None:
        """Write what changed: the whole run, or a new run once it has an answer."""
        if not self._changed:
            return
        self._changed = False
        data = json.dumps(self._data)
        if self._row_id is not None:
            statement = _statement(_UPDATE)
            parameters = [data, self._result_token, self._row_id]
        elif self._data[self.step_data_key]:
            statement = _statement(_INSERT)
            parameters = [self._session_key(), self.run_id, data, self._result_token, _now()]
        else:
            return
        with connection.cursor() as cursor:
            cursor.execute(statement, parameters)

    def _session_key(self) -> str:
        """The visitor's session key, the session created first if the visitor has none."""
        session = self.request.session
        if not session.get(OWNS_RUNS_KEY):
            session[OWNS_RUNS_KEY] = True
        if session.session_key is None:
            session.save()
        return session.session_key


def unfinished_runs(request: HttpRequest) -> list[str]:
    """The ids of the runs this visitor started and has not finished, oldest first."""
    key = request.session.session_key
    if not key:
        return []
    runs = Run.objects.filter(
        session_id=key, session__expire_date__gt=timezone.now(), result_token=""
    )
    return list(runs.order_by("started_at").values_list("run_id", flat=True))
