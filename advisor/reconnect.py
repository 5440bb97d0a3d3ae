"""A read that survives a database restart, instead of a health check on every request.

Django can ping a kept database connection at the start of every request that uses it
(CONN_HEALTH_CHECKS): one more round trip to the server on every page, though a kept
connection breaks only when the server restarts or drops it. The first read of a request is
instead retried once on a new connection when the kept one turns out to be broken. Only reads
are retried: a write whose connection broke may have been done.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import InterfaceError, OperationalError


def read_reconnecting[T](connection: Any, read: Callable[[], T]) -> T:
    """`read()`; once more on a new connection if the server dropped the kept one."""
    try:
        return read()
    except (InterfaceError, OperationalError):
        if connection.in_atomic_block:
            raise
        connection.close()
        return read()
