"""Django's PostgreSQL backend; a kept connection is checked without a round trip if it can be.

Before a request's first query Django checks the connection it kept from an earlier request
(CONN_HEALTH_CHECKS) by sending `SELECT 1`: one more round trip to the server on every page.
A connection the server dropped (a restart, a terminated backend) has something to read: the
server's last message and the end of the stream. So a connection with nothing to read is
taken as it is, and only one with something waiting gets Django's `SELECT 1`.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        if self.connection is None or self.connection.closed:
            return False
        if not _has_something_to_read(self.connection.fileno()):
            return True
        return super().is_usable()


def _has_something_to_read(descriptor: int) -> bool:
    poller = select.poll()
    poller.register(descriptor, select.POLLIN)
    return bool(poller.poll(0))
