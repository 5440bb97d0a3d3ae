"""The result's pictures, drawn on the server as inline SVG from the stored assessment alone.

Four charts: each option's monthly cost, the week hour by hour, monthly cost against volume
with the break-even volumes, and service level against agents in the busiest hour. No script
and no inline style (the Content-Security-Policy forbids both): SVG presentation attributes
draw each chart and static/css/charts.css sizes it. Labels, dash patterns and markers carry
the meaning in grey as well as in colour. Each chart has a title, a one-sentence description
and its numbers as a table for screen readers (`templates/advisor/_chart.html`).

Every chart is 400 units wide, about life size on a phone, so its text stays readable there.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from advisor.engine.breakeven import cheapest
from advisor.engine.demand import LIVE_CHANNELS, Demand
from advisor.engine.queueing import DEFAULT_CHAT_SPEEDUP, TOLERANCE
from advisor.engine.service_curve import ServiceCurve, ServicePoint, service_curve
from advisor.engine.week import DAYS_PER_WEEK, HOURS_PER_DAY, HOURS_PER_WEEK
from advisor.models import Assessment
from advisor.questions.definitions import QUESTIONS
from advisor.questions.display import format_number
from advisor.results.money import break_even_sentences
from advisor.results.team import money
from advisor.translation import localize

Names = Callable[[str], str]
Chart = dict[str, Any]

WIDTH = 400
TEXT, MUTED, GRID, WHITE = "#1b1f24", "#4a5360", "#c6ccd5", "#ffffff"
PRIMARY, POSITIVE = "#1a4f8b", "#1d6b3a"
#: Each option's line: colour, dash pattern and marker, so the lines differ in grey too.
LINES = (
    (PRIMARY, None, "circle"),
    ("#b35900", "7 4", "square"),
    (POSITIVE, "2 3", "triangle"),
    ("#7a3b8f", "9 3 2 3", "diamond"),
)
#: Agents needed, light to dark, with the colour of the number written on each shade.
SHADES = (("#e4ecf6", TEXT), ("#b3c9e4", TEXT), ("#6f97c9", TEXT), (PRIMARY, WHITE))
#: About as many characters as fit across a chart at 11 units; the table keeps the full name.
_LONGEST_NAME = 62


# --- markup ------------------------------------------------------------------------------


def _value(value: Any) -> str:
    return f"{value:.1f}".removesuffix(".0") if isinstance(value, float) else str(value)


def _el(tag: str, content: Any = "", **attrs: Any) -> SafeString:
    """One SVG element, its text and every attribute escaped (`font_size=` → `font-size`)."""
    pairs = (
        (name.rstrip("_").replace("_", "-"), _value(value))
        for name, value in attrs.items()
        if value is not None
    )
    return format_html("<{0}{1}>{2}</{0}>", tag, format_html_join("", ' {}="{}"', pairs), content)


def _all(parts: Iterable[SafeString]) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


def _text(x: float, y: float, words: str, size: int = 11, anchor: str = "start", **attrs: Any):
    attrs.setdefault("fill", TEXT)
    return _el("text", words, x=x, y=y, font_size=size, text_anchor=anchor, **attrs)


def _label(x: float, y: float, words: str, size: int = 10, anchor: str = "middle", **attrs: Any):
    """Text with a white halo, readable where it crosses a line."""
    halo = {"stroke": WHITE, "stroke_width": 3, "paint_order": "stroke"}
    return _text(x, y, words, size, anchor, **halo, **attrs)


def _line(x1: float, y1: float, x2: float, y2: float, **attrs: Any) -> SafeString:
    return _el("line", x1=x1, y1=y1, x2=x2, y2=y2, **attrs)


def _rect(x: float, y: float, width: float, height: float, fill: str, **attrs: Any):
    return _el("rect", x=x, y=y, width=width, height=height, fill=fill, **attrs)


def _short(name: str) -> str:
    return name if len(name) <= _LONGEST_NAME else name[: _LONGEST_NAME - 1] + "…"


def _percent(share: float) -> str:
    return f"{format_number(round(100 * share, 1))}%"


def _chart(
    chart_id: str,
    words: tuple[str, str],
    height: float,
    body: Iterable[SafeString],
    table: dict[str, Any],
    *,
    notes: Sequence[str] = (),
) -> Chart:
    """One chart as `_chart.html` renders it: the SVG, its title and description, its table."""
    title, desc = words
    svg = format_html(
        '<svg class="chart-svg" role="img" aria-labelledby="{0}-title {0}-desc" '
        'viewBox="0 0 {1} {2}" width="100%" font-size="12">'
        '<title id="{0}-title">{3}</title><desc id="{0}-desc">{4}</desc>{5}</svg>',
        *(chart_id, WIDTH, _value(float(height)), title, desc, _all(body)),
    )
    parts = {"title": title, "desc": desc, "svg": svg, "table": table, "notes": list(notes)}
    return {"id": chart_id, **parts}


def _table(caption: str, header: Sequence[str], rows: Iterable[Sequence[str]]) -> dict[str, Any]:
    """A chart's numbers; each row's first cell heads the row."""
    return {"caption": caption, "header": list(header), "rows": [list(row) for row in rows]}


# --- the charts --------------------------------------------------------------------------


def charts_context(assessment: Assessment) -> list[Chart]:
    """The charts the result's stored figures allow, in the active language.

    A result made before a figure was stored goes without its chart, and the cost against
    volume waits for the background work that stores it.
    """
    result = localize(assessment.shown_result())
    options = result.get("options") or {}

    def names(slug: str) -> str:
        return options.get(slug, {}).get("name", slug)

    found = (
        cost_chart(result, names),
        week_chart(result),
        outlook_chart(result, assessment.answers, names),
        service_chart(result, assessment.answers),
    )
    return [chart for chart in found if chart is not None]


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
            label, fill = f"{label} · {_('cheapest')}", POSITIVE  # as the cost list says it
        body += [
            _text(2, top, _short(names(cost["option"]))),
            _rect(2, top + 6, max(length, 1.0), 20, fill),
            _text(length + 8, top + 21, label, 12, font_weight="700"),
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
    table = _table(title, [_("Option"), _("A month"), _("Cheapest")], rows)
    return _chart("chart-costs", (title, desc), len(costs) * _BAR_ROW + 4, body, table)


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
            body.append(_rect(x, y, _CELL_WIDTH, _CELL_HEIGHT, f"url(#{_CLOSED})", stroke=WHITE))
            continue
        shade, ink = SHADES[_shade(required[h], limits)]
        body += [
            _rect(x, y, _CELL_WIDTH, _CELL_HEIGHT, shade, stroke=WHITE),
            _text(x + _CELL_WIDTH / 2, y + 12, format_number(scheduled[h]), 11, "middle", fill=ink),
        ]
    used = sorted({_shade(required[h], limits) for h in range(HOURS_PER_WEEK) if open_hours[h]})
    body += _week_legend(limits, used)
    title = _("Agents needed and scheduled, hour by hour, for an own team")
    height = _DAY_LABELS + HOURS_PER_DAY * _CELL_HEIGHT + 56
    table = _week_table(required, scheduled, open_hours)
    return _chart("chart-week", (title, _week_desc(required, scheduled)), height, body, table)


def _hatch() -> SafeString:
    """Diagonal grey lines: how a closed hour looks, in colour and on paper."""
    lines = _all([_rect(0, 0, 6, 6, WHITE), _line(0, 0, 0, 6, stroke=GRID, stroke_width=2)])
    pattern = _el(
        "pattern",
        lines,
        id=_CLOSED,
        width=6,
        height=6,
        patternUnits="userSpaceOnUse",
        patternTransform="rotate(45)",
    )
    return _el("defs", pattern)


def _hour(hour: int) -> str:
    return f"{hour:02d}:00"


def _week_labels() -> list[SafeString]:
    middle = _HOUR_LABELS + _CELL_WIDTH / 2
    days = [
        _text(middle + d * _CELL_WIDTH, 15, str(WEEKDAYS_ABBR[d]), 12, "middle")
        for d in range(DAYS_PER_WEEK)
    ]
    hours = [
        _text(_HOUR_LABELS - 6, _DAY_LABELS + 12 + h * _CELL_HEIGHT, _hour(h), 10, "end")
        for h in range(HOURS_PER_DAY)
    ]
    return days + hours


def _week_legend(limits: Sequence[float], used: Sequence[int]) -> list[SafeString]:
    top = _DAY_LABELS + HOURS_PER_DAY * _CELL_HEIGHT + 18
    parts = [_text(2, top, _("Shade: agents needed. Number in a cell: agents scheduled."))]
    swatches = [
        (SHADES[i][0], _("up to %(agents)s") % {"agents": format_number(limits[i])}) for i in used
    ]
    for i, (fill, words) in enumerate([*swatches, (f"url(#{_CLOSED})", _("closed"))]):
        parts += [
            _rect(2 + i * 78, top + 10, 14, 14, fill, stroke=GRID),
            _text(20 + i * 78, top + 21, words),
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
    return _table(_("Agents scheduled and needed in each hour of the week"), header, rows)


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


def nice_ticks(most: float, count: int = 4) -> list[float]:
    """Round steps from 0 up to `most` or just past it: 0, 5 000, 10 000, 15 000 for 13 400."""
    if most <= 0:
        return [0, 1]
    rough = most / count
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= rough)
    return [step * i for i in range(math.ceil(most / step - 1e-9) + 1)]


def _marker(kind: str, x: float, y: float, colour: str) -> SafeString:
    r = 3.5
    if kind == "circle":
        return _el("circle", cx=x, cy=y, r=r, fill=colour)
    corners = {
        "square": ((-r, -r), (r, -r), (r, r), (-r, r)),
        "triangle": ((0, -r - 1), (r + 1, r), (-r - 1, r)),
        "diamond": ((0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)),
    }[kind]
    return _el("polygon", points=_points((x + dx, y + dy) for dx, dy in corners), fill=colour)


def _points(points: Iterable[tuple[float, float]]) -> str:
    return " ".join(f"{_value(x)},{_value(y)}" for x, y in points)


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
        line = {"stroke": colour, "stroke_width": 2, "stroke_dasharray": dashes}
        body.append(_el("polyline", points=_points(points), fill="none", **line))
        body += [_marker(marker, x, y, colour) for x, y in points]
    body += _volume_marks(plot, volume, break_evens)
    body += _outlook_legend(options, names)
    title = _("Monthly cost against the number of contacts a month")
    desc = _outlook_desc(curve, volume, break_evens, names)
    table = _outlook_table(curve, options, volume, names)
    height = plot.bottom + 50 + 18 * len(options)
    notes = break_even_sentences(result, names)
    return _chart("chart-outlook", (title, desc), height, body, table, notes=notes)


def _money_axis(plot: _Plot, ticks: Sequence[float]) -> list[SafeString]:
    parts = []
    for tick in ticks:
        y = plot.y(tick)
        parts += [
            _line(plot.left, y, plot.right, y, stroke=GRID),
            _text(plot.left - 6, y + 4, format_number(tick), 10, "end"),
        ]
    middle = (plot.top + plot.bottom) / 2
    title = _("%(currency)s a month") % {"currency": settings.ADVISOR_CURRENCY}
    turned = f"rotate(-90 12 {_value(middle)})"
    return [*parts, _text(12, middle, title, 11, "middle", fill=MUTED, transform=turned)]


_TICK_SPACING = 56


def _volume_axis(plot: _Plot, curve: Sequence[dict], volume: float) -> list[SafeString]:
    """Volumes under the plot: both ends and the manager's, then others where there is room."""
    ticks = [curve[0]["volume"], round(volume), curve[-1]["volume"]]
    shown = [plot.x(tick) for tick in ticks]
    for point in curve:
        if all(abs(plot.x(point["volume"]) - x) >= _TICK_SPACING for x in shown):
            ticks.append(point["volume"])
            shown.append(plot.x(point["volume"]))
    parts = [_line(plot.left, plot.bottom, plot.right, plot.bottom, stroke=TEXT)]
    for tick, x in zip(ticks, shown, strict=True):
        parts += [
            _line(x, plot.bottom, x, plot.bottom + 4, stroke=TEXT),
            _text(x, plot.bottom + 16, format_number(tick), 10, plot.anchor(x)),
        ]
    axis = _("Contacts a month (log scale)")
    return [*parts, _text(plot.right, plot.bottom + 32, axis, 11, "end", fill=MUTED)]


