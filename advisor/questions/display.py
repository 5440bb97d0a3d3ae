"""Answers as a manager reads them: labelled, formatted, grouped by wizard step."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from advisor.questions.definitions import (
    BOOLEAN,
    CHOICE,
    MONEY,
    MULTICHOICE,
    STEPS,
    Question,
    step_questions,
)


def format_number(value: float | int, *, money: bool = False) -> str:
    """A number in the reader's locale, grouped; money keeps cents, other numbers drop zeros."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return number_format(value, use_l10n=True, force_grouping=True)
    text = number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    return text if money else text.rstrip("0").rstrip(".,")


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
    text = _format_quantity(question, value)
    if question.key == "interactions_per_month" and answers.get("interactions_estimated"):
        text = _("%(answer)s (estimated from customers and contact rate)") % {"answer": text}
    return text


def _format_quantity(question: Question, value: float | int) -> str:
    number = format_number(value, money=question.kind == MONEY)
    if question.kind == MONEY:
        number = f"{number} {settings.ADVISOR_CURRENCY}"
    if question.counted is not None:
        # A fraction takes the plural form ("1.5 hours"); plural rules need a whole number.
        count = int(value) if float(value).is_integer() else 2
        return question.counted % {"count": count, "value": number}
    return with_unit(number, str(question.unit))


def with_unit(number: str, unit: str) -> str:
    """A formatted number and its unit: "30%", "40 hours a week"."""
    return f"{number}{unit}" if unit.startswith("%") else f"{number} {unit}".strip()


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
