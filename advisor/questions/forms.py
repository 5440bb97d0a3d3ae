"""One form per wizard step, built from the question definitions (`definitions.py`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from advisor.questions.definitions import (
    CHOICE,
    INTEGER,
    MONEY,
    MULTICHOICE,
    QUESTIONS,
    STEPS,
    Question,
    step_questions,
)

_MESSAGES = {
    "required": _("Please answer this question."),
    "invalid": _("Enter a number, using digits only."),
    "min_value": _("Enter %(limit_value)s or more."),
    "max_value": _("Enter %(limit_value)s or less."),
    "invalid_choice": _("Choose one of the answers listed."),
}
#: Choice questions with more answers than this use a drop-down instead of radio buttons.
_MAX_RADIOS = 4


def question_field(question: Question) -> forms.Field:
    """The form field for a question: type, range, default, label, help and unit."""
    common: dict[str, Any] = {
        "label": question.label,
        "help_text": question.help_text,
        "required": question.required,
        "initial": question.default,
        "error_messages": _MESSAGES,
    }
    if question.kind == CHOICE:
        field = _choice_field(question, common)
    elif question.kind == MULTICHOICE:
        field = forms.MultipleChoiceField(
            choices=question.choices, widget=forms.CheckboxSelectMultiple, **common
        )
    else:
        field = _number_field(question, common)
    # Money says its currency beside the input: "EUR a month", not "a month".
    field.unit = (
        format_lazy("{} {}", settings.ADVISOR_CURRENCY, question.unit)
        if question.kind == MONEY
        else question.unit
    )
    # Answers needed only with another answer (a channel's handling time) are not "optional".
    field.optional = not question.required and question.applies_if is None
    field.shown_if = _same_page_condition(question)
    return field


def _same_page_condition(question: Question) -> tuple[str, str] | None:
    """(question, answer) that this question depends on, when both are asked on one page.

    The page then shows the question only while that answer is given (`js/wizard.js`), and
    the form ignores what it holds otherwise.
    """
    if question.applies_if is None:
        return None
    key, value = question.applies_if
    same_page = key in QUESTIONS and QUESTIONS[key].step == question.step
    return (key, value) if same_page and isinstance(value, str) else None


def _choice_field(question: Question, common: dict[str, Any]) -> forms.Field:
    if len(question.choices) > _MAX_RADIOS:
        choices = [("", _("Choose…")), *question.choices]
        return forms.ChoiceField(choices=choices, **common)
    return forms.ChoiceField(choices=question.choices, widget=forms.RadioSelect, **common)


class _ReadableLimits:
    """A number field whose range errors write the limit as the reader's language does.

    Django passes the raw limit, so "Enter 100000000 or less." becomes "100,000,000" in
    English and "100 000 000" in Russian and Latvian.
    """

    def run_validators(self, value: Any) -> None:
        try:
            super().run_validators(value)
        except ValidationError as error:
            for item in error.error_list:
                if item.params and "limit_value" in item.params:
                    limit = number_format(item.params["limit_value"], force_grouping=True)
                    item.params = {**item.params, "limit_value": limit}
            raise


class _IntegerField(_ReadableLimits, forms.IntegerField):
    pass


class _FloatField(_ReadableLimits, forms.FloatField):
    pass


def _number_field(question: Question, common: dict[str, Any]) -> forms.Field:
    bounds = {"min_value": question.min_value, "max_value": question.max_value}
    if question.kind == INTEGER:
        widget = forms.NumberInput(attrs={"inputmode": "numeric", "step": "1"})
        messages = {**_MESSAGES, "invalid": _("Enter a whole number, using digits only.")}
        return _IntegerField(widget=widget, **bounds, **{**common, "error_messages": messages})
    widget = forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"})
    return _FloatField(widget=widget, **bounds, **common)


class StepForm(forms.Form):
    """A wizard step; subclasses get their fields from the step's questions."""

    step: str = ""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for key, field in self.fields.items():
            if field.shown_if and not QUESTIONS[key].applies(data):
                # Hidden on the page and unused: a leftover entry must not block the step.
                self.errors.pop(key, None)
        return data

    @classmethod
    def for_step(cls, step: str) -> type[StepForm]:
        fields = {question.key: question_field(question) for question in step_questions(step)}
        name = "".join(part.title() for part in step.split("_")) + "Form"
        return type(name, (cls,), {**fields, "step": step})


class DemandChecks(StepForm):
    def clean(self) -> dict[str, Any]:
        data = super().clean()
        volume_missing = all(
            data.get(key) is None for key in ("interactions_per_month", "contact_rate_percent")
        )
        if volume_missing and "interactions_per_month" not in self.errors:
            self.add_error(
                "interactions_per_month",
                forms.ValidationError(
                    _("Enter your interactions per month, or a contact rate to estimate them."),
                    code="volume_missing",
                ),
            )
        channels = data.get("channels") or []
        for channel in channels:
            self._require(f"aht_{channel}_minutes", _("Enter the handling time for this channel."))
            self._require(f"share_{channel}_percent", _("Enter a share for this channel."))
        shares = [data.get(f"share_{channel}_percent") for channel in channels]
        if shares and all(share == 0 for share in shares):
            self.add_error(
                f"share_{channels[0]}_percent",
                forms.ValidationError(
                    _("At least one channel you use needs a share above 0."), code="no_share"
                ),
            )
        return data

    def _require(self, key: str, message: str) -> None:
        """An answer needed because of another answer (a channel in use)."""
        if self.cleaned_data.get(key) is None and key not in self.errors:
            self.add_error(key, forms.ValidationError(message, code="needed_for_channel"))


class PrioritiesChecks(StepForm):
    #: What matters most stands out only if it is not everything.
    MOST = 2

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if len(data.get("priorities") or []) > self.MOST:
            self.add_error(
                "priorities",
                forms.ValidationError(
                    _("Pick two at most, so that what matters most stands out."),
                    code="too_many_priorities",
                ),
            )
        return data


class ReviewForm(StepForm):
    """The last step: nothing to fill in, only the answers to check."""

    step = "review"


_BASES: dict[str, type[StepForm]] = {"demand": DemandChecks, "priorities": PrioritiesChecks}

#: (step, form class) in wizard order, as django-formtools expects.
FORM_LIST: list[tuple[str, type[StepForm]]] = [
    *((step.key, _BASES.get(step.key, StepForm).for_step(step.key)) for step in STEPS),
    ("review", ReviewForm),
]
