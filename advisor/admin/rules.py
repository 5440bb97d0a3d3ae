"""Admin for options, rules and assumptions: what admins tune without a deploy.

History: every change to an option, rule or assumption is kept by django-simple-history
(Jazzband): who changed it, when, and the old values of every field, translations included.
It was chosen over django-reversion and hand-written audit tables because it stores one plain
historical table per model (easy to query for "latest rule changes"), and its admin already
shows each change as old -> new and can revert to any version; a revert saves the row through
the same admin form, so `Rule.clean` checks it again and the usual post_save signal clears every
process's cached rule set.
"""

from __future__ import annotations

from typing import Any, override

from django.contrib import admin
from django.db.models import Count, ForeignKey, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from advisor.admin.rule_tools import RuleToolsMixin
from advisor.admin.whatif import WHATIF_LIMIT
from advisor.engine.scoring import OPERATORS_BY_KIND
from advisor.models import Assumption, Option, Rule
from advisor.questions.definitions import BOOLEAN, QUESTIONS
from advisor.questions.rule_values import Operator
from advisor.translation import EXTRA_LANGUAGES

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


class HistoryAdmin(SimpleHistoryAdmin):
    # The library's own list carries an inline style, which the site's CSP refuses.
    object_history_list_template = "admin/advisor/object_history_list.html"

    @override
    def get_history_queryset(
        self, request: HttpRequest, history_manager: Any, pk_name: str, object_id: Any
    ) -> QuerySet:
        # The library calls select_related() with no names for a model without foreign keys,
        # which Django 6.1 deprecates; name them here instead.
        records = history_manager.filter(**{pk_name: object_id}).select_related("history_user")
        keys = [f.name for f in self.opts.concrete_fields if isinstance(f, ForeignKey)]
        return records.select_related(*keys) if keys else records


@admin.register(Option)
class OptionAdmin(HistoryAdmin):
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
class RuleAdmin(RuleToolsMixin, HistoryAdmin):
    list_display = [
        "condition",
        "option",
        "points",
        "group",
        "exclude",
        "active",
        "short_rationale",
    ]
    list_display_links = ["condition"]
    list_editable = ["points", "active"]
    list_filter = ["active", "option", "group", "question", "exclude"]
    list_select_related = ["option"]
    search_fields = ["rationale", "value", "question", "slug"]
    list_per_page = 100
    save_on_top = True
    fieldsets = [
        (_("If"), {"fields": ["question", "operator", "value"]}),
        (_("Then"), {"fields": ["option", "points", "group", "exclude"]}),
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

    @override
    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Rule | None = None,
    ):
        context["question_reference"] = question_reference()
        context["whatif_limit"] = WHATIF_LIMIT
        if add and self.has_add_permission(request):
            context["whatif_url"] = reverse("admin:advisor_rule_whatif")
        elif change and obj is not None and self.has_change_permission(request, obj):
            context["whatif_url"] = reverse("admin:advisor_rule_whatif_edit", args=[obj.pk])
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(Assumption)
class AssumptionAdmin(HistoryAdmin):
    list_display = ["name", "value", "unit", "updated_at"]
    list_editable = ["value"]
    search_fields = ["name", "slug", "help_text"]
    fieldsets = [
        (None, {"fields": ["name", "value", "unit", "help_text"]}),
        translations("name", "unit"),
        (_("Advanced"), {"classes": ["collapse"], "fields": ["slug"]}),
    ]
