"""The result's service level against agents on duty, for the busiest live queue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from advisor.engine.demand import LIVE_CHANNELS, Demand
from advisor.engine.queueing import DEFAULT_CHAT_SPEEDUP, TOLERANCE
from advisor.engine.service_curve import ServiceCurve, ServicePoint, service_curve
from advisor.questions.definitions import QUESTIONS
from advisor.questions.display import format_number
from advisor.results.charts.svg import (
    GRID,
    MUTED,
    PRIMARY,
    TEXT,
    WHITE,
    Chart,
    chart,
    chart_table,
    haloed_text,
    line,
    percent,
    rect,
    text,
)


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
        body.append(rect(x, top, slot * 0.6, height, fill, stroke=PRIMARY, stroke_width=1.5))
        middle, agents = x + slot * 0.3, format_number(point.agents)
        bold = "700" if point.agents == curve.needed else None
        labels += [
            haloed_text(middle, top - 4, percent(point.service_level)),
            text(middle, bars.bottom + 14, agents, 11, "middle", font_weight=bold),
        ]
    body += [*_service_legend(bars, queue), *labels]  # the labels over the target line
    title, desc = _service_words(queue, curve)
    answers_met = {True: _("yes"), False: _("no")}
    rows = (
        [format_number(p.agents), percent(p.service_level), answers_met[meets(p)]]
        for p in curve.points
    )
    header = [_("Agents"), _("Answered in time"), _("Meets the target")]
    table = chart_table(title, header, rows)
    return chart("chart-service", (title, desc), bars.bottom + 80, body, table)


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
        "target": percent(demand.target_share),
        "share": percent(needed.service_level),
    }
    title = _("Answered within %(seconds)s seconds against agents on duty, in the busiest hour")
    desc = _(
        "Share of contacts (%(queue)s) answered within %(seconds)s seconds by %(low)s to "
        "%(high)s agents in the busiest hour, when %(arrivals)s arrive: %(needed)s agents are "
        "the fewest who reach the target of %(target)s, with %(share)s."
    )
    return title % params, desc % params


def _share_axis(bars: _Bars) -> list[SafeString]:
    parts = [line(bars.left, bars.bottom, bars.right, bars.bottom, stroke=TEXT)]
    for quarter in range(5):
        y = bars.y(quarter / 4)
        parts += [
            line(bars.left, y, bars.right, y, stroke=GRID),
            text(bars.left - 6, y + 4, percent(quarter / 4), 10, "end"),
        ]
    return parts


def _service_legend(bars: _Bars, queue: _Queue) -> list[SafeString]:
    """The target as a dashed line across the bars, then what the line and the bars mean."""
    demand = queue.demand
    target = bars.y(demand.target_share)
    label = _("Target: %(share)s within %(seconds)s seconds") % {
        "share": percent(demand.target_share),
        "seconds": format_number(demand.target_seconds),
    }
    axis = _("Agents on duty for %(queue)s") % {"queue": queue.name()}
    first, second = bars.bottom + 52, bars.bottom + 72
    dashed = {"stroke": TEXT, "stroke_width": 2, "stroke_dasharray": "6 3"}
    return [
        line(bars.left, target, bars.right, target, **dashed),
        text(bars.right, bars.bottom + 32, axis, 11, "end", fill=MUTED),
        line(2, first - 4, 30, first - 4, **dashed),
        text(38, first, label),
        rect(2, second - 11, 14, 14, PRIMARY, stroke=PRIMARY),
        text(22, second, _("meets the target")),
        rect(180, second - 11, 14, 14, WHITE, stroke=PRIMARY),
        text(200, second, _("falls short")),
    ]
