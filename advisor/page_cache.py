"""A stored result never changes, so its page is rendered once and then served like a file.

The rendered page (or JSON) is cached per token, language and site address, and carries an
ETag: a reader who has it gets a 304 without a database query. The cache key and the ETag
include a fingerprint of the code, templates, stylesheets and translations, so a deploy that
changes how results look never serves a page rendered by the previous one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache as memoize
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_vary_headers,
)
from django.utils.http import http_date
from django.utils.translation import get_language

from advisor.kept_pages import keep, kept

#: Browsers and proxies may keep a result a day, then revalidate it with its ETag.
BROWSER_SECONDS = 60 * 60 * 24
#: The server keeps a rendered result a week after it was last rendered.
SERVER_SECONDS = 60 * 60 * 24 * 7
_SOURCES = ("advisor", "wizard", "templates", "static", "locale")
_SUFFIXES = {".py", ".html", ".css", ".js", ".po"}
#: The request headers that can make the answer a 304 (or a 412): most requests carry none.
_CONDITIONS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
)


@memoize
def deployment_fingerprint() -> str:
    """A short digest of everything that shapes a rendered result, computed once per process."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for folder in _SOURCES:
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in _SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _variant(request: HttpRequest, token: str, kind: str) -> str:
    """What the page depends on besides the stored result: language and the site's address."""
    parts = (deployment_fingerprint(), kind, get_language(), request.scheme, request.get_host())
    return hashlib.sha256("|".join((*parts, token)).encode()).hexdigest()[:32]


def _with_cache_headers(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={BROWSER_SECONDS}"
    response["X-Robots-Tag"] = "noindex, nofollow"
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


def serve_stored_result(
    request: HttpRequest, token: str, kind: str, render: Callable[[], HttpResponse]
) -> HttpResponse:
    """Answer 304, a cached copy, or `render()`'s response.

    The response is cached when it is a 200 not marked `provisional` (not final yet).
    """
    variant = _variant(request, token, kind)
    etag = f'"{variant}"'
    if any(header in request.META for header in _CONDITIONS):
        headers_only = _with_cache_headers(HttpResponse(), etag)
        conditional = get_conditional_response(request, etag=etag, response=headers_only)
        if conditional is not headers_only:
            return conditional
    key = f"result-page:{variant}"
    stored = kept(key)
    if stored is None:
        fresh = render()
        if fresh.status_code != 200:  # noqa: PLR2004 - only a found result is kept
            return fresh
        if getattr(fresh, "provisional", False):
            # Part of it is still being worked out: the reader must ask again, not reuse it.
            add_never_cache_headers(fresh)
            return fresh
        stored = {"content": fresh.content, "type": fresh["Content-Type"], "at": http_date()}
        keep(key, stored, SERVER_SECONDS)
    response = HttpResponse(stored["content"], content_type=stored["type"])
    response["Last-Modified"] = stored["at"]
    return _with_cache_headers(response, etag)
