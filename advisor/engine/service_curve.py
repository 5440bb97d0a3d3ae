"""Service level against agents for one queue of calls or chats: the curve a planner sketches.

Around the fewest agents who meet the target, each agent more or fewer moves the share answered
in time a lot: the chart of this curve shows a manager why one agent matters. The figures come
from the same Erlang C (or Erlang A, with callers' patience) as the staffing itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.engine.queueing import agents_needed, queue_stats

#: Headcounts drawn on each side of the fewest agents who meet the target.
SPREAD = 3


@dataclass(frozen=True)
class ServicePoint:
    """What `agents` achieve: the share (0..1) of all arrivals answered within the target."""

    agents: int
    service_level: float


@dataclass(frozen=True)
class ServiceCurve:
    """The service level at each headcount around `needed`, the fewest who meet the target."""

    needed: int
    points: tuple[ServicePoint, ...]


def service_curve(
    *,
    arrivals_per_hour: float,
    handling_seconds: float,
    target_share: float,
    target_seconds: float,
    patience_seconds: float | None = None,
    spread: int = SPREAD,
) -> ServiceCurve:
    """The service level for `spread` headcounts either side of the fewest meeting the target.

    `handling_seconds` is an agent's time per contact (a chat's already shared with the others
    open at once). Only the service level counts here, not the occupancy cap: the curve shows
    where it crosses the target. The fewest headcount drawn is 1; no arrivals need nobody.
    """
    if arrivals_per_hour <= 0:
        return ServiceCurve(needed=0, points=())
    needed = agents_needed(
        arrivals_per_hour=arrivals_per_hour,
        handling_seconds=handling_seconds,
        target_share=target_share,
        target_seconds=target_seconds,
        patience_seconds=patience_seconds,
    ).agents
    first = max(1, needed - spread)
    points = tuple(
        ServicePoint(
            agents,
            queue_stats(
                agents,
                arrivals_per_hour=arrivals_per_hour,
                handling_seconds=handling_seconds,
                target_seconds=target_seconds,
                patience_seconds=patience_seconds,
            ).service_level,
        )
        for agents in range(first, needed + spread + 1)
    )
    return ServiceCurve(needed=needed, points=points)
