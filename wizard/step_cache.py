"""A question step's page, rendered once and shared by every visitor in the same state.

A step page depends on the step's answers, the progress list, the language and the deployed
templates (all in the key), and on two things of the visitor's own: the run id in its links
and the CSRF token in its form. Those two are cut out of the kept copy and written back for
each visitor, so the template engine runs once per state instead of once per request. Every
new manager sees the same empty first step, so most first page views are served this way.
Pages with a message, a query string or a post's errors are rendered for their visitor only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

#: The server keeps a rendered step a day after it was last rendered.
SERVER_SECONDS = 60 * 60 * 24
# Markers that HTML escaping would change, so nothing a visitor typed can turn into one.
_RUN = "<run>"
_CSRF = "<csrf>"


def _key(request: HttpRequest, context: dict[str, Any]) -> str | None:
    """What the page depends on besides run id and CSRF token; None if it is the visitor's own."""
    if request.method != "GET" or request.GET or len(get_messages(request)):
        return None
    progress = [(item["state"], bool(item["url"])) for item in context["progress"]]
    state = (context["fields_key"], progress, context["can_return_to_review"])
    return "wizard-step:" + hashlib.sha256(repr(state).encode()).hexdigest()[:32]


def shared_step_page(
    request: HttpRequest,
    run: str,
    context: dict[str, Any],
    render: Callable[[dict[str, Any]], HttpResponse],
) -> HttpResponse:
    """The step page for this visitor: the kept copy written out for them, or `render(context)`."""
    key = _key(request, context)
    if key is None:
        return render(context)
    token = get_token(request)
    page = cache.get(key)
    if page is None:
        response = render({**context, "csrf_token": token})
        response.render()
        if response.status_code != 200:  # noqa: PLR2004 - only a plain page is shared
            return response
        page = response.content.decode().replace(token, _CSRF).replace(run, _RUN)
        cache.set(key, page, SERVER_SECONDS)
    return HttpResponse(page.replace(_CSRF, token).replace(_RUN, run))
