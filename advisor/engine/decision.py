"""Reasons the engine works out from the costs and times to start, weighed like rules.

- Money weighs by its size. Options are compared over three years, one-off costs included, as
  a finance director compares them. The cheapest gets `cap` points; each other option gets
  fewer the more it costs: `at_10_percent` fewer when it costs 10% more, more fewer for a
  larger premium, but slower (a premium of 200% is not twenty times one of 10%), and never
  below 0. So the points between two options grow with what one saves against the other, up
  to `cap`, whatever the other options cost.
- An option that cannot start by when the manager needs support loses `late_points`.

Each reason is a fired rule on a worked-out question (`CHEAPEST`, `START_WEEKS`), so the result
explains it like any other: the option, the points, the weight, the figures behind it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from advisor.engine.costs import MONTHS_COMPARED, OptionCost
from advisor.engine.scoring import FiredRule, Rule

CHEAPEST = "cheapest"
START_WEEKS = "start_weeks"
#: The most weeks each answer to "when must support start" allows (None: no deadline).
START_DEADLINE_WEEKS: dict[str, float | None] = {"weeks": 4, "months": 13, "flexible": None}
_POINT_DIGITS = 2


def premium_points(premium: float, *, at_10_percent: float, cap: float) -> float:
    """Points fewer than the cheapest option's for costing `premium` more (0.05 = 5%)."""
    if premium <= 0:
        return 0.0
    return min(cap, at_10_percent * math.log1p(premium) / math.log1p(0.1))


def cost_reasons(
    costs: Sequence[OptionCost], *, at_10_percent: float, cap: float, weight: float
) -> list[FiredRule]:
    """Each option's points for what it costs against the cheapest (see the module); none at
    all when admins set the points to 0."""
    if not costs or cap <= 0:
        return []
    cheapest = min(costs, key=lambda cost: cost.three_years)
    reasons = []
    for cost in costs:
        difference = cost.three_years - cheapest.three_years
        premium = difference / cheapest.three_years if cheapest.three_years else 0.0
        points = cap - premium_points(premium, at_10_percent=at_10_percent, cap=cap)
        rule = Rule(
            key=f"{CHEAPEST}-{cost.option}",
            question=CHEAPEST,
            operator="is",
            value=cheapest.option,
            option=cost.option,
            points=round(points, _POINT_DIGITS),
            group="cost",
        )
        answer = {"premium": premium, "difference": difference / MONTHS_COMPARED}
        reasons.append(FiredRule(rule, answer, weight))
    return reasons


def start_reasons(
    costs: Sequence[OptionCost], urgency: str | None, *, late_points: float, weight: float
) -> list[FiredRule]:
    """Points off each option that takes longer to start than the manager can wait."""
    deadline = START_DEADLINE_WEEKS.get(urgency or "")
    if deadline is None or late_points <= 0:
        return []
    return [
        FiredRule(
            Rule(
                key=f"{START_WEEKS}-{cost.option}",
                question=START_WEEKS,
                operator="gt",
                value=deadline,
                option=cost.option,
                points=-late_points,
                group="speed",
            ),
            {"weeks": cost.start_weeks, "deadline": deadline},
            weight,
        )
        for cost in costs
        if cost.start_weeks > deadline
    ]


def engine_reasons(
    costs: Sequence[OptionCost],
    answers: Mapping[str, Any],
    figures: Mapping[str, float],
    weights: Mapping[str, float],
) -> list[FiredRule]:
    """Every reason the engine adds to the rules' for these costs and answers."""
    return [
        *cost_reasons(
            costs,
            at_10_percent=float(figures["cost_points_at_10_percent"]),
            cap=float(figures["cost_points_cap"]),
            weight=weights.get("cost", 1.0),
        ),
        *start_reasons(
            costs,
            answers.get("start_urgency"),
            late_points=float(figures["late_start_points"]),
            weight=weights.get("speed", 1.0),
        ),
    ]
