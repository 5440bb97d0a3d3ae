"""A few clients sending their requests slowly do not stall the site for everyone else.

One app server with one worker, started by `advisor/start.sh` as deployed: two connections
send half a request and then nothing; the health check and a page still answer at once.
"""

from __future__ import annotations

import socket
import time
import urllib.request

import pytest

from tests.test_scale_out import app_servers, deployed_env, scratch_database

pytestmark = pytest.mark.django_db

HALF_SENT = (
    b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n",  # headers never finished
    b"POST /assess/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5000\r\n\r\nab",  # body
)


def test_two_half_sent_requests_leave_the_health_check_and_pages_answering(tmp_path):
    with scratch_database(tmp_path) as database_url:
        env = deployed_env(database_url, tmp_path / "static")
        with app_servers(env, tmp_path, count=1) as (port,):
            slow = []
            for request in HALF_SENT:
                client = socket.create_connection(("127.0.0.1", port))
                client.sendall(request)
                slow.append(client)
            time.sleep(0.5)  # the server has taken both connections up
            started = time.monotonic()
            for path in ("/healthz", "/"):
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=3) as reply:
                    assert reply.status == 200
            assert time.monotonic() - started < 3
            for client in slow:
                client.close()
