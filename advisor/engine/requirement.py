"""Agents one group needs in each hour of the week, before shifts: calls and chats, then emails.

A group is the agents who can take the same contacts: they speak the same languages and, when
agents work several channels, serve every channel. In each open hour:

1. Calls and chats form one queue (or one per channel when agents keep to one channel), staffed
   with Erlang C, or Erlang A when callers' patience is known, for that hour's own load.
2. Someone is there in every open hour (the minimum cover), however quiet it is, and no more
   than that minimum on top of the need.
3. Emails and tickets fill the idle time of the agents already there first, the earliest due
   first; only work that idle time cannot finish within the first-response target adds agents,
   spread evenly over the hours the email may be answered in. Emails that arrive while support
   is closed wait for it to open.

Agents stay fractional here (an hour may need 2.4 agents for its emails); shifts make them
whole.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from advisor.engine.queueing import QueueStats, agents_needed, queue_stats
from advisor.engine.week import HOURS_PER_WEEK, open_stretches


@dataclass(frozen=True)
class LiveTarget:
    """What every call and chat queue must achieve."""

    target_share: float
    target_seconds: float
    max_occupancy: float
    patience_seconds: float | None = None


@dataclass(frozen=True)
class GroupLoad:
    """The contacts one group of agents takes, hour by hour over a week."""

    #: Calls and chats arriving in each hour (already moved out of closed hours).
    live_arrivals: tuple[float, ...]
    #: Mean handling time of those calls and chats, chats sped up by working several at once.
    live_handling_seconds: float
    #: Hours of email and ticket work arriving in each hour, open or closed.
    email_work: tuple[float, ...]
    #: Someone must be there in every open hour (live contacts, or a watched ticket queue).
    needs_cover: bool


@dataclass(frozen=True)
class HourlyNeed:
    """One group's need, hour by hour: agents in all, and those calls and chats need."""

    required: tuple[float, ...]
    live_agents: tuple[int, ...]
    #: Agents in each hour only for emails and tickets (beyond the idle time of the others).
    email_agents: tuple[float, ...]
    #: Hours in which the minimum cover, not the work, sets the need (the work would keep
    #: the cover busy less than half the time).
    cover_bound: tuple[bool, ...]
    #: Share of this group's emails answered after their first-response target.
    emails_late_share: float = 0.0


def hourly_need(
    load: GroupLoad,
    open_hours: Sequence[bool],
    *,
    target: LiveTarget,
    email_occupancy: float,
    first_response_hours: float,
    minimum_cover: float,
    count_late: bool = True,
) -> HourlyNeed:
    """Agents needed in each of the 168 hours (0 while closed), fractional. With `count_late`,
    also the share of emails answered after their first-response target."""
    live = [
        live_agents(arrivals, load.live_handling_seconds, target) if is_open else 0
        for arrivals, is_open in zip(load.live_arrivals, open_hours, strict=True)
    ]
    cover = minimum_cover if load.needs_cover else 0.0
    base = [
        max(agents, cover) if is_open else 0.0
        for agents, is_open in zip(live, open_hours, strict=True)
    ]
    traffic = [a * load.live_handling_seconds / 3600 for a in load.live_arrivals]
    idle = [max(0.0, b * email_occupancy - t) for b, t in zip(base, traffic, strict=True)]
    emails = email_agents(
        load.email_work,
        open_hours,
        idle,
        first_response_hours,
        email_occupancy,
        count_late=count_late,
    )
    extra = emails.extra
    required = tuple(b + e for b, e in zip(base, extra, strict=True))
    cover_bound = tuple(
        is_open and cover > 0 and t + w < _QUIET_LOAD * cover and e < _NOTHING
        for is_open, t, w, e in zip(open_hours, traffic, load.email_work, extra, strict=True)
    )
    return HourlyNeed(required, tuple(live), tuple(extra), cover_bound, emails.late_share)


def free_for_live(at_work: int, email_agents: float) -> int:
    """Agents at work who can take calls and chats: all but whole agents busy with emails."""
    return max(0, at_work - math.floor(email_agents + 1e-9))


def live_agents(arrivals: float, handling: float, target: LiveTarget) -> int:
    """The fewest agents who answer an hour's calls and chats as the target asks."""
    if arrivals <= 0:
        return 0
    return _fewest_agents(arrivals, handling, target).agents


