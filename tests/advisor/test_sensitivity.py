"""What would change the recommendation, on plain data: no database, the engine alone."""

from __future__ import annotations

import pytest

from advisor.engine import sensitivity
from advisor.engine.advice import advise
from advisor.engine.boundaries import Change
from advisor.engine.sensitivity import Dial, explore
from advisor.rules import defaults
from advisor.rules.defaults import ASSUMPTION_DEFAULTS, DEDICATED, SHARED
from tests.answers import TYPED_ANSWERS as ANSWERS
from tests.conftest import OPTION_ORDER, engine_rules

#: The questions as the service describes them (a few, to keep each test's intent plain).
VOLUME = Dial("interactions_per_month", "integer", minimum=0, maximum=50_000_000)
CUSTOMERS = Dial("customers", "integer", minimum=1, maximum=100_000_000)
CONTACT_RATE = Dial(
    "contact_rate_percent",
    "number",
    minimum=0.01,
    maximum=1000,
    default=5,
    applies_if=("interactions_estimated", True),
)
EMAIL_TIME = Dial(
    "aht_email_minutes", "number", 0.5, 480, default=8, applies_if=("channels", "email")
)
PHONE_TIME = Dial(
    "aht_phone_minutes", "number", 0.5, 480, default=6, applies_if=("channels", "phone")
)
DEDICATED_RATE = Dial("dedicated_agent_rate", "money", 0, 1_000_000, figure="dedicated_agent_rate")
PATTERN = Dial("demand_pattern", "choice", choices=("stable", "seasonal", "spiky", "short_term"))
CHANNELS = Dial("channels", "multichoice", choices=("email", "chat", "phone"))
PATIENCE = Dial("patience_seconds", "integer", 5, 3600)


def rules_on(*questions: str):
    return engine_rules([spec for spec in defaults.RULES if spec["question"] in questions])


def winner(answers, rules, figures=ASSUMPTION_DEFAULTS):
    return advise(answers, rules, OPTION_ORDER, figures).result.winner


#: The default figures with no points for money or time to start: only the rules score, and
#: equal scores go to the cheaper option.
RULES_ONLY = {
    **ASSUMPTION_DEFAULTS,
    "cost_points_cap": 0,
    "cost_points_at_10_percent": 0,
    "late_start_points": 0,
}


def volume_rule(slug, operator, value, option):
    return {
        "slug": slug,
        "question": "interactions_per_month",
        "operator": operator,
        "value": value,
        "option": option,
        "points": 3,
        "exclude": False,
        "rationale": "",
    }


#: Shared gets 3 points up to 100 interactions a month, dedicated from 2,000.
VOLUME_RULES = [
    volume_rule("low-shared", "lte", "100", SHARED),
    volume_rule("high-dedicated", "gte", "2000", DEDICATED),
]


def test_the_boundaries_of_a_number_are_the_rules_own_thresholds():
    rules = engine_rules(VOLUME_RULES)
    found = explore({**ANSWERS, "interactions_per_month": 600}, rules, OPTION_ORDER,
                    RULES_ONLY, [VOLUME])  # fmt: skip
    # No rule fires at 600: a tie of all four, and the cheapest (shared) comes first.
    assert found.winner == SHARED
    (volume,) = found.findings
    assert volume.question == "interactions_per_month" and volume.value == 600
    assert volume.above == Change(2000, DEDICATED)
    assert volume.below is None  # below 600 shared only wins by more


def test_a_strict_threshold_on_a_decimal_is_found_to_a_tenth():
    rules = engine_rules(
        [
            {
                "slug": "slow-email-shared",
                "question": "aht_email_minutes",
                "operator": "gt",
                "value": "12.5",
                "option": DEDICATED,
                "points": 1,
                "exclude": False,
                "rationale": "",
            }
        ]
    )
    found = explore(ANSWERS, rules, OPTION_ORDER, RULES_ONLY, [EMAIL_TIME])
    assert found.winner == SHARED  # a tie of all, broken by cost
    (email,) = found.findings
    assert email.above == Change(12.6, DEDICATED)
    assert email.below is None


@pytest.mark.parametrize("volume", [600, 20_000])
def test_a_boundary_the_costs_make_is_exact_to_one_unit(volume):
    rules = []  # only what each option costs scores
    answers = {**ANSWERS, "interactions_per_month": volume}
    before = winner(answers, rules)
    found = explore(answers, rules, OPTION_ORDER, ASSUMPTION_DEFAULTS, [VOLUME])
    (finding,) = found.findings
    if finding.above:
        edge = finding.above.value
        assert winner({**answers, "interactions_per_month": edge - 1}, rules) == before
        assert winner({**answers, "interactions_per_month": edge}, rules) == finding.above.winner
    if finding.below:
        edge = finding.below.value
        assert winner({**answers, "interactions_per_month": edge + 1}, rules) == before
        assert winner({**answers, "interactions_per_month": edge}, rules) == finding.below.winner
    assert before not in {
        finding.above and finding.above.winner,
        finding.below and finding.below.winner,
    }
    assert finding.above or finding.below


def test_a_rate_that_replaces_a_figure_moves_the_costs_with_it():
    rules = []  # only what each option costs scores
    answers = {**ANSWERS, "interactions_per_month": 20000, "coverage": "24_7"}
    assert winner(answers, rules) == DEDICATED
    found = explore(answers, rules, OPTION_ORDER, ASSUMPTION_DEFAULTS, [DEDICATED_RATE])
    (rate,) = found.findings
    assert rate.below is None  # cheaper still only widens the lead
    edge = rate.above.value

    def at(amount):
        figures = {**ASSUMPTION_DEFAULTS, "dedicated_agent_rate": amount}
        return winner({**answers, "dedicated_agent_rate": amount}, rules, figures)

    assert at(edge - 1) == DEDICATED
    assert at(edge) == rate.above.winner != DEDICATED


