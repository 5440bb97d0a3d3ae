"""How many agents each option needs: busy-hour load, queues, workload, coverage, shrinkage.

Live channels (phone, chat) are staffed with Erlang C (Erlang A when callers' patience is
known) for the busiest hour; emails and tickets with a workload model. The positions needed
in an open hour become people as: positions x open hours a week / hours an agent works a week
/ (1 - shrinkage). Figures stay fractional until the end and are rounded up once.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from .queueing import agents_needed, chat_speedup

LIVE_CHANNELS = ("chat", "phone")
CHANNELS = ("email", "chat", "phone")
WEEKS_PER_MONTH = 52 / 12
#: The longest stretch each coverage leaves closed, in hours (Friday 18:00 to Monday 9:00 for
#: weekday business hours; 22:00 to 8:00 for extended hours).
CLOSED_STRETCH_HOURS = {"business_hours": 63.0, "extended": 10.0, "24_7": 0.0}
_NOISE_DIGITS = 9
_IDLE_MOST_OF_THE_TIME = 0.5


def round_up(value: float) -> int:
    """Whole people for a fractional need, ignoring float noise (21 / 0.7 is 30, not 31)."""
    return math.ceil(round(value, _NOISE_DIGITS)) if value > 0 else 0


@dataclass(frozen=True)
class StaffingAssumptions:
    """Workforce-planning figures that admins tune as Assumption rows."""

    open_hours_per_week: Mapping[str, float]
    agent_hours_per_week: float
    shrinkage: float
    max_occupancy: float
    ticket_occupancy: float
    peak_hour_factor: float
    agents_per_team_lead: int
    chat_speedup: Mapping[int, float]
    #: A first-response target this short (hours) needs someone watching the ticket queue.
    ticket_watch_hours: float
    #: Share of business-hours volume a hybrid sends to its shared team for peaks.
    hybrid_overflow_share: float

    @classmethod
    def from_values(cls, values: Mapping[str, float]) -> StaffingAssumptions:
        """Build from Assumption values keyed by slug (every one is needed)."""
        speedups = {
            int(slug.removeprefix("chat_speedup_")): float(value)
            for slug, value in values.items()
            if slug.startswith("chat_speedup_")
        }
        return cls(
            open_hours_per_week={
                coverage: float(values[f"open_hours_{coverage}"])
                for coverage in CLOSED_STRETCH_HOURS
            },
            agent_hours_per_week=float(values["agent_hours_per_week"]),
            shrinkage=float(values["shrinkage_percent"]) / 100,
            max_occupancy=float(values["max_occupancy_percent"]) / 100,
            ticket_occupancy=float(values["ticket_occupancy_percent"]) / 100,
            peak_hour_factor=float(values["peak_hour_factor"]),
            agents_per_team_lead=max(1, int(values["agents_per_team_lead"])),
            chat_speedup={1: 1.0, **speedups},
            ticket_watch_hours=float(values["ticket_watch_hours"]),
            hybrid_overflow_share=float(values["hybrid_overflow_percent"]) / 100,
        )


@dataclass(frozen=True)
class Demand:
    """What staffing reads from the answers, with the volume split by channel."""

    volume_by_channel: dict[str, float]
    handling_seconds: dict[str, float]
    languages: int = 1
    coverage: str = "business_hours"
    target_share: float = 0.8
    target_seconds: float = 20.0
    first_response_hours: float = 24.0
    patience_seconds: float | None = None
    chat_concurrency: int = 1

    @classmethod
    def from_answers(cls, answers: Mapping[str, Any]) -> Demand:
        used = [c for c in CHANNELS if c in (answers.get("channels") or [])] or ["email"]
        weights = {c: float(answers.get(f"share_{c}_percent") or 0) for c in used}
        total = sum(weights.values())
        volume = float(answers.get("interactions_per_month") or 0)
        return cls(
            volume_by_channel={
                c: volume * (weights[c] / total if total else 1 / len(used)) for c in used
            },
            handling_seconds={c: 60 * float(answers.get(f"aht_{c}_minutes") or 1) for c in used},
            languages=max(1, int(answers.get("languages") or 1)),
            coverage=str(answers.get("coverage") or "business_hours"),
            target_share=float(answers.get("service_level_percent") or 80) / 100,
            target_seconds=float(answers.get("service_level_seconds") or 20),
            first_response_hours=float(answers.get("first_response_hours") or 24),
            patience_seconds=answers.get("patience_seconds"),
            chat_concurrency=int(answers.get("chat_concurrency") or 1),
        )


@dataclass
class ChannelNeed:
    """One channel's need in a team: positions per open hour and hours of work a month."""

    channel: str
    volume_per_month: float
    busy_hour_arrivals: float
    positions: float
    workload_hours: float
    at_floor: bool
    queue: dict[str, Any] | None = None


@dataclass
class TeamPlan:
    """A team that staffs its open hours itself: in-house, dedicated, or a hybrid's core."""

    hours_per_week: float
    channels: list[ChannelNeed]
    positions: float
    agents: int
    team_leads: int
    workload_hours: float


