"""How each option's monthly cost moves with the volume, and where the cheapest one changes.

The curve prices every option at a tenth to ten times the manager's monthly volume (the
chart's data); between two points where the cheapest option differs, a bisection on whole
contacts finds the volume from which the new one is cheapest. Costs step with each whole
agent, so a change between two points of the curve that reverts before the next point can
be missed; each break-even found is exact to one contact.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

#: Multiples of the manager's volume the curve is drawn at.
FACTORS = (0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 5.0, 7.0, 10.0)

#: What a volume (contacts a month) costs each option a month.
Pricing = Callable[[int], Mapping[str, float]]


@dataclass(frozen=True)
class BreakEven:
    """From `volume` contacts a month, `cheaper` costs less than `before` did below it."""

    volume: int
    before: str
    cheaper: str


def cheapest(costs: Mapping[str, float]) -> str:
    return min(costs, key=lambda option: (costs[option], option))


def cost_curve(volume: float, pricing: Pricing) -> list[dict[str, Any]]:
    """Each option's monthly cost at each multiple of `volume` in FACTORS."""
    points = []
    for factor in FACTORS:
        at = max(1, round(volume * factor))
        points.append({"volume": at, "costs": dict(pricing(at))})
    return points


def break_evens(curve: Sequence[Mapping[str, Any]], pricing: Pricing) -> list[BreakEven]:
    """The volumes where the cheapest option changes along the curve, each to one contact."""
    found = []
    for low, high in zip(curve, curve[1:], strict=False):
        below, above = cheapest(low["costs"]), cheapest(high["costs"])
        if below == above:
            continue
        # The smallest volume in (low, high] whose cheapest option is no longer `below`.
        failing, passing = low["volume"], high["volume"]
        while passing - failing > 1:
            middle = (failing + passing) // 2
            if cheapest(pricing(middle)) == below:
                failing = middle
            else:
                passing = middle
        found.append(BreakEven(passing, below, cheapest(pricing(passing))))
    return found


def as_data(curve: Sequence[Mapping[str, Any]], found: Sequence[BreakEven]) -> dict[str, Any]:
    return {"curve": list(curve), "break_evens": [asdict(point) for point in found]}
