"""A per-client limit on how many assessments can be finished in a time window.

Counted in the database, in the client's own row, locked while it is counted: the limit is
exact however many workers and servers share the database, with or without Redis. A client
is a keyed hash of its address, never the address.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from advisor.models import ClientFinishes


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
    """The client's IP: the address the nearest of TRUSTED_PROXIES added, else the peer.

    Each proxy appends the address it was reached from to X-Forwarded-For; the entries left
    of those a client may write itself, so they are never read.
    """
    proxies = settings.TRUSTED_PROXIES
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [address for address in forwarded if address]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def login_client_address(request: HttpRequest) -> str | None:
    """The address django-axes records for an admin login; None for a login without one."""
    return client_address(request) or None


def client_key(request: HttpRequest) -> str:
    address = client_address(request)
    return salted_hmac("advisor.ratelimit.client", address, algorithm="sha256").hexdigest()


def assessment_allowed(request: HttpRequest) -> bool:
    """Count one more finish for this client; False, counting nothing, once over the limit."""
    limit = Limit.parse(settings.ASSESSMENT_RATE_LIMIT)
    now = time.time()
    client = client_key(request)
    with transaction.atomic():
        ClientFinishes.objects.get_or_create(client=client)
        row = ClientFinishes.objects.select_for_update().get(client=client)
        recent = [moment for moment in row.finished if moment > now - limit.seconds]
        if len(recent) >= limit.count:
            return False
        row.finished = [*recent, now]
        row.save(update_fields=["finished", "changed_at"])
        # Clients with no finish left in the window are forgotten: the table stays small.
        window_start = timezone.now() - timedelta(seconds=limit.seconds)
        ClientFinishes.objects.filter(changed_at__lt=window_start).delete()
    return True