#: Rows above the plot for its labels: the manager's volume, then break-evens in turns.
_LABEL_ROWS = (12, 26, 40)


def _volume_marks(plot: _Plot, volume: float, break_evens: Sequence[dict]) -> list[SafeString]:
    """The manager's volume as a solid line, each break-even volume as a dotted one."""
    x = plot.x(volume)
    yours = _("Your volume: %(volume)s") % {"volume": format_number(volume)}
    parts = [
        _line(x, _LABEL_ROWS[0] + 4, x, plot.bottom, stroke=TEXT, stroke_width=1.5),
        _text(x, _LABEL_ROWS[0], yours, 11, plot.anchor(x), font_weight="700"),
    ]
    for turn, point in enumerate(break_evens):
        x, row = plot.x(point["volume"]), _LABEL_ROWS[1 + turn % 2]
        label = _("break-even: %(volume)s") % {"volume": format_number(point["volume"])}
        dotted = {"stroke": MUTED, "stroke_width": 1.5, "stroke_dasharray": "1 3"}
        parts += [
            _line(x, row + 4, x, plot.bottom, **dotted),
            _label(x, row, label, 10, plot.anchor(x)),
        ]
    return parts


def _outlook_legend(options: Sequence[str], names: Names) -> list[SafeString]:
    parts = []
    for row, (option, (colour, dashes, marker)) in enumerate(zip(options, LINES, strict=False)):
        y = _Plot.bottom + 46 + row * 18
        parts += [
            _line(2, y, 30, y, stroke=colour, stroke_width=2, stroke_dasharray=dashes),
            _marker(marker, 16, y, colour),
            _text(38, y + 4, _short(names(option))),
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
    return _table(_("Monthly cost of each option at other volumes"), header, rows)


@dataclass(frozen=True)
class _Queue:
    """The busiest live queue in its busiest hour, as the stored result and answers give it."""

    channels: tuple[str, ...]
    arrivals_per_hour: float
    handling_seconds: float
    demand: Demand

    def name(self) -> str:
        """ "chat + phone": the channels, as the wizard names them."""
        return " + ".join(QUESTIONS["channels"].choice_label(c).lower() for c in self.channels)


def _chat_speedups(result: dict[str, Any]) -> dict[int, float]:
    stored = {
        int(figure["slug"].removeprefix("chat_speedup_")): float(figure["value"])
        for figure in result.get("assumptions") or []
        if figure["slug"].startswith("chat_speedup_")
    }
    return {**DEFAULT_CHAT_SPEEDUP, **stored}


def busiest_queue(result: dict[str, Any], answers: dict[str, Any]) -> _Queue | None:
    """The queue of calls, chats or both with the most arrivals in its busiest hour.

    As staffing forms queues: agents who work every channel answer calls and chats as one
    queue at their mean handling time, and agents who speak different languages answer
    separate queues (the largest group's is drawn). Calls and chats share the week's shape,
    so their busiest hours coincide. None without calls or chats.
    """
    team = (result.get("staffing") or {}).get("own_team") or {}
    demand = Demand.from_answers(answers)
    live = [
        need
        for need in team.get("channels") or []
        if need["channel"] in LIVE_CHANNELS and need.get("busy_hour_arrivals", 0) > 0
    ]
    if not live or any(need["channel"] not in demand.handling_seconds for need in live):
        return None
    queues = [live] if demand.channels_shared else [[need] for need in live]
    busiest = max(queues, key=lambda queue: sum(n["busy_hour_arrivals"] for n in queue))
    channels = tuple(need["channel"] for need in busiest)
    speedups, volumes = _chat_speedups(result), demand.volume_by_channel
    work = sum(demand.handling(c, speedups) * volumes[c] for c in channels)
    arrivals = sum(need["busy_hour_arrivals"] for need in busiest)
    return _Queue(
        channels=channels,
        arrivals_per_hour=arrivals * demand.languages_per_agent / demand.languages,
        handling_seconds=work / sum(volumes[c] for c in channels),
        demand=demand,
    )


class _Bars:
    """The service chart's plot area: one bar per headcount, 0 to 100% up."""

    left, right, top, bottom = 40.0, 392.0, 20.0, 180.0

    def y(self, share: float) -> float:
        return self.bottom - share * (self.bottom - self.top)


def service_chart(result: dict[str, Any], answers: dict[str, Any]) -> Chart | None:
    """Share of calls and chats answered in time against agents, around the fewest who do it."""
    queue = busiest_queue(result, answers)
    if queue is None:
        return None
    demand = queue.demand
    curve = service_curve(
        arrivals_per_hour=queue.arrivals_per_hour,
        handling_seconds=queue.handling_seconds,
        target_share=demand.target_share,
        target_seconds=demand.target_seconds,
        patience_seconds=demand.patience_seconds,
    )
    if not curve.points:
        return None

    def meets(point: ServicePoint) -> bool:
        return point.service_level >= demand.target_share - TOLERANCE

    bars, slot = _Bars(), (_Bars.right - _Bars.left) / len(curve.points)
    body, labels = _share_axis(bars), []
    for i, point in enumerate(curve.points):
        x, top = bars.left + (i + 0.2) * slot, bars.y(point.service_level)
        fill, height = PRIMARY if meets(point) else WHITE, bars.bottom - top
        body.append(_rect(x, top, slot * 0.6, height, fill, stroke=PRIMARY, stroke_width=1.5))
        middle, agents = x + slot * 0.3, format_number(point.agents)
        bold = "700" if point.agents == curve.needed else None
        labels += [
            _label(middle, top - 4, _percent(point.service_level)),
            _text(middle, bars.bottom + 14, agents, 11, "middle", font_weight=bold),
        ]
    body += [*_service_legend(bars, queue), *labels]  # the labels over the target line
    title, desc = _service_words(queue, curve)
    answers_met = {True: _("yes"), False: _("no")}
    rows = (
        [format_number(p.agents), _percent(p.service_level), answers_met[meets(p)]]
        for p in curve.points
    )
    header = [_("Agents"), _("Answered in time"), _("Meets the target")]
    table = _table(title, header, rows)
    return _chart("chart-service", (title, desc), bars.bottom + 80, body, table)


def _service_words(queue: _Queue, curve: ServiceCurve) -> tuple[str, str]:
    """The service chart's title and its one-sentence description."""
    demand = queue.demand
    needed = next(point for point in curve.points if point.agents == curve.needed)
    params = {
        "queue": queue.name(),
        "seconds": format_number(demand.target_seconds),
        "arrivals": format_number(round(queue.arrivals_per_hour, 1)),
        "low": format_number(curve.points[0].agents),
        "high": format_number(curve.points[-1].agents),
        "needed": format_number(curve.needed),
        "target": _percent(demand.target_share),
        "share": _percent(needed.service_level),
    }
    title = _("Answered within %(seconds)s seconds against agents on duty, in the busiest hour")
    desc = _(
        "Share of contacts (%(queue)s) answered within %(seconds)s seconds by %(low)s to "
        "%(high)s agents in the busiest hour, when %(arrivals)s arrive: %(needed)s agents are "
        "the fewest who reach the target of %(target)s, with %(share)s."
    )
    return title % params, desc % params


def _share_axis(bars: _Bars) -> list[SafeString]:
    parts = [_line(bars.left, bars.bottom, bars.right, bars.bottom, stroke=TEXT)]
    for quarter in range(5):
        y = bars.y(quarter / 4)
        parts += [
            _line(bars.left, y, bars.right, y, stroke=GRID),
            _text(bars.left - 6, y + 4, _percent(quarter / 4), 10, "end"),
        ]
    return parts


def _service_legend(bars: _Bars, queue: _Queue) -> list[SafeString]:
    """The target as a dashed line across the bars, then what the line and the bars mean."""
    demand = queue.demand
    target = bars.y(demand.target_share)
    label = _("Target: %(share)s within %(seconds)s seconds") % {
        "share": _percent(demand.target_share),
        "seconds": format_number(demand.target_seconds),
    }
    axis = _("Agents on duty for %(queue)s") % {"queue": queue.name()}
    first, second = bars.bottom + 52, bars.bottom + 72
    dashed = {"stroke": TEXT, "stroke_width": 2, "stroke_dasharray": "6 3"}
    return [
        _line(bars.left, target, bars.right, target, **dashed),
        _text(bars.right, bars.bottom + 32, axis, 11, "end", fill=MUTED),
        _line(2, first - 4, 30, first - 4, **dashed),
        _text(38, first, label),
        _rect(2, second - 11, 14, 14, PRIMARY, stroke=PRIMARY),
        _text(22, second, _("meets the target")),
        _rect(180, second - 11, 14, 14, WHITE, stroke=PRIMARY),
        _text(200, second, _("falls short")),
    ]
