"""What admins read about stored assessments: recommendations counted week by week or month
by month, and the same numbers laid out as a bar chart that needs no JavaScript."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, DateField, QuerySet
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advisor.models import Assessment, Option
from advisor.translation import in_all_languages, localize

MONTH, WEEK = "month", "week"
PERIOD_CHOICES = ((MONTH, gettext_lazy("Per month")), (WEEK, gettext_lazy("Per week")))
DEFAULT_PERIODS = 12
_TRUNCATE = {MONTH: TruncMonth, WEEK: TruncWeek}
#: Chart geometry in SVG user units; the SVG scales to the width of the page.
_SLOT, _BAR, _PLOT_HEIGHT, _TOP, _BOTTOM = 60, 40, 200, 20, 24
#: Series colours come from classes in admin_dashboard.css; they repeat after this many.
_COLOURS = 6


def option_names() -> dict[str, str]:
    """Every option's name in the reader's language, by slug, in display order (one query)."""
    return {
        option.slug: localize(in_all_languages(option, "name")) for option in Option.objects.all()
    }


def recommendation_name(slug: str, names: Mapping[str, str]) -> str:
    """An option's name; its code when the option was deleted since."""
    if not slug:
        return _("No recommendation")
    return names.get(slug, slug)


def period_starts(*, period: str, count: int, today: date) -> list[date]:
    """The first day of the last `count` periods, oldest first, the current one last.

    Weeks start on Monday, as the database's week truncation does.
    """
    if period == WEEK:
        monday = today - timedelta(days=today.weekday())
        return [monday - timedelta(weeks=back) for back in range(count - 1, -1, -1)]
    months = today.year * 12 + today.month - 1
    return [
        date((months - back) // 12, (months - back) % 12 + 1, 1)
        for back in range(count - 1, -1, -1)
    ]


def period_label(start: date, period: str) -> str:
    if period == WEEK:
        return _("Week of %(date)s") % {"date": date_format(start, "SHORT_DATE_FORMAT")}
    return date_format(start, "YEAR_MONTH_FORMAT")


@dataclass(frozen=True)
class Series:
    """One recommendation's count in every period."""

    slug: str
    name: str
    counts: list[int]
    colour: str

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class RecommendationReport:
    period: str
    starts: list[date]
    series: list[Series]

    @property
    def labels(self) -> list[str]:
        return [period_label(start, self.period) for start in self.starts]

    @property
    def totals(self) -> list[int]:
        return [sum(column) for column in zip(*(s.counts for s in self.series), strict=True)]

    @property
    def total(self) -> int:
        return sum(series.total for series in self.series)

    def rows(self) -> list[dict[str, Any]]:
        """One row per period, for the table that repeats the chart's numbers."""
        return [
            {"label": label, "counts": [s.counts[i] for s in self.series], "total": total}
            for i, (label, total) in enumerate(zip(self.labels, self.totals, strict=True))
        ]


def recommendation_report(
    *,
    period: str = MONTH,
    periods: int = DEFAULT_PERIODS,
    queryset: QuerySet[Assessment] | None = None,
    now: datetime | None = None,
) -> RecommendationReport:
    """Assessments per recommendation in each of the last `periods` weeks or months.

    Two queries however many assessments there are: one for the option names, one that counts
    by period and recommendation in the database.
    """
    if period not in _TRUNCATE:
        raise ValueError(f"Unknown period {period!r}")
    starts = period_starts(period=period, count=periods, today=timezone.localdate(now))
    first = timezone.make_aware(datetime.combine(starts[0], time.min))
    assessments = Assessment.objects.all() if queryset is None else queryset
    rows = (
        assessments.filter(created_at__gte=first)
        .annotate(period=_TRUNCATE[period]("created_at", output_field=DateField()))
        .values("period", "winner")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return report_from_rows(rows=rows, starts=starts, names=option_names(), period=period)


def report_from_rows(
    *,
    rows: Iterable[Mapping[str, Any]],
    starts: list[date],
    names: Mapping[str, str],
    period: str,
) -> RecommendationReport:
    """Spread (period, winner, count) rows over the periods; every option gets a series, even
    with no assessment, so colours and table columns stay the same from one visit to the next."""
    position = {start: index for index, start in enumerate(starts)}
    counts = {slug: [0] * len(starts) for slug in names}
    for row in rows:
        index = position.get(row["period"])
        if index is not None:
            counts.setdefault(row["winner"], [0] * len(starts))[index] += row["count"]
    series = [
        Series(
            slug=slug,
            name=recommendation_name(slug, names),
            counts=values,
            colour=f"series-{index % _COLOURS}" if slug else "series-none",
        )
        for index, (slug, values) in enumerate(counts.items())
    ]
    return RecommendationReport(period=period, starts=starts, series=series)


def bar_chart(report: RecommendationReport) -> dict[str, Any]:
    """Stacked bars, one per period, as SVG coordinates: sizes are attributes, colours are
    classes, so the chart passes a Content-Security-Policy that forbids inline styles."""
    scale = max([*report.totals, 1])
    short = "M Y" if report.period == MONTH else "j M"
    columns = []
    for index, (start, total) in enumerate(zip(report.starts, report.totals, strict=True)):
        x = index * _SLOT + (_SLOT - _BAR) / 2
        base = _TOP + _PLOT_HEIGHT
        segments = []
        for series in report.series:
            count = series.counts[index]
            if not count:
                continue
            height = _PLOT_HEIGHT * count / scale
            base -= height
            segments.append(
                {"y": round(base, 2), "height": round(height, 2), "count": count, "series": series}
            )
        columns.append(
            {
                "x": x,
                "middle": x + _BAR / 2,
                "total": total,
                "total_y": round(base - 4, 2),
                "label": date_format(start, short),
                "segments": segments,
            }
        )
    return {
        "width": _SLOT * len(report.starts),
        "height": _TOP + _PLOT_HEIGHT + _BOTTOM,
        "bar": _BAR,
        "axis_y": _TOP + _PLOT_HEIGHT,
        "label_y": _TOP + _PLOT_HEIGHT + _BOTTOM - 6,
        "columns": columns,
    }
