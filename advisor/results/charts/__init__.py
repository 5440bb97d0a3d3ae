"""The result's pictures, drawn on the server as inline SVG from the stored assessment alone.

Four charts: each option's monthly cost, the week hour by hour, monthly cost against volume
with the break-even volumes, and service level against agents in the busiest hour. No script
and no inline style (the Content-Security-Policy forbids both): SVG presentation attributes
draw each chart and static/css/charts.css sizes it. Labels, dash patterns and markers carry
the meaning in grey as well as in colour. Each chart has a title, a one-sentence description
and its numbers as a table for screen readers (`templates/advisor/_chart.html`).

`costs` draws the cost of each option and the cost against volume, `week` the staffing week,
`service` the service level against agents, and `svg` holds what they share.
"""

from __future__ import annotations

from advisor.models import Assessment
from advisor.results.charts.costs import cost_chart, outlook_chart
from advisor.results.charts.service import service_chart
from advisor.results.charts.svg import Chart
from advisor.results.charts.week import week_chart
from advisor.translation import localize


def charts_context(assessment: Assessment) -> list[Chart]:
    """The charts the result's stored figures allow, in the active language.

    A result made before a figure was stored goes without its chart, and the cost against
    volume waits for the background work that stores it.
    """
    result = localize(assessment.shown_result())
    options = result.get("options") or {}

    def names(slug: str) -> str:
        return options.get(slug, {}).get("name", slug)

    found = (
        cost_chart(result, names),
        week_chart(result),
        outlook_chart(result, assessment.answers, names),
        service_chart(result, assessment.answers),
    )
    return [chart for chart in found if chart is not None]
