"""Shifts that cover a week's hourly need with the fewest agents, and the agents they take.

A shift is `shift_hours` at work in one stretch (a full day's paid hours plus an unpaid break,
staggered so the hour stays covered); an agent works `working_days` shifts a week and has the
other days off. Nobody works while support is closed, so a shift lies inside one open stretch,
and a stretch shorter than a shift is one short shift.

Each stretch is covered greedily from its first hour: where the shifts so far leave an hour
short, new shifts start there (or as late as still fits before closing). For one shift length
on a stretch with an edge this takes the fewest shifts there can be; round the clock it is
tried from each day's quietest hour, and shifts no hour needs are dropped afterwards. Tests
check the result against an integer program solved with HiGHS (within 5% of its optimum).

Agents follow from the shifts: each works `working_days` shifts a week, and a day's shifts each
need someone different, so the week needs max(shifts on the busiest day, all shifts ÷ working
days) agents at work. Shifts are counted on the day they start.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from advisor.engine.week import DAYS_PER_WEEK, HOURS_PER_DAY, HOURS_PER_WEEK, open_stretches

_NOISE = 1e-9


@dataclass(frozen=True)
class ShiftRules:
    shift_hours: int
    working_days: int
    #: Paid hours in a shift; the rest of it is breaks.
    paid_hours: float

    def with_breaks(self, need: float, floor: float) -> float:
        """Agents at work an hour needs so that `need` are free while others take breaks.

        Breaks are taken in turns, so a shift of 9 hours with 8 paid leaves 8/9 of its agents
        free in any hour. A need at the minimum cover is left as it is: a lone agent's break is
        the one gap a small team accepts.
        """
        if need <= floor + _NOISE or self.paid_hours >= self.shift_hours:
            return need
        return need * self.shift_hours / self.paid_hours

    def free_of_breaks(self, at_work: int, floor: float) -> int:
        """Of `at_work` agents, those not on a break in an hour (see `with_breaks`)."""
        if at_work <= floor + _NOISE or self.paid_hours >= self.shift_hours:
            return at_work
        free = math.floor(at_work * self.paid_hours / self.shift_hours + _NOISE)
        return max(free, math.ceil(floor - _NOISE))


@dataclass(frozen=True)
class Schedule:
    """Shifts that cover a need: who is at work in each hour, and the agents that takes."""

    #: Agents at work in each of the 168 hours.
    at_work: tuple[int, ...]
    #: Shifts starting on each day, Monday first.
    shifts_per_day: tuple[int, ...]
    #: Agents the shifts need, before holidays and sickness (may be fractional: part-timers).
    agents: float

    @property
    def agent_hours(self) -> int:
        return sum(self.at_work)


def whole_agents(need: float) -> int:
    """Whole agents that cover a fractional need (2.0000001 is 2, 2.1 is 3)."""
    return max(0, math.ceil(need - _NOISE))


def schedule(
    need: Sequence[float], open_hours: Sequence[bool], rules: ShiftRules, floor: float = 0.0
) -> Schedule:
    """Cover each hour's need, breaks included, with shifts; fractional needs are rounded up
    here, once. `floor` is the minimum cover (see `ShiftRules.with_breaks`)."""
    whole = [
        whole_agents(rules.with_breaks(n, floor)) if o else 0
        for n, o in zip(need, open_hours, strict=True)
    ]
    stretches = open_stretches(tuple(open_hours))
    if stretches != ((0, HOURS_PER_WEEK),):
        return _greedy(whole, rules, stretches)
    # Round the clock has no edge to start from, and where the shifts start decides which day
    # each is counted on: start at each day's quietest hour and keep the best.
    quietest = (
        min(range(day, day + HOURS_PER_DAY), key=whole.__getitem__)
        for day in range(0, HOURS_PER_WEEK, HOURS_PER_DAY)
    )
    candidates = (_greedy(whole, rules, [(first, HOURS_PER_WEEK)]) for first in quietest)
    return min(candidates, key=lambda plan: (plan.agents, plan.agent_hours))


def _greedy(whole: list[int], rules: ShiftRules, stretches: Sequence[tuple[int, int]]) -> Schedule:
    starts: dict[tuple[int, int], int] = {}
    at_work = [0] * HOURS_PER_WEEK
    for first, length in stretches:
        _cover_stretch(
            whole, at_work, starts, first=first, length=length, shift_hours=rules.shift_hours
        )
    _drop_spare_shifts(whole, at_work, starts)
    per_day = [0] * DAYS_PER_WEEK
    for (start, _length), count in starts.items():
        per_day[start // HOURS_PER_DAY] += count
    agents = max(*per_day, sum(per_day) / rules.working_days)
    return Schedule(tuple(at_work), tuple(per_day), agents)


def _cover_stretch(
    whole: list[int],
    at_work: list[int],
    starts: dict[tuple[int, int], int],
    *,
    first: int,
    length: int,
    shift_hours: int,
) -> None:
    """Cover one stretch from `first` on (round the clock: any hour, going once round)."""
    shift = min(shift_hours, length)
    round_the_clock = length == HOURS_PER_WEEK
    for offset in range(length):
        h = (first + offset) % HOURS_PER_WEEK
        short = whole[h] - at_work[h]
        if short <= 0:
            continue
        # Start where the gap is; near closing, start early enough to end by closing time.
        start_offset = offset if round_the_clock else min(offset, length - shift)
        start = (first + start_offset) % HOURS_PER_WEEK
        starts[(start, shift)] = starts.get((start, shift), 0) + short
        for covered in range(start, start + shift):
            at_work[covered % HOURS_PER_WEEK] += short


def _drop_spare_shifts(
    whole: list[int], at_work: list[int], starts: dict[tuple[int, int], int]
) -> None:
    """Remove shifts whose every hour is covered without them (the wrap of round the clock)."""
    for (start, length), count in sorted(starts.items()):
        hours = [(start + i) % HOURS_PER_WEEK for i in range(length)]
        spare = min(count, *(at_work[h] - whole[h] for h in hours))
        if spare > 0:
            starts[(start, length)] -= spare
            for h in hours:
                at_work[h] -= spare
    for key in [key for key, count in starts.items() if count == 0]:
        del starts[key]
