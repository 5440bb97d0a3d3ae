"""Try the current rules on one case, typed in or taken from a stored assessment.

The answers go through the wizard's own forms (`advisor.questions.forms`) and the same
pipeline as a real assessment (`results.service.assessment_build`), but nothing is saved: an admin
sees what a rule change does before a manager does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from advisor.models import Assessment
from advisor.questions.definitions import QUESTIONS, STEPS
from advisor.questions.forms import FORM_LIST, StepForm
from advisor.questions.prefill import step_data
from advisor.results.money import engine_reason
from advisor.results.page import points_in_words, result_context
from advisor.results.service import assessment_build
from advisor.rules.rulebook import current_rulebook
from advisor.translation import localize

#: The wizard's question steps; the review step asks nothing.
STEP_FORMS: list[tuple[str, type[StepForm]]] = [
    (step, form) for step, form in FORM_LIST if step in {s.key for s in STEPS}
]
_TITLES = {step.key: step.title for step in STEPS}


class TokenForm(forms.Form):
    """Pick a stored assessment by the token in its result page's address."""

    token = forms.CharField(
        label=_("Token of a stored assessment"),
        max_length=64,
        help_text=_("The part of a result page's address after /r/, e.g. 3kF9x…"),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip().strip("/")
        self.assessment = Assessment.objects.select_related("snapshot").filter(token=token).first()
        if self.assessment is None:
            raise forms.ValidationError(_("No assessment has this token."), code="unknown_token")
        return token


def stored_form_data(assessment: Assessment) -> MultiValueDict:
    """A stored assessment's answers as the step forms read a submission, prepared as the
    wizard prepares them when a manager restarts from a result (`advisor.questions.prefill`)."""
    data = MultiValueDict()
    for fields in step_data(assessment.answers or {}).values():
        for key, values in fields.items():
            data.setlist(key, values)
    return data


def answer_forms(*, data: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """One form per wizard step; unbound ones start from the defaults and today's cost figures."""
    assumed = current_rulebook().assumptions
    initial = {q.key: assumed.get(q.assumption) for q in QUESTIONS.values() if q.assumption}
    return [
        {"title": _TITLES[step], "form": form(data=data, prefix=step, initial=initial)}
        for step, form in STEP_FORMS
    ]


def cleaned_answers(steps: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Every step's answers merged as the wizard merges them, or None while one is invalid."""
    forms_ = [step["form"] for step in steps]
    if not all(form.is_bound and form.is_valid() for form in forms_):
        return None
    answers: dict[str, Any] = {}
    for form in forms_:
        answers.update(form.cleaned_data)
    return answers


def rule_changes(*, then: Mapping[str, Any], now: Mapping[str, Any]) -> dict[str, Any]:
    """What differs between a stored result and today's (both localised): the winner, the rules
    that fire only now or only then, and the rules that fire in both with another effect.

    A rule's effect is its points times the weight the manager's priorities gave it, as the
    result page shows it (one decimal, true minus sign): a change too small to show is none.
    The reasons the engine works out (what an option saves, a late start) are named as the
    result page names them.
    """
    names = {**then.get("options", {}), **now.get("options", {})}

    def name(slug: str) -> str:
        return names.get(slug, {}).get("name", slug)

    def fired(result: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
        return {
            rule["key"]: {
                **rule,
                "rationale": engine_reason(rule, name) or rule["rationale"],
                "option_name": name(rule["option"]),
                "effect": _effect(rule),
                "points_text": points_in_words(_effect(rule)),
            }
            for rule in result.get("fired", [])
        }

    then_fired, now_fired = fired(then), fired(now)
    return {
        "winner_changed": then.get("winner") != now.get("winner"),
        "only_now": [rule for key, rule in now_fired.items() if key not in then_fired],
        "only_then": [rule for key, rule in then_fired.items() if key not in now_fired],
        "points_changed": [
            {
                **rule,
                "points_then": then_fired[key]["effect"],
                "points_then_text": then_fired[key]["points_text"],
                "exclude_then": then_fired[key]["exclude"],
            }
            for key, rule in now_fired.items()
            if key in then_fired
            and (rule["points_text"], rule["exclude"])
            != (then_fired[key]["points_text"], then_fired[key]["exclude"])
        ],
    }


def _effect(fired: Mapping[str, Any]) -> float:
    """What a fired rule added to its option: its points times its priority weight."""
    return fired["points"] * fired.get("weight", 1)


def trial_context(*, data: Mapping[str, Any] | None = None, token: str = "") -> dict[str, Any]:
    """Everything the trial page shows.

    `data` is a submitted answers form; `token` picks a stored assessment to compare with (and,
    without `data`, to take the answers from).
    """
    token_form = TokenForm({"token": token}) if token else TokenForm()
    stored = token_form.assessment if token and token_form.is_valid() else None
    if data is None and stored is not None:
        data = stored_form_data(stored)
    steps = answer_forms(data=data)
    answers = cleaned_answers(steps)
    context: dict[str, Any] = {"token_form": token_form, "steps": steps, "stored": stored}
    if answers is not None:
        trial = assessment_build(answers=answers)
        context["now"] = result_context(trial)
        if stored is not None:
            context["changes"] = rule_changes(
                then=localize(stored.shown_result()), now=localize(trial.shown_result())
            )
    if stored is not None:
        context["then"] = result_context(stored)
    return context
