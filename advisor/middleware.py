"""A health check that load balancers and Docker can reach by any host name."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)
HEALTH_PATH = "/healthz"


class HealthCheckMiddleware:
    """Answer /healthz before host checks and HTTPS redirects: 200 when the database answers.

    It runs first, so a probe from 127.0.0.1 inside a container is not refused for a host name
    missing from ALLOWED_HOSTS, nor redirected to HTTPS.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path != HEALTH_PATH:
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError:
            logger.exception("Health check: the database does not answer")
            return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
        return HttpResponse("ok\n", content_type="text/plain")