@dataclass
class Staffing:
    """The need of every option, with the figures that explain it."""

    volume_per_month: float
    own_team: TeamPlan
    shared_hours: float
    hybrid_core: TeamPlan
    hybrid_shared_hours: float
    hybrid_shared_volume: float
    closed_stretch_hours: float
    first_response_met_when_closed: bool
    pooling: dict[str, Any] | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def plan(answers: Mapping[str, Any], assumptions: StaffingAssumptions) -> Staffing:
    """Size an own team for all covered hours, a shared team's hours and a hybrid's split."""
    demand = Demand.from_answers(answers)
    hours = assumptions.open_hours_per_week.get(demand.coverage, 45.0)
    business_hours = min(hours, assumptions.open_hours_per_week["business_hours"])
    core_share = business_hours / hours * (1 - assumptions.hybrid_overflow_share)
    own = team_plan(demand, assumptions, hours_per_week=hours)
    core = team_plan(
        demand, assumptions, hours_per_week=business_hours, volume_share=core_share, peak=False
    )
    volume = sum(demand.volume_by_channel.values())
    closed = CLOSED_STRETCH_HOURS.get(demand.coverage, 0.0)
    return Staffing(
        volume_per_month=volume,
        own_team=own,
        shared_hours=own.workload_hours,
        hybrid_core=core,
        hybrid_shared_hours=own.workload_hours * (1 - core_share),
        hybrid_shared_volume=volume * (1 - core_share),
        closed_stretch_hours=closed,
        first_response_met_when_closed=demand.first_response_hours >= closed,
        pooling=pooling_effect(own, demand, assumptions),
    )


def team_plan(
    demand: Demand,
    assumptions: StaffingAssumptions,
    *,
    hours_per_week: float,
    volume_share: float = 1.0,
    peak: bool = True,
) -> TeamPlan:
    """Positions per open hour for each channel, then people after coverage and shrinkage."""
    open_hours_month = hours_per_week * WEEKS_PER_MONTH
    factor = assumptions.peak_hour_factor if peak else 1.0
    needs = [
        (_live_need if channel in LIVE_CHANNELS else _ticket_need)(
            channel,
            volume * volume_share,
            open_hours_month=open_hours_month,
            peak_factor=factor,
            demand=demand,
            assumptions=assumptions,
        )
        for channel, volume in demand.volume_by_channel.items()
    ]
    positions = sum(need.positions for need in needs)
    agents = round_up(
        positions * hours_per_week / assumptions.agent_hours_per_week / (1 - assumptions.shrinkage)
    )
    return TeamPlan(
        hours_per_week=hours_per_week,
        channels=needs,
        positions=positions,
        agents=agents,
        # One lead per full group of agents; a smaller team reports to the support manager.
        team_leads=agents // assumptions.agents_per_team_lead,
        workload_hours=sum(need.workload_hours for need in needs),
    )


def _live_need(
    channel: str,
    volume: float,
    *,
    open_hours_month: float,
    peak_factor: float,
    demand: Demand,
    assumptions: StaffingAssumptions,
) -> ChannelNeed:
    """Erlang C (or A) for one language's queue at the busy hour, times the languages."""
    arrivals = volume / open_hours_month * peak_factor if open_hours_month else 0.0
    concurrency = demand.chat_concurrency if channel == "chat" else 1
    handling = demand.handling_seconds[channel]
    stats = agents_needed(
        arrivals_per_hour=arrivals / demand.languages,
        handling_seconds=handling,
        target_share=demand.target_share,
        target_seconds=demand.target_seconds,
        max_occupancy=assumptions.max_occupancy,
        patience_seconds=demand.patience_seconds,
        concurrency=concurrency,
        speedup=assumptions.chat_speedup,
    )
    speedup = chat_speedup(concurrency, assumptions.chat_speedup)
    # Someone must be there whenever the channel is open, however quiet it is.
    per_language = max(stats.agents, 1)
    return ChannelNeed(
        channel=channel,
        volume_per_month=volume,
        busy_hour_arrivals=arrivals,
        positions=float(per_language * demand.languages),
        workload_hours=volume * handling / speedup / 3600,
        # The floor binds when one agent per language would be idle most of the time.
        at_floor=per_language == 1 and stats.occupancy < _IDLE_MOST_OF_THE_TIME,
        queue=asdict(stats),
    )


def _ticket_need(
    channel: str,
    volume: float,
    *,
    open_hours_month: float,
    peak_factor: float,  # unused: tickets wait for a quiet hour, so no peak to staff
    demand: Demand,
    assumptions: StaffingAssumptions,
) -> ChannelNeed:
    """Workload model: hours of work / (open hours x occupancy); tickets wait for a quiet hour."""
    workload = volume * demand.handling_seconds[channel] / 3600
    positions = workload / open_hours_month / assumptions.ticket_occupancy
    floor = demand.languages if demand.first_response_hours <= assumptions.ticket_watch_hours else 0
    return ChannelNeed(
        channel=channel,
        volume_per_month=volume,
        busy_hour_arrivals=volume / open_hours_month if open_hours_month else 0.0,
        positions=max(positions, floor),
        workload_hours=workload,
        at_floor=floor > positions,
    )


def pooling_effect(
    team: TeamPlan, demand: Demand, assumptions: StaffingAssumptions
) -> dict[str, Any] | None:
    """Agents one live queue needs alone, against half of what a pool of two such queues needs."""
    live = [need for need in team.channels if need.queue is not None]
    if not live:
        return None
    busiest = max(live, key=lambda need: need.busy_hour_arrivals)
    arrivals = busiest.busy_hour_arrivals / demand.languages

    def agents_for(load: float) -> int:
        return agents_needed(
            arrivals_per_hour=load,
            handling_seconds=demand.handling_seconds[busiest.channel],
            target_share=demand.target_share,
            target_seconds=demand.target_seconds,
            max_occupancy=assumptions.max_occupancy,
            patience_seconds=demand.patience_seconds,
            concurrency=demand.chat_concurrency if busiest.channel == "chat" else 1,
            speedup=assumptions.chat_speedup,
        ).agents

    return {
        "channel": busiest.channel,
        "arrivals_per_hour": arrivals,
        "alone": max(agents_for(arrivals), 1),
        "pooled_two": max(agents_for(2 * arrivals), 1),
    }
