"""The result's charts: SVG drawn from the stored assessment, with words and tables to match."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from advisor.models import Assessment
from advisor.results.charts import charts_context, service_chart
from advisor.results.service import assessment_create, work_out_changes
from advisor.results.team import money
from tests.advisor.test_scoring import BASE
from tests.conftest import hold_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.worked_out]

#: Calls and chats, answered by agents who work every channel, on weekdays 9:00 to 18:00.
CALLS_AND_CHATS = {
    **BASE,
    "channels": ["email", "chat", "phone"],
    "interactions_per_month": 1200,
    "aht_phone_minutes": 6,
    "aht_chat_minutes": 10,
    "chat_concurrency": 2,
}
#: Chats at a volume where the cheapest option changes within ten times as many contacts.
WITH_BREAK_EVEN = {**BASE, "interactions_per_month": 3000, "aht_chat_minutes": 10}


@pytest.fixture
def made() -> Assessment:
    """A stored result with its outlook worked out (tasks run in the request here)."""
    return assessment_create(answers=CALLS_AND_CHATS)


def charts_by_id(assessment: Assessment) -> dict[str, dict]:
    return {chart["id"]: chart for chart in charts_context(assessment)}


def cell(chart: dict, row: str, column: str) -> str:
    """The table's cell in the row headed `row`, under the column headed `column`."""
    table = chart["table"]
    found = next(cells for cells in table["rows"] if cells[0] == row)
    return found[table["header"].index(column)]


def test_a_finished_result_has_four_charts(made):
    assert list(charts_by_id(made)) == [
        "chart-costs",
        "chart-week",
        "chart-outlook",
        "chart-service",
    ]


def test_every_chart_is_an_svg_image_with_a_title_a_description_and_a_table(made):
    for chart in charts_context(made):
        svg, name = chart["svg"], chart["id"]
        assert svg.startswith('<svg class="chart-svg" role="img"')
        assert f'aria-labelledby="{name}-title {name}-desc"' in svg
        assert f'<title id="{name}-title">{chart["title"]}</title>' in svg
        assert re.search(rf'<desc id="{name}-desc">[^<]*\d[^<]*\.</desc>', svg)
        assert 'viewBox="0 0 400 ' in svg and 'width="100%"' in svg
        assert chart["table"]["caption"] and chart["table"]["header"] and chart["table"]["rows"]


def test_no_chart_has_an_inline_style_or_a_script(made):
    for chart in charts_context(made):
        assert "style" not in chart["svg"].lower()
        assert "<script" not in chart["svg"].lower()
        assert not re.search(r"<[^>]*\son\w+=", chart["svg"])  # no onload= and the like


def test_the_cost_bars_are_labelled_with_the_stored_monthly_costs(made):
    chart = charts_by_id(made)["chart-costs"]
    costs = made.result["costs"]
    cheapest = min(costs, key=lambda cost: cost["total"])
    for cost in costs:
        name = made.snapshot.options[cost["option"]]["name"]["en"]
        assert f">{money(cost['total'])}" in chart["svg"]
        assert cell(chart, name, "A month") == money(cost["total"])
    assert f">{money(cheapest['total'])} · cheapest<" in chart["svg"]
    assert [row[2] for row in chart["table"]["rows"]].count("yes") == 1
    assert money(cheapest["total"]) in chart["desc"]


def test_the_week_shows_each_hours_scheduled_agents_and_need(made):
    chart = charts_by_id(made)["chart-week"]
    team = made.result["staffing"]["own_team"]
    scheduled, needed = cell(chart, "10:00", "Monday").split(", ")
    assert scheduled == f"{team['scheduled'][10]} scheduled"
    assert float(needed.removesuffix(" needed")) == pytest.approx(team["required"][10], abs=0.05)
    # Monday is the first column (x 44 to 94), 10:00 the eleventh row (y 182 to 198).
    monday_ten = re.search(r'<text x="69" y="194"[^>]*>(\d+)</text>', chart["svg"])
    assert monday_ten and int(monday_ten[1]) == team["scheduled"][10]
    assert cell(chart, "03:00", "Monday") == "closed"
    assert cell(chart, "10:00", "Saturday") == "closed"  # business hours: weekdays only


def test_closed_hours_are_hatched(made):
    svg = charts_by_id(made)["chart-week"]["svg"]
    closed = made.result["staffing"]["own_team"]["open_hours"].count(False)
    assert svg.count('fill="url(#chart-week-closed)"') == closed + 1  # and its legend
    assert '<pattern id="chart-week-closed"' in svg


def test_the_cost_against_volume_holds_the_stored_curve_and_the_managers_volume(made):
    chart = charts_by_id(made)["chart-outlook"]
    curve = made.result["cost_outlook"]["curve"]
    assert len(chart["table"]["rows"]) == len(curve)
    assert cell(chart, "1,200 (yours)", "In-house team") == money(
        next(p for p in curve if p["volume"] == 1200)["costs"]["in_house"]
    )
    assert "Your volume: 1,200" in chart["svg"]
    assert "from 120 to 12,000 contacts a month" in chart["desc"]


def test_break_even_volumes_are_marked_and_said():
    result = assessment_create(answers=WITH_BREAK_EVEN)
    chart = charts_by_id(result)["chart-outlook"]
    volume = result.result["cost_outlook"]["break_evens"][0]["volume"]
    assert f"break-even: {volume:,}" in chart["svg"]
    assert f"changes at {volume:,} contacts a month" in chart["desc"]
    assert chart["notes"] == [
        f"From {volume:,} contacts a month, Hybrid: core team plus outsourced shared team "
        "costs less a month than Outsourced shared team."
    ]


