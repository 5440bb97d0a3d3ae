"""Two of the result's charts: each option's monthly cost, and monthly cost against volume."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from advisor.engine.breakeven import cheapest
from advisor.questions.display import format_number
from advisor.results.charts.svg import (
    GRID,
    MUTED,
    POSITIVE,
    PRIMARY,
    TEXT,
    Chart,
    Names,
    attribute_value,
    chart,
    chart_table,
    element,
    haloed_text,
    line,
    nice_ticks,
    rect,
    shortened,
    text,
)
from advisor.results.money import break_even_sentences
from advisor.results.team import money

#: Each option's line: colour, dash pattern and marker, so the lines differ in grey too.
LINES = (
    (PRIMARY, None, "circle"),
    ("#b35900", "7 4", "square"),
    (POSITIVE, "2 3", "triangle"),
    ("#7a3b8f", "9 3 2 3", "diamond"),
)

_BAR_ROW, _BAR_LONGEST = 46, 220


def cost_chart(result: dict[str, Any], names: Names) -> Chart | None:
    """Each option's monthly cost as a bar labelled with the amount, the cheapest marked."""
    costs = result.get("costs") or []
    if not costs:
        return None
    # The first of equals, as the "Team and cost" section marks it.
    cheapest_cost = min(costs, key=lambda cost: cost["total"])
    dearest = max(cost["total"] for cost in costs) or 1
    body = []
    for row, cost in enumerate(costs):
        top, length = row * _BAR_ROW + 14, _BAR_LONGEST * max(0, cost["total"]) / dearest
        label, fill = money(cost["total"]), PRIMARY
        if cost is cheapest_cost:
            # gettext outside the f-string: makemessages cannot read a call inside one.
            cheapest_word = _("cheapest")
            label, fill = f"{label} · {cheapest_word}", POSITIVE
        body += [
            text(2, top, shortened(names(cost["option"]))),
            rect(2, top + 6, max(length, 1.0), 20, fill),
            text(length + 8, top + 21, label, 12, font_weight="700"),
        ]
    costs_in_words = "; ".join(f"{names(c['option'])} {money(c['total'])}" for c in costs)
    desc = _("Monthly cost of each option: %(costs)s. The cheapest is %(cheapest)s.") % {
        "costs": costs_in_words,
        "cheapest": names(cheapest_cost["option"]),
    }
    rows = (
        [names(c["option"]), money(c["total"]), _("yes") if c is cheapest_cost else ""]
        for c in costs
    )
    title = _("Monthly cost of each option")
    table = chart_table(title, [_("Option"), _("A month"), _("Cheapest")], rows)
    return chart("chart-costs", (title, desc), len(costs) * _BAR_ROW + 4, body, table)


class _Plot:
    """The cost chart's plot area: volumes across on a log scale, money up from 0."""

    left, right, top, bottom = 62.0, 392.0, 48.0, 214.0

    def __init__(self, low: float, high: float, most: float):
        self.low, self.high = math.log10(low), math.log10(max(high, low * 10))
        self.most = most

    def x(self, volume: float) -> float:
        share = (math.log10(volume) - self.low) / (self.high - self.low)
        return self.left + share * (self.right - self.left)

    def y(self, amount: float) -> float:
        return self.bottom - amount / self.most * (self.bottom - self.top)

    def anchor(self, x: float) -> str:
        """How a label at x is anchored so that it stays inside the chart."""
        edge = (self.right - self.left) / 5
        if x < self.left + edge:
            return "start"
        return "end" if x > self.right - edge else "middle"


def _marker(kind: str, x: float, y: float, colour: str) -> SafeString:
    r = 3.5
    if kind == "circle":
        return element("circle", cx=x, cy=y, r=r, fill=colour)
    corners = {
        "square": ((-r, -r), (r, -r), (r, r), (-r, r)),
        "triangle": ((0, -r - 1), (r + 1, r), (-r - 1, r)),
        "diamond": ((0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)),
    }[kind]
    return element("polygon", points=_points((x + dx, y + dy) for dx, dy in corners), fill=colour)


def _points(points: Iterable[tuple[float, float]]) -> str:
    return " ".join(f"{attribute_value(x)},{attribute_value(y)}" for x, y in points)


