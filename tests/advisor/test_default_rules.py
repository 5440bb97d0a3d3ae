"""The default rules and figures encode the source material, and every answer counts.

The whole advice is used (staffing, costs, money and time to start, then rules), as a manager
gets it; answers not named are the neutral ones most managers keep.
"""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

from advisor.engine.advice import advise
from advisor.engine.costs import DEDICATED, HYBRID, IN_HOUSE, SHARED
from advisor.engine.decision import START_DEADLINE_WEEKS
from advisor.engine.demand import CHANNELS
from advisor.engine.profiles import DEFAULT_PROFILES
from advisor.engine.scoring import PRIORITY_GROUPS
from advisor.engine.week import BUSINESS_HOURS, EXTENDED, ROUND_THE_CLOCK
from advisor.questions.definitions import BOOLEAN, CHOICE, MULTICHOICE, QUESTIONS
from advisor.rules.defaults import ASSUMPTION_DEFAULTS, OPTION_ORDER, RULES, engine_rules
from tests.answers import TYPED_ANSWERS

RULE_SET = engine_rules()
VOLUMES = (50, 300, 1_000, 3_000, 10_000, 30_000, 100_000)
CHANNEL_MIXES = (("email",), ("chat", "phone"), ("email", "chat", "phone"))
COVERAGES = (BUSINESS_HOURS, EXTENDED, ROUND_THE_CLOCK)


def recommend(**changes):
    return advise({**TYPED_ANSWERS, **changes}, RULE_SET, OPTION_ORDER, ASSUMPTION_DEFAULTS).result


def grid(**fixed):
    """The winner of every profile: volume x channels x coverage x team x pattern."""
    axes = {
        "interactions_per_month": VOLUMES,
        "channels": CHANNEL_MIXES,
        "coverage": COVERAGES,
        "existing_team_agents": (0, 12),
        "demand_pattern": ("stable", "seasonal"),
    }
    axes.update({key: (value,) for key, value in fixed.items()})
    keys = list(axes)
    return {
        values: recommend(
            **{k: list(v) if k == "channels" else v for k, v in zip(keys, values, strict=True)}
        )
        for values in itertools.product(*axes.values())
    }


@pytest.fixture(scope="module")
def neutral_grid():
    return grid()


def winners(results) -> Counter:
    return Counter(result.winner for result in results.values())


def test_low_volume_without_a_team_goes_to_a_shared_team():
    for volume in (50, 300):
        assert set(winners(grid(interactions_per_month=volume, existing_team_agents=0))) == {SHARED}


def test_a_team_with_nights_weekends_or_peaks_to_cover_gets_a_hybrid():
    # The source: a core team in standard hours, a shared team for nights, weekends and peaks.
    for coverage in (EXTENDED, ROUND_THE_CLOCK):
        for volume in (50, 300, 1_000, 3_000):
            results = grid(
                existing_team_agents=12, coverage=coverage, interactions_per_month=volume
            )
            assert set(winners(results)) == {HYBRID}, (coverage, volume)
    seasonal = grid(existing_team_agents=12, demand_pattern="seasonal", interactions_per_month=3000)
    assert set(winners(seasonal)) == {HYBRID}


def test_steady_high_volume_round_the_clock_without_a_team_mostly_goes_to_a_dedicated_team():
    results = grid(
        coverage=ROUND_THE_CLOCK,
        demand_pattern="stable",
        existing_team_agents=0,
        interactions_per_month=100_000,
    )
    assert winners(results).most_common(1)[0][0] == DEDICATED


def test_fluctuating_volume_goes_to_the_options_that_grow_and_shrink():
    results = grid(demand_pattern="seasonal", existing_team_agents=0)
    assert set(winners(results)) <= {SHARED, HYBRID}


def test_a_team_in_business_hours_with_steady_demand_can_stay_in_house():
    results = grid(existing_team_agents=12, coverage=BUSINESS_HOURS, demand_pattern="stable")
    assert IN_HOUSE in winners(results)


