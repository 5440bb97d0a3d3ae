"""What each option costs, item by item, on examples a reader can follow by hand."""

from __future__ import annotations

import pytest

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
from advisor.engine.week import WEEKS_PER_MONTH
from advisor.rules.defaults import ASSUMPTION_DEFAULTS

RATES = Rates.from_values(ASSUMPTION_DEFAULTS)
ASSUMED = StaffingAssumptions.from_values(ASSUMPTION_DEFAULTS)
#: An agent's salary with 24% employer charges, a month and a week.
LOADED = 2500 * 1.24
LOADED_WEEK = LOADED / WEEKS_PER_MONTH


def team(agents: int, leads: int, *, at_work: int, nights: float = 0.0) -> TeamPlan:
    return TeamPlan(
        hours_per_week=45,
        channels=[],
        positions=0,
        agents=agents,
        team_leads=leads,
        workload_hours=0,
        most_at_work=at_work,
        out_of_hours_share=nights,
    )


def worked_example() -> Staffing:
    """An own team of 10 agents and a lead, 7 at work at the busiest hour, a fifth of their
    hours at night or at weekends; 400 hours of shared work a month (3,000 contacts, a tenth
    at night); a hybrid core of 4 agents, whose shared team does 150 hours (1,100 contacts,
    60% at night or at weekends)."""
    return Staffing(
        volume_per_month=3000,
        own_team=team(10, 1, at_work=7, nights=0.2),
        shared_hours=400,
        hybrid_core=team(4, 0, at_work=4),
        hybrid_shared_hours=150,
        hybrid_shared_volume=1100,
        closed_stretch_hours=0,
        first_response_met_when_closed=True,
        pooling=None,
        shared_volume=3000,
        shared_out_of_hours_share=0.1,
        hybrid_shared_out_of_hours_share=0.6,
    )


def by_option(costs):
    return {cost.option: cost for cost in costs}


def amounts(cost, *, one_off: bool = False):
    return {
        line.item: pytest.approx(line.amount)
        for line in cost.lines
        if line.one_off == one_off and line.amount
    }


def test_the_default_figures_are_the_ones_these_examples_use():
    assert (RATES.inhouse_agent_salary, RATES.employer_charges, RATES.inhouse_lead_salary) == (
        2500,
        0.24,
        3400,
    )
    assert (RATES.seat_overhead, RATES.tools_per_person, RATES.attrition) == (450, 120, 0.35)
    assert (RATES.dedicated_agent_rate, RATES.dedicated_minimum_agents) == (2600, 3)
    assert (RATES.shared_hourly_rate, RATES.shared_minimum_fee) == (40, 1500)


def test_an_in_house_team_pays_salaries_charges_desks_tools_leavers_and_night_hours():
    cost = by_option(price(worked_example(), RATES))[IN_HOUSE]
    assert amounts(cost) == {
        "agent_salaries": 10 * 2500,  # 25,000
        "team_lead_salaries": 3400,
        "employer_charges": (25_000 + 3400) * 0.24,  # 6,816
        # A fifth of 10 agents' hours at night: 2 agents' loaded pay x 25% premium.
        "out_of_hours_premium": 2 * LOADED * 0.25,  # 1,550
        "desks": (7 + 1) * 450,  # 7 agents at work at once and the lead: 3,600
        "tools": 11 * 120,  # 1,320
        "replacing_leavers": 10 * 0.35 / 12 * 12_000,  # 3,500
    }
    assert cost.total == pytest.approx(45_186)
    # Once: hiring the 11 and paying them 6 weeks while they learn.
    assert amounts(cost, one_off=True) == {
        "hiring": 11 * 3000,
        "training": 11 * 6 * LOADED_WEEK,
    }
    assert cost.first_year == pytest.approx(12 * 45_186 + 33_000 + 66 * LOADED_WEEK)
    assert cost.three_years == pytest.approx(36 * 45_186 + 33_000 + 66 * LOADED_WEEK)
    assert cost.per_contact == pytest.approx(45_186 / 3000)
    assert cost.start_weeks == 12  # 6 weeks to hire, 6 to train


def test_a_team_of_fifteen_has_its_own_support_manager():
    staffing = worked_example()
    staffing.own_team = team(15, 1, at_work=10)
    cost = by_option(price(staffing, RATES))[IN_HOUSE]
    assert amounts(cost)["support_manager_salary"] == 4500
    assert amounts(cost)["desks"] == (10 + 1 + 1) * 450


def test_a_team_of_twelve_kept_is_priced_with_all_twelve_and_hires_only_the_lead():
    cost = by_option(price(worked_example(), RATES, existing_agents=12))[IN_HOUSE]
    assert amounts(cost)["agent_salaries"] == 12 * 2500  # all twelve, though 10 would do
    assert amounts(cost, one_off=True)["hiring"] == 1 * 3000
    assert cost.start_weeks == 0


