"""A stored assessment's answers turned back into what each wizard step's form posts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from advisor.questions.definitions import QUESTIONS
from advisor.questions.forms import FORM_LIST


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _posted(value: Any) -> list[str]:
    """One field's values as a browser posts them: a list of strings, empty when blank."""
    if value is None or isinstance(value, dict):
        return []
    if isinstance(value, list | tuple):
        return [_as_text(item) for item in value]
    return [_as_text(value)]


def _field_values(key: str, field: forms.Field, answers: Mapping[str, Any]) -> list[str]:
    """The stored answer when this version's field accepts it, else the question's default.

    A value with no default to fall back on is kept, so the step shows the field's own error
    when the manager reaches it; a question added since the assessment takes its default.
    """
    question = QUESTIONS[key]
    if key == "interactions_per_month" and answers.get("interactions_estimated"):
        return []  # left blank and estimated: blank again, so it is estimated again
    stored = _posted(answers.get(key, question.default))
    default = _posted(question.default)
    try:
        field.clean(stored if isinstance(field, forms.MultipleChoiceField) else _first(stored))
    except ValidationError:
        return default or stored
    return stored


def _first(values: list[str]) -> str | None:
    return values[0] if values else None


def step_data(answers: Mapping[str, Any]) -> dict[str, dict[str, list[str]]]:
    """Each question step's data keyed as formtools stores a posted step ("company-customers")."""
    return {
        step: {
            f"{step}-{key}": values
            for key, field in form.base_fields.items()
            if (values := _field_values(key, field, answers))
        }
        for step, form in FORM_LIST
        if form.base_fields
    }
