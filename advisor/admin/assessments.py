"""Admin for the assessments managers made: read-only, each linked to its result page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..models import Assessment


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["created_at", "winner", "result_link"]
    list_filter = ["winner", "created_at"]
    date_hierarchy = "created_at"
    search_fields = ["token"]
    readonly_fields = ["token", "created_at", "winner", "answers", "result", "rules_snapshot"]

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
