"""The admin dashboard: recommendations counted per month or week, as a chart and a table."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from advisor.admin.assessment_reports import MONTH, WEEK, period_starts, report_from_rows
from tests.advisor.test_assessment_admin import (
    DASHBOARD,
    DEDICATED_CASE,
    SHARED_CASE,
    copies,
    make,
    queries,
)

pytestmark = pytest.mark.django_db


def test_the_dashboard_counts_recommendations_per_month(staff_client):
    now = datetime.now(UTC)
    this_month = now.replace(day=1, hour=12)
    make(when=this_month, **SHARED_CASE)
    make(when=this_month, **SHARED_CASE)
    make(when=this_month, **DEDICATED_CASE)
    make(when=datetime(now.year - 3, 1, 1, tzinfo=UTC), **SHARED_CASE)  # too old to count
    response = staff_client.get(DASHBOARD)
    assert response.status_code == 200
    report = response.context["report"]
    assert len(report.starts) == 12
    counts = {series.slug: series.counts for series in report.series}
    assert counts["outsourced_shared"][-1] == 2
    assert counts["outsourced_dedicated"][-1] == 1
    assert counts["in_house"] == [0] * 12
    assert report.total == 3
    text = response.text
    assert "3 assessments in the last 12 months." in text
    assert "<table" in text and "Outsourced shared team" in text


def test_the_dashboard_counts_per_week_too(staff_client):
    make(**SHARED_CASE)
    response = staff_client.get(DASHBOARD, {"period": "week"})
    report = response.context["report"]
    assert report.period == WEEK
    assert report.starts[-1].weekday() == 0
    assert report.total == 1
    assert "1 assessment in the last 12 weeks." in response.text
    assert staff_client.get(DASHBOARD, {"period": "decade"}).context["report"].period == MONTH


def test_the_dashboard_chart_needs_no_script_and_no_inline_style(staff_client):
    make(**SHARED_CASE)
    response = staff_client.get(DASHBOARD)
    content = response.text.split('id="content-main"', 1)[1]
    assert "<svg" in content and 'class="chart-bar series-' in content
    assert "<script" not in content and "<style" not in content and "style=" not in content
    assert "/static/css/admin_dashboard.css" in response.text
    assert "Content-Security-Policy" in response.headers


def test_the_dashboard_needs_a_fixed_number_of_queries(staff_client, django_assert_max_num_queries):
    copies(make(**SHARED_CASE), 3)
    few = queries(staff_client, DASHBOARD)
    copies(make(**DEDICATED_CASE), 26)
    # session, user, option names, one grouped count.
    with django_assert_max_num_queries(4):
        many = queries(staff_client, DASHBOARD)
    assert many == few


def test_the_last_periods_run_back_across_the_new_year():
    months = period_starts(period=MONTH, count=12, today=date(2025, 2, 14))
    assert months[0] == date(2024, 3, 1) and months[-1] == date(2025, 2, 1)
    weeks = period_starts(period=WEEK, count=3, today=date(2025, 1, 1))
    assert weeks == [date(2024, 12, 16), date(2024, 12, 23), date(2024, 12, 30)]


def test_counts_outside_the_periods_or_for_deleted_options_are_kept_apart():
    starts = [date(2025, 1, 1), date(2025, 2, 1)]
    rows = [
        {"period": date(2025, 2, 1), "winner": "a", "count": 2},
        {"period": date(2024, 12, 1), "winner": "a", "count": 9},
        {"period": date(2025, 1, 1), "winner": "gone", "count": 1},
        {"period": date(2025, 1, 1), "winner": "", "count": 4},
    ]
    report = report_from_rows(rows=rows, starts=starts, names={"a": "A", "b": "B"}, period=MONTH)
    assert [(s.name, s.counts) for s in report.series] == [
        ("A", [0, 2]),
        ("B", [0, 0]),
        ("gone", [1, 0]),
        ("No recommendation", [4, 0]),
    ]
    assert report.totals == [5, 2]


def test_the_chart_keeps_svg_numbers_plain_in_a_language_with_decimal_commas(staff_client):
    make(**SHARED_CASE)
    make(**SHARED_CASE)
    make(**DEDICATED_CASE)
    staff_client.cookies["django_language"] = "ru"
    text = staff_client.get(DASHBOARD).text
    svg = text.split('<svg class="chart-svg"', 1)[1].split("</svg>", 1)[0]
    numbers = re.findall(r'\b(?:x|y|width|height)="([^"]*)"', svg)
    assert numbers and all(re.fullmatch(r"\d+(\.\d+)?", number) for number in numbers)
    assert "66.67" in svg  # a third of the plot's height: a fraction, written with a point
