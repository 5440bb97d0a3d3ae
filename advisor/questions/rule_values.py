"""Turn the value an admin typed for a rule into the typed value its operator compares.

Each parse either returns a value or raises a ValidationError whose message tells a
non-engineer what to type instead.
"""

from __future__ import annotations

import math
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advisor.engine.scoring import NUMBER_KINDS, OPERATORS_BY_KIND
from advisor.questions.definitions import BOOLEAN, CHOICE, MULTICHOICE, Question


class Operator(models.TextChoices):
    LT = "lt", gettext_lazy("is less than")
    LTE = "lte", gettext_lazy("is at most")
    GT = "gt", gettext_lazy("is more than")
    GTE = "gte", gettext_lazy("is at least")
    BETWEEN = "between", gettext_lazy("is between (inclusive)")
    IS = "is", gettext_lazy("is")
    IS_NOT = "is_not", gettext_lazy("is not")
    IN = "in", gettext_lazy("is one of")
    INCLUDES = "includes", gettext_lazy("includes")
    EXCLUDES = "excludes", gettext_lazy("does not include")


_YES = {"yes", "true", "1"}
_NO = {"no", "false", "0"}
_BOUNDS = 2


def parse_rule_value(question: Question, operator: str, text: str) -> Any:
    """Parse `text` for a rule `question OPERATOR text`, or raise ValidationError."""
    allowed = OPERATORS_BY_KIND[question.kind]
    if operator not in allowed:
        raise ValidationError(
            _("“%(operator)s” does not fit the question “%(question)s”; use one of: %(allowed)s."),
            code="operator_mismatch",
            params={
                "operator": _operator_label(operator),
                "question": question.label,
                "allowed": ", ".join(_operator_label(code) for code in allowed),
            },
        )
    text = (text or "").strip()
    if question.kind in NUMBER_KINDS:
        return _parse_numbers(text, between=operator == "between")
    if question.kind == BOOLEAN:
        return _parse_yes_no(text)
    if question.kind == CHOICE and operator == "in":
        return [_parse_choice(question, part) for part in _split(text)]
    if question.kind in (CHOICE, MULTICHOICE):
        return _parse_choice(question, text)
    raise ValidationError(_("This question cannot be used in rules."), code="unsupported")


def _operator_label(code: str) -> str:
    return str(dict(Operator.choices).get(code, code))


def _split(text: str) -> list[str]:
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts:
        raise ValidationError(_("List one or more values separated by commas."), code="empty_list")
    return parts


def _parse_number(text: str) -> float | int:
    try:
        number = float(text.replace(" ", "").replace("_", ""))
    except ValueError:
        raise ValidationError(
            _("“%(value)s” is not a number. Type digits only, for example 100 or 2.5."),
            code="not_a_number",
            params={"value": text},
        ) from None
    if not math.isfinite(number):
        raise ValidationError(_("Use a finite number."), code="not_finite")
    return int(number) if number.is_integer() else number


def _parse_numbers(text: str, *, between: bool) -> Any:
    if not between:
        return _parse_number(text)
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != _BOUNDS or not all(parts):
        raise ValidationError(
            _("“between” needs two numbers separated by a comma, for example 100, 1000."),
            code="between_needs_two",
        )
    low, high = (_parse_number(part) for part in parts)
    if low > high:
        raise ValidationError(
            _("Put the smaller number first, for example 100, 1000."), code="between_order"
        )
    return [low, high]


def _parse_yes_no(text: str) -> bool:
    value = text.lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise ValidationError(_("Type yes or no."), code="not_yes_no")


def _parse_choice(question: Question, text: str) -> str:
    codes = [code for code, _label in question.choices]
    if text in codes:
        return text
    raise ValidationError(
        _("“%(value)s” is not an answer to “%(question)s”; use one of: %(codes)s."),
        code="unknown_choice",
        params={"value": text, "question": question.label, "codes": ", ".join(codes)},
    )
