"""How many people each option needs, the way a workforce planner works it out.

The month's contacts are spread over the week hour by hour (`demand`); each group of agents who
share languages and channels gets its need for every open hour (`requirement`); shifts cover
that need with the fewest agents (`shifts`); holidays, sickness and training (shrinkage) turn
agents at work into people to employ, rounded up once, and team leads follow.

- An own team (in-house or dedicated) staffs every open hour for the planning month: the
  average month times the demand pattern's peak-month factor.
- A hybrid's core works business hours within the coverage, sized for the average month up to
  a cap (a share of its hours fully covered); the shared team takes the other hours' contacts
  and what the core cannot take at peaks.
- A shared team is billed for the work it handles in an average month.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from advisor.engine.demand import (
    LIVE_CHANNELS,
    Demand,
    WeekOfContacts,
    group_load,
    groups_of_agents,
    week_of_contacts,
)
from advisor.engine.profiles import profile_for
from advisor.engine.queueing import QueueStats
from advisor.engine.requirement import (
    GroupLoad,
    HourlyNeed,
    LiveTarget,
    free_for_live,
    hourly_need,
    live_agents,
    live_stats,
)
from advisor.engine.shifts import Schedule, schedule
from advisor.engine.teams import ChannelNeed, Staffing, StaffingAssumptions, TeamPlan
from advisor.engine.today import GroupWeek, TodaysTeam, todays_team
from advisor.engine.week import (
    BUSINESS_HOURS,
    HOURS_PER_WEEK,
    OUT_OF_HOURS,
    WEEKS_PER_MONTH,
    core_opening,
    longest_closed_stretch,
    opening,
)

_NOISE_DIGITS = 9
#: Less work than this (hours a week) is rounding noise: no work.
_NO_WORK = 1e-9
#: Fewer emails late than this is rounding noise: every email is on time.
_ALL_ON_TIME = 1e-6
#: The minimum cover "sets the team" when it is all an hour needs in this share of open hours.
_MOSTLY = 0.5
_QUIET_HOURS = 0.25

# Why a team's agents would be busy too little of their time (see `TeamPlan.thin_reasons`).
THIN_MINIMUM_COVER = "minimum_cover"
THIN_LANGUAGE_GROUPS = "language_groups"
THIN_SEPARATE_CHANNELS = "separate_channels"
THIN_LONG_HOURS = "long_hours"
THIN_BUSIEST_DAY = "busiest_day"
#: The busiest day "sets the team" when its shifts need this many times the average day's.
_UNEVEN_WEEK = 1.15


def round_up(value: float) -> int:
    """Whole people for a fractional need, ignoring float noise (21 / 0.7 is 30, not 31)."""
    return math.ceil(round(value, _NOISE_DIGITS)) if value > 0 else 0


@dataclass
class _Group:
    """One kind of agent group, how many such groups there are, and what each needs."""

    channels: tuple[str, ...]
    count: int
    load: GroupLoad
    need: HourlyNeed
    shifts: Schedule


def plan(
    answers: Mapping[str, Any],
    assumptions: StaffingAssumptions,
    profiles: Mapping[str, Sequence[float]] | None = None,
    *,
    detailed: bool = True,
) -> Staffing:
    """Size an own team for every open hour, a hybrid's core and its shared team's share.

    Without `detailed`, only what costs and scores need: no hour-by-hour service levels, no
    channel table, no pooling example and no look at today's team.
    """
    demand = Demand.from_answers(answers)
    weights = profile_for(demand.industry, dict(profiles or {}))
    planner = _Planner(demand, assumptions, weights, detailed)
    peak = assumptions.peak_month_factor.get(demand.demand_pattern, 1.0)
    open_hours = opening(demand.coverage, assumptions.opening_figures)
    own_week = planner.week(peak, open_hours)
    own_groups = planner.groups(own_week, open_hours)
    own = planner.team(own_week, open_hours, own_groups)
    emails_late = _emails_late_share(own_groups)
    average = planner.week(1.0, open_hours)
    core_hours = core_opening(demand.coverage, assumptions.opening_figures)
    core_week = planner.core_week(average, core_hours)
    core = planner.team(core_week, core_hours, planner.groups(core_week, core_hours))
    return Staffing(
        volume_per_month=demand.volume,
        own_team=own,
        shared_hours=planner.work_hours(average),
        hybrid_core=core,
        hybrid_shared_hours=max(0.0, planner.work_hours(average) - core.workload_hours),
        hybrid_shared_volume=max(0.0, planner.contacts(average) - planner.contacts(core_week)),
        shared_volume=planner.contacts(average),
        shared_out_of_hours_share=planner.out_of_hours_share(average),
        hybrid_shared_out_of_hours_share=planner.out_of_hours_share(average, less=core_week),
        closed_stretch_hours=longest_closed_stretch(open_hours),
        first_response_met_when_closed=emails_late < _ALL_ON_TIME,
        pooling=planner.pooling(own) if detailed else None,
        peak_month_factor=peak,
        closed_retried_per_month=average.retried_per_week * WEEKS_PER_MONTH,
        closed_lost_per_month=average.lost_per_week * WEEKS_PER_MONTH,
        emails_late_share=emails_late,
        utilisation_floor=assumptions.utilisation_floor,
        today=planner.today(own, own_groups, open_hours) if detailed else None,
    )


class PlanCache:
    """Plans already made for one set of demand profiles, as `plan` makes them undetailed.

    What would change the recommendation runs the whole advice hundreds of times, and most of
    the answers it tries (a salary, a priority) leave the team as it was.
    """

    def __init__(self, profiles: Mapping[str, Sequence[float]] | None = None):
        self.profiles = profiles
        self._plans: dict[tuple[Any, ...], Staffing] = {}

    def plan(self, answers: Mapping[str, Any], assumptions: StaffingAssumptions) -> Staffing:
        key = (Demand.from_answers(answers).key(), repr(assumptions))
        if key not in self._plans:
            self._plans[key] = plan(answers, assumptions, self.profiles, detailed=False)
        return self._plans[key]


class _Planner:
    """The steps of `plan` for one set of answers."""

    def __init__(
        self,
        demand: Demand,
        assumptions: StaffingAssumptions,
        weights: Sequence[float],
        detailed: bool,
    ):
        self.detailed = detailed
        self.demand = demand
        self.assumptions = assumptions
        self.weights = weights
        self.target = LiveTarget(
            target_share=demand.target_share,
            target_seconds=demand.target_seconds,
            max_occupancy=assumptions.max_occupancy,
            patience_seconds=demand.patience_seconds,
        )

    def week(self, factor: float, open_hours: Sequence[bool]) -> WeekOfContacts:
        return week_of_contacts(
            self.demand, factor, self.weights, open_hours, self.assumptions.closed_retry_share
        )

    def core_week(self, average: WeekOfContacts, core_hours: Sequence[bool]) -> WeekOfContacts:
        """The contacts a hybrid's core takes: its own hours', calls and chats up to a cap.

        The cap is the level of contacts an hour that the chosen share of the core's hours stay
        within; contacts above it in the busiest hours overflow to the shared team. Emails wait
        for the core, so it keeps all of its hours' emails.
        """
        kept = {}
        for channel, arrivals in average.arrivals.items():
            inside = [a if keep else 0.0 for a, keep in zip(arrivals, core_hours, strict=True)]
            if channel in LIVE_CHANNELS:
                cap = _level_covering(
                    [a for a, keep in zip(arrivals, core_hours, strict=True) if keep],
                    self.assumptions.hybrid_core_cover,
                )
                inside = [min(a, cap) for a in inside]
            kept[channel] = tuple(inside)
        return WeekOfContacts(kept, lost_per_week=0.0, retried_per_week=0.0)

    def contacts(self, week: WeekOfContacts) -> float:
        """Contacts a month in `week`."""
        return sum(sum(arrivals) for arrivals in week.arrivals.values()) * WEEKS_PER_MONTH

    def out_of_hours_share(self, week: WeekOfContacts, less: WeekOfContacts | None = None) -> float:
        """Share of the work in `week` (less what `less` keeps) at night or at weekends."""
        speedups = self.assumptions.chat_speedup
        at_night = total = 0.0
        for channel, arrivals in week.arrivals.items():
            kept = less.arrivals[channel] if less else (0.0,) * HOURS_PER_WEEK
            handling = self.demand.handling(channel, speedups)
            for h, (a, k) in enumerate(zip(arrivals, kept, strict=True)):
                work = (a - k) * handling
                total += work
                at_night += work if OUT_OF_HOURS[h] else 0.0
        return at_night / total if total > _NO_WORK else 0.0

    def work_hours(self, week: WeekOfContacts) -> float:
        """Hours of handling work a month in the contacts of `week`."""
        speedups = self.assumptions.chat_speedup
        per_week = sum(
            sum(arrivals) * self.demand.handling(channel, speedups) / 3600
            for channel, arrivals in week.arrivals.items()
        )
        return per_week * WEEKS_PER_MONTH

    def groups(self, week: WeekOfContacts, open_hours: Sequence[bool]) -> list[_Group]:
        a = self.assumptions
        found = []
        for (languages, channels), count in groups_of_agents(self.demand).items():
            load = group_load(
                self.demand,
                week,
                channels=channels,
                share=languages / self.demand.languages,
                speedups=a.chat_speedup,
                watch_hours=a.ticket_watch_hours,
            )
            need = hourly_need(
                load,
                open_hours,
                target=self.target,
                email_occupancy=a.ticket_occupancy,
                first_response_hours=self.demand.first_response_hours,
                minimum_cover=a.minimum_cover,
                count_late=self.detailed,
            )
            floor = a.minimum_cover if load.needs_cover else 0.0
            shifts = schedule(need.required, open_hours, a.shift, floor)
            found.append(_Group(channels, count, load, need, shifts))
        return found

    def team(
        self, week: WeekOfContacts, open_hours: Sequence[bool], groups: list[_Group]
    ) -> TeamPlan:
        a = self.assumptions
        at_work = sum(g.count * g.shifts.agents for g in groups)
        agents = round_up(at_work / (1 - a.shrinkage))
        required = _sum_over_groups(groups, lambda g: g.need.required)
        scheduled = _sum_over_groups(groups, lambda g: g.shifts.at_work)
        open_count = sum(open_hours)
        workload = self.work_hours(week)
        productive = agents * a.agent_hours_per_week * WEEKS_PER_MONTH * (1 - a.shrinkage)
        team = TeamPlan(
            hours_per_week=open_count,
            channels=self._channel_needs(week, groups, open_count) if self.detailed else [],
            positions=sum(required) / open_count if open_count else 0.0,
            agents=agents,
            team_leads=agents // a.agents_per_team_lead,
            workload_hours=workload,
            open_hours=list(open_hours),
            required=[round(r, 3) for r in required],
            scheduled=[round(s) for s in scheduled],
            service_level=self._service_levels(groups) if self.detailed else [],
            agents_at_work=at_work,
            most_at_work=round(max(scheduled, default=0)),
            out_of_hours_share=_share_at_night(scheduled),
            utilisation=workload / productive if productive else 0.0,
            language_groups=sum(self.demand.language_groups().values()),
            agent_groups=sum(g.count for g in groups),
            cover_bound_hours=max((sum(g.need.cover_bound) for g in groups), default=0),
        )
        team.thin_reasons = self._thin_reasons(team, groups)
        return team

    def _channel_needs(
        self, week: WeekOfContacts, groups: list[_Group], open_count: int
    ) -> list[ChannelNeed]:
        speedups = self.assumptions.chat_speedup
        needs = []
        for channel, arrivals in week.arrivals.items():
            busiest = max(range(HOURS_PER_WEEK), key=lambda h: arrivals[h])
            serving = [g for g in groups if channel in g.channels]
            handling = self.demand.handling(channel, speedups)
            work = {
                c: week.arrivals[c][busiest] * self.demand.handling(c, speedups)
                for c in week.arrivals
            }
            in_groups = sum(g.count * g.need.required[busiest] for g in serving)
            group_work = sum(work[c] for c in serving[0].channels)
            largest = max(serving, key=lambda g: g.load.live_arrivals[busiest])
            needs.append(
                ChannelNeed(
                    channel=channel,
                    volume_per_month=self.demand.volume_by_channel[channel],
                    handled_per_month=sum(arrivals) * WEEKS_PER_MONTH,
                    busy_hour_arrivals=arrivals[busiest],
                    positions=in_groups * work[channel] / group_work if group_work else 0.0,
                    workload_hours=sum(arrivals) * handling / 3600 * WEEKS_PER_MONTH,
                    at_floor=any(sum(g.need.cover_bound) > _MOSTLY * open_count for g in serving),
                    queue=_as_dict(self._stats_at(largest, busiest))
                    if channel in LIVE_CHANNELS
                    else None,
                )
            )
        return needs

    def _stats_at(self, group: _Group, h: int) -> QueueStats | None:
        """What the calls and chats of one group get in hour h from the agents at work."""
        floor = self.assumptions.minimum_cover if group.load.needs_cover else 0.0
        present = self.assumptions.shift.free_of_breaks(group.shifts.at_work[h], floor)
        return live_stats(
            free_for_live(present, group.need.email_agents[h]),
            group.load.live_arrivals[h],
            group.load.live_handling_seconds,
            self.target,
        )

    def _service_levels(self, groups: list[_Group]) -> list[float | None]:
        """Each hour's share of calls and chats answered in time, over every group."""
        levels: list[float | None] = []
        for h in range(HOURS_PER_WEEK):
            answered = arrived = 0.0
            for group in groups:
                stats = self._stats_at(group, h)
                if stats is not None:
                    weight = group.count * group.load.live_arrivals[h]
                    answered += weight * stats.service_level
                    arrived += weight
            levels.append(round(answered / arrived, 4) if arrived else None)
        return levels

    def _thin_reasons(self, team: TeamPlan, groups: list[_Group]) -> list[str]:
        if team.agents == 0 or team.utilisation >= self.assumptions.utilisation_floor:
            return []
        reasons = []
        days = self.assumptions.shift.working_days
        even = sum(g.count * sum(g.shifts.shifts_per_day) / days for g in groups)
        if team.agents_at_work > _UNEVEN_WEEK * even:
            reasons.append(THIN_BUSIEST_DAY)
        if team.cover_bound_hours >= _QUIET_HOURS * team.hours_per_week:
            reasons.append(THIN_MINIMUM_COVER)
        if team.language_groups > 1:
            reasons.append(THIN_LANGUAGE_GROUPS)
        if not self.demand.channels_shared and len(self.demand.volume_by_channel) > 1:
            reasons.append(THIN_SEPARATE_CHANNELS)
        if self.demand.coverage != BUSINESS_HOURS:
            reasons.append(THIN_LONG_HOURS)
        return reasons

    def pooling(self, team: TeamPlan) -> dict[str, Any] | None:
        """Agents one live queue needs alone, against a pool of two such queues, at its peak."""
        live = [need for need in team.channels if need.queue is not None]
        if not live:
            return None
        busiest = max(live, key=lambda need: need.busy_hour_arrivals)
        arrivals = busiest.busy_hour_arrivals / self.demand.languages
        handling = self.demand.handling(busiest.channel, self.assumptions.chat_speedup)

        def agents_for(load: float) -> int:
            return live_agents(load, handling, self.target)

        return {
            "channel": busiest.channel,
            "arrivals_per_hour": arrivals,
            "alone": max(agents_for(arrivals), 1),
            "pooled_two": max(agents_for(2 * arrivals), 1),
        }

    def today(
        self, own: TeamPlan, groups: list[_Group], open_hours: Sequence[bool]
    ) -> TodaysTeam | None:
        return todays_team(
            self.demand.existing_agents,
            own.agents_at_work,
            own.agents,
            [
                GroupWeek(
                    count=g.count,
                    at_work=g.shifts.at_work,
                    live_arrivals=g.load.live_arrivals,
                    live_handling_seconds=g.load.live_handling_seconds,
                    floor=self.assumptions.minimum_cover if g.load.needs_cover else 0.0,
                )
                for g in groups
            ],
            open_hours,
            shrinkage=self.assumptions.shrinkage,
            target=self.target,
            shift=self.assumptions.shift,
        )


def _share_at_night(at_work: Sequence[float]) -> float:
    total = sum(at_work)
    return (
        sum(a for a, night in zip(at_work, OUT_OF_HOURS, strict=True) if night) / total
        if total
        else 0.0
    )


def _emails_late_share(groups: list[_Group]) -> float:
    """Share of all emails answered after their first-response target, over every group."""
    work = [g.count * sum(g.load.email_work) for g in groups]
    late = sum(w * g.need.emails_late_share for w, g in zip(work, groups, strict=True))
    return late / sum(work) if sum(work) else 0.0


def _as_dict(stats: QueueStats | None) -> dict[str, Any] | None:
    return None if stats is None else asdict(stats)


def _level_covering(values: Sequence[float], share: float) -> float:
    """The smallest level that `share` of `values` stay at or below."""
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))
    return ordered[index]


def _sum_over_groups(groups: list[_Group], row: Callable[[_Group], Sequence[float]]) -> list[float]:
    total = [0.0] * HOURS_PER_WEEK
    for group in groups:
        for h, value in enumerate(row(group)):
            total[h] += group.count * value
    return total
