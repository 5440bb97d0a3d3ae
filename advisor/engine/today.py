"""What the team a company already has delivers, hour by hour, on the same shift rules.

Its agents, less shrinkage, work the shifts of the plan that meets the target, each hour cut
back in proportion when there are fewer of them (the agent-hours there are go to the hours
that lose least by it). Each hour's calls and chats, which agents answer before emails, then
get the service level that many agents give; an open hour with nobody in a group that needs
cover is an hour the team cannot cover.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from advisor.engine.requirement import LiveTarget, live_stats
from advisor.engine.shifts import ShiftRules
from advisor.engine.week import HOURS_PER_WEEK


@dataclass(frozen=True)
class GroupWeek:
    """One kind of agent group in a plan, as today's team would work it."""

    count: int
    at_work: Sequence[int]
    live_arrivals: Sequence[float]
    live_handling_seconds: float
    #: The fewest agents this group has at work in an open hour (0: it needs no cover).
    floor: float


@dataclass
class TodaysTeam:
    agents: int
    #: The plan's agents at work against today's, before shrinkage.
    share_of_plan: float
    #: Share of the week's calls and chats answered in time (None: no calls or chats).
    service_level: float | None
    #: Each hour's share answered in time (None: closed or no calls and chats then).
    service_level_by_hour: list[float | None]
    #: Open hours with nobody where someone must be.
    uncovered_hours: int
    #: Open hours that miss the service-level target.
    hours_below_target: int
    #: People beyond what the plan needs (0 when short).
    spare_agents: int


def _cut_back(at_work: Sequence[int], share: float) -> list[int]:
    """Whole agents in each hour when only `share` of the plan's agent-hours are there.

    Each hour gets its share rounded down, then the hours with the largest fractions left get
    one more each until the agent-hours are spent, so short-handed hours are the quiet ones.
    """
    wanted = [a * share for a in at_work]
    whole = [math.floor(w + 1e-9) for w in wanted]
    spare = round(sum(wanted)) - sum(whole)
    by_remainder = sorted(range(len(wanted)), key=lambda h: (whole[h] - wanted[h], -at_work[h]))
    for h in by_remainder[: max(0, spare)]:
        whole[h] += 1
    return whole


def todays_team(
    agents: int,
    planned_at_work: float,
    planned_people: int,
    groups: Sequence[GroupWeek],
    open_hours: Sequence[bool],
    *,
    shrinkage: float,
    target: LiveTarget,
    shift: ShiftRules,
) -> TodaysTeam | None:
    """Today's team on the plan's shifts; None when the company has no team."""
    if agents <= 0:
        return None
    at_work_today = agents * (1 - shrinkage)
    share = min(1.0, at_work_today / planned_at_work) if planned_at_work else 1.0
    present = [_cut_back(group.at_work, share) for group in groups]
    by_hour: list[float | None] = []
    answered = arrived = 0.0
    uncovered = below = 0
    for h in range(HOURS_PER_WEEK):
        if not open_hours[h]:
            by_hour.append(None)
            continue
        hour_answered = hour_arrived = 0.0
        empty = False
        for group, at_work in zip(groups, present, strict=True):
            empty = empty or (at_work[h] == 0 and group.floor > 0)
            arrivals = group.live_arrivals[h]
            # Calls and chats come first: emails wait for a quieter moment.
            working = shift.free_of_breaks(at_work[h], min(group.floor, at_work[h]))
            stats = live_stats(working, arrivals, group.live_handling_seconds, target)
            if stats is None:
                continue
            hour_answered += group.count * arrivals * stats.service_level
            hour_arrived += group.count * arrivals
        uncovered += empty
        level = hour_answered / hour_arrived if hour_arrived else None
        below += level is not None and level < target.target_share - 1e-9
        by_hour.append(None if level is None else round(level, 4))
        answered, arrived = answered + hour_answered, arrived + hour_arrived
    return TodaysTeam(
        agents=agents,
        share_of_plan=share,
        service_level=answered / arrived if arrived else None,
        service_level_by_hour=by_hour,
        uncovered_hours=uncovered,
        hours_below_target=below,
        spare_agents=max(0, agents - planned_people),
    )
