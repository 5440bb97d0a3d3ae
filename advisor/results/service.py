"""The one service between the wizard and the models."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from advisor.engine import sensitivity
from advisor.engine.advice import Advice, advise, cost_outlook
from advisor.engine.scoring import Rule
from advisor.models import Assessment
from advisor.questions.definitions import QUESTIONS, SENSITIVITY_DIALS
from advisor.rules.rulebook import Rulebook, current_rulebook

#: The key of a result's "what would change" while it is still being worked out.
PENDING = "pending"
#: A result still pending this long after it was made has lost its background worker: the
#: next reader's request works it out instead.
OVERDUE = timedelta(seconds=60)
#: What this module builds itself: full_clean would only encode the JSON once more to check
#: it (saving encodes it anyway) and look up the snapshot that `save_once` stores.
_SAVING_CHECKS = ("answers", "result", "snapshot")


def assessment_create(
    *,
    answers: Mapping[str, Any],
    rulebook: Rulebook | None = None,
    based_on: str | None = None,
) -> Assessment:
    """Advise on the answers with the active rules and store a frozen copy of everything shown.

    The stored assessment holds every figure its result page shows, so a later change to an
    option, rule or assumption never changes a shared result. `rulebook` is the active rule
    set when the caller has already read it in this request. `based_on` is the token of the
    result whose answers the manager started from ("Start from these answers"), if any.
    """
    rulebook = rulebook or current_rulebook()
    assessment = assessment_build(answers=answers, rulebook=rulebook)
    # What would change the recommendation is worked out once, in the background, with the
    # rules and figures this result used, and stored with it: a shared link shows what the
    # manager saw. Until then the result holds what the work needs.
    complete, figures = advice_inputs(answers, rulebook)
    assessment.result["sensitivity"] = {
        PENDING: {
            "answers": complete,
            "figures": figures,
            "options": rulebook.option_order,
            "profiles": rulebook.profiles,
        }
    }
    # The token's uniqueness is the database's to enforce (192 random bits): no SELECT for it.
    assessment.full_clean(exclude=_SAVING_CHECKS, validate_unique=False)
    # An origin deleted since the run started is left out, rather than refusing the result.
    if based_on and Assessment.objects.filter(token=based_on).exists():
        assessment.based_on_id = based_on
    # The assessment and its queued analysis are stored together, in one commit: one wait
    # for the disk, and never a result whose analysis was not queued. Inside a caller's
    # transaction (the wizard's finish) they are part of it: no savepoint of their own.
    with transaction.atomic(savepoint=False):
        assessment.snapshot.save_once()
        assessment.save()
        analysis = work_out_changes.enqueue(assessment.token)
    if analysis.is_finished:  # RUN_TASKS_IN_REQUEST
        assessment.refresh_from_db(fields=["result"])
    return assessment


def changes_pending(result: Mapping[str, Any]) -> bool:
    """Whether a stored result's "what would change" is still being worked out."""
    return PENDING in (result.get("sensitivity") or {})


@task()
def work_out_changes(token: str) -> None:
    """The background task: work out what would change a stored recommendation."""
    assessment = Assessment.objects.select_related("snapshot").filter(token=token).first()
    if assessment is not None:
        assessment_changes_store(assessment)


def assessment_changes_store(assessment: Assessment) -> None:
    """Work out and store what would change the recommendation, unless already done."""
    if not changes_pending(assessment.result):
        return
    inputs = assessment.result["sensitivity"][PENDING]
    rules = [Rule(**rule) for rule in assessment.snapshot.rules]
    # Costs at other volumes (the break-even volumes) are worked out with the rest of what
    # would change the recommendation, off the finishing request.
    assessment.result["cost_outlook"] = cost_outlook(
        inputs["answers"], inputs["figures"], inputs.get("profiles")
    )
    assessment.result["sensitivity"] = changes_for(**inputs, rules=rules)
    assessment.save(update_fields=["result"])


def assessment_changes_overdue(assessment: Assessment) -> bool:
    """Whether a result's "what would change" has waited so long that its worker is gone."""
    return changes_pending(assessment.result) and timezone.now() - assessment.created_at > OVERDUE


def assessment_build(*, answers: Mapping[str, Any], rulebook: Rulebook | None = None) -> Assessment:
    """The assessment the answers would get with the active rules, not saved.

    The one pipeline behind stored assessments and the admin's rule trial, so a trial scores
    exactly as the wizard would.
    """
    rulebook = rulebook or current_rulebook()
    advice, figures = advice_for(answers=answers, rulebook=rulebook)
    return Assessment(
        answers=advice.answers,
        result={**advice.to_dict(), "assumptions": rulebook.figures_shown(figures)},
        snapshot=rulebook.snapshot(),
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
    complete, figures = advice_inputs(answers, rulebook)
    advice = advise(
        complete,
        rulebook.rules if rules is None else rules,
        rulebook.option_order,
        figures,
        profiles=rulebook.profiles,
        close_margin=float(figures.get("close_call_margin", 2)),
    )
    return advice, figures


def changes_for(
    *,
    answers: Mapping[str, Any],
    figures: Mapping[str, float],
    options: Sequence[str],
    rules: Iterable[Rule],
    profiles: Mapping[str, Sequence[float]] | None = None,
) -> dict[str, Any]:
    """For each answer, the nearest other answers that would change the recommendation.

    `answers` with every cost filled in, and the `figures` the advice used. Plain data
    (question codes, values, option slugs) for the result page to put into words.
    """
    found = sensitivity.explore(
        answers,
        rules,
        options,
        figures,
        SENSITIVITY_DIALS,
        profiles=profiles,
        close_margin=float(figures.get("close_call_margin", 2)),
        seconds=sensitivity.SECONDS,
    )
    return found.to_dict()


def advice_inputs(
    answers: Mapping[str, Any], rulebook: Rulebook
) -> tuple[dict[str, Any], dict[str, float]]:
    """The answers with every blank cost filled in, and the figures the advice reads."""
    complete = with_assumed_costs(answers, rulebook)
    return complete, figures_used(complete, rulebook)


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
