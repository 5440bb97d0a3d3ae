"""What a staffing plan reads and what it holds: the planner's figures, each team's figures.

`staffing.plan` fills these in; costs, scores and the result page read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from advisor.engine.shifts import ShiftRules
from advisor.engine.today import TodaysTeam


@dataclass(frozen=True)
class StaffingAssumptions:
    """Workforce-planning figures that admins tune as Assumption rows."""

    opening_figures: Mapping[str, float]
    shift: ShiftRules
    agent_hours_per_week: float
    shrinkage: float
    max_occupancy: float
    ticket_occupancy: float
    agents_per_team_lead: int
    chat_speedup: Mapping[int, float]
    #: A first-response target this short (hours) needs someone watching the ticket queue.
    ticket_watch_hours: float
    minimum_cover: float
    closed_retry_share: float
    peak_month_factor: Mapping[str, float]
    #: A hybrid's core fully covers this share of its hours; busier hours overflow.
    hybrid_core_cover: float
    utilisation_floor: float

    @classmethod
    def from_values(cls, values: Mapping[str, float]) -> StaffingAssumptions:
        """Build from Assumption values keyed by slug (every one is needed)."""
        speedups = {
            int(slug.removeprefix("chat_speedup_")): float(value)
            for slug, value in values.items()
            if slug.startswith("chat_speedup_")
        }
        peaks = {
            slug.removeprefix("peak_month_"): float(value)
            for slug, value in values.items()
            if slug.startswith("peak_month_")
        }
        windows = ("business_day_start", "business_day_end", "extended_day_start")
        return cls(
            opening_figures={k: values[k] for k in (*windows, "extended_day_end")},
            shift=ShiftRules(
                shift_hours=max(1, int(values["shift_hours"])),
                working_days=max(1, int(values["working_days_per_week"])),
                paid_hours=float(values["agent_hours_per_week"])
                / max(1, int(values["working_days_per_week"])),
            ),
            agent_hours_per_week=float(values["agent_hours_per_week"]),
            shrinkage=float(values["shrinkage_percent"]) / 100,
            max_occupancy=float(values["max_occupancy_percent"]) / 100,
            ticket_occupancy=float(values["ticket_occupancy_percent"]) / 100,
            agents_per_team_lead=max(1, int(values["agents_per_team_lead"])),
            chat_speedup={1: 1.0, **speedups},
            ticket_watch_hours=float(values["ticket_watch_hours"]),
            minimum_cover=float(values["minimum_cover_agents"]),
            closed_retry_share=float(values["closed_retry_percent"]) / 100,
            peak_month_factor=peaks,
            hybrid_core_cover=float(values["hybrid_core_cover_percent"]) / 100,
            utilisation_floor=float(values["utilisation_floor_percent"]) / 100,
        )


@dataclass
class ChannelNeed:
    """One channel in a team: its contacts, its busiest hour and the queue that serves it."""

    channel: str
    #: The channel's contacts in an average month, as the answers give them.
    volume_per_month: float
    busy_hour_arrivals: float
    #: Agents at work for this channel in its busiest hour (its share of a pooled group).
    positions: float
    workload_hours: float
    at_floor: bool
    queue: dict[str, Any] | None = None
    #: Contacts this team takes a month (the planning month's, less those lost while closed).
    handled_per_month: float = 0.0


@dataclass
class TeamPlan:
    """A team that staffs its own hours: in-house, dedicated, or a hybrid's core."""

    hours_per_week: float
    channels: list[ChannelNeed]
    #: Agents needed on average in an open hour, before shifts.
    positions: float
    agents: int
    team_leads: int
    #: Hours of handling work a month (the planning month's).
    workload_hours: float
    open_hours: list[bool] = field(default_factory=list)
    #: Agents needed in each hour of the week (fractional) and agents the shifts put at work.
    required: list[float] = field(default_factory=list)
    scheduled: list[int] = field(default_factory=list)
    #: Share of calls and chats answered in time, each hour (None: no live contacts then).
    service_level: list[float | None] = field(default_factory=list)
    #: Agents at work in the week's shifts, before shrinkage (people = this / (1 - shrinkage)).
    agents_at_work: float = 0.0
    #: The most agents at work at once: the desks a team needs.
    most_at_work: int = 0
    #: Share of the agents' hours at work that fall at night or at weekends.
    out_of_hours_share: float = 0.0
    #: Handled work against the agents' productive paid time (0..1).
    utilisation: float = 0.0
    language_groups: int = 1
    agent_groups: int = 1
    #: Open hours where only the minimum cover keeps someone at work.
    cover_bound_hours: int = 0
    #: Why utilisation is below the floor, as codes (empty when it is not).
    thin_reasons: list[str] = field(default_factory=list)


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
    peak_month_factor: float = 1.0
    #: Calls and chats a month that come while support is closed: tried again, or lost.
    closed_retried_per_month: float = 0.0
    closed_lost_per_month: float = 0.0
    emails_late_share: float = 0.0
    utilisation_floor: float = 0.0
    today: TodaysTeam | None = None
    #: Contacts a shared team handles a month (those lost while closed are not).
    shared_volume: float = 0.0
    #: Share of a shared team's work at night or at weekends, alone and in a hybrid.
    shared_out_of_hours_share: float = 0.0
    hybrid_shared_out_of_hours_share: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
