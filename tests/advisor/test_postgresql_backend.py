"""Django's own PostgreSQL backend: a connection the server dropped is found unusable."""

from __future__ import annotations

import time

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="checks the PostgreSQL backend's connection"
    ),
]


def test_a_connection_the_server_dropped_is_found_unusable():
    import psycopg  # noqa: PLC0415

    connection.ensure_connection()
    params = connection.settings_dict
    admin = {"host": params["HOST"], "port": params["PORT"] or 5432, "user": params["USER"]}
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as server:
        server.execute("SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid])
    deadline = time.monotonic() + 5
    while connection.is_usable() and time.monotonic() < deadline:
        time.sleep(0.05)  # the backend exits a moment after it is told to
    assert not connection.is_usable()
    connection.close()
