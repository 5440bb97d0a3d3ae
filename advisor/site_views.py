"""Pages of the site as a whole: the language switch, robots.txt and the "bad request" page."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme


def choose_language(request: HttpRequest, code: str) -> HttpResponse:
    """Remember the reader's language in a cookie and go back to the page they were on.

    A plain link rather than Django's set_language form: no CSRF token on every page, so a
    stored result stays the same page for every reader.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = redirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def robots_txt(request: HttpRequest) -> HttpResponse:
    """Result links are private to whoever holds them: keep crawlers off them and the wizard."""
    lines = ["User-agent: *", "Disallow: /r/", "Disallow: /assess/", "Disallow: /admin/", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 400 page (handler400), without the CSRF check of Django's own.

    Django's reads the posted form again to check its token: a form it could not read the
    first time (sent in another charset than UTF-8) would fail again there, as a server error.
    """
    return render(request, "400.html", status=400)
