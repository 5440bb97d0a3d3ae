"""The one service between the wizard and the models."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from .engine import sensitivity
from .engine.advice import Advice, advise
from .engine.scoring import Rule
from .models import Assessment
from .questions import QUESTIONS
from .rulebook import Rulebook, current_rulebook


def assessment_create(*, answers: Mapping[str, Any]) -> Assessment:
    """Advise on the answers with the active rules and store a frozen copy of everything shown.

    The stored assessment holds every figure its result page shows, so a later change to an
    option, rule or assumption never changes a shared result.
    """
    rulebook = current_rulebook()
    assessment = assessment_build(answers=answers, rulebook=rulebook)
    # Worked out once, with the rules and figures the result used, and stored with it: a shared
    # link shows what the manager saw. The admin's trial of a rule has no use for it.
    assessment.result["sensitivity"] = assessment_sensitivity(answers=answers, rulebook=rulebook)
    assessment.full_clean()
    with transaction.atomic():
        assessment.save()
    return assessment


def assessment_build(*, answers: Mapping[str, Any], rulebook: Rulebook | None = None) -> Assessment:
    """The assessment the answers would get with the active rules, not saved.

    The one pipeline behind stored assessments and the admin's rule trial, so a trial scores
    exactly as the wizard would.
    """
    rulebook = rulebook or current_rulebook()
    advice, figures = advice_for(answers=answers, rulebook=rulebook)
    return Assessment(
        answers=advice.answers,
        result={
            **advice.to_dict(),
            "options": rulebook.options,
            "assumptions": rulebook.describe(figures),
        },
        rules_snapshot=rulebook.rules_snapshot(),
        winner=advice.result.winner or "",
    )


def advice_for(
    *,
    answers: Mapping[str, Any],
    rulebook: Rulebook,
    rules: Iterable[Rule] | None = None,
) -> tuple[Advice, dict[str, float]]:
    """The engine's advice on the answers (with `rules` instead of the rulebook's, if given).

    Blank costs take the admin's figures; the figures used are returned with the advice.
    """
    complete = with_assumed_costs(answers, rulebook)
    figures = figures_used(complete, rulebook)
    advice = advise(
        complete,
        rulebook.rules if rules is None else rules,
        rulebook.option_order,
        figures,
        close_margin=int(figures.get("close_call_margin", 2)),
    )
    return advice, figures


#: Every question a manager is asked, as the sensitivity search reads it.
SENSITIVITY_DIALS = tuple(
    sensitivity.Dial(
        key=q.key,
        kind=q.kind,
        minimum=q.min_value,
        maximum=q.max_value,
        choices=tuple(code for code, _label in q.choices),
        default=q.default,
        applies_if=q.applies_if,
        figure=q.assumption,
    )
    for q in QUESTIONS.values()
    if not q.derived
)


def assessment_sensitivity(*, answers: Mapping[str, Any], rulebook: Rulebook) -> dict[str, Any]:
    """For each answer, the nearest other answers that would change the recommendation.

    Plain data (question codes, values, option slugs) for the result page to put into words.
    """
    complete = with_assumed_costs(answers, rulebook)
    figures = figures_used(complete, rulebook)
    found = sensitivity.explore(
        complete,
        rulebook.rules,
        rulebook.option_order,
        figures,
        SENSITIVITY_DIALS,
        close_margin=int(figures.get("close_call_margin", 2)),
    )
    return found.to_dict()


def with_assumed_costs(answers: Mapping[str, Any], rulebook: Rulebook) -> dict[str, Any]:
    """Fill every cost the manager left blank with the admin's default figure."""
    filled = dict(answers)
    for question in QUESTIONS.values():
        if question.assumption and filled.get(question.key) is None:
            filled[question.key] = rulebook.assumptions.get(question.assumption)
    return filled


def figures_used(answers: Mapping[str, Any], rulebook: Rulebook) -> dict[str, float]:
    """The admin's assumptions, with the manager's own cost figures in their place."""
    own = {
        q.assumption: answers[q.key]
        for q in QUESTIONS.values()
        if q.assumption and answers.get(q.key) is not None
    }
    return {**rulebook.assumptions, **own}
