"""The scoring engine on plain data: operators, ranking, verdicts and the source material."""

from __future__ import annotations

import pytest

from advisor.engine.answers import derive
from advisor.engine.scoring import Rule, assess
from advisor.rules.defaults import SHARED
from tests.conftest import OPTION_ORDER, engine_rules

#: A middle-of-the-road company; each situation below changes what the source material names.
BASE = {
    "industry": "other",
    "product_type": "configurable",
    "customers": 5000,
    "interactions_per_month": 600,
    "contact_rate_percent": 5.0,
    "demand_pattern": "stable",
    "channels": ["email", "chat"],
    "coverage": "business_hours",
    "languages": 1,
    "control_need": "medium",
    "data_sensitivity": "personal",
    "cost_preference": "no_preference",
    "start_urgency": "months",
    "escalation_expertise": "basic",
    "existing_team_agents": 0,
}


def recommend(**changes):
    return assess(derive({**BASE, **changes}), engine_rules(), OPTION_ORDER)


def rule(operator, value, question="q", option="a", points=1, **kwargs) -> Rule:
    return Rule(
        key=f"{question}-{operator}",
        question=question,
        operator=operator,
        value=value,
        option=option,
        points=points,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("operator", "value", "answer", "fires"),
    [
        ("lt", 100, 99, True),
        ("lt", 100, 100, False),
        ("lte", 100, 100, True),
        ("lte", 100, 101, False),
        ("gt", 100, 101, True),
        ("gt", 100, 100, False),
        ("gte", 100, 100, True),
        ("gte", 100, 99.5, False),
        ("between", [100, 200], 100, True),
        ("between", [100, 200], 200, True),
        ("between", [100, 200], 201, False),
        ("is", "seasonal", "seasonal", True),
        ("is", "seasonal", "stable", False),
        ("is", True, True, True),
        ("is", True, False, False),
        ("is_not", "seasonal", "stable", True),
        ("is_not", "seasonal", "seasonal", False),
        ("in", ["saas", "fintech"], "fintech", True),
        ("in", ["saas", "fintech"], "gaming", False),
        ("includes", "phone", ["email", "phone"], True),
        ("includes", "phone", ["email"], False),
        ("excludes", "phone", ["email"], True),
        ("excludes", "phone", ["phone"], False),
    ],
)
def test_each_operator_fires_exactly_when_its_condition_holds(operator, value, answer, fires):
    result = assess({"q": answer}, [rule(operator, value)], ["a"])
    assert (len(result.fired) == 1) is fires
    assert result.scores[0].points == (1 if fires else 0)


@pytest.mark.parametrize(
    ("operator", "value", "answer"),
    [
        ("gt", 1, "many"),
        ("gt", 1, True),
        ("is", True, 1),
        ("in", ["a"], ["a"]),
        ("includes", "a", "a"),
    ],
)
def test_an_answer_of_the_wrong_type_never_fires_a_rule(operator, value, answer):
    result = assess({"q": answer}, [rule(operator, value)], ["a"])
    assert result.fired == []


def test_a_missing_answer_fires_nothing_and_all_options_tie():
    result = assess({}, engine_rules(), OPTION_ORDER)
    assert result.fired == []
    assert result.verdict == "tie"
    assert {s.points for s in result.scores} == {0}
    assert {s.normalised for s in result.scores} == {50}
    assert result.winner == OPTION_ORDER[0]


def test_no_rules_still_gives_a_ranked_result():
    result = assess(BASE, [], OPTION_ORDER)
    assert [s.option for s in result.scores] == OPTION_ORDER
    assert result.verdict == "tie"


def test_points_add_up_and_the_best_option_wins():
    rules = [
        rule("gt", 10, option="a", points=2),
        rule("gt", 5, option="a", points=1),
        rule("gt", 10, option="b", points=-4),
    ]
    result = assess({"q": 20}, rules, ["b", "a"])
    assert [(s.option, s.points) for s in result.scores] == [("a", 3), ("b", -4)]
    assert result.winner == "a"
    assert result.margin == 7
    assert result.verdict == "clear"
    assert [s.normalised for s in result.scores] == [88, 0]


def test_a_margin_within_the_close_call_margin_is_a_close_call():
    rules = [rule("gt", 0, option="a", points=5), rule("gt", 0, option="b", points=3)]
    assert assess({"q": 1}, rules, ["a", "b"], close_margin=2).verdict == "close"
    assert assess({"q": 1}, rules, ["a", "b"], close_margin=1).verdict == "clear"


def test_equal_points_are_a_tie_and_without_costs_the_options_keep_their_order():
    rules = [rule("gt", 0, option="a", points=2), rule("gt", 0, option="b", points=2)]
    assert assess({"q": 1}, rules, ["b", "a"]).winner == "b"
    assert assess({"q": 1}, rules, ["a", "b"]).winner == "a"
    assert assess({"q": 1}, rules, ["a", "b"]).verdict == "tie"


def test_an_excluded_option_cannot_win_whatever_its_points():
    rules = [
        rule("gt", 0, option="a", points=50),
        rule("gt", 0, option="a", exclude=True, rationale="Not for you."),
        rule("gt", 0, option="b", points=1),
    ]
    result = assess({"q": 1}, rules, ["a", "b"])
    assert result.winner == "b"
    assert result.runner_up is None
    excluded = result.scores[-1]
    assert (excluded.option, excluded.excluded, excluded.normalised) == ("a", True, 0)
    assert excluded.exclusions == ["Not for you."]


def test_when_every_option_is_excluded_there_is_no_winner():
    rules = [rule("gt", 0, option=o, exclude=True) for o in ("a", "b")]
    result = assess({"q": 1}, rules, ["a", "b"])
    assert (result.winner, result.verdict) == (None, "none")


def test_rules_about_unknown_options_are_ignored():
    result = assess({"q": 1}, [rule("gt", 0, option="gone", points=9)], ["a"])
    assert result.fired == []


def test_every_fired_rule_carries_its_rationale_points_group_and_the_answer():
    result = recommend(interactions_per_month=80, demand_pattern="seasonal")
    fired = {f.key: f for f in result.fired}
    peaks = fired["fluctuating-shared"]
    assert (peaks.option, peaks.points, peaks.answer, peaks.group) == (
        SHARED,
        2,
        "seasonal",
        "flexibility",
    )
    assert "seasonal peaks" in peaks.rationale


def test_the_same_answers_always_give_the_same_result():
    first = recommend(demand_pattern="spiky", coverage="24_7").to_dict()
    assert all(
        recommend(demand_pattern="spiky", coverage="24_7").to_dict() == first for _ in range(5)
    )


# The source material's situations with the whole advice are in test_default_rules.py.


def test_regulated_data_counts_against_a_shared_team():
    plain = recommend()
    regulated = recommend(data_sensitivity="regulated")

    def shared(result):
        return next(s.points for s in result.scores if s.option == SHARED)

    assert shared(regulated) < shared(plain)


def test_a_blank_volume_is_estimated_from_customers_and_contact_rate():
    answers = derive({**BASE, "interactions_per_month": None, "customers": 1500})
    assert answers["interactions_per_month"] == 1500 * 5 // 100  # 5% of customers a month
    assert answers["interactions_estimated"] is True
    result = recommend(interactions_per_month=None, customers=150_000, contact_rate_percent=2.0)
    fired = {f.key: f for f in result.fired}
    assert fired["high-volume-shared"].answer == 3000
