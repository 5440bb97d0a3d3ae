"""The one service between the wizard and the models."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from .engine.advice import advise
from .models import Assessment
from .questions import QUESTIONS
from .rulebook import Rulebook, current_rulebook


def assessment_create(*, answers: Mapping[str, Any]) -> Assessment:
    """Advise on the answers with the active rules and store a frozen copy of everything shown.

    The stored assessment holds every figure its result page shows, so a later change to an
    option, rule or assumption never changes a shared result.
    """
    rulebook = current_rulebook()
    complete = with_assumed_costs(answers, rulebook)
    figures = figures_used(complete, rulebook)
    advice = advise(
        complete,
        rulebook.rules,
        rulebook.option_order,
        figures,
        close_margin=int(figures.get("close_call_margin", 2)),
    )
    assessment = Assessment(
        answers=advice.answers,
        result={
            **advice.to_dict(),
            "options": rulebook.options,
            "assumptions": rulebook.describe(figures),
        },
        rules_snapshot=rulebook.rules_snapshot(),
        winner=advice.result.winner or "",
    )
    assessment.full_clean()
    with transaction.atomic():
        assessment.save()
    return assessment


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
