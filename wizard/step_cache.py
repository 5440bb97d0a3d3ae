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
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

from advisor.kept_pages import keep, kept

#: The server keeps a rendered step a day after it was last rendered.
SERVER_SECONDS = 60 * 60 * 24
# Markers that HTML escaping would change, so nothing a visitor typed can turn into one.
_RUN = "<run>"
_CSRF = "<csrf>"


def page_key(
    request: HttpRequest, fields_key: str, progress: list[tuple[str, bool]], can_return: bool
) -> str | None:
    """The kept page's key: all it depends on besides run id and CSRF token.

    `progress` is each step's state and whether it links. None if the page is the visitor's own.
    """
    if request.method != "GET" or request.GET or len(get_messages(request)):
        return None
    state = (fields_key, progress, can_return)
    return "wizard-step:" + hashlib.sha256(repr(state).encode()).hexdigest()[:32]


def _for_visitor(request: HttpRequest, run: str, page: str) -> HttpResponse:
    return HttpResponse(page.replace(_CSRF, get_token(request)).replace(_RUN, run))


def kept_step_page(request: HttpRequest, run: str, key: str | None) -> HttpResponse | None:
    """The kept page for this visitor, or None if there is none to share."""
    page = kept(key) if key else None
    return None if page is None else _for_visitor(request, run, page)


def shared_step_page(
    request: HttpRequest,
    run: str,
    key: str | None,
    context: dict[str, Any],
    render: Callable[[dict[str, Any]], HttpResponse],
) -> HttpResponse:
    """The step page for this visitor: `render(context)`, kept for others when `key` says so."""
    if key is None:
        return render(context)
    token = get_token(request)
    response = render({**context, "csrf_token": token})
    response.render()
    if response.status_code != 200:  # noqa: PLR2004 - only a plain page is shared
        return response
    page = response.content.decode().replace(token, _CSRF).replace(run, _RUN)
    keep(key, page, SERVER_SECONDS)
    return _for_visitor(request, run, page)