def test_no_option_wins_by_the_default_structure(neutral_grid):
    counts = winners(neutral_grid)
    assert set(counts) >= {SHARED, DEDICATED, HYBRID}
    assert max(counts.values()) < 0.7 * len(neutral_grid)


def test_answers_most_managers_keep_give_no_option_points():
    neutral = {
        "control_need": "medium",
        "data_sensitivity": "personal",
        "escalation_expertise": "basic",
        "cost_preference": "no_preference",
    }
    per_option = Counter()
    for spec in RULES:
        if spec["question"] in neutral and spec["value"] == neutral[spec["question"]]:
            per_option[spec["option"]] += spec["points"]
    assert set(per_option.values()) <= {0}


def test_a_non_standard_consumer_product_with_deep_escalations_stays_in_house():
    result = recommend(
        industry="consumer_goods", product_type="non_standard", escalation_expertise="deep_product"
    )
    assert result.winner == IN_HOUSE


def test_high_control_over_regulated_data_keeps_support_in_house():
    result = recommend(
        control_need="high",
        data_sensitivity="regulated",
        product_type="non_standard",
        interactions_per_month=3000,
    )
    assert result.winner == IN_HOUSE


def test_a_saas_company_with_twelve_agents_and_nights_and_weekends_is_told_hybrid():
    result = recommend(
        industry="saas",
        existing_team_agents=12,
        coverage=ROUND_THE_CLOCK,
        interactions_per_month=10_000,
        channels=["email", "chat", "phone"],
    )
    assert result.winner == HYBRID


def test_a_short_term_project_is_not_ruled_out_in_house_for_a_company_with_a_team():
    result = recommend(demand_pattern="short_term", existing_team_agents=8)
    in_house = next(score for score in result.scores if score.option == IN_HOUSE)
    assert not in_house.excluded


def test_a_company_that_must_start_within_weeks_is_not_told_to_hire():
    result = recommend(industry="saas", start_urgency="weeks")
    assert result.winner == SHARED
    late = {f.option for f in result.fired if f.key.startswith("start_weeks-")}
    assert late == {IN_HOUSE, DEDICATED, HYBRID}


#: The answers the engine itself reads, besides any rule, from the engine's own tables.
ENGINE_READS = {
    "industry": set(DEFAULT_PROFILES),
    "coverage": set(COVERAGES),
    "channels": set(CHANNELS),
    "demand_pattern": {
        slug.removeprefix("peak_month_")
        for slug in ASSUMPTION_DEFAULTS
        if slug.startswith("peak_month_")
    },
    "start_urgency": set(START_DEADLINE_WEEKS),
    "priorities": set(PRIORITY_GROUPS),
    "agent_channels": {"all", "one"},
}


def read_by_rules() -> dict[str, set]:
    read: dict[str, set] = {}
    for rule in RULE_SET:
        values = rule.value if isinstance(rule.value, list | tuple) else [rule.value]
        read.setdefault(rule.question, set()).update(
            "yes" if value is True else value for value in values
        )
    return read


def test_every_answer_the_wizard_offers_is_read_by_a_rule_or_the_engine():
    by_rules = read_by_rules()
    unread = []
    for question in QUESTIONS.values():
        if question.derived or question.kind not in (CHOICE, MULTICHOICE, BOOLEAN):
            continue
        read = by_rules.get(question.key, set()) | ENGINE_READS.get(question.key, set())
        unread += [f"{question.key}={code}" for code, _ in question.choices if code not in read]
    assert unread == []


def test_agents_who_work_every_channel_and_one_channel_are_staffed_differently():
    answers = {"channels": ["email", "chat", "phone"], "interactions_per_month": 3000}
    every = advise(
        {**TYPED_ANSWERS, **answers, "agent_channels": "all"}, [], OPTION_ORDER, ASSUMPTION_DEFAULTS
    )
    one = advise(
        {**TYPED_ANSWERS, **answers, "agent_channels": "one"}, [], OPTION_ORDER, ASSUMPTION_DEFAULTS
    )
    assert every.staffing.own_team.agents != one.staffing.own_team.agents
