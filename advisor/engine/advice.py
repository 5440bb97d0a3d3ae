"""The whole advice for one set of answers: team size, cost, then scores."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import costs, staffing
from .answers import derive
from .scoring import Result, Rule, assess


@dataclass
class Advice:
    answers: dict[str, Any]
    staffing: staffing.Staffing
    costs: list[costs.OptionCost]
    result: Result
    hybrid_core: str

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.result.to_dict(),
            "staffing": self.staffing.to_dict(),
            "costs": [cost.to_dict() for cost in self.costs],
            "hybrid_core": self.hybrid_core,
        }


def advise(
    answers: Mapping[str, Any],
    rules: Iterable[Rule],
    options: Sequence[str],
    figures: Mapping[str, float],
    *,
    profiles: Mapping[str, Sequence[float]] | None = None,
    close_margin: int = 2,
    plans: staffing.PlanCache | None = None,
) -> Advice:
    """Size every option's team, price it, and score the options.

    `figures` holds every assumption by slug (rates, shrinkage, open hours...). Staffing and
    cost figures join the answers before scoring, so rules can test them like answers.
    `profiles` holds the admins' hourly demand profiles by industry (the defaults otherwise).
    With `plans`, teams come from that cache (and its profiles) without their hour-by-hour
    detail: enough to decide, as "what would change the recommendation" needs.
    """
    complete = derive(answers)
    assumptions = staffing.StaffingAssumptions.from_values(figures)
    team = (
        plans.plan(complete, assumptions)
        if plans is not None
        else staffing.plan(complete, assumptions, profiles)
    )
    existing = int(complete.get("existing_team_agents") or 0)
    priced = costs.price(team, costs.Rates.from_values(figures), existing_agents=existing)
    scored = {**complete, **costs.figures_for_rules(team, priced)}
    result = assess(scored, rules, options, close_margin=close_margin)
    return Advice(scored, team, priced, result, costs.hybrid_core(existing))
