"""Result pages: rendered from the stored snapshot, never re-scored, then served from cache."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from advisor.models import Assessment
from advisor.results.cache import kept_result
from advisor.results.compare import compare_context
from advisor.results.page import changes_context, result_context, result_data, share_code
from advisor.results.service import (
    assessment_changes_overdue,
    assessment_changes_store,
    changes_pending,
)

logger = logging.getLogger(__name__)
#: What a result page reads: the texts of its snapshot but not the rules, unless it must work
#: out "what would change" itself.
_shown = Assessment.objects.select_related("snapshot").defer("snapshot__rules")


@kept_result("changes")
def result_changes(request: HttpRequest, token: str) -> HttpResponse:
    """The result page's "what would change" section alone, which the page asks for while it waits.

    While the background worker is still on it, the answer is an empty 204; once worked
    out, the section is rendered once and kept like the page.
    """
    assessment = _settled(get_object_or_404(_shown, token=token))
    if changes_pending(assessment.result):
        waiting = HttpResponse(status=204)
        add_never_cache_headers(waiting)
        return waiting
    response = render(request, "advisor/result_changes.html", changes_context(assessment))
    return _marked(response, assessment)


@kept_result("page")
def result(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _settled(get_object_or_404(_shown, token=token))
    context = result_context(assessment)
    context["share_url"] = request.build_absolute_uri(assessment.get_absolute_url())
    context["share_qr"] = share_code(context["share_url"])
    return _marked(render(request, "advisor/result.html", context), assessment)


@kept_result("json")
def result_json(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _shown.filter(token=token).first()
    if assessment is None:
        return JsonResponse({"error": _("No result has this link.")}, status=404)
    assessment = _settled(assessment)
    url = request.build_absolute_uri(assessment.get_absolute_url())
    response = JsonResponse(result_data(assessment, url), json_dumps_params={"indent": 2})
    return _marked(response, assessment)


def _settled(assessment: Assessment) -> Assessment:
    """The assessment, with its "what would change" worked out here if the worker never did."""
    if assessment_changes_overdue(assessment):
        try:
            assessment_changes_store(assessment)
        except Exception:
            # The rest of the result is stored and shown; this part says it is still coming.
            logger.exception("Could not work out what would change result %s", assessment.pk)
    return assessment


def _marked(response: HttpResponse, assessment: Assessment) -> HttpResponse:
    """A page still waiting for its "what would change" part is not kept as final."""
    response.provisional = changes_pending(assessment.result)
    return response


def compare(request: HttpRequest, token: str, other_token: str) -> HttpResponse:
    """Two stored results side by side, read from their snapshots like the result page."""
    first = get_object_or_404(_shown, token=token)
    second = get_object_or_404(_shown, token=other_token)
    response = render(request, "advisor/compare.html", compare_context(first, second))
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
