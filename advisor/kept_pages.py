"""Rendered pages that never change under their key, kept in this process before the cache.

A stored result's page and a step page in a given state are keyed by everything they depend
on, so a copy is never stale. With REDIS_URL the shared cache is one network round trip away,
as far as the database: each process also keeps its last pages in its own memory (the
"local" cache, bounded) and asks Redis only for the pages it has not seen. Without REDIS_URL
the cache already lives in each process and "local" keeps nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache, caches


def kept(key: str) -> Any:
    """The page kept under `key`, from this process or the shared cache; None if neither has it."""
    local = caches["local"]
    page = local.get(key)
    if page is None:
        page = cache.get(key)
        if page is not None:
            local.set(key, page)
    return page


def keep(key: str, page: Any, seconds: int) -> None:
    caches["local"].set(key, page)
    cache.set(key, page, seconds)
