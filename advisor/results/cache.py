"""A stored result never changes, so its page is rendered once, kept, and revalidated.

The rendered page (or JSON) is kept in Django's cache per token, language and site address,
under the release the environment names (RELEASE): a deploy that changes how results look
sets a new release and never serves a page the previous one rendered. Django's conditional
views answer a reader who has the kept page with a 304, without a database query.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language
from django.views.decorators.http import condition

#: Browsers and proxies may keep a result a day, then revalidate it with its ETag.
BROWSER_SECONDS = 60 * 60 * 24
#: The server keeps a rendered result a week after it was last rendered.
SERVER_SECONDS = 60 * 60 * 24 * 7

View = Callable[[HttpRequest, str], HttpResponse]


def _key(request: HttpRequest, kind: str, token: str) -> str:
    """What the page depends on besides the stored result: release, language, site address."""
    parts = (settings.RELEASE, kind, get_language(), request.scheme, request.get_host(), token)
    return "result:" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:40]


def kept_result(kind: str) -> Callable[[View], View]:
    """Keep the view's 200 answers, unless marked `provisional` (not final yet)."""

    def etag(request: HttpRequest, token: str) -> str | None:
        page = cache.get(_key(request, kind, token))
        return page and page["etag"]

    def decorator(view: View) -> View:
        @condition(etag_func=etag)
        @wraps(view)
        def kept_view(request: HttpRequest, token: str) -> HttpResponse:
            key = _key(request, kind, token)
            page = cache.get(key)
            if page is None:
                fresh = view(request, token)
                if fresh.status_code != 200:  # noqa: PLR2004 - only a found result is kept
                    return fresh
                if getattr(fresh, "provisional", False):
                    # Part of it is still being worked out: the reader must ask again.
                    add_never_cache_headers(fresh)
                    return fresh
                page = {
                    "content": fresh.content,
                    "type": fresh["Content-Type"],
                    "etag": f'"{key.removeprefix("result:")}"',
                    "at": http_date(),
                }
                cache.set(key, page, SERVER_SECONDS)
            response = HttpResponse(page["content"], content_type=page["type"])
            response["ETag"] = page["etag"]
            response["Last-Modified"] = page["at"]
            response["X-Robots-Tag"] = "noindex, nofollow"
            patch_cache_control(response, public=True, max_age=BROWSER_SECONDS)
            patch_vary_headers(response, ["Accept-Language", "Cookie"])
            return response

        return kept_view

    return decorator
