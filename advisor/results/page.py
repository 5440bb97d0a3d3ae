"""What a result page and its JSON show, read only from an assessment's frozen snapshot."""

from __future__ import annotations

from typing import Any

import segno
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from advisor.engine.scoring import VERDICT_CLOSE, VERDICT_NONE, VERDICT_TIE
from advisor.models import Assessment
from advisor.questions.definitions import QUESTIONS
from advisor.questions.display import answer_sections, format_answer, format_number
from advisor.results.changes import sensitivity_section
from advisor.results.charts import charts_context
from advisor.results.money import engine_reason, money_sentence, weights_used
from advisor.results.service import changes_pending
from advisor.results.summary import card, side_by_side, side_by_side_rows
from advisor.results.team import team_and_cost
from advisor.translation import localize


class _Names:
    def __init__(self, options: dict[str, dict[str, Any]]):
        self.options = options

    def __call__(self, slug: str | None) -> str:
        return self.options.get(slug or "", {}).get("name", slug or "")


def _signed(points: float) -> str:
    """Points with a true minus sign ("−3", "−1.5"), as the page writes them."""
    text = format_number(round(abs(points), 1))
    return f"−{text}" if round(points, 1) < 0 else text


def points_in_words(points: float) -> str:
    # A fraction of a point reads like two points in each of our languages ("1.5 points",
    # "1,5 балла", "1,5 punkti"), and the plural rules take whole numbers only.
    rounded = round(points, 1)
    count = abs(int(rounded)) if rounded == int(rounded) else 2
    return ngettext("%(points)s point", "%(points)s points", count) % {"points": _signed(points)}


def _condition(fired: dict[str, Any], answers: dict[str, Any]) -> str:
    question = QUESTIONS.get(fired["question"])
    if question is None:
        return f"{fired['question']}: {fired['answer']}"
    return f"{question.label}: {format_answer(question, fired['answer'], answers)}"


def _worked_out(fired: dict[str, Any]) -> bool:
    """Whether the rule looked at a figure worked out from the answers, not at an answer."""
    question = QUESTIONS.get(fired["question"])
    return question is not None and question.derived


def _reason(fired: dict[str, Any], answers: dict[str, Any], names: _Names) -> dict[str, Any]:
    """One reason as the page shows it: its points after the manager's weight, and why."""
    points = fired["points"] * fired.get("weight", 1)
    worked_out = engine_reason(fired, names)
    return {
        "points": points,
        "signed_points": f"+{_signed(points)}" if round(points, 1) > 0 else _signed(points),
        "weight": format_number(fired["weight"]) if fired.get("weight", 1) != 1 else "",
        "exclude": fired["exclude"],
        "rationale": worked_out or fired["rationale"],
        "condition": "" if worked_out else _condition(fired, answers),
        "worked_out": worked_out is not None or _worked_out(fired),
    }


def _reasons(result: dict[str, Any], answers: dict[str, Any], names: _Names) -> list[dict]:
    groups = []
    for score in result["scores"]:
        fired = [f for f in result["fired"] if f["option"] == score["option"]]
        groups.append(
            {
                "option": score["option"],
                "name": names(score["option"]),
                "points": score["points"],
                "points_text": points_in_words(score["points"]),
                "excluded": score["excluded"],
                "reasons": [_reason(f, answers, names) for f in fired],
            }
        )
    return groups


def headline(result: dict[str, Any], names: _Names) -> tuple[str, str]:
    """The recommendation in one sentence, and one more on how firm it is."""
    winner, runner_up, margin = result["winner"], result["runner_up"], result["margin"]
    if result["verdict"] == VERDICT_NONE:
        return (
            _("None of the options fits your answers: each one was ruled out."),
            _("The reasons are listed below."),
        )
    if result["verdict"] == VERDICT_TIE and not result["fired"]:
        return (
            _("No option stands out yet: your answers did not match any rule."),
            _("All options are level; the reasons below stay empty until a rule applies."),
        )
    sentence = _("We recommend: %(option)s.") % {"option": names(winner)}
    if runner_up is None:
        return sentence, _("Every other option was ruled out by your answers.")
    params = {
        "winner": names(winner),
        "runner_up": names(runner_up),
        "margin": points_in_words(margin),
    }
    if result["verdict"] == VERDICT_TIE:
        firmness = _(
            "A tie between %(winner)s and %(runner_up)s: both have the same points, so weigh "
            "them side by side below."
        )
        firmness %= params
    elif result["verdict"] == VERDICT_CLOSE:
        firmness = _close_call(result, params)
    else:
        firmness = _("A clear result: %(margin)s ahead of %(runner_up)s.") % params
    return sentence, firmness