def live_stats(
    agents: int, arrivals: float, handling: float, target: LiveTarget
) -> QueueStats | None:
    """What `agents` achieve for an hour's calls and chats; None when none arrive."""
    if arrivals <= 0:
        return None
    return _stats(agents, arrivals, handling, target.target_seconds, target.patience_seconds)


# Staffing asks the same few thousand queues again and again (every hour of every plan, and
# every variant "what would change" tries), and the answers are pure: keep them.
@functools.lru_cache(maxsize=1 << 16)
def _fewest_agents(arrivals: float, handling: float, target: LiveTarget) -> QueueStats:
    return agents_needed(
        arrivals_per_hour=arrivals,
        handling_seconds=handling,
        target_share=target.target_share,
        target_seconds=target.target_seconds,
        max_occupancy=target.max_occupancy,
        patience_seconds=target.patience_seconds,
    )


@functools.lru_cache(maxsize=1 << 16)
def _stats(
    agents: int, arrivals: float, handling: float, seconds: float, patience: float | None
) -> QueueStats:
    return queue_stats(
        agents,
        arrivals_per_hour=arrivals,
        handling_seconds=handling,
        target_seconds=seconds,
        patience_seconds=patience,
    )


@dataclass(frozen=True)
class EmailPlan:
    """Agents emails add in each hour, and the share of emails answered after their target."""

    extra: list[float]
    late_share: float


def email_agents(
    work: Sequence[float],
    open_hours: Sequence[bool],
    idle: Sequence[float],
    first_response_hours: float,
    occupancy: float,
    *,
    count_late: bool = True,
) -> EmailPlan:
    """Agents emails add in each hour once the idle time in `idle` (hours) is used up.

    An email is due `first_response_hours` after it arrives and is answered from the first open
    hour after it arrives, the earliest due first. When the open hours before it is due make a
    fair share of a working day, it is answered by then. When a closed stretch leaves too
    few (Friday afternoon's email due on Saturday, the weekend's), it is late anyway: it is
    answered within the week, at the team's steady pace, rather than by doubling Friday's or
    Monday's team to clear the backlog. With `count_late`, a second pass over the finished
    plan counts the emails answered after they were due.

    The week is walked twice so that Sunday's emails answered on Monday take Monday's idle
    time; what the second week adds is the steady state.
    """
    if not any(open_hours) or not any(work):
        return EmailPlan([0.0] * HOURS_PER_WEEK, 0.0)
    calendar = _calendar(tuple(open_hours))
    windows = _windows(calendar, max(1, math.floor(first_response_hours)))
    cohorts = [
        (window, work[window.arrival % HOURS_PER_WEEK])
        for window in windows
        if work[window.arrival % HOURS_PER_WEEK] > 0
    ]
    timeline = _Timeline(calendar, idle)
    for window, amount in cohorts:
        left, _late = timeline.use_idle(window, amount)
        if window.steady and left > _NOTHING:
            timeline.add_agents(window.start, window.end, left / occupancy)
    extra = timeline.added_per_hour()
    if not count_late:
        return EmailPlan(extra, 0.0)
    capacity = [i + e * occupancy for i, e in zip(idle, extra, strict=True)]
    answering = _Timeline(calendar, capacity)
    late = total = 0.0
    for window, amount in cohorts:
        left, done_late = answering.use_idle(window, amount)
        if window.steady:
            total += amount
            late += done_late + left
    return EmailPlan(extra, late / total if total else 0.0)


_NOTHING = 1e-12
#: An hour whose work would keep its minimum cover busy less than this share of the time is
#: staffed for cover, not for its work.
_QUIET_LOAD = 0.5
#: Weeks laid end to end: two of arrivals, and room for the last ones' answers.
_WEEKS = 5


@dataclass(frozen=True)
class _Calendar:
    """Open hours over `_WEEKS` weeks, with what the email plan asks of them, ready-made."""

    open: tuple[bool, ...]
    #: How many open hours come before each hour (one more entry than hours).
    rank: tuple[int, ...]
    next_open: tuple[int, ...]
    #: For each hour of the week, how long the open stretch holding it lasts.
    stretch: tuple[int, ...]

    def open_count(self, start: int, end: int) -> int:
        return self.rank[min(end, len(self.open))] - self.rank[start]


