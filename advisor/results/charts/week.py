"""The result's staffing week: agents needed as shades and scheduled as numbers, hour by hour."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from advisor.engine.week import DAYS_PER_WEEK, HOURS_PER_DAY, HOURS_PER_WEEK
from advisor.questions.display import format_number
from advisor.results.charts.svg import (
    GRID,
    PRIMARY,
    TEXT,
    WHITE,
    Chart,
    chart,
    chart_table,
    element,
    joined,
    line,
    rect,
    text,
)

#: Agents needed, light to dark, with the colour of the number written on each shade.
SHADES = (("#e4ecf6", TEXT), ("#b3c9e4", TEXT), ("#6f97c9", TEXT), (PRIMARY, WHITE))

_HOUR_LABELS, _DAY_LABELS, _CELL_WIDTH, _CELL_HEIGHT = 44, 22, 50, 16
_CLOSED = "chart-week-closed"


def _shade_limits(required: Sequence[float]) -> list[float]:
    """The most agents each shade stands for: quarters of the busiest hour's need."""
    top = max(required, default=0) or 1
    return [round(top * quarter / len(SHADES), 1) for quarter in range(1, len(SHADES) + 1)]


def _shade(needed: float, limits: Sequence[float]) -> int:
    return next((i for i, limit in enumerate(limits) if needed <= limit), len(limits) - 1)


def week_chart(result: dict[str, Any]) -> Chart | None:
    """The own team's week, 7 days × 24 hours: agents needed as shades, scheduled as numbers."""
    team = (result.get("staffing") or {}).get("own_team") or {}
    required, scheduled = team.get("required") or [], team.get("scheduled") or []
    if len(required) != HOURS_PER_WEEK or len(scheduled) != HOURS_PER_WEEK:
        return None  # sized for one busy hour, before the week was worked out hour by hour
    open_hours = team.get("open_hours") or [True] * HOURS_PER_WEEK
    limits = _shade_limits(required)
    body = [_hatch(), *_week_labels()]
    for h in range(HOURS_PER_WEEK):
        day, hour = divmod(h, HOURS_PER_DAY)
        x, y = _HOUR_LABELS + day * _CELL_WIDTH, _DAY_LABELS + hour * _CELL_HEIGHT
        if not open_hours[h]:
            body.append(rect(x, y, _CELL_WIDTH, _CELL_HEIGHT, f"url(#{_CLOSED})", stroke=WHITE))
            continue
        shade, ink = SHADES[_shade(required[h], limits)]
        body += [
            rect(x, y, _CELL_WIDTH, _CELL_HEIGHT, shade, stroke=WHITE),
            text(x + _CELL_WIDTH / 2, y + 12, format_number(scheduled[h]), 11, "middle", fill=ink),
        ]
    used = sorted({_shade(required[h], limits) for h in range(HOURS_PER_WEEK) if open_hours[h]})
    body += _week_legend(limits, used)
    title = _("Agents needed and scheduled, hour by hour, for an own team")
    height = _DAY_LABELS + HOURS_PER_DAY * _CELL_HEIGHT + 56
    table = _week_table(required, scheduled, open_hours)
    return chart("chart-week", (title, _week_desc(required, scheduled)), height, body, table)


def _hatch() -> SafeString:
    """Diagonal grey lines: how a closed hour looks, in colour and on paper."""
    lines = joined([rect(0, 0, 6, 6, WHITE), line(0, 0, 0, 6, stroke=GRID, stroke_width=2)])
    pattern = element(
        "pattern",
        lines,
        id=_CLOSED,
        width=6,
        height=6,
        patternUnits="userSpaceOnUse",
        patternTransform="rotate(45)",
    )
    return element("defs", pattern)


def _hour(hour: int) -> str:
    return f"{hour:02d}:00"


def _week_labels() -> list[SafeString]:
    middle = _HOUR_LABELS + _CELL_WIDTH / 2
    days = [
        text(middle + d * _CELL_WIDTH, 15, str(WEEKDAYS_ABBR[d]), 12, "middle")
        for d in range(DAYS_PER_WEEK)
    ]
    hours = [
        text(_HOUR_LABELS - 6, _DAY_LABELS + 12 + h * _CELL_HEIGHT, _hour(h), 10, "end")
        for h in range(HOURS_PER_DAY)
    ]
    return days + hours


def _week_legend(limits: Sequence[float], used: Sequence[int]) -> list[SafeString]:
    top = _DAY_LABELS + HOURS_PER_DAY * _CELL_HEIGHT + 18
    parts = [text(2, top, _("Shade: agents needed. Number in a cell: agents scheduled."))]
    swatches = [
        (SHADES[i][0], _("up to %(agents)s") % {"agents": format_number(limits[i])}) for i in used
    ]
    for i, (fill, words) in enumerate([*swatches, (f"url(#{_CLOSED})", _("closed"))]):
        parts += [
            rect(2 + i * 78, top + 10, 14, 14, fill, stroke=GRID),
            text(20 + i * 78, top + 21, words),
        ]
    return parts


def _week_desc(required: Sequence[float], scheduled: Sequence[int]) -> str:
    busiest = max(range(HOURS_PER_WEEK), key=lambda h: required[h])
    day, hour = divmod(busiest, HOURS_PER_DAY)
    return _(
        "Agents an own team needs (shade) and has scheduled (number) in each hour of the week, "
        "Monday to Sunday; the busiest hour is %(day)s %(hour)s, with %(needed)s needed and "
        "%(scheduled)s scheduled; closed hours are hatched."
    ) % {
        "day": WEEKDAYS[day],
        "hour": _hour(hour),
        "needed": format_number(round(required[busiest], 1)),
        "scheduled": format_number(scheduled[busiest]),
    }


def _week_table(
    required: Sequence[float], scheduled: Sequence[int], open_hours: Sequence[bool]
) -> dict[str, Any]:
    def cell(h: int) -> str:
        if not open_hours[h]:
            return _("closed")
        return _("%(scheduled)s scheduled, %(needed)s needed") % {
            "scheduled": format_number(scheduled[h]),
            "needed": format_number(round(required[h], 1)),
        }

    rows = (
        [_hour(hour), *(cell(day * HOURS_PER_DAY + hour) for day in range(DAYS_PER_WEEK))]
        for hour in range(HOURS_PER_DAY)
    )
    header = [_("Hour"), *(str(WEEKDAYS[day]) for day in range(DAYS_PER_WEEK))]
    return chart_table(_("Agents scheduled and needed in each hour of the week"), header, rows)