def _close_call(result: dict[str, Any], params: dict[str, str]) -> str:
    """Name both options and, when the snapshot holds it, the admin's close-call margin."""
    close = next(
        (a["value"] for a in result.get("assumptions", []) if a["slug"] == "close_call_margin"),
        None,
    )
    if close is None:
        text = _(
            "A close call between %(winner)s and %(runner_up)s: only %(margin)s apart, so weigh "
            "them side by side below."
        )
        return text % params
    text = _(
        "A close call between %(winner)s and %(runner_up)s: only %(margin)s apart (we call "
        "%(close)s or fewer close), so weigh them side by side below."
    )
    return text % {**params, "close": points_in_words(close)}


def result_context(assessment: Assessment) -> dict[str, Any]:
    """Everything the result page renders, from the snapshot alone, in the active language."""
    result, answers = localize(assessment.shown_result()), assessment.answers
    names = _Names(result["options"])
    sentence, firmness = headline(result, names)
    shown = [result["winner"]]
    if result["verdict"] in (VERDICT_CLOSE, VERDICT_TIE) and result["fired"]:
        shown.append(result["runner_up"])
    context = {
        "assessment": assessment,
        "sentence": sentence,
        "firmness": firmness,
        "verdict": result["verdict"],
        "featured": [
            {"slug": slug, **result["options"][slug]} for slug in shown if slug in result["options"]
        ],
        "sensitivity": sensitivity_section(result, answers, names),
        "scores": [
            {
                **score,
                "name": names(score["option"]),
                "points_text": points_in_words(score["points"]),
            }
            for score in result["scores"]
        ],
        "reason_groups": _reasons(result, answers, names),
        "money": money_sentence(result, names),
        "weights": weights_used(result),
        "answer_sections": answer_sections(answers),
        "team": team_and_cost(result, answers, names),
        "rule_set": str(assessment.snapshot),  # as admin names it
    }
    # Chart ids have dashes, which templates cannot look up.
    context["charts"] = {c["id"].replace("-", "_"): c for c in charts_context(assessment)}
    context["card"] = card(context, result)
    context["side_by_side"] = side_by_side(context, result)
    context["side_by_side_rows"] = side_by_side_rows(context["side_by_side"])
    return context


def share_code(url: str) -> SafeString:
    """The result's link as a QR code, an SVG to print beside the link (no inline style)."""
    code = segno.make(url, error="m")
    # segno writes the SVG itself and escapes the title: the markup is safe as it is.
    return mark_safe(code.svg_inline(scale=2, border=2, omitsize=True, title=url))


def changes_context(assessment: Assessment) -> dict[str, Any]:
    """What the result page's "what would change" section renders, on its own."""
    result = localize(assessment.shown_result())
    names = _Names(result["options"])
    return {
        "assessment": assessment,
        "sensitivity": sensitivity_section(result, assessment.answers, names),
    }


def result_data(assessment: Assessment, url: str) -> dict[str, Any]:
    """The same result as JSON-ready data, in the active language."""
    result = localize(assessment.shown_result())
    names = _Names(result["options"])
    sentence, firmness = headline(result, names)
    return {
        "token": assessment.token,
        "url": url,
        "created_at": assessment.created_at.isoformat(),
        "recommendation": {
            "option": result["winner"],
            "name": names(result["winner"]) if result["winner"] else None,
            "sentence": sentence,
            "firmness": firmness,
            "verdict": result["verdict"],
            "runner_up": result["runner_up"],
            "margin": result["margin"],
        },
        "scores": [{**score, "name": names(score["option"])} for score in result["scores"]],
        "fired_rules": result["fired"],
        "staffing": result.get("staffing"),
        "costs": result.get("costs"),
        "assumptions": result.get("assumptions"),
        # While it is being worked out, only that it is: not the inputs kept for the work.
        "sensitivity": {"pending": True} if changes_pending(result) else result.get("sensitivity"),
        "options": result["options"],
        "answers": assessment.answers,
    }
