"""Admin for the hourly demand profiles: a week as seven lines of 24 numbers, and its picture."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from advisor.admin.rules import HistoryAdmin
from advisor.engine.week import DAYS_PER_WEEK, HOURS_PER_DAY
from advisor.models import WEEKDAYS, DemandProfile

_SEPARATORS = re.compile(r"[\s;]+")
#: Shades in the week's picture, lightest to darkest (classes heat-0 .. heat-8 in the CSS).
_SHADES = 9


class WeekField(forms.CharField):
    """168 weights as seven lines, Monday to Sunday, of 24 numbers from 00:00 to 23:00."""

    widget = forms.Textarea(attrs={"rows": DAYS_PER_WEEK, "cols": 120, "class": "week-weights"})

    def prepare_value(self, value: Any) -> str:
        if isinstance(value, list) and len(value) == DAYS_PER_WEEK * HOURS_PER_DAY:
            days = (value[day * HOURS_PER_DAY : (day + 1) * HOURS_PER_DAY] for day in range(7))
            return "\n".join(" ".join(f"{weight:g}" for weight in day) for day in days)
        return super().prepare_value(value)

    def to_python(self, value: Any) -> list[float]:
        text = super().to_python(value)
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) != DAYS_PER_WEEK:
            raise ValidationError(
                _("Write seven lines, Monday to Sunday; this has %(count)s."),
                code="days",
                params={"count": len(lines)},
            )
        weights: list[float] = []
        for day, line in zip(WEEKDAYS, lines, strict=True):
            numbers = [word for word in _SEPARATORS.split(line.strip()) if word]
            if len(numbers) != HOURS_PER_DAY:
                raise ValidationError(
                    _("%(day)s has %(count)s numbers; write 24, one for each hour from 00:00."),
                    code="hours",
                    params={"day": day, "count": len(numbers)},
                )
            try:
                weights.extend(float(number.replace(",", ".")) for number in numbers)
            except ValueError as error:
                raise ValidationError(
                    _("%(day)s has something that is not a number; use digits only."),
                    code="not_a_number",
                    params={"day": day},
                ) from error
        return weights


class DemandProfileForm(forms.ModelForm):
    weights = WeekField(
        label=_("Hourly weights"),
        help_text=_(
            "Seven lines, Monday to Sunday, of 24 numbers each, for 00:00 to 23:00, separated "
            "by spaces. None below 0; only their proportions matter: 2 is twice as busy as 1."
        ),
    )

    class Meta:
        model = DemandProfile
        fields = ["industry", "weights", "source"]


@admin.register(DemandProfile)
class DemandProfileAdmin(HistoryAdmin):
    form = DemandProfileForm
    list_display = ["industry", "busiest_hour", "weekend_share", "updated_at"]
    readonly_fields = ["week_picture"]
    fieldsets = [
        (None, {"fields": ["industry", "week_picture", "weights", "source"]}),
    ]

    class Media:
        css = {"all": ["css/admin_profiles.css"]}

    @admin.display(description=_("busiest hour"))
    def busiest_hour(self, profile: DemandProfile) -> str:
        weights = profile.weights or []
        if not weights:
            return "—"
        day, hour = divmod(max(range(len(weights)), key=weights.__getitem__), HOURS_PER_DAY)
        return f"{WEEKDAYS[day]} {hour:02d}:00"

    @admin.display(description=_("share at weekends"))
    def weekend_share(self, profile: DemandProfile) -> str:
        weights = profile.weights or []
        total = sum(weights)
        weekend = sum(weights[5 * HOURS_PER_DAY :])
        return f"{round(100 * weekend / total)}%" if total else "—"

    @admin.display(description=_("the week at a glance"))
    def week_picture(self, profile: DemandProfile) -> str:
        """A table of the week, darker where busier, with each hour's weight as its text."""
        weights = profile.weights or []
        if len(weights) != DAYS_PER_WEEK * HOURS_PER_DAY:
            return "—"
        busiest = max(weights) or 1
        header = format_html_join("", "<th scope='col'>{}</th>", ((h,) for h in range(24)))
        rows = format_html_join(
            "",
            "<tr><th scope='row'>{}</th>{}</tr>",
            (
                (
                    day,
                    format_html_join(
                        "",
                        "<td class='heat-{}'>{}</td>",
                        (
                            (min(_SHADES - 1, int(_SHADES * w / busiest)), f"{w:g}")
                            for w in weights[index * HOURS_PER_DAY : (index + 1) * HOURS_PER_DAY]
                        ),
                    ),
                )
                for index, day in enumerate(WEEKDAYS)
            ),
        )
        return format_html(
            "<table class='week-picture'><caption>{}</caption><thead><tr><td></td>{}</tr>"
            "</thead><tbody>{}</tbody></table>",
            _("Each hour's weight; darker hours bring more contacts."),
            header,
            rows,
        )
