"""Sessions in the database (SESSION_ENGINE), read and written with one statement each."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError, UpdateError
from django.db import IntegrityError, connections, router
from django.utils import timezone
from django.utils.crypto import get_random_string

_READ = "SELECT session_data FROM {table} WHERE session_key = %s AND expire_date > %s"
_MOST_EXPIRY_LAG = timedelta(hours=1)
# The stored expiry moves on only when it has fallen behind by more than a little (see
# `_expiry_lag`), so most updates leave every indexed column as it was: PostgreSQL then
# rewrites the row in place (a "HOT" update) instead of adding an entry to each of its
# three indexes, and the table and indexes do not grow between vacuums.
_SET = (
    "SET session_data = %s,"
    " expire_date = CASE WHEN expire_date BETWEEN %s AND %s THEN expire_date ELSE %s END"
)
_UPDATE = "UPDATE {table} " + _SET + " WHERE session_key = %s"
_INSERT = "INSERT INTO {table} (session_data, expire_date, session_key) VALUES (%s, %s, %s)"
# PostgreSQL: the statement alone commits without waiting for its WAL flush (the
# transaction's own synchronous_commit, as PostgreSQL's manual suggests for less important data).
_NO_WAIT = "(SELECT set_config('synchronous_commit', 'off', true)) AS async_commit"
_UPDATE_NO_WAIT = "UPDATE {table} " + _SET + f" FROM {_NO_WAIT} WHERE session_key = %s"
_INSERT_NO_WAIT = (
    "INSERT INTO {table} (session_data, expire_date, session_key)"
    f" SELECT %s, %s, %s FROM {_NO_WAIT}"
)


class SessionStore(db.SessionStore):
    _written: str | None = None

    def load(self) -> dict[str, Any]:
        """Django's read, as one plain statement: building the ORM's query cost more than it."""
        connection = connections[router.db_for_read(self.model)]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(self._sql(connection, _READ), [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return {}
        return self.decode(row[0])

    def _get_new_session_key(self) -> str:
        """A random key, without Django's query for whether it is taken: the INSERT says so."""
        return get_random_string(32, VALID_KEY_CHARS)

    def save(self, must_create: bool = False) -> None:
        """One INSERT for a new session, one UPDATE for an existing one.

        On PostgreSQL, outside a transaction, neither waits for the disk: a database crash may
        then lose a wizard step saved in its last moments (the visitor answers it again), never
        anything else. An assessment commits durably, and a session saved inside a transaction
        commits with it, as durably.
        """
        if self.session_key is None:
            self.create()  # Django's: a new key, then save(must_create=True)
            return
        connection = connections[router.db_for_write(self.model)]
        in_transaction = connection.in_atomic_block
        if must_create and in_transaction:
            # Django's own, whose savepoint keeps the caller's transaction usable if the key
            # is taken.
            super().save(must_create=True)
            self._written = self.encode(self._get_session(no_load=True))
            return
        no_wait = connection.vendor == "postgresql" and not in_transaction
        statement = {
            (True, True): _INSERT_NO_WAIT,
            (True, False): _INSERT,
            (False, True): _UPDATE_NO_WAIT,
            (False, False): _UPDATE,
        }[must_create, no_wait]
        data = self.encode(self._get_session(no_load=must_create))
        if not must_create and data == self._written:
            return  # this request wrote the same already (Django's create() saves twice)
        expiry = self.get_expiry_date()
        expires = connection.ops.adapt_datetimefield_value(expiry)
        if must_create:
            parameters = [data, expires, self.session_key]
        else:
            lag = _expiry_lag(self.get_expiry_age(expiry=expiry))
            kept_from = connection.ops.adapt_datetimefield_value(expiry - lag)
            parameters = [data, kept_from, expires, expires, self.session_key]
        with connection.cursor() as cursor:
            try:
                cursor.execute(self._sql(connection, statement), parameters)
            except IntegrityError:
                if not must_create:
                    raise
                raise CreateError from None  # the key is taken: Django's create() tries another
            written = cursor.rowcount
        if not written:
            # The row is gone (it expired or was cleared): as with Django's own, the request fails.
            raise UpdateError
        self._written = data

    def stale_before(self) -> datetime:
        """A stored expiry earlier than this has fallen behind: the session's next save is due.

        For a request that changes what belongs to the session without reading or saving the
        session itself (a wizard's answer), to keep the session and its cookie alive as a save
        would. Worked out for the site's session lifetime, without reading the session: the
        site sets no other, and a session given a shorter one would only be saved more often.
        """
        age = self.get_session_cookie_age()
        return timezone.now() + timedelta(seconds=age) - _expiry_lag(age)

    def cycle_key(self) -> None:
        """Django's new key for the same data (as at a login), taking along what belongs to it.

        The database deletes the rows that refer to a session (the wizard's runs) with it, so
        they are moved to the new key before the old one is deleted.
        """
        old_key = self.session_key
        data = self._session
        self.create()
        self._session_cache = data
        if old_key:
            for relation in self.model._meta.related_objects:
                rows = relation.related_model._base_manager.filter(**{relation.field.name: old_key})
                rows.update(**{relation.field.name: self.session_key})
            self.delete(old_key)

    def _sql(self, connection: Any, statement: str) -> str:
        return statement.format(table=connection.ops.quote_name(self.model._meta.db_table))


def _expiry_lag(age: float) -> timedelta:
    """How far a session's stored expiry may fall behind: 1% of its age, at most an hour.

    A two-week session then ends between 13 days 23 hours and two weeks after its last
    change; an expiry moved earlier (a shorter `set_expiry`) is always stored at once.
    """
    return min(_MOST_EXPIRY_LAG, timedelta(seconds=age / 100))
