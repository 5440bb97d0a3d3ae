"""Stored assessments as CSV: one row each, with the result and every answer, streamed."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from advisor.admin.assessment_reports import option_names, recommendation_name
from advisor.engine.costs import DEDICATED, HYBRID, IN_HOUSE
from advisor.models import Assessment
from advisor.questions.definitions import BOOLEAN, CHOICE, MULTICHOICE, QUESTIONS, Question
from advisor.translation import localize

#: Rows fetched per round trip: memory stays flat however many assessments are exported.
CHUNK_SIZE = 500
#: A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: What a row reads: its own fields and its snapshot's option texts, not the rules.
_FIELDS = ("token", "created_at", "winner", "answers", "result", "snapshot", "snapshot__options")


def safe_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text, never runs: text that could start a formula gets a
    leading apostrophe. Numbers stay numbers, so a negative score is still a number."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def answer_cell(question: Question, value: Any) -> Any:
    """An answer as its label (choices, joined with "; " when several), or as a number."""
    if value is None or value in ([], ""):
        return None
    if question.kind == CHOICE and isinstance(value, str):
        return question.choice_label(value)
    if question.kind == MULTICHOICE and isinstance(value, list | tuple):
        return "; ".join(question.choice_label(str(code)) for code in value)
    if question.kind == BOOLEAN:
        return bool(value)
    return value


def option_agents(result: Mapping[str, Any]) -> dict[str, int]:
    """Agents each option employs or pays for; a shared team is bought by the hour instead."""
    staffing = result.get("staffing")
    if not staffing:
        return {}
    own = staffing["own_team"]["agents"]
    return {IN_HOUSE: own, DEDICATED: own, HYBRID: staffing["hybrid_core"]["agents"]}


def export_header(*, names: Mapping[str, str]) -> list[str]:
    header = [_("Created"), _("Token"), _("Result page"), _("Recommendation")]
    for name in names.values():
        header += [
            _("%(option)s: points") % {"option": name},
            _("%(option)s: agents") % {"option": name},
            _("%(option)s: monthly cost (%(currency)s)")
            % {"option": name, "currency": settings.ADVISOR_CURRENCY},
        ]
    header += [str(question.label) for question in QUESTIONS.values()]
    return header


def export_row(*, assessment: Assessment, names: Mapping[str, str], url: str) -> list[Any]:
    """One assessment's cells, in the order of `export_header`, not yet made safe."""
    result, answers = assessment.result or {}, assessment.answers or {}
    options = assessment.snapshot.options
    snapshot_names = localize({slug: option.get("name") for slug, option in options.items()})
    scores = {score["option"]: score for score in result.get("scores", [])}
    agents = option_agents(result)
    costs = {cost["option"]: round(cost["total"], 2) for cost in result.get("costs", [])}
    winner = assessment.winner
    row: list[Any] = [
        timezone.localtime(assessment.created_at).isoformat(timespec="seconds"),
        assessment.token,
        url,
        recommendation_name(winner, {**snapshot_names, **names}),
    ]
    for slug in names:
        score = scores.get(slug)
        points = None if score is None else _whole_or_tenths(score["points"])
        row += [
            _("ruled out") if score and score["excluded"] else points,
            agents.get(slug),
            costs.get(slug),
        ]
    row += [answer_cell(q, answers.get(q.key)) for q in QUESTIONS.values()]
    return row


def _whole_or_tenths(points: float) -> float | int:
    """Points as a spreadsheet should read them: 6, not 6.0; 1.5 as it is."""
    rounded = round(points, 1)
    return int(rounded) if rounded == int(rounded) else rounded


def export_rows(
    *, queryset: QuerySet[Assessment], result_url: Callable[[Assessment], str]
) -> Iterator[list[Any]]:
    """The header, then one safe row per assessment, read CHUNK_SIZE rows at a time.

    Two queries for any number of rows: the option names, then the assessments themselves (a
    server-side cursor on PostgreSQL), each with its snapshot's option texts; the rules used,
    the largest field, are never read.
    """
    names = option_names()
    yield [safe_cell(cell) for cell in export_header(names=names)]
    assessments = (
        queryset.defer(None)
        .select_related("snapshot")
        .only(*_FIELDS)
        .iterator(chunk_size=CHUNK_SIZE)
    )
    for assessment in assessments:
        cells = export_row(assessment=assessment, names=names, url=result_url(assessment))
        yield [safe_cell(cell) for cell in cells]


class _Echo:
    """A file-like object that hands back what the csv writer writes, line by line."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[list[Any]]) -> Iterator[str]:
    # A byte-order mark first, so spreadsheet programs read Cyrillic and Latvian text as UTF-8.
    yield "\ufeff"
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow(row)


def csv_response(
    *, queryset: QuerySet[Assessment], result_url: Callable[[Assessment], str]
) -> StreamingHttpResponse:
    """A download that starts at once and never holds the whole export in memory."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    lines = csv_lines(export_rows(queryset=queryset, result_url=result_url))
    response = StreamingHttpResponse(
        _in_language(translation.get_language(), lines), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="assessments-{stamp}.csv"'
    return response


def _in_language(language: str | None, lines: Iterator[str]) -> Iterator[str]:
    """The server reads a streamed body after the view returns: keep the request's language."""
    with translation.override(language):
        yield from lines