def test_the_cost_against_volume_waits_for_the_background_work(monkeypatch):
    hold_tasks(monkeypatch)
    pending = assessment_create(answers=CALLS_AND_CHATS)
    assert "chart-outlook" not in charts_by_id(pending)
    assert list(charts_by_id(pending)) == ["chart-costs", "chart-week", "chart-service"]
    monkeypatch.undo()
    work_out_changes.call(pending.token)
    assert "chart-outlook" in charts_by_id(Assessment.objects.get(pk=pending.pk))


def test_an_old_result_shows_only_the_charts_its_figures_allow(made):
    old = Assessment(answers=made.answers, result={**made.result}, snapshot=made.snapshot)
    del old.result["cost_outlook"]
    old.result["staffing"] = {
        **made.result["staffing"],
        "own_team": {
            key: value
            for key, value in made.result["staffing"]["own_team"].items()
            if key not in ("required", "scheduled", "open_hours")
        },
    }
    assert list(charts_by_id(old)) == ["chart-costs", "chart-service"]
    old.result = {key: value for key, value in old.result.items() if key != "staffing"}
    assert list(charts_by_id(old)) == ["chart-costs"]


def test_the_service_level_at_the_stored_headcount_is_the_stored_one(made):
    """Calls and chats form one queue, as staffing formed it: the chart agrees with the table."""
    chart = charts_by_id(made)["chart-service"]
    queue = made.result["staffing"]["own_team"]["channels"][1]["queue"]
    stored = f"{round(100 * queue['service_level'], 1):g}%"
    assert cell(chart, str(queue["agents"]), "Answered in time") == stored
    assert "(chat + phone)" in chart["desc"]


def test_the_textbook_queue_reads_as_a_person_can_check_it():
    """200 calls an hour of 3 minutes, 80% within 20 s: 13 agents give 79.6%, 14 give 88.8%."""
    result = {
        "staffing": {"own_team": {"channels": [{"channel": "phone", "busy_hour_arrivals": 200.0}]}},
        "assumptions": [],
    }
    answers = {
        "channels": ["phone"],
        "interactions_per_month": 10_000,
        "aht_phone_minutes": 3,
        "service_level_percent": 80,
        "service_level_seconds": 20,
    }
    chart = service_chart(result, answers)
    rows = chart["table"]["rows"]
    assert [row[0] for row in rows] == ["11", "12", "13", "14", "15", "16", "17"]
    assert rows[2:4] == [["13", "79.6%", "no"], ["14", "88.8%", "yes"]]
    assert [row[2] for row in rows] == ["no"] * 3 + ["yes"] * 4
    assert "14 agents are the fewest who reach the target of 80%, with 88.8%" in chart["desc"]
    assert ">79.6%</text>" in chart["svg"] and ">88.8%</text>" in chart["svg"]
    assert "Target: 80% within 20 seconds" in chart["svg"]


def test_a_queue_without_calls_or_chats_has_no_service_chart():
    result = {"staffing": {"own_team": {"channels": [{"channel": "email", "queue": None}]}}}
    assert service_chart(result, {"channels": ["email"]}) is None


def test_names_from_the_snapshot_are_escaped(made):
    options = made.snapshot.options
    original = options["in_house"]["name"]
    options["in_house"]["name"] = {"en": '<b onclick="x()">In-house</b>'}
    try:
        svg = charts_by_id(made)["chart-costs"]["svg"]
    finally:
        options["in_house"]["name"] = original
    assert "<b " not in svg
    assert "&lt;b onclick=&quot;x()&quot;&gt;In-house&lt;/b&gt;" in svg


def test_a_chart_renders_as_a_figure_with_a_caption_and_a_hidden_table(made):
    chart = charts_by_id(made)["chart-week"]
    html = render_to_string("advisor/_chart.html", {"chart": chart})
    assert html.count("<figure") == 1 and "<figcaption" in html
    assert chart["svg"] in html  # not escaped again
    assert '<div class="visually-hidden"><table>' in html
    assert '<th scope="row">10:00</th>' in html
    assert '<th scope="col">Sunday</th>' in html
    assert "style=" not in html


def test_the_charts_read_in_russian(made):
    with translation.override("ru"):
        charts = charts_by_id(made)
        html = "".join(
            render_to_string("advisor/_chart.html", {"chart": c}) for c in charts.values()
        )
    assert list(charts) == ["chart-costs", "chart-week", "chart-outlook", "chart-service"]
    assert ">Пн</text>" in charts["chart-week"]["svg"]
    assert "Воскресенье" in html or "воскресенье" in html
    total = made.result["costs"][0]["total"]
    assert f"{round(total):,}".replace(",", "\xa0") in charts["chart-costs"]["svg"]
    assert "Выделенная команда на аутсорсе" in html
    assert " · дешевле всего</text>" in charts["chart-costs"]["svg"]


def test_the_charts_read_no_more_than_the_page_already_has(made, django_assert_num_queries):
    """The result page loads the assessment with its snapshot; the charts ask for nothing more."""
    shown = Assessment.objects.select_related("snapshot").get(pk=made.pk)
    with django_assert_num_queries(0):
        assert len(charts_context(shown)) == 4
