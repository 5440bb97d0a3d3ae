"""Sessions in the database (SESSION_ENGINE without REDIS_URL)."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.db import connections, router
from django.utils import timezone

from advisor.reconnect import read_reconnecting

_READ = "SELECT session_data FROM {table} WHERE session_key = %s AND expire_date > %s"
_UPDATE = "UPDATE {table} SET session_data = %s, expire_date = %s WHERE session_key = %s"
# PostgreSQL: the update alone commits without waiting for its WAL flush (the transaction's
# own synchronous_commit, as PostgreSQL's manual suggests for less important data).
_UPDATE_ASYNC = (
    "UPDATE {table} SET session_data = %s, expire_date = %s"
    " FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit"
    " WHERE session_key = %s"
)


class SessionStore(db.SessionStore):
    def load(self) -> dict[str, Any]:
        """Django's read, as one plain statement: building the ORM's query cost more than it."""
        connection = connections[router.db_for_read(self.model)]
        now = connection.ops.adapt_datetimefield_value(timezone.now())

        def read() -> tuple[str] | None:
            with connection.cursor() as cursor:
                cursor.execute(self._sql(connection, _READ), [self.session_key, now])
                return cursor.fetchone()

        # A page's first query, so it also finds a connection a database restart dropped.
        row = read_reconnecting(connection, read)
        if row is None:
            self._session_key = None
            return {}
        return self.decode(row[0])

    def save(self, must_create: bool = False) -> None:
        """An existing session is one UPDATE; on PostgreSQL it does not wait for the disk.

        A database crash may then lose a wizard step saved in its last moments (the visitor
        answers it again), never anything else: an assessment commits durably, and a session
        saved inside a transaction commits with it, as durably.
        """
        if must_create or self.session_key is None:
            super().save(must_create)
            return
        connection = connections[router.db_for_write(self.model)]
        expires = connection.ops.adapt_datetimefield_value(self.get_expiry_date())
        data = self.encode(self._get_session())
        with connection.cursor() as cursor:
            statement = _UPDATE
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                statement = _UPDATE_ASYNC
            cursor.execute(self._sql(connection, statement), [data, expires, self.session_key])
            updated = cursor.rowcount
        if not updated:
            # The row is gone (it expired or was cleared): as with Django's own, the request fails.
            raise UpdateError

    def _sql(self, connection: Any, statement: str) -> str:
        return statement.format(table=connection.ops.quote_name(self.model._meta.db_table))
