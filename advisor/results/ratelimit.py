"""A per-client limit on how many assessments can be finished in a time window."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Limit:
        """ "15/600" is 15 every 600 seconds."""
        try:
            count, seconds = (int(part) for part in text.split("/"))
        except ValueError:
            raise ImproperlyConfigured(
                f"A rate limit reads COUNT/SECONDS, e.g. 15/600, not {text!r}."
            ) from None
        return cls(count, seconds)


def client_address(request: HttpRequest) -> str:
    """The client's IP: the first X-Forwarded-For hop behind a trusted proxy, else the peer."""
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def take(request: HttpRequest, action: str, limit: Limit) -> bool:
    """Count one `action` for this client; False once it is over the limit in this window."""
    window = int(time.time() // limit.seconds)
    key = f"rate:{action}:{client_address(request)}:{window}"
    cache.add(key, 0, timeout=limit.seconds)
    try:
        return cache.incr(key) <= limit.count
    except ValueError:  # the key expired between add and incr: a new window has begun
        cache.add(key, 1, timeout=limit.seconds)
        return True


def assessment_allowed(request: HttpRequest) -> bool:
    return take(request, "assessment", Limit.parse(settings.ASSESSMENT_RATE_LIMIT))