@functools.lru_cache(maxsize=64)
def _calendar(open_hours: tuple[bool, ...]) -> _Calendar:
    length = _WEEKS * HOURS_PER_WEEK
    is_open = tuple(open_hours[t % HOURS_PER_WEEK] for t in range(length))
    rank = [0] * (length + 1)
    for t in range(length):
        rank[t + 1] = rank[t] + is_open[t]
    next_open = [0] * length
    upcoming = length - 1
    for t in reversed(range(length)):
        upcoming = t if is_open[t] else upcoming
        next_open[t] = upcoming
    stretch = [0] * HOURS_PER_WEEK
    for first, hours in open_stretches(open_hours):
        for h in range(first, first + hours):
            stretch[h % HOURS_PER_WEEK] = hours
    return _Calendar(
        is_open,
        tuple(rank),
        tuple(next_open),
        tuple(stretch),
    )


@dataclass(frozen=True)
class _Window:
    """When one hour's emails may be answered: open hours from `start` until `end`."""

    arrival: int
    due: int
    start: int
    end: int
    #: Arrived in the second week walked: what it adds is the steady state.
    steady: bool


@functools.lru_cache(maxsize=256)
def _windows(calendar: _Calendar, span: int) -> tuple[_Window, ...]:
    """Each hour's window over two weeks, the earliest to end first (see `email_agents`)."""
    windows = []
    for arrival in range(2 * HOURS_PER_WEEK):
        due = arrival + span
        start = calendar.next_open[arrival]
        stretch = calendar.stretch[start % HOURS_PER_WEEK]
        # Open hours a planner allows for an email: up to when it is due, if that leaves a
        # fair share of a working day; or else (a closed stretch is in the way) the week after
        # it came, answered as the team's steady pace allows: it is late either way.
        if calendar.open_count(start, due) >= min(span, stretch):
            end = due
        else:
            end = max(start + 1, arrival + HOURS_PER_WEEK)
        windows.append(_Window(arrival, due, start, end, arrival >= HOURS_PER_WEEK))
    return tuple(sorted(windows, key=lambda w: (w.end, w.start)))


class _Timeline:
    """Idle time over the calendar's hours, used up earliest first, and agents added."""

    def __init__(self, calendar: _Calendar, idle: Sequence[float]):
        self.calendar = calendar
        length = len(calendar.open)
        self.idle = [idle[t % HOURS_PER_WEEK] if calendar.open[t] else 0.0 for t in range(length)]
        self.idle[-1] = 0.0
        # Each hour's link to the next hour with idle time left; itself while it has some.
        self._later = [t if self.idle[t] > 0 else t + 1 for t in range(length - 1)]
        self._later.append(length - 1)
        self._added = [0.0] * (calendar.rank[-1] + 1)

    def _with_idle(self, t: int) -> int:
        """The first hour at or after t with idle time left (or the end)."""
        root = t
        while self._later[root] != root:
            root = self._later[root]
        while self._later[t] != root and t != root:  # shorten the path for the next search
            self._later[t], t = root, self._later[t]
        return root

    def use_idle(self, window: _Window, amount: float) -> tuple[float, float]:
        """Do `amount` hours of work in the window's idle time, earliest first; return what is
        left, and how much was done at or after it was due."""
        t = self._with_idle(window.start)
        late = 0.0
        while amount > _NOTHING and t < window.end:
            done = min(amount, self.idle[t])
            self.idle[t] -= done
            amount -= done
            late += done if t >= window.due else 0.0
            if self.idle[t] <= _NOTHING:
                self.idle[t] = 0.0
                self._later[t] = t + 1
                t = self._with_idle(t + 1)
        return max(0.0, amount), late

    def add_agents(self, start: int, end: int, agents_hours: float) -> None:
        """Spread `agents_hours` evenly over the open hours from `start` to `end`."""
        rank = self.calendar.rank
        first, last = rank[start], max(rank[end], rank[start] + 1)
        per_hour = agents_hours / (last - first)
        self._added[first] += per_hour
        self._added[last] -= per_hour

    def added_per_hour(self) -> list[float]:
        """Agents added in each hour of the week, weeks folded onto one another."""
        extra = [0.0] * HOURS_PER_WEEK
        running = 0.0
        for t, is_open in enumerate(self.calendar.open):
            if is_open:
                running += self._added[self.calendar.rank[t]]
                extra[t % HOURS_PER_WEEK] += running
        return extra
