"""Result pages: rendered from the stored snapshot, never re-scored."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from .models import Assessment
from .presentation import result_context, result_data


def result(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_object_or_404(Assessment, token=token)
    context = result_context(assessment)
    context["share_url"] = request.build_absolute_uri(assessment.get_absolute_url())
    response = render(request, "advisor/result.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def result_json(request: HttpRequest, token: str) -> JsonResponse:
    assessment = Assessment.objects.filter(token=token).first()
    if assessment is None:
        return JsonResponse({"error": _("No result has this link.")}, status=404)
    url = request.build_absolute_uri(assessment.get_absolute_url())
    response = JsonResponse(result_data(assessment, url), json_dumps_params={"indent": 2})
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
