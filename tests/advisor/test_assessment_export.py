"""CSV export of stored assessments from admin: the right columns, safe cells, few queries."""

from __future__ import annotations

import csv
import io

import pytest

from advisor.models import Assessment, Option
from advisor.questions.definitions import QUESTIONS
from advisor.rules.rulebook import current_rulebook
from tests.advisor.test_assessment_admin import (
    DEDICATED_CASE,
    EXPORT,
    LIST,
    SHARED_CASE,
    copies,
    make,
    queries,
)

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[list[str]]:
    assert response.streaming
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_the_csv_action_exports_the_selected_assessments(staff_client):
    shared = make(industry="saas", **SHARED_CASE)
    make(**DEDICATED_CASE)
    response = staff_client.post(
        LIST, {"action": "export_csv", "_selected_action": [str(shared.pk)], "index": "0"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="assessments-')
    header, *rows = read_csv(response)
    assert header[:4] == ["Created", "Token", "Result page", "Recommendation"]
    assert header[4:7] == [
        "In-house team: points",
        "In-house team: agents",
        "In-house team: monthly cost (EUR)",
    ]
    assert "Outsourced shared team: points" in header
    assert header[-len(_question_labels()) :] == _question_labels()
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Token"] == shared.token
    assert row["Result page"] == f"http://testserver/r/{shared.token}/"
    assert row["Recommendation"] == "Outsourced shared team"
    assert row["Industry"] == "SaaS or software"
    assert row["Channels"] == "Email or tickets; Chat"
    assert row["Support interactions per month"] == "80"
    assert row["Outsourced shared team: points"] == str(_points(shared, "outsourced_shared"))
    assert row["Outsourced shared team: agents"] == ""  # bought by the hour
    assert float(row["In-house team: monthly cost (EUR)"]) > 0
    assert int(row["In-house team: agents"]) >= 1
    assert row["Created"].startswith(shared.created_at.date().isoformat())


def _question_labels() -> list[str]:
    return [str(q.label) for q in QUESTIONS.values()]


def _points(assessment: Assessment, option: str) -> str:
    """An option's points as the export writes them: 6, not 6.0."""
    points = next(s["points"] for s in assessment.result["scores"] if s["option"] == option)
    return f"{round(points, 1):g}"


def test_export_all_follows_the_filters_of_the_list(staff_client):
    saas = make(industry="saas")
    make(industry="gaming")
    listing = staff_client.get(LIST, {"industry": "saas"})
    assert f'href="{EXPORT}?industry=saas"' in listing.text
    _header, *rows = read_csv(staff_client.get(EXPORT, {"industry": "saas"}))
    assert [row[1] for row in rows] == [saas.token]
    _header, *everything = read_csv(staff_client.get(EXPORT))
    assert len(everything) == 2


def test_export_with_a_broken_filter_goes_back_to_the_list(staff_client):
    response = staff_client.get(EXPORT, {"no_such_field": "1"})
    assert response.status_code == 302
    assert response.url == f"{LIST}?e=1"


def test_text_that_a_spreadsheet_would_run_is_neutralised_but_numbers_stay_numbers(staff_client):
    # Regulated data, high control and many languages take a shared team below zero.
    assessment = make(**SHARED_CASE, data_sensitivity="regulated", control_need="high", languages=3)
    answers = {**assessment.answers, "industry": '=HYPERLINK("http://evil")', "languages": -1}
    Assessment.objects.filter(pk=assessment.pk).update(answers=answers)
    Option.objects.filter(slug="hybrid").update(name="@SUM(A1)")
    header, row = read_csv(staff_client.get(EXPORT))
    cells = dict(zip(header, row, strict=True))
    assert cells["Industry"] == '\'=HYPERLINK("http://evil")'
    assert "'@SUM(A1): points" in header
    assert cells["Languages"] == "-1"
    assert cells["Outsourced shared team: points"] == _points(assessment, "outsourced_shared")
    assert cells["Outsourced shared team: points"].startswith("-")


def test_the_csv_export_needs_a_fixed_number_of_queries(
    staff_client, django_assert_max_num_queries
):
    copies(make(), 3)
    current_rulebook()
    few = queries(staff_client, EXPORT)
    copies(make(), 26)
    # session, user, the changelist's two counts and its option names, then the export's
    # option names and the assessments, read in chunks through one cursor.
    with django_assert_max_num_queries(7):
        many = queries(staff_client, EXPORT)
    assert many == few


def test_the_csv_action_needs_a_fixed_number_of_queries(staff_client):
    copies(make(), 3)
    selected = {"action": "export_csv", "select_across": "1", "index": "0"}
    data = {**selected, "_selected_action": [str(Assessment.objects.first().pk)]}
    few = queries(staff_client, LIST, data=data)
    copies(make(), 26)
    assert queries(staff_client, LIST, data=data) == few