def outlook_chart(result: dict[str, Any], answers: dict[str, Any], names: Names) -> Chart | None:
    """Each option's monthly cost from a tenth to ten times the volume, break-evens marked."""
    outlook = result.get("cost_outlook") or {}
    curve, break_evens = outlook.get("curve") or [], outlook.get("break_evens") or []
    if len(curve) < 2:  # noqa: PLR2004 - a line needs two points; still pending or old: no chart
        return None
    options = list(curve[0]["costs"])
    ticks = nice_ticks(max(max(point["costs"].values()) for point in curve))
    plot = _Plot(curve[0]["volume"], curve[-1]["volume"], ticks[-1])
    volume = answers.get("interactions_per_month") or curve[len(curve) // 2]["volume"]
    body = [*_money_axis(plot, ticks), *_volume_axis(plot, curve, volume)]
    for option, (colour, dashes, marker) in zip(options, LINES, strict=False):
        points = [(plot.x(p["volume"]), plot.y(p["costs"][option])) for p in curve]
        style = {"stroke": colour, "stroke_width": 2, "stroke_dasharray": dashes}
        body.append(element("polyline", points=_points(points), fill="none", **style))
        body += [_marker(marker, x, y, colour) for x, y in points]
    body += _volume_marks(plot, volume, break_evens)
    body += _outlook_legend(options, names)
    title = _("Monthly cost against the number of contacts a month")
    desc = _outlook_desc(curve, volume, break_evens, names)
    table = _outlook_table(curve, options, volume, names)
    height = plot.bottom + 50 + 18 * len(options)
    notes = break_even_sentences(result, names)
    return chart("chart-outlook", (title, desc), height, body, table, notes=notes)


def _money_axis(plot: _Plot, ticks: Sequence[float]) -> list[SafeString]:
    parts = []
    for tick in ticks:
        y = plot.y(tick)
        parts += [
            line(plot.left, y, plot.right, y, stroke=GRID),
            text(plot.left - 6, y + 4, format_number(tick), 10, "end"),
        ]
    middle = (plot.top + plot.bottom) / 2
    title = _("%(currency)s a month") % {"currency": settings.ADVISOR_CURRENCY}
    turned = f"rotate(-90 12 {attribute_value(middle)})"
    return [*parts, text(12, middle, title, 11, "middle", fill=MUTED, transform=turned)]


_TICK_SPACING = 56


def _volume_axis(plot: _Plot, curve: Sequence[dict], volume: float) -> list[SafeString]:
    """Volumes under the plot: both ends and the manager's, then others where there is room."""
    ticks = [curve[0]["volume"], round(volume), curve[-1]["volume"]]
    shown = [plot.x(tick) for tick in ticks]
    for point in curve:
        if all(abs(plot.x(point["volume"]) - x) >= _TICK_SPACING for x in shown):
            ticks.append(point["volume"])
            shown.append(plot.x(point["volume"]))
    parts = [line(plot.left, plot.bottom, plot.right, plot.bottom, stroke=TEXT)]
    for tick, x in zip(ticks, shown, strict=True):
        parts += [
            line(x, plot.bottom, x, plot.bottom + 4, stroke=TEXT),
            text(x, plot.bottom + 16, format_number(tick), 10, plot.anchor(x)),
        ]
    axis = _("Contacts a month (log scale)")
    return [*parts, text(plot.right, plot.bottom + 32, axis, 11, "end", fill=MUTED)]


#: Rows above the plot for its labels: the manager's volume, then break-evens in turns.
_LABEL_ROWS = (12, 26, 40)


def _volume_marks(plot: _Plot, volume: float, break_evens: Sequence[dict]) -> list[SafeString]:
    """The manager's volume as a solid line, each break-even volume as a dotted one."""
    x = plot.x(volume)
    yours = _("Your volume: %(volume)s") % {"volume": format_number(volume)}
    parts = [
        line(x, _LABEL_ROWS[0] + 4, x, plot.bottom, stroke=TEXT, stroke_width=1.5),
        text(x, _LABEL_ROWS[0], yours, 11, plot.anchor(x), font_weight="700"),
    ]
    for turn, point in enumerate(break_evens):
        x, row = plot.x(point["volume"]), _LABEL_ROWS[1 + turn % 2]
        label = _("break-even: %(volume)s") % {"volume": format_number(point["volume"])}
        dotted = {"stroke": MUTED, "stroke_width": 1.5, "stroke_dasharray": "1 3"}
        parts += [
            line(x, row + 4, x, plot.bottom, **dotted),
            haloed_text(x, row, label, 10, plot.anchor(x)),
        ]
    return parts


def _outlook_legend(options: Sequence[str], names: Names) -> list[SafeString]:
    parts = []
    for row, (option, (colour, dashes, marker)) in enumerate(zip(options, LINES, strict=False)):
        y = _Plot.bottom + 46 + row * 18
        parts += [
            line(2, y, 30, y, stroke=colour, stroke_width=2, stroke_dasharray=dashes),
            _marker(marker, 16, y, colour),
            text(38, y + 4, shortened(names(option))),
        ]
    return parts


def _outlook_desc(
    curve: Sequence[dict], volume: float, break_evens: Sequence[dict], names: Names
) -> str:
    params = {
        "low": format_number(curve[0]["volume"]),
        "high": format_number(curve[-1]["volume"]),
        "volume": format_number(volume),
    }
    if not break_evens:
        return _(
            "Monthly cost of each option from %(low)s to %(high)s contacts a month (log scale, "
            "your volume %(volume)s): %(option)s is the cheapest throughout."
        ) % {**params, "option": names(cheapest(curve[0]["costs"]))}
    return _(
        "Monthly cost of each option from %(low)s to %(high)s contacts a month (log scale, "
        "your volume %(volume)s): the cheapest option changes at %(volumes)s contacts a month."
    ) % {**params, "volumes": ", ".join(format_number(p["volume"]) for p in break_evens)}


def _outlook_table(
    curve: Sequence[dict], options: Sequence[str], volume: float, names: Names
) -> dict[str, Any]:
    def contacts(point: dict[str, Any]) -> str:
        text = format_number(point["volume"])
        yours = point["volume"] == round(volume)
        return _("%(volume)s (yours)") % {"volume": text} if yours else text

    rows = (
        [contacts(p), *(money(p["costs"][o]) for o in options), names(cheapest(p["costs"]))]
        for p in curve
    )
    header = [_("Contacts a month"), *(names(option) for option in options), _("Cheapest")]
    return chart_table(_("Monthly cost of each option at other volumes"), header, rows)
