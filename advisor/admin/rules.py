"""Admin for options, rules and assumptions: what admins tune without a deploy."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..engine.scoring import OPERATORS_BY_KIND
from ..models import Assumption, Option, Rule
from ..questions import BOOLEAN, QUESTIONS
from ..rule_values import Operator
from ..translation import EXTRA_LANGUAGES

_KIND_LABELS = {
    "integer": _("whole number"),
    "number": _("number"),
    "money": _("amount of money"),
    "choice": _("one answer from a list"),
    "multichoice": _("several answers from a list"),
    "boolean": _("yes or no"),
}


def translations(*fields: str) -> tuple[Any, dict[str, Any]]:
    """A collapsed fieldset with each field in every extra language."""
    names = [f"{field}_{language}" for language in EXTRA_LANGUAGES for field in fields]
    description = _(
        "Leave a translation blank to use the built-in translation of the English text "
        "(available for the default texts), or else the English text."
    )
    return _("Translations"), {"classes": ["collapse"], "fields": names, "description": description}


def question_reference() -> list[dict[str, Any]]:
    """Every question a rule can test, with its operators and answer codes, for the rule form."""
    operator_labels = dict(Operator.choices)
    return [
        {
            "key": question.key,
            "label": question.label,
            "kind": _KIND_LABELS[question.kind],
            "operators": [operator_labels[code] for code in OPERATORS_BY_KIND[question.kind]],
            "codes": question.choices,
            "derived": question.derived,
            "yes_no": question.kind == BOOLEAN,
        }
        for question in QUESTIONS.values()
    ]


@admin.register(Option)
class OptionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "rule_count"]
    list_editable = ["order"]
    search_fields = ["name", "summary", "slug"]
    fieldsets = [
        (None, {"fields": ["name", "summary", "pros", "cons"]}),
        translations("name", "summary", "pros", "cons"),
        (_("Advanced"), {"classes": ["collapse"], "fields": ["slug", "order"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Option]:
        return super().get_queryset(request).annotate(rule_total=Count("rules"))

    @admin.display(description=_("rules"), ordering="rule_total")
    def rule_count(self, option: Option) -> int:
        return option.rule_total


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    list_display = ["condition", "option", "points", "exclude", "active", "short_rationale"]
    list_display_links = ["condition"]
    list_editable = ["points", "active"]
    list_filter = ["active", "option", "question", "exclude"]
    list_select_related = ["option"]
    search_fields = ["rationale", "value", "question", "slug"]
    list_per_page = 100
    save_on_top = True
    fieldsets = [
        (_("If"), {"fields": ["question", "operator", "value"]}),
        (_("Then"), {"fields": ["option", "points", "exclude"]}),
        (_("Because"), {"fields": ["rationale", "active"]}),
        translations("rationale"),
        (_("Advanced"), {"classes": ["collapse"], "fields": ["order", "slug"]}),
    ]

    @admin.display(description=_("if"), ordering="question")
    def condition(self, rule: Rule) -> str:
        return format_html(
            "{} <em>{}</em> <strong>{}</strong>",
            rule.get_question_display(),
            rule.get_operator_display(),
            rule.value,
        )

    @admin.display(description=_("because"))
    def short_rationale(self, rule: Rule) -> str:
        limit = 90
        return rule.rationale if len(rule.rationale) <= limit else rule.rationale[:limit] + "…"

    def render_change_form(self, request: HttpRequest, context: dict[str, Any], *args, **kwargs):
        context["question_reference"] = question_reference()
        return super().render_change_form(request, context, *args, **kwargs)


@admin.register(Assumption)
class AssumptionAdmin(admin.ModelAdmin):
    list_display = ["name", "value", "unit", "updated_at"]
    list_editable = ["value"]
    search_fields = ["name", "slug", "help_text"]
    fieldsets = [
        (None, {"fields": ["name", "value", "unit", "help_text"]}),
        translations("name", "unit"),
        (_("Advanced"), {"classes": ["collapse"], "fields": ["slug"]}),
    ]
