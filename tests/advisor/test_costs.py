"""Monthly cost per option, item by item, on examples a reader can follow by hand."""

from __future__ import annotations

import pytest

from advisor.defaults import ASSUMPTION_DEFAULTS
from advisor.engine.costs import (
    DEDICATED,
    HYBRID,
    IN_HOUSE,
    SHARED,
    Rates,
    figures_for_rules,
    price,
)
from advisor.engine.staffing import Staffing, StaffingAssumptions, TeamPlan, plan

RATES = Rates.from_values(ASSUMPTION_DEFAULTS)
ASSUMED = StaffingAssumptions.from_values(ASSUMPTION_DEFAULTS)


def team(agents: int, leads: int, hours: float = 45) -> TeamPlan:
    return TeamPlan(
        hours_per_week=hours,
        channels=[],
        positions=0,
        agents=agents,
        team_leads=leads,
        workload_hours=0,
    )


def worked_example() -> Staffing:
    """10 agents and 1 lead cover all hours; 400 hours of work a month; the hybrid's core
    is 4 agents and 1 lead, and sends 60 hours of work to a shared team."""
    return Staffing(
        volume_per_month=3000,
        own_team=team(10, 1),
        shared_hours=400,
        hybrid_core=team(4, 1),
        hybrid_shared_hours=60,
        hybrid_shared_volume=450,
        closed_stretch_hours=63,
        first_response_met_when_closed=False,
        pooling=None,
    )


def by_option(costs):
    return {cost.option: cost for cost in costs}


def amounts(cost):
    return {line.item: pytest.approx(line.amount) for line in cost.lines}


def test_the_default_rates_are_the_ones_this_example_uses():
    assert (RATES.inhouse_agent_salary, RATES.inhouse_lead_salary, RATES.seat_overhead) == (
        3200,
        4200,
        700,
    )
    assert (RATES.hiring_cost_per_person, RATES.dedicated_agent_rate) == (4000, 2600)
    assert (RATES.dedicated_lead_rate, RATES.dedicated_setup_fee) == (3400, 5000)
    assert RATES.shared_hourly_rate == 40


def test_in_house_cost_is_salaries_leads_seats_and_hiring_spread_over_a_year():
    cost = by_option(price(worked_example(), RATES))[IN_HOUSE]
    assert amounts(cost) == {
        "agent_salaries": 10 * 3200,  # 32,000
        "team_lead_salaries": 1 * 4200,  # 4,200
        "seat_overhead": 11 * 700,  # 7,700
        "hiring_and_training": 11 * 4000 / 12,  # 3,666.67
    }
    assert cost.total == pytest.approx(47566.67, abs=0.01)


def test_people_already_employed_are_not_hired_again():
    cost = by_option(price(worked_example(), RATES, existing_agents=6))[IN_HOUSE]
    assert amounts(cost)["hiring_and_training"] == pytest.approx(5 * 4000 / 12)


def test_dedicated_cost_is_the_monthly_rates_and_the_set_up_fee_spread_over_a_year():
    cost = by_option(price(worked_example(), RATES))[DEDICATED]
    assert amounts(cost) == {
        "dedicated_agents": 10 * 2600,  # 26,000
        "dedicated_team_leads": 1 * 3400,  # 3,400
        "dedicated_setup": 5000 / 12,  # 416.67
    }
    assert cost.total == pytest.approx(29816.67, abs=0.01)


def test_shared_cost_is_hours_of_work_not_seats():
    cost = by_option(price(worked_example(), RATES))[SHARED]
    assert amounts(cost) == {"shared_hours": 400 * 40}  # 16,000


def test_shared_cost_can_be_per_interaction_instead():
    per_interaction = Rates.from_values({**ASSUMPTION_DEFAULTS, "shared_price_per_interaction": 3})
    cost = by_option(price(worked_example(), per_interaction))[SHARED]
    assert amounts(cost) == {"shared_interactions": 3000 * 3}


def test_a_hybrid_pays_a_dedicated_core_plus_shared_hours_for_the_rest():
    cost = by_option(price(worked_example(), RATES))[HYBRID]
    assert amounts(cost) == {
        "dedicated_agents": 4 * 2600,
        "dedicated_team_leads": 1 * 3400,
        "dedicated_setup": 5000 / 12,
        "shared_hours": 60 * 40,
    }


def test_a_company_with_a_team_keeps_it_as_the_hybrid_core():
    cost = by_option(price(worked_example(), RATES, existing_agents=3))[HYBRID]
    items = {line.item for line in cost.lines}
    assert {"agent_salaries", "shared_hours"} <= items
    assert "dedicated_agents" not in items


def test_a_small_low_volume_team_is_much_cheaper_shared_than_dedicated():
    small = plan(
        {"interactions_per_month": 150, "channels": ["email"], "aht_email_minutes": 8},
        ASSUMED,
    )
    costs = by_option(price(small, RATES))
    assert costs[SHARED].total * 3 < costs[DEDICATED].total


def test_a_large_round_the_clock_load_is_dearer_shared_than_dedicated():
    large = plan(
        {
            "interactions_per_month": 60000,
            "channels": ["email", "phone"],
            "aht_email_minutes": 8,
            "aht_phone_minutes": 6,
            "coverage": "24_7",
        },
        ASSUMED,
    )
    costs = by_option(price(large, RATES))
    assert costs[SHARED].total > costs[DEDICATED].total


def test_the_cheapest_option_and_team_size_become_figures_rules_can_test():
    staffing = worked_example()
    figures = figures_for_rules(staffing, price(staffing, RATES))
    assert figures["cheapest_option"] == SHARED
    assert figures["agents_needed"] == 10
    assert figures["cost_saving_percent"] == pytest.approx(100 * (1 - 16000 / 47566.67), abs=0.1)


@pytest.mark.parametrize("coverage", ["business_hours", "extended", "24_7"])
@pytest.mark.parametrize("industry", ["saas", "ecommerce", "fintech"])
def test_an_own_teams_cost_per_contact_falls_as_the_volume_grows_tenfold(coverage, industry):
    answers = {
        "industry": industry,
        "coverage": coverage,
        "channels": ["email", "chat", "phone"],
        "aht_email_minutes": 8,
        "aht_chat_minutes": 10,
        "aht_phone_minutes": 6,
        "share_email_percent": 50,
        "share_chat_percent": 30,
        "share_phone_percent": 20,
    }
    per_contact = []
    for volume in (500, 5_000, 50_000):
        staffing = plan({**answers, "interactions_per_month": volume}, ASSUMED)
        in_house = by_option(price(staffing, RATES))[IN_HOUSE]
        per_contact.append(in_house.total / volume)
    assert per_contact == sorted(per_contact, reverse=True)
