"""The whole advice for one set of answers: team size, cost, then scores."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from advisor.engine import breakeven, costs, staffing
from advisor.engine.answers import derive
from advisor.engine.decision import engine_reasons
from advisor.engine.scoring import Result, Rule, assess, priority_weights


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
    close_margin: float = 2,
    plans: staffing.PlanCache | None = None,
) -> Advice:
    """Size every option's team, price it, and score the options.

    `figures` holds every assumption by slug (rates, shrinkage, open hours...). Staffing and
    cost figures join the answers before scoring, so rules can test them like answers; what
    each option saves and whether it starts in time add reasons of their own, and the
    manager's priorities weigh every group of points.
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
    priced = costs.price(
        team,
        costs.Rates.from_values(figures),
        existing_agents=existing,
        languages=max(1, int(complete.get("languages") or 1)),
    )
    scored = {**complete, **costs.figures_for_rules(team, priced)}
    weights = priority_weights(complete.get("priorities") or (), float(figures["priority_weight"]))
    result = assess(
        scored,
        rules,
        options,
        close_margin=close_margin,
        weights=weights,
        also=engine_reasons(priced, complete, figures, weights),
        ties_by={cost.option: cost.total for cost in priced},
    )
    return Advice(scored, team, priced, result, costs.hybrid_core(existing))


def volume_pricing(
    answers: Mapping[str, Any],
    figures: Mapping[str, float],
    profiles: Mapping[str, Sequence[float]] | None = None,
) -> breakeven.Pricing:
    """Each option's monthly cost for the same answers at any other monthly volume."""
    plans = staffing.PlanCache(profiles)
    assumptions = staffing.StaffingAssumptions.from_values(figures)
    rates = costs.Rates.from_values(figures)
    existing = int(answers.get("existing_team_agents") or 0)
    languages = max(1, int(answers.get("languages") or 1))

    def pricing(volume: int) -> dict[str, float]:
        complete = derive({**answers, "interactions_per_month": volume})
        team = plans.plan(complete, assumptions)
        priced = costs.price(team, rates, existing_agents=existing, languages=languages)
        return {cost.option: cost.total for cost in priced}

    return pricing


def cost_outlook(
    answers: Mapping[str, Any],
    figures: Mapping[str, float],
    profiles: Mapping[str, Sequence[float]] | None = None,
) -> dict[str, Any] | None:
    """Monthly costs from a tenth to ten times the volume, and the break-even volumes."""
    volume = derive(answers).get("interactions_per_month") or 0
    if volume <= 0:
        return None
    pricing = volume_pricing(answers, figures, profiles)
    curve = breakeven.cost_curve(volume, pricing)
    return breakeven.as_data(curve, breakeven.break_evens(curve, pricing))