#: Steady demand at 3,000 a month in business hours: a dedicated team.
STEADY = {**ANSWERS, "interactions_per_month": 3000}


def test_each_other_choice_that_changes_the_winner_is_named_with_the_new_winner():
    found = explore(STEADY, engine_rules(), OPTION_ORDER, ASSUMPTION_DEFAULTS, [PATTERN])
    (pattern,) = found.findings
    assert found.winner == DEDICATED
    assert pattern.value == "stable"
    assert Change("seasonal", SHARED) in pattern.alternatives
    assert Change("short_term", SHARED) in pattern.alternatives
    assert all(change.value != "stable" for change in pattern.alternatives)


def test_channels_are_tried_one_added_or_removed_at_a_time():
    tried = []

    def spy(*args, **kwargs):
        tried.append(args[0]["channels"])
        return advise(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sensitivity, "advise", spy)
        explore(ANSWERS, engine_rules(), OPTION_ORDER, ASSUMPTION_DEFAULTS, [CHANNELS])
    assert tried[1:] == [["chat"], ["email"], ["email", "chat", "phone"]]


def test_a_channel_brought_into_play_takes_its_default_handling_time():
    seen = []

    def spy(*args, **kwargs):
        seen.append(args[0].get("aht_phone_minutes"))
        return advise(*args, **kwargs)

    answers = {**ANSWERS, "aht_phone_minutes": None}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sensitivity, "advise", spy)
        explore(answers, engine_rules(), OPTION_ORDER, ASSUMPTION_DEFAULTS, [CHANNELS, PHONE_TIME])
    assert seen[0] is None  # the answers as given
    assert 6 in seen  # with phone added


def test_only_questions_that_apply_and_were_answered_are_explored():
    dials = [VOLUME, CUSTOMERS, CONTACT_RATE, PHONE_TIME, PATIENCE]
    typed = explore(ANSWERS, engine_rules(), OPTION_ORDER, ASSUMPTION_DEFAULTS, dials)
    assert {f.question for f in typed.findings} == {"interactions_per_month"}
    estimated = {**ANSWERS, "interactions_per_month": None, "customers": 12_000}
    found = explore(estimated, engine_rules(), OPTION_ORDER, ASSUMPTION_DEFAULTS, dials)
    explored = {f.question for f in found.findings}
    assert "interactions_per_month" not in explored  # left blank: estimated, not answered
    assert {"customers", "contact_rate_percent"} <= explored
    assert "aht_phone_minutes" not in explored and "patience_seconds" not in explored


def test_the_customers_boundary_follows_the_estimate_of_interactions():
    estimated = {**ANSWERS, "interactions_per_month": None, "customers": 5000}
    found = explore(estimated, engine_rules(), OPTION_ORDER, ASSUMPTION_DEFAULTS, [CUSTOMERS])
    assert found.winner == SHARED  # 5% of 5,000 customers: 250 interactions a month
    (customers,) = found.findings
    # Somewhat over 2,000 interactions a month a dedicated team takes over.
    edge = customers.above.value
    assert customers.above.winner == DEDICATED
    assert 2000 < edge * 5 / 100 < 3000
    assert winner({**estimated, "customers": edge}, engine_rules()) == DEDICATED
    assert winner({**estimated, "customers": edge - 1}, engine_rules()) == SHARED


def test_the_work_per_question_is_capped_and_a_boundary_beyond_it_is_left_out():
    runs = []

    def counting(*args, **kwargs):
        runs.append(1)
        return advise(*args, **kwargs)

    rules = engine_rules(VOLUME_RULES)
    answers = {**ANSWERS, "interactions_per_month": 600}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sensitivity, "advise", counting)
        found = explore(answers, rules, OPTION_ORDER, RULES_ONLY, [VOLUME], budget=3)
    assert len(runs) == 1 + 3  # the answers as given, then the budget
    assert found.findings == []  # nothing guessed


def test_every_question_together_stays_within_its_budget():
    runs = []

    def counting(*args, **kwargs):
        runs.append(1)
        return advise(*args, **kwargs)

    dials = [VOLUME, CUSTOMERS, CONTACT_RATE, EMAIL_TIME, PHONE_TIME, DEDICATED_RATE, PATTERN]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sensitivity, "advise", counting)
        explore(ANSWERS, engine_rules(), OPTION_ORDER, ASSUMPTION_DEFAULTS, dials)
    assert len(runs) <= 1 + sensitivity.EVALUATIONS_PER_QUESTION * len(dials)


def test_the_findings_are_plain_data_for_the_stored_result():
    found = explore(STEADY, engine_rules(), OPTION_ORDER, ASSUMPTION_DEFAULTS, [PATTERN, VOLUME])
    data = found.to_dict()
    assert data["winner"] == DEDICATED
    pattern = next(f for f in data["findings"] if f["question"] == "demand_pattern")
    assert {"value": "short_term", "winner": SHARED} in pattern["alternatives"]


def test_past_its_time_the_search_stops_and_says_it_is_incomplete():
    dials = [PATTERN, VOLUME]
    stopped = explore(STEADY, engine_rules(), OPTION_ORDER, ASSUMPTION_DEFAULTS, dials, seconds=0)
    assert stopped.winner == DEDICATED
    assert stopped.findings == [] and stopped.complete is False
    full = explore(STEADY, engine_rules(), OPTION_ORDER, ASSUMPTION_DEFAULTS, dials)
    assert full.complete is True and full.findings
