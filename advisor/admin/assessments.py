"""Admin for the assessments managers made: read-only and filterable, each linked to its
result page, exportable as CSV, counted on a dashboard, and open to a trial of the current
rules. The work is done in `assessment_export`, `assessment_reports` and `rule_trial`."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG, ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import FloatField, QuerySet
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from advisor.admin import assessment_reports, rule_trial
from advisor.admin.assessment_export import csv_response
from advisor.models import Assessment, Rule
from advisor.questions.definitions import QUESTIONS
from advisor.questions.display import format_number

_NO_WINNER = "none"


def _can_view(request: HttpRequest, model: type[Any]) -> bool:
    """As ModelAdmin.has_view_permission: a view or a change permission on the model."""
    opts = model._meta
    return any(
        request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
        for action in ("view", "change")
    )


def _option_names(request: HttpRequest) -> dict[str, str]:
    """Option names, read once per request: the filter and the column both need them."""
    names = getattr(request, "_advisor_option_names", None)
    if names is None:
        names = request._advisor_option_names = assessment_reports.option_names()
    return names


class RecommendationFilter(admin.SimpleListFilter):
    """The recommendation by the option's name rather than its code."""

    title = _("recommendation")
    parameter_name = "recommendation"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        names = _option_names(request)
        return [*names.items(), (_NO_WINNER, assessment_reports.recommendation_name("", names))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value is None:
            return queryset
        return queryset.filter(winner="" if value == _NO_WINNER else value)


class IndustryFilter(admin.SimpleListFilter):
    """The industry the manager chose, read from the stored answers (SQLite and PostgreSQL)."""

    title = _("industry")
    parameter_name = "industry"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return QUESTIONS["industry"].choices

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        return queryset if value is None else queryset.filter(answers__industry=value)


class AssessmentChangeList(ChangeList):
    def get_queryset(self, request: HttpRequest, exclude_parameters: Any = None) -> QuerySet:
        # The list shows a few answers, not the result (large JSON).
        queryset = super().get_queryset(request, exclude_parameters)
        return queryset.defer("result")


def _answer_label(assessment: Assessment, key: str) -> str:
    value = (assessment.answers or {}).get(key)
    return QUESTIONS[key].choice_label(value) if value else "—"


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_filter = [RecommendationFilter, IndustryFilter, "created_at"]
    date_hierarchy = "created_at"
    search_fields = ["token"]
    readonly_fields = ["token", "created_at", "winner", "answers", "result", "rules_used"]
    actions = ["export_csv"]

    def get_list_display(self, request: HttpRequest) -> list[Any]:
        # Option names are read once per page, not once per row.
        names = _option_names(request)

        @admin.display(description=_("recommendation"), ordering="winner")
        def recommendation(assessment: Assessment) -> str:
            return assessment_reports.recommendation_name(assessment.winner, names)

        return [
            "created_at",
            recommendation,
            "industry",
            "interactions",
            "coverage",
            "result_link",
        ]

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return AssessmentChangeList

    @admin.display(description=_("industry"), ordering=KT("answers__industry"))
    def industry(self, assessment: Assessment) -> str:
        return _answer_label(assessment, "industry")

    @admin.display(description=_("coverage"), ordering=KT("answers__coverage"))
    def coverage(self, assessment: Assessment) -> str:
        return _answer_label(assessment, "coverage")

    @admin.display(
        description=_("interactions a month"),
        ordering=Cast(KT("answers__interactions_per_month"), FloatField()),
    )
    def interactions(self, assessment: Assessment) -> str:
        answers = assessment.answers or {}
        value = answers.get("interactions_per_month")
        if value is None:
            return "—"
        # "≈" marks a volume the advisor estimated from customers and contact rate.
        return ("≈ " if answers.get("interactions_estimated") else "") + format_number(value)

    @admin.display(description=_("rules used"))
    def rules_used(self, assessment: Assessment) -> str:
        """The active rules at the time, as they were applied (shared by many assessments)."""
        return json.dumps(assessment.snapshot.rules, ensure_ascii=False)

    @admin.display(description=_("result page"))
    def result_link(self, assessment: Assessment) -> str:
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            assessment.get_absolute_url(),
            _("open"),
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def can_trial(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request) and _can_view(request, Rule)

    @admin.action(description=_("Export selected assessments as CSV"), permissions=["view"])
    def export_csv(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        return self._csv(request, queryset)

    def _csv(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        return csv_response(
            queryset=queryset,
            result_url=lambda assessment: request.build_absolute_uri(assessment.get_absolute_url()),
        )

    def get_urls(self) -> list[Any]:
        view = self.admin_site.admin_view
        return [
            path("export/", view(self.export_view), name="advisor_assessment_export"),
            path("dashboard/", view(self.dashboard_view), name="advisor_assessment_dashboard"),
            path("trial/", view(self.trial_view), name="advisor_assessment_trial"),
            *super().get_urls(),
        ]

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> Any:
        extra = {"can_trial": self.can_trial(request), **(extra_context or {})}
        return super().changelist_view(request, extra_context=extra)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> Any:
        extra = {"can_trial": self.can_trial(request), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context=extra)

    def export_view(self, request: HttpRequest) -> HttpResponse:
        """Every assessment the changelist shows with the same filters, search and order."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            url = reverse("admin:advisor_assessment_changelist", current_app=self.admin_site.name)
            return HttpResponseRedirect(f"{url}?{ERROR_FLAG}=1")
        return self._csv(request, changelist.queryset)

    def dashboard_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        period = request.GET.get("period")
        if period not in dict(assessment_reports.PERIOD_CHOICES):
            period = assessment_reports.MONTH
        report = assessment_reports.recommendation_report(period=period)
        context = {
            "title": _("Recommendations over time"),
            "report": report,
            "chart": assessment_reports.bar_chart(report),
            "period": period,
            "period_choices": assessment_reports.PERIOD_CHOICES,
        }
        return self._render(request, "dashboard.html", context)

    def trial_view(self, request: HttpRequest) -> HttpResponse:
        """Score a case with the current rules; a POST only carries the answers, saves nothing."""
        if not self.can_trial(request):
            raise PermissionDenied
        posted = request.method == "POST"
        source = request.POST if posted else request.GET
        context = rule_trial.trial_context(
            data=request.POST if posted else None, token=source.get("token", "")
        )
        context["title"] = _("Test the current rules against a case")
        return self._render(request, "trial.html", context)

    def _render(self, request: HttpRequest, template: str, context: dict[str, Any]):
        opts = self.model._meta
        return TemplateResponse(
            request,
            f"admin/{opts.app_label}/{opts.model_name}/{template}",
            {
                **self.admin_site.each_context(request),
                "opts": opts,
                **context,
            },
        )
