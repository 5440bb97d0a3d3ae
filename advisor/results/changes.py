"""The "What would change the recommendation" section, read from the assessment's snapshot."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from advisor.questions.definitions import MULTICHOICE, QUESTIONS, Question
from advisor.questions.display import format_answer
from advisor.results.money import break_even_sentences
from advisor.results.service import changes_pending


def _outcome(option: str | None, names: Callable[[str | None], str]) -> str:
    if option is None:
        return _("every option would be ruled out")
    return _("%(option)s would be recommended instead") % {"option": names(option)}


def _number_sentences(question: Question, finding: dict[str, Any], names: Callable) -> list[str]:
    sentences = []
    # Lower first, then higher: the order of the numbers themselves.
    for direction, text in (
        ("below", _("Lowered to %(value)s, %(outcome)s.")),
        ("above", _("Raised to %(value)s, %(outcome)s.")),
    ):
        change = finding.get(direction)
        if change:
            value = format_answer(question, change["value"], {})
            sentences.append(text % {"value": value, "outcome": _outcome(change["winner"], names)})
    return sentences


def _choice_sentence(
    question: Question, current: Any, change: dict[str, Any], names: Callable
) -> str:
    outcome = _outcome(change["winner"], names)
    if question.kind == MULTICHOICE:
        before, after = set(current or []), set(change["value"])
        added, removed = sorted(after - before), sorted(before - after)
        if added:
            return _("With “%(choice)s” added, %(outcome)s.") % {
                "choice": ", ".join(question.choice_label(code) for code in added),
                "outcome": outcome,
            }
        return _("Without “%(choice)s”, %(outcome)s.") % {
            "choice": ", ".join(question.choice_label(code) for code in removed),
            "outcome": outcome,
        }
    answer = format_answer(question, change["value"], {})
    return _("Answering “%(answer)s”, %(outcome)s.") % {"answer": answer, "outcome": outcome}


def sensitivity_section(
    result: dict[str, Any], answers: dict[str, Any], names: Callable[[str | None], str]
) -> dict[str, Any] | None:
    """Each answer that could change the recommendation, with what would win instead.

    None for results stored before this section existed, so their page renders as it did;
    `pending` while the background worker is still working it out.
    """
    if changes_pending(result):
        return {"pending": True}
    stored = result.get("sensitivity")
    if not stored or stored.get("winner") != result.get("winner"):
        return None
    rows = []
    for finding in stored["findings"]:
        question = QUESTIONS.get(finding["question"])
        if question is None:  # a question removed since: its finding cannot be put into words
            continue
        if finding.get("alternatives"):
            sentences = [
                _choice_sentence(question, finding["value"], change, names)
                for change in finding["alternatives"]
            ]
        else:
            sentences = _number_sentences(question, finding, names)
        rows.append(
            {
                "key": question.key,
                "label": question.label,
                "answer": format_answer(question, finding["value"], answers),
                "sentences": sentences,
            }
        )
    return {
        "rows": rows,
        "complete": stored.get("complete", True),
        "break_evens": break_even_sentences(result, names),
    }
