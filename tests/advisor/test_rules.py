"""Rules as data: what admins may type, what is refused and why, and the default rule set."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command

from advisor.models import Option, Rule
from advisor.questions.definitions import QUESTIONS
from advisor.questions.rule_values import parse_rule_value
from advisor.rules import defaults
from advisor.rules.defaults import seed_defaults

pytestmark = pytest.mark.django_db


def make_rule(**fields) -> Rule:
    values = {
        "question": "interactions_per_month",
        "operator": "lte",
        "value": "100",
        "option": Option.objects.get(slug=defaults.SHARED),
        "points": 2,
        "rationale": "Low volume.",
        **fields,
    }
    return Rule(**values)


def refusal(rule: Rule) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        rule.full_clean()
    return caught.value.message_dict


@pytest.mark.parametrize(
    ("question", "operator", "value", "parsed"),
    [
        ("interactions_per_month", "lt", "100", 100),
        ("interactions_per_month", "lte", " 1 000 ", 1000),
        ("interactions_per_month", "gt", "99.5", 99.5),
        ("contact_rate_percent", "gte", "2.5", 2.5),
        ("shared_hourly_rate", "between", "10, 40", [10, 40]),
        ("demand_pattern", "is", "seasonal", "seasonal"),
        ("demand_pattern", "is_not", "stable", "stable"),
        ("industry", "in", "saas, fintech ,gaming", ["saas", "fintech", "gaming"]),
        ("channels", "includes", "phone", "phone"),
        ("channels", "excludes", "chat", "chat"),
        ("has_existing_team", "is", "yes", True),
        ("has_existing_team", "is", "No", False),
    ],
)
def test_a_value_that_fits_its_question_and_operator_is_accepted(question, operator, value, parsed):
    rule = make_rule(question=question, operator=operator, value=value)
    rule.full_clean()
    assert parse_rule_value(QUESTIONS[question], operator, value) == parsed


@pytest.mark.parametrize(
    ("question", "operator"),
    [
        ("interactions_per_month", "is"),
        ("interactions_per_month", "includes"),
        ("demand_pattern", "gt"),
        ("demand_pattern", "between"),
        ("channels", "is"),
        ("has_existing_team", "lt"),
        ("has_existing_team", "in"),
    ],
)
def test_an_operator_that_does_not_fit_the_question_type_is_refused(question, operator):
    errors = refusal(make_rule(question=question, operator=operator, value="1"))
    assert "does not fit the question" in errors["operator"][0]


@pytest.mark.parametrize(
    ("question", "operator", "value", "message"),
    [
        ("interactions_per_month", "lte", "lots", "is not a number"),
        ("interactions_per_month", "lte", "", "cannot be blank"),
        ("interactions_per_month", "lte", "inf", "finite number"),
        ("interactions_per_month", "between", "100", "two numbers separated by a comma"),
        ("interactions_per_month", "between", "500, 100", "smaller number first"),
        ("demand_pattern", "is", "Seasonal peaks", "use one of: stable, seasonal"),
        ("industry", "in", "saas, banking", "“banking” is not an answer"),
        ("industry", "in", " , ", "separated by commas"),
        ("channels", "includes", "fax", "is not an answer"),
        ("has_existing_team", "is", "maybe", "Type yes or no"),
    ],
)
def test_a_value_that_does_not_fit_is_refused_with_a_clear_message(
    question, operator, value, message
):
    errors = refusal(make_rule(question=question, operator=operator, value=value))
    assert message in errors["value"][0]


def test_an_unknown_question_is_refused():
    errors = refusal(make_rule(question="shoe_size"))
    assert "question" in errors


def test_a_rule_worth_nothing_is_refused():
    errors = refusal(make_rule(points=0))
    assert "does nothing" in errors["points"][0]


def test_an_excluding_rule_must_not_also_give_points():
    errors = refusal(make_rule(exclude=True, points=3))
    assert "set its points to 0" in errors["points"][0]
    make_rule(exclude=True, points=0).full_clean()


def test_points_stay_within_a_sane_range():
    assert "points" in refusal(make_rule(points=1000))


def test_the_default_rule_set_is_installed_and_every_rule_is_valid():
    rules = list(Rule.objects.select_related("option"))
    assert len(rules) >= 30
    assert len(rules) == len(defaults.RULES)
    for rule in rules:
        rule.full_clean()
    options = set(Option.objects.values_list("slug", flat=True))
    assert options == {defaults.IN_HOUSE, defaults.DEDICATED, defaults.SHARED, defaults.HYBRID}
    assert all({r.option.slug for r in rules if r.option.slug == slug} for slug in options)


def test_the_default_rules_cover_every_point_of_the_source_material():
    questions = {rule["question"] for rule in defaults.RULES}
    assert questions >= {
        "interactions_per_month",
        "demand_pattern",
        "has_existing_team",
        "coverage",
        "cost_preference",
        "control_need",
        "escalation_expertise",
        "product_type",
        "industry",
        "start_urgency",
        "data_sensitivity",
        "languages",
    }


def test_seeding_twice_changes_nothing_and_never_overwrites_an_edit():
    rule = Rule.objects.get(slug="fluctuating-shared")
    rule.points = 7
    rule.save()
    assert seed_defaults(apps) == 0
    assert Rule.objects.count() == len(defaults.RULES)
    assert Rule.objects.get(slug="fluctuating-shared").points == 7


def test_load_defaults_restores_a_deleted_default_rule(capsys):
    Rule.objects.filter(slug="fluctuating-hybrid").delete()
    call_command("load_defaults")
    assert Rule.objects.filter(slug="fluctuating-hybrid").exists()
    assert "1 default rows created" in capsys.readouterr().out