def test_a_team_of_twelve_kept_as_the_hybrids_core_is_priced_with_all_twelve():
    cost = by_option(price(worked_example(), RATES, existing_agents=12))[HYBRID]
    assert amounts(cost)["agent_salaries"] == 12 * 2500  # the core needs 4; 12 are employed
    assert "dedicated_agents" not in amounts(cost)
    assert "hiring" not in amounts(cost, one_off=True)
    assert amounts(cost)["shared_hours"] == 150 * 40


def test_a_team_of_twelve_let_go_for_a_provider_costs_severance_and_a_hand_over():
    costs = by_option(price(worked_example(), RATES, existing_agents=12))
    leaving = {
        "severance": 12 * 6000,  # 72,000
        "knowledge_transfer": 12 * 4 * LOADED_WEEK,  # 4 weeks of both teams
    }
    assert amounts(costs[SHARED], one_off=True) == leaving
    assert amounts(costs[DEDICATED], one_off=True) == {**leaving, "dedicated_setup": 7 * 800}


def test_a_dedicated_team_pays_the_rate_premiums_and_the_providers_fee():
    cost = by_option(price(worked_example(), RATES, languages=2))[DEDICATED]
    fees = 10 * 2600
    assert amounts(cost) == {
        "dedicated_agents": fees,
        "dedicated_out_of_hours": fees * 0.2 * 0.15,  # a fifth of the hours at night, +15%
        "dedicated_languages": fees * 0.5 * 0.15,  # one of two languages is less common
        "dedicated_management": fees * 0.10,
    }
    assert amounts(cost, one_off=True) == {"dedicated_setup": 7 * 800}  # a desk each at work
    assert cost.start_weeks == 6


def test_a_dedicated_team_is_never_smaller_than_the_providers_minimum():
    staffing = worked_example()
    staffing.own_team = team(1, 0, at_work=1)
    cost = by_option(price(staffing, RATES))[DEDICATED]
    assert amounts(cost)["dedicated_agents"] == 3 * 2600


def test_a_shared_team_bills_hours_of_work_with_a_night_surcharge():
    cost = by_option(price(worked_example(), RATES))[SHARED]
    assert amounts(cost) == {
        "shared_hours": 400 * 40,  # 16,000
        "shared_out_of_hours": 16_000 * 0.1 * 0.25,  # 400
    }
    assert cost.start_weeks == 2


def test_a_shared_team_billed_per_interaction_or_per_hour_bills_at_least_its_minimum():
    small = worked_example()
    small.shared_hours, small.shared_volume, small.shared_out_of_hours_share = 20, 150, 0.0
    per_hour = by_option(price(small, RATES))[SHARED]
    assert amounts(per_hour) == {"shared_hours": 20 * 40, "shared_minimum_fee": 1500 - 800}
    per_interaction = Rates.from_values({**ASSUMPTION_DEFAULTS, "shared_price_per_interaction": 3})
    billed = by_option(price(small, per_interaction))[SHARED]
    assert amounts(billed) == {"shared_interactions": 150 * 3, "shared_minimum_fee": 1500 - 450}
    large = by_option(price(worked_example(), per_interaction))[SHARED]
    assert amounts(large)["shared_interactions"] == 3000 * 3
    assert large.total == pytest.approx(9000 * 1.025)  # 10% of the work at night, +25%


def test_a_hybrid_without_a_team_pays_a_dedicated_core_and_the_shared_team_for_the_rest():
    cost = by_option(price(worked_example(), RATES))[HYBRID]
    assert amounts(cost) == {
        "dedicated_agents": 4 * 2600,
        "dedicated_management": 4 * 2600 * 0.1,
        "shared_hours": 150 * 40,
        "shared_out_of_hours": 6000 * 0.6 * 0.25,
    }
    assert cost.start_weeks == 6  # the dedicated core's ramp; the shared team starts sooner


def test_the_cheapest_option_and_team_size_become_figures_rules_can_test():
    staffing = worked_example()
    costs = price(staffing, RATES)
    figures = figures_for_rules(staffing, costs)
    assert figures["cheapest_option"] == SHARED
    assert figures["agents_needed"] == 10
    dearest = max(cost.total for cost in costs)
    assert figures["cost_saving_percent"] == pytest.approx(100 * (1 - 16_400 / dearest), abs=0.1)


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
        per_contact.append(by_option(price(staffing, RATES))[IN_HOUSE].per_contact)
    assert per_contact == sorted(per_contact, reverse=True)
