"""After a database restart drops the kept connection, the next page still loads."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

from tests.conftest import WizardDriver

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def kept_connection_dropped() -> Iterator[None]:
    """The database server drops the connection kept from the last request, as a restart does."""
    connection.ensure_connection()
    if connection.vendor != "postgresql":
        # SQLite has no server to drop it: its next query fails the way psycopg's does.
        cursor = connection.cursor
        failures = iter([OperationalError("server closed the connection unexpectedly")])

        def first_fails(*args, **kwargs):
            failure = next(failures, None)
            if failure:
                raise failure
            return cursor(*args, **kwargs)

        with mock.patch.object(connection, "cursor", side_effect=first_fails):
            yield
        return
    import psycopg  # noqa: PLC0415 - only the PostgreSQL run needs it

    params = connection.settings_dict
    admin = {"host": params["HOST"], "port": params["PORT"] or 5432, "user": params["USER"]}
    backend = connection.connection.info.backend_pid
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as server:
        server.execute("SELECT pg_terminate_backend(%s)", [backend])
    yield


def test_the_next_wizard_page_loads_and_keeps_the_answers():
    wizard = WizardDriver(Client())
    wizard.start()
    assert wizard.post("company").status_code == 302
    with kept_connection_dropped():
        page = wizard.get("company")
    assert page.status_code == 200
    assert 'value="2000"' in page.text
    assert wizard.post("demand").status_code == 302


def test_the_health_check_answers_ok():
    with kept_connection_dropped():
        response = Client().get("/healthz")
    assert response.status_code == 200
