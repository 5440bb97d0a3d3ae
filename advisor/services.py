"""The one service between the wizard and the models."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from .engine.answers import derive
from .engine.scoring import assess
from .models import Assessment
from .questions import QUESTIONS
from .rulebook import Rulebook, current_rulebook


def assessment_create(*, answers: Mapping[str, Any]) -> Assessment:
    """Score the answers with the active rules and store them with a frozen copy of the result.

    The stored assessment holds everything its result page shows, so a later change to an
    option, rule or assumption never changes a shared result.
    """
    rulebook = current_rulebook()
    complete = derive(with_assumed_costs(answers, rulebook))
    result = assess(
        complete,
        rulebook.rules,
        rulebook.option_order,
        close_margin=int(rulebook.assumptions.get("close_call_margin", 2)),
    )
    assessment = Assessment(
        answers=complete,
        result={**result.to_dict(), "options": rulebook.options},
        rules_snapshot=rulebook.rules_snapshot(),
        winner=result.winner or "",
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
