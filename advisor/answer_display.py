"""Answers as a manager reads them: labelled, formatted, grouped by wizard step."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .questions import BOOLEAN, CHOICE, MONEY, MULTICHOICE, STEPS, Question, step_questions


def format_number(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    decimals = 0 if isinstance(value, int) else 2
    text = number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return text.rstrip("0").rstrip(".,") if decimals else text


def format_answer(question: Question, value: Any, answers: Mapping[str, Any]) -> str:
    """One answer as text, with its unit; "Not answered" for a blank."""
    if value is None or value in ([], ""):
        return _("Not answered")
    if question.kind == CHOICE:
        return question.choice_label(value)
    if question.kind == MULTICHOICE:
        return ", ".join(question.choice_label(code) for code in value)
    if question.kind == BOOLEAN:
        return _("Yes") if value else _("No")
    number = format_number(value)
    if question.kind == MONEY:
        number = f"{number} {settings.ADVISOR_CURRENCY}"
    text = f"{number} {question.unit}".strip()
    if question.key == "interactions_per_month" and answers.get("interactions_estimated"):
        text = _("%(answer)s (estimated from customers and contact rate)") % {"answer": text}
    return text


def answer_sections(answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    """For each wizard step, its title and the answers that matter given the others."""
    sections = []
    for step in STEPS:
        rows = [
            {
                "key": question.key,
                "label": question.label,
                "value": format_answer(question, answers.get(question.key), answers),
            }
            for question in step_questions(step.key)
            if question.applies(dict(answers))
        ]
        sections.append({"step": step, "rows": rows})
    return sections
