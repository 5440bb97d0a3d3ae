"""With a shared cache (Redis), each process keeps its own copies of pages that never change."""

from __future__ import annotations

import pytest
from django.core.cache import cache, caches
from django.test import override_settings

from advisor.kept_pages import keep, kept

LOC_MEM = "django.core.cache.backends.locmem.LocMemCache"
#: Two separate memories: "default" stands in for Redis, "local" is this process's own.
SHARED_AND_LOCAL = {
    "default": {"BACKEND": LOC_MEM, "LOCATION": "shared-stand-in"},
    "local": {"BACKEND": LOC_MEM, "LOCATION": "this-process", "TIMEOUT": None},
}


@pytest.fixture
def shared_cache():
    with override_settings(CACHES=SHARED_AND_LOCAL):
        yield
        cache.clear()
        caches["local"].clear()


def test_a_page_kept_here_goes_to_both(shared_cache):
    keep("page-key", "<html>", 60)
    assert cache.get("page-key") == "<html>"
    assert caches["local"].get("page-key") == "<html>"


def test_a_page_another_process_kept_is_fetched_once(shared_cache):
    cache.set("page-key", "<html>", 60)  # as another app server did
    assert kept("page-key") == "<html>"
    cache.delete("page-key")
    assert kept("page-key") == "<html>", "the second read is this process's own copy"
    assert kept("never-kept") is None


def test_without_a_shared_cache_nothing_is_kept_twice():
    keep("page-key", "<html>", 60)
    assert kept("page-key") == "<html>"
    assert caches["local"].get("page-key") is None
