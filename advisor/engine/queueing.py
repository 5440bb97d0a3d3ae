"""Queueing models for live channels: how many agents a queue of calls or chats needs.

Erlang C (M/M/N) assumes every contact waits until an agent answers. Erlang A (M/M/N+M) lets
callers hang up after a patience drawn from an exponential distribution with a given mean.
For a headcount both give the service level (share of all arrivals answered within the target
time), the average speed of answer, occupancy and the share who wait at all; Erlang A also
gives the share who hang up before an answer.

The models live in `erlang` (Erlang B and C) and `erlang_a`; this module validates inputs
and searches for the fewest agents.

Float tolerance. A service level within ``TOLERANCE`` (1e-9) below its target meets it, and
an occupancy within ``TOLERANCE`` above its cap is within it. Rounding noise in the inputs and
arithmetic (traffic of 0.1 x 3 hours, a sum of many states) is about 1e-15, while one agent
more or less moves a service level or an occupancy by far more than 1e-9 in any queue worth
staffing, so the tolerance absorbs noise on an exact boundary without hiding a real shortfall.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from advisor.engine.erlang import (
    MAX_TRAFFIC,
    SECONDS_PER_HOUR,
    Load,
    QueueStats,
    erlang_c_stats,
    idle_stats,
    next_blocking,
    wait_probability,
)
from advisor.engine.erlang_a import erlang_a_stats

__all__ = [
    "DEFAULT_CHAT_SPEEDUP",
    "MAX_TRAFFIC",
    "TOLERANCE",
    "QueueStats",
    "agents_needed",
    "chat_speedup",
    "erlang_b",
    "erlang_c",
    "queue_stats",
    "traffic_erlangs",
]

DEFAULT_CHAT_SPEEDUP: dict[int, float] = {1: 1.0, 2: 1.7, 3: 2.5}
#: Slack when comparing a service level with its target or an occupancy with its cap.
TOLERANCE = 1e-9


def traffic_erlangs(arrivals_per_hour: float, handling_seconds: float) -> float:
    """Offered traffic in erlangs: hours of handling that arrive per hour."""
    arrivals = _non_negative(arrivals_per_hour, "arrivals_per_hour")
    handling = _non_negative(handling_seconds, "handling_seconds")
    return arrivals * handling / SECONDS_PER_HOUR


def erlang_b(agents: int, traffic: float) -> float:
    """Erlang B: the share of contacts finding every agent busy when nobody can wait."""
    _check_agents(agents)
    traffic = _non_negative(traffic, "traffic")
    blocking = 1.0
    for busy in range(1, agents + 1):
        blocking = next_blocking(busy, traffic, blocking)
        if blocking == 0.0:  # underflow: every further step stays at zero
            break
    return blocking


def erlang_c(agents: int, traffic: float) -> float:
    """Erlang C: the share of arrivals who wait; 1.0 when agents <= traffic (no steady state)."""
    return wait_probability(agents, traffic, erlang_b(agents, traffic))


def chat_speedup(concurrency: int, table: Mapping[int, float] = DEFAULT_CHAT_SPEEDUP) -> float:
    """How many times faster an agent works with `concurrency` chats open, from `table`.

    A concurrency missing from the table uses the largest key below it (so one above the
    largest key uses the largest key's factor); with no key at or below it, the factor is 1.
    """
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise ValueError(f"concurrency must be a whole number of chats, 1 or more: {concurrency!r}")
    usable = [open_chats for open_chats in table if open_chats <= concurrency]
    factor = float(table[max(usable)]) if usable else 1.0
    if not math.isfinite(factor) or factor <= 0:
        raise ValueError(f"chat speedup for {concurrency} chats must be above 0: {factor!r}")
    return factor


def queue_stats(
    agents: int,
    *,
    arrivals_per_hour: float,
    handling_seconds: float,
    target_seconds: float,
    patience_seconds: float | None = None,
    concurrency: int = 1,
    speedup: Mapping[int, float] = DEFAULT_CHAT_SPEEDUP,
) -> QueueStats:
    """What `agents` achieve: service level, speed of answer, occupancy, waits, abandonment.

    Without `patience_seconds` this is Erlang C; with it, Erlang A (an infinite patience is
    Erlang C). Chat agents with `concurrency` chats open work `chat_speedup` times as fast.
    """
    _check_agents(agents)
    load = _load(arrivals_per_hour, handling_seconds, target_seconds, patience_seconds)
    load = load.sped_up(chat_speedup(concurrency, speedup))
    return _stats(agents, load, erlang_b(agents, load.traffic))


def agents_needed(
    *,
    arrivals_per_hour: float,
    handling_seconds: float,
    target_share: float,
    target_seconds: float,
    max_occupancy: float = 1.0,
    patience_seconds: float | None = None,
    concurrency: int = 1,
    speedup: Mapping[int, float] = DEFAULT_CHAT_SPEEDUP,
) -> QueueStats:
    """The fewest agents meeting the service level target within the occupancy cap.

    `target_share` of all arrivals must be answered within `target_seconds`, and agents may
    be busy at most `max_occupancy` of their time. Returns the stats at that headcount; no
    arrivals need 0 agents (callers apply any minimum presence themselves).
    """
    goal = _Goal(_share(target_share), _occupancy_cap(max_occupancy))
    load = _load(arrivals_per_hour, handling_seconds, target_seconds, patience_seconds)
    load = load.sped_up(chat_speedup(concurrency, speedup))
    if load.traffic == 0.0:
        return idle_stats(0)
    if load.patience is None:
        return _fewest_erlang_c(load, goal)
    return _fewest_erlang_a(load, goal)


# --- inputs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Goal:
    share: float
    max_occupancy: float

    def met_by(self, stats: QueueStats) -> bool:
        return (
            stats.service_level >= self.share - TOLERANCE
            and stats.occupancy <= self.max_occupancy + TOLERANCE
        )


def _load(
    arrivals_per_hour: float,
    handling_seconds: float,
    target_seconds: float,
    patience_seconds: float | None,
) -> Load:
    return Load(
        arrivals_per_hour=_non_negative(arrivals_per_hour, "arrivals_per_hour"),
        handling=_non_negative(handling_seconds, "handling_seconds"),
        target=_non_negative(target_seconds, "target_seconds"),
        patience=_patience(patience_seconds),
    )


def _non_negative(value: float, name: str) -> float:
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number of at least 0, not {value!r}")
    return float(value)


def _share(value: float) -> float:
    if not 0 < value < 1:
        raise ValueError(f"target_share must be between 0 and 1 (exclusive), not {value!r}")
    return float(value)


def _occupancy_cap(value: float) -> float:
    if not 0 < value <= 1:
        raise ValueError(f"max_occupancy must be above 0 and at most 1, not {value!r}")
    return float(value)


def _patience(value: float | None) -> float | None:
    if value is None or value == math.inf:
        return None
    if not value > 0:
        raise ValueError(f"patience_seconds must be above 0 (or None), not {value!r}")
    return float(value)


def _check_agents(agents: int) -> None:
    if isinstance(agents, bool) or not isinstance(agents, int) or agents < 0:
        raise ValueError(f"agents must be a whole number of at least 0, not {agents!r}")


# --- searches ----------------------------------------------------------------------------


def _stats(agents: int, load: Load, blocking: float) -> QueueStats:
    if load.traffic == 0.0:
        return idle_stats(agents)
    if load.patience is None:
        return erlang_c_stats(agents, load, blocking)
    return erlang_a_stats(agents, load, blocking)


def _fewest_erlang_c(load: Load, goal: _Goal) -> QueueStats:
    """Walk up from the first stable headcount, carrying Erlang B forward one agent at a time."""
    traffic = load.traffic
    agents = max(math.floor(traffic) + 1, math.floor(traffic / (goal.max_occupancy + TOLERANCE)))
    blocking = erlang_b(agents, traffic)
    while not goal.met_by(stats := erlang_c_stats(agents, load, blocking)):
        agents += 1
        blocking = next_blocking(agents, traffic, blocking)
    return stats


class _BlockingTable:
    """Erlang B at every headcount asked so far for one traffic, grown by the recursion."""

    def __init__(self, traffic: float):
        self.traffic = traffic
        self.values = [1.0]

    def at(self, agents: int) -> float:
        while len(self.values) <= agents:
            busy = len(self.values)
            self.values.append(next_blocking(busy, self.traffic, self.values[-1]))
        return self.values[agents]


def _fewest_erlang_a(load: Load, goal: _Goal) -> QueueStats:
    """Gallop and bisect from the Erlang C answer; the goal stays met once met.

    No headcount below A · share / occupancy cap can meet the goal: answered contacts are at
    least the service level, and they keep the agents busy A · answered / N of the time.
    """
    table = _BlockingTable(load.traffic)

    @functools.cache
    def stats_for(agents: int) -> QueueStats:
        return erlang_a_stats(agents, load, table.at(agents))

    lowest = math.floor(load.traffic * (goal.share - TOLERANCE) / (goal.max_occupancy + TOLERANCE))
    lowest = max(1, lowest)
    guess = max(lowest, _fewest_erlang_c(load, goal).agents)
    return stats_for(_fewest(lambda agents: goal.met_by(stats_for(agents)), guess, lowest))


def _fewest(meets: Callable[[int], bool], guess: int, lowest: int) -> int:
    """The smallest n >= lowest with meets(n), for a `meets` that stays true once true."""
    failing, meeting = (
        _gallop_down(meets, guess, lowest) if meets(guess) else _gallop_up(meets, guess)
    )
    while meeting - failing > 1:
        middle = (meeting + failing) // 2
        if meets(middle):
            meeting = middle
        else:
            failing = middle
    return meeting


def _gallop_down(meets: Callable[[int], bool], meeting: int, lowest: int) -> tuple[int, int]:
    step = 1
    while meeting - step >= lowest:
        probe = meeting - step
        if not meets(probe):
            return probe, meeting
        meeting, step = probe, step * 2
    return lowest - 1, meeting


def _gallop_up(meets: Callable[[int], bool], failing: int) -> tuple[int, int]:
    step = 1
    while not meets(failing + step):
        failing, step = failing + step, step * 2
    return failing, failing + step
