"""Money and time to start weigh in the decision, by their size and the manager's priorities."""

from __future__ import annotations

import math

import pytest

from advisor.engine.advice import advise, volume_pricing
from advisor.engine.breakeven import break_evens, cheapest, cost_curve
from advisor.engine.costs import CostLine, OptionCost
from advisor.engine.decision import cost_reasons, premium_points, start_reasons
from advisor.engine.scoring import Rule, assess
from advisor.rules.defaults import ASSUMPTION_DEFAULTS, OPTION_ORDER, engine_rules
from tests.answers import TYPED_ANSWERS


def option(name: str, monthly: float, *, once: float = 0, weeks: float = 0) -> OptionCost:
    lines = [CostLine("fee", 1, monthly, monthly)]
    if once:
        lines.append(CostLine("setup", 1, once, once, one_off=True))
    return OptionCost(name, lines, start_weeks=weeks, volume_per_month=1000)


def points(reasons):
    return {reason.option: reason.weighted for reason in reasons}


def test_costing_5_percent_more_loses_half_a_point_and_200_percent_more_loses_the_cap():
    # ln(1.05) / ln(1.1) = 0.512 of the point for 10%; ln(3) / ln(1.1) = 11.5, capped at 4.
    assert premium_points(0.05, at_10_percent=1, cap=4) == pytest.approx(0.512, abs=1e-3)
    assert premium_points(0.10, at_10_percent=1, cap=4) == pytest.approx(1)
    assert premium_points(2.00, at_10_percent=1, cap=4) == 4
    assert premium_points(0, at_10_percent=1, cap=4) == 0


def test_the_cheapest_option_over_three_years_gets_the_cap_and_the_others_less_by_their_premium():
    costs = [
        option("a", 1000),  # 36,000 over three years
        option("b", 1000, once=1800),  # 37,800: 5% more
        option("c", 3000),  # 108,000: 200% more
    ]
    got = points(cost_reasons(costs, at_10_percent=1, cap=4, weight=1))
    assert got == {"a": 4, "b": pytest.approx(4 - 0.51, abs=0.01), "c": 0}


def test_a_manager_who_says_cost_matters_most_doubles_the_money_points():
    costs = [option("a", 1000), option("b", 1100)]
    plain = points(cost_reasons(costs, at_10_percent=1, cap=4, weight=1))
    weighed = points(cost_reasons(costs, at_10_percent=1, cap=4, weight=2))
    assert weighed == {"a": 8, "b": pytest.approx(2 * (4 - 1), abs=0.02)}
    assert weighed["a"] - weighed["b"] == pytest.approx(2 * (plain["a"] - plain["b"]), abs=0.02)


def test_an_option_that_cannot_start_in_time_loses_points():
    costs = [option("in_house", 1, weeks=12), option("shared", 1, weeks=2)]
    late = start_reasons(costs, "weeks", late_points=3, weight=1)
    assert points(late) == {"in_house": -3}
    assert start_reasons(costs, "months", late_points=3, weight=1) == []
    assert start_reasons(costs, "flexible", late_points=3, weight=1) == []


def test_equal_points_are_a_tie_named_as_such_and_the_cheaper_is_named_first():
    rules = [
        Rule(key="x", question="q", operator="gt", value=0, option="a", points=2),
        Rule(key="y", question="q", operator="gt", value=0, option="b", points=2),
    ]
    result = assess({"q": 1}, rules, ["a", "b"], ties_by={"a": 900, "b": 800})
    assert (result.winner, result.runner_up, result.verdict) == ("b", "a", "tie")


def recommend(**changes):
    return advise(
        {**TYPED_ANSWERS, **changes}, engine_rules(), OPTION_ORDER, ASSUMPTION_DEFAULTS
    ).result


def test_two_managers_with_the_same_answers_and_opposite_priorities_get_different_advice():
    situation = {"interactions_per_month": 3000, "coverage": "extended"}
    thrifty = recommend(**situation, priorities=["cost"])
    careful = recommend(**situation, priorities=["control", "quality"])
    assert thrifty.winner != careful.winner
    assert thrifty.weights["cost"] == 2 and thrifty.weights["control"] == 1
    assert careful.weights == {
        "cost": 1,
        "control": 2,
        "quality": 2,
        "speed": 1,
        "flexibility": 1,
    }
    # Every reason says how much it was weighed.
    weighed = {f.key: f.weight for f in careful.fired}
    assert weighed["medium-control-shared"] == 2
    assert all(weight == 1 for key, weight in weighed.items() if key.startswith("cheapest-"))


def test_break_even_is_the_first_volume_where_another_option_is_cheaper():
    # a costs 1,000 + 2 a contact, b costs 5 a contact: equal at 1000 / 3 = 333.3 contacts,
    # so b is cheaper up to 333 and a from 334.
    def pricing(volume):
        return {"a": 1000 + 2 * volume, "b": 5 * volume}

    curve = cost_curve(1000, pricing)
    assert [point["volume"] for point in curve][:3] == [100, 150, 200]
    (found,) = break_evens(curve, pricing)
    assert (found.volume, found.before, found.cheaper) == (334, "b", "a")


def test_each_break_even_of_the_real_costs_is_exact_to_one_contact():
    answers = {**TYPED_ANSWERS, "interactions_per_month": 3000}
    pricing = volume_pricing(answers, ASSUMPTION_DEFAULTS)
    curve = cost_curve(3000, pricing)
    found = break_evens(curve, pricing)
    assert found
    for point in found:
        assert cheapest(pricing(point.volume - 1)) == point.before
        assert cheapest(pricing(point.volume)) == point.cheaper != point.before
    assert math.isclose(curve[6]["volume"], 3000)
