"""Admin pages around the rule list: what if, export, import and the latest rule changes.

Each page is a thin view on `RuleAdmin` (through `RuleToolsMixin`), wrapped by
`admin_site.admin_view` (staff login, CSRF) and checking model permissions: viewing rules for
what if and the change list, viewing all three models for export, and adding, changing and
deleting all three for import, which replaces the whole rule set.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advisor.admin.whatif import WHATIF_LIMIT, Preview, whatif_preview
from advisor.models import Assessment, Rule
from advisor.rules.checks import SECTIONS, RuleFileError
from advisor.rules.rulebook import current_rulebook
from advisor.rules.transfer import MAX_FILE_BYTES, rules_export_json, rules_import, rules_parse
from advisor.translation import localize

#: How many entries the page of latest rule changes lists.
CHANGES_SHOWN = 100


class RuleImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Rules file"),
        help_text=gettext_lazy("A JSON file made by “Export rules” or manage.py export_rules."),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "Replace the whole rule set: options, rules and assumptions missing from the file "
            "will be deleted."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."), code="too_large")
        return upload


def _has(request: HttpRequest, action: str, model: Any) -> bool:
    return request.user.has_perm(
        f"{model._meta.app_label}.{get_permission_codename(action, model._meta)}"
    )


def may(request: HttpRequest, actions: tuple[str, ...]) -> bool:
    """Whether the user holds every `action` permission on options, rules and assumptions."""
    return all(_has(request, action, model) for model in SECTIONS.values() for action in actions)


def may_view_all(request: HttpRequest) -> bool:
    """As admin's view permission (view or change), on options, rules and assumptions alike."""
    return all(
        _has(request, "view", model) or _has(request, "change", model)
        for model in SECTIONS.values()
    )


def typed_changes(form: forms.ModelForm) -> list[tuple[str, Any, Any]]:
    """(field label, saved value, typed value) for each field the admin changed in the form."""
    changes = []
    for name in form.changed_data:
        field = form.fields[name]
        saved, typed = form.get_initial_for_field(field, name), form.cleaned_data.get(name)
        if isinstance(field, forms.ModelChoiceField):
            saved = field.queryset.filter(pk=saved).first()
        elif isinstance(field, forms.ChoiceField):
            labels = dict(field.choices)
            saved, typed = labels.get(saved, saved), labels.get(typed, typed)
        changes.append((field.label, saved, typed))
    return changes


class RuleToolsMixin:
    """Adds the pages to the ModelAdmin of `Rule` (the URL names assume that model)."""

    def get_urls(self) -> list:
        wrap = self.admin_site.admin_view
        tools = [
            path("whatif/", wrap(self.whatif_view), name="advisor_rule_whatif"),
            path("export/", wrap(self.export_view), name="advisor_rule_export"),
            path("import/", wrap(self.import_view), name="advisor_rule_import"),
            path("changes/", wrap(self.changes_view), name="advisor_rule_changes"),
            path(
                "<path:object_id>/whatif/", wrap(self.whatif_view), name="advisor_rule_whatif_edit"
            ),
        ]
        return tools + super().get_urls()

    def tool_urls(self, request: HttpRequest) -> dict[str, str]:
        """The tool pages this user may open, for links on the rule list."""
        urls = {}
        if self.has_view_permission(request):
            urls["whatif"] = reverse("admin:advisor_rule_whatif")
            urls["changes"] = reverse("admin:advisor_rule_changes")
        if may_view_all(request):
            urls["export"] = reverse("admin:advisor_rule_export")
        if may(request, ("add", "change", "delete")):
            urls["import"] = reverse("admin:advisor_rule_import")
        return urls

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        extra_context = {**(extra_context or {}), "rule_tools": self.tool_urls(request)}
        return super().changelist_view(request, extra_context)

    def whatif_view(self, request: HttpRequest, object_id: str | None = None) -> HttpResponse:
        """GET: today's rules against each stored recommendation. POST: a rule form, unsaved."""
        rule = None
        if object_id is not None:
            rule = self.get_object(request, unquote(object_id))
            if rule is None:
                raise Http404
        if not self.has_view_permission(request, rule):
            raise PermissionDenied
        # Read before the form writes the typed values onto the rule (in memory only).
        replaces = rule.key if rule is not None else None
        context: dict[str, Any] = {"rule_label": str(rule or ""), "limit": WHATIF_LIMIT}
        if request.method == "POST":
            form_class = self.get_form(request, rule, change=rule is not None)
            form = form_class(request.POST, request.FILES, instance=rule)
            context["form"] = form
            if form.is_valid():
                preview = whatif_preview(edited=form.instance, replaces=replaces)
                context.update(self._preview_context(request, preview))
                context["typed_changes"] = typed_changes(form) if rule is not None else []
        elif object_id is not None:
            return redirect("admin:advisor_rule_whatif")
        else:
            context.update(self._preview_context(request, whatif_preview()))
        if rule is not None:
            context["save_url"] = reverse("admin:advisor_rule_change", args=[rule.pk])
        else:
            context["save_url"] = reverse("admin:advisor_rule_add")
        return self._render(request, "whatif.html", _("What if"), context)

    def _preview_context(self, request: HttpRequest, preview: Preview) -> dict[str, Any]:
        options = localize(current_rulebook().options)

        def name(slug: str) -> str:
            return options.get(slug, {}).get("name", slug) if slug else _("no option fits")

        may_open = request.user.has_perm("advisor.view_assessment")
        return {
            "preview": preview,
            "stored": Assessment.objects.count(),
            "summary": [
                (name(before), name(after), count) for before, after, count in preview.summary
            ],
            "changes": [
                {
                    "created_at": change.created_at,
                    "before": name(change.before),
                    "after": name(change.after),
                    "result_url": reverse("advisor:result", kwargs={"token": change.token}),
                    "admin_url": reverse("admin:advisor_assessment_change", args=[change.pk])
                    if may_open
                    else "",
                }
                for change in preview.changes
            ],
        }

    def export_view(self, request: HttpRequest) -> HttpResponse:
        if not may_view_all(request):
            raise PermissionDenied
        response = HttpResponse(rules_export_json(), content_type="application/json; charset=utf-8")
        filename = f"rules-{timezone.now():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not may(request, ("add", "change", "delete")):
            raise PermissionDenied
        form = RuleImportForm(request.POST or None, request.FILES or None)
        problems = []
        if request.method == "POST" and form.is_valid():
            try:
                summary = rules_import(data=rules_parse(form.cleaned_data["file"].read()))
            except RuleFileError as error:
                problems = error.problems
            else:
                messages.success(request, _("Rules imported. %s.") % "; ".join(summary.lines()))
                return redirect("admin:advisor_rule_changelist")
        context = {
            "form": form,
            "problems": problems,
            "export_url": reverse("admin:advisor_rule_export") if may_view_all(request) else "",
        }
        return self._render(request, "import.html", _("Import rules"), context)

    def changes_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        records = Rule.history.select_related("history_user")[:CHANGES_SHOWN]
        context = {"records": records, "shown": CHANGES_SHOWN}
        return self._render(request, "changes.html", _("Latest rule changes"), context)

    def _render(
        self, request: HttpRequest, template: str, title: str, context: dict[str, Any]
    ) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            **context,
        }
        return TemplateResponse(request, f"admin/advisor/rule/{template}", context)
