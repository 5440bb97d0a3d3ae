"""Erlang B and C for one queue of calls or chats, and the types every queue model shares.

No factorials and no large powers: Erlang B comes from its recursion
B(n) = A·B(n-1) / (n + A·B(n-1)) and Erlang C from Erlang B, so thousands of erlangs neither
overflow nor lose precision, and a staffing search can carry B forward one agent at a time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

SECONDS_PER_HOUR = 3600.0
#: Beyond this offered traffic (erlangs) the searches would take too long to be useful.
MAX_TRAFFIC = 1_000_000.0


@dataclass(frozen=True)
class QueueStats:
    """What one queue achieves with a given number of agents."""

    agents: int
    #: Share (0..1) of ALL arrivals answered within the target time.
    service_level: float
    #: Average speed of answer: the mean wait of answered contacts, in seconds.
    asa_seconds: float
    #: Share (0..1) of agent time spent handling contacts.
    occupancy: float
    #: Share of arrivals who must wait at all.
    wait_probability: float
    #: Share of arrivals who hang up before an answer (Erlang A only).
    abandon_share: float = 0.0


@dataclass(frozen=True)
class Load:
    """One queue's offered work, in seconds; handling already divided by any chat speedup."""

    arrivals_per_hour: float
    handling: float
    target: float
    patience: float | None

    @property
    def traffic(self) -> float:
        return self.arrivals_per_hour * self.handling / SECONDS_PER_HOUR

    @property
    def target_in_handlings(self) -> float:
        return self.target / self.handling

    @property
    def abandon_rate(self) -> float:
        """Hang-ups per waiting contact per handling time (handling / patience); 0 if never."""
        return self.handling / self.patience if self.patience else 0.0

    def sped_up(self, factor: float) -> Load:
        """This load with handling divided by `factor`; refuses more than MAX_TRAFFIC."""
        load = self if factor == 1.0 else replace(self, handling=self.handling / factor)
        if load.traffic > MAX_TRAFFIC:
            raise ValueError(
                f"{load.traffic:g} erlangs is beyond {MAX_TRAFFIC:g}, too much to staff"
            )
        if load.patience is not None and load.handling / load.patience == 0.0:
            return replace(load, patience=None)  # patience beyond float range: nobody hangs up
        return load


def next_blocking(agents: int, traffic: float, previous: float) -> float:
    """Erlang B for `agents` from Erlang B for one agent fewer."""
    return traffic * previous / (agents + traffic * previous)


def wait_probability(agents: int, traffic: float, blocking: float) -> float:
    if agents <= traffic:
        return 1.0
    return agents * blocking / (agents - traffic * (1.0 - blocking))


def idle_stats(agents: int) -> QueueStats:
    return QueueStats(
        agents, service_level=1.0, asa_seconds=0.0, occupancy=0.0, wait_probability=0.0
    )


def erlang_c_stats(agents: int, load: Load, blocking: float) -> QueueStats:
    traffic = load.traffic
    if agents <= traffic:
        return QueueStats(
            agents, service_level=0.0, asa_seconds=math.inf, occupancy=1.0, wait_probability=1.0
        )
    waiting = wait_probability(agents, traffic, blocking)
    spare = agents - traffic
    late = waiting * math.exp(-spare * load.target_in_handlings)
    return QueueStats(
        agents,
        service_level=max(0.0, 1.0 - late),
        asa_seconds=waiting * load.handling / spare,
        occupancy=traffic / agents,
        wait_probability=waiting,
    )
