"""Two stored results side by side: what each recommends, how firmly, its people and cost, and
the answers that differ. Read from each assessment's snapshot only, like the result page."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from advisor.engine.scoring import VERDICT_CLOSE, VERDICT_NONE, VERDICT_TIE
from advisor.models import Assessment
from advisor.questions.definitions import STEPS, step_questions
from advisor.questions.display import answer_sections
from advisor.results.page import points_in_words
from advisor.results.team import team_and_cost
from advisor.translation import localize

Names = Callable[[str | None], str]


def compare_context(first: Assessment, second: Assessment) -> dict[str, Any]:
    """Everything the comparison page renders, in the active language."""
    started_from_first = second.based_on_id == first.token
    if started_from_first:
        labels = (_("The result you started from"), _("The new result"))
    else:
        labels = (_("First result"), _("Second result"))
    sides = [side(first, labels[0]), side(second, labels[1])]
    differences = answer_differences(first.answers, second.answers)
    return {
        "sides": sides,
        "first": sides[0],
        "second": sides[1],
        "started_from_first": started_from_first,
        "differences": differences,
        "differences_count": differences_in_words(differences),
        "options": option_rows(sides),
    }


def side(assessment: Assessment, label: str) -> dict[str, Any]:
    """One result's half of the page: its recommendation, firmness, costs and people."""
    result = localize(assessment.shown_result())
    names = _names(result["options"])
    team = team_and_cost(result, assessment.answers, names)
    costs = {row["option"]: row for row in team["costs"]} if team else {}
    people = {row["name"]: row["team"] for row in team["teams"]} if team else {}
    recommended = recommended_option(result)
    return {
        "label": label,
        "assessment": assessment,
        "url": assessment.get_absolute_url(),
        "verdict": result["verdict"],
        "recommended": recommended,
        "recommendation": recommendation(result, names),
        "firmness": firmness(result, names),
        "cost": costs.get(recommended or ""),
        "team": people.get(names(recommended)) if recommended else None,
        "costs": costs,
        "teams": {slug: people.get(names(slug)) for slug in costs},
        "names": {slug: names(slug) for slug in costs},
    }


def _names(options: Mapping[str, Mapping[str, Any]]) -> Names:
    """An option's name as its snapshot has it, or its code if the snapshot has none."""

    def name(slug: str | None) -> str:
        return options.get(slug or "", {}).get("name", slug or "")

    return name


def recommended_option(result: Mapping[str, Any]) -> str | None:
    """The option the result page recommends: none when every option was ruled out, or when
    no rule applied and all are level."""
    if result["verdict"] == VERDICT_NONE:
        return None
    if result["verdict"] == VERDICT_TIE and not result["fired"]:
        return None
    return result["winner"]


def recommendation(result: Mapping[str, Any], names: Names) -> str:
    """The recommended option's name, or why there is none."""
    recommended = recommended_option(result)
    if recommended:
        return names(recommended)
    if result["verdict"] == VERDICT_NONE:
        return _("No option fits: each one was ruled out")
    return _("No option stands out yet")


def firmness(result: Mapping[str, Any], names: Names) -> str:
    """How firm the recommendation is, in one short sentence."""
    verdict, runner_up = result["verdict"], result["runner_up"]
    if recommended_option(result) is None:
        return _("Your answers did not match any rule.") if verdict == VERDICT_TIE else ""
    if runner_up is None:
        return _("Every other option was ruled out by your answers.")
    params = {"runner_up": names(runner_up), "margin": points_in_words(result["margin"])}
    if verdict == VERDICT_TIE:
        return _("A tie with %(runner_up)s: both have the same points.") % params
    if verdict == VERDICT_CLOSE:
        return _("A close call: %(margin)s ahead of %(runner_up)s.") % params
    return _("A clear result: %(margin)s ahead of %(runner_up)s.") % params


def answers_in_words(answers: Mapping[str, Any]) -> dict[str, str]:
    """Each answer as the result page shows it, by question; questions that did not apply
    to these answers (a channel's handling time without that channel, say) are left out."""
    return {
        row["key"]: row["value"] for section in answer_sections(answers) for row in section["rows"]
    }


def answer_differences(first: Mapping[str, Any], second: Mapping[str, Any]) -> list[dict]:
    """The answers that read differently, grouped by wizard step, in the wizard's order.

    Compared as the result pages show them, units and all; a question asked of one result
    only reads "Not asked" on the other side.
    """
    first_words, second_words = answers_in_words(first), answers_in_words(second)
    groups = []
    for step in STEPS:
        rows = [
            {
                "label": question.label,
                "first": first_words.get(question.key) or _("Not asked"),
                "second": second_words.get(question.key) or _("Not asked"),
            }
            for question in step_questions(step.key)
            if first_words.get(question.key) != second_words.get(question.key)
        ]
        if rows:
            groups.append({"title": step.title, "rows": rows})
    return groups


def differences_in_words(differences: list[dict]) -> str:
    count = sum(len(group["rows"]) for group in differences)
    return ngettext("%(count)s answer differs.", "%(count)s answers differ.", count) % {
        "count": count
    }


def option_rows(sides: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every option either result priced, with each side's monthly and three-year cost and
    its people; empty for two results made before costs were worked out."""
    first, second = sides
    slugs = [*first["costs"], *(slug for slug in second["costs"] if slug not in first["costs"])]
    return [
        {
            "name": first["names"].get(slug) or second["names"].get(slug),
            "cells": [_option_cell(each, slug) for each in sides],
        }
        for slug in slugs
    ]


def _option_cell(one_side: dict[str, Any], slug: str) -> dict[str, Any]:
    cost = one_side["costs"].get(slug) or {}
    return {
        "label": one_side["label"],
        "recommended": slug == one_side["recommended"],
        "total": cost.get("total"),
        "three_years": cost.get("three_years"),
        "team": one_side["teams"].get(slug),
    }
