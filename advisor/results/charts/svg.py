"""What the charts share: colours, SVG elements with escaped text, a chart and its table.

Every chart is 400 units wide, about life size on a phone, so its text stays readable there.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe

from advisor.questions.display import format_number

Names = Callable[[str], str]
Chart = dict[str, Any]

WIDTH = 400
TEXT, MUTED, GRID, WHITE = "#1b1f24", "#4a5360", "#c6ccd5", "#ffffff"
PRIMARY, POSITIVE = "#1a4f8b", "#1d6b3a"
#: About as many characters as fit across a chart at 11 units; the table keeps the full name.
_LONGEST_NAME = 62


def attribute_value(value: Any) -> str:
    return f"{value:.1f}".removesuffix(".0") if isinstance(value, float) else str(value)


def element(tag: str, content: Any = "", **attrs: Any) -> SafeString:
    """One SVG element, its text and every attribute escaped (`font_size=` → `font-size`).

    Joined by hand rather than with format_html: the week alone has some 2,000 elements, and
    format_html's per-argument work took half the result page's first view.
    """
    pairs = "".join(
        f' {name.rstrip("_").replace("_", "-")}="{escape(attribute_value(value))}"'
        for name, value in attrs.items()
        if value is not None
    )
    return mark_safe(f"<{tag}{pairs}>{conditional_escape(content)}</{tag}>")  # escaped above


def joined(parts: Iterable[SafeString]) -> SafeString:
    return mark_safe("".join(conditional_escape(part) for part in parts))


def text(x: float, y: float, words: str, size: int = 11, anchor: str = "start", **attrs: Any):
    attrs.setdefault("fill", TEXT)
    return element("text", words, x=x, y=y, font_size=size, text_anchor=anchor, **attrs)


def haloed_text(
    x: float, y: float, words: str, size: int = 10, anchor: str = "middle", **attrs: Any
):
    """Text with a white halo, readable where it crosses a line."""
    halo = {"stroke": WHITE, "stroke_width": 3, "paint_order": "stroke"}
    return text(x, y, words, size, anchor, **halo, **attrs)


def line(x1: float, y1: float, x2: float, y2: float, **attrs: Any) -> SafeString:
    return element("line", x1=x1, y1=y1, x2=x2, y2=y2, **attrs)


def rect(x: float, y: float, width: float, height: float, fill: str, **attrs: Any):
    return element("rect", x=x, y=y, width=width, height=height, fill=fill, **attrs)


def shortened(name: str) -> str:
    return name if len(name) <= _LONGEST_NAME else name[: _LONGEST_NAME - 1] + "…"


def percent(share: float) -> str:
    return f"{format_number(round(100 * share, 1))}%"


def chart(
    chart_id: str,
    words: tuple[str, str],
    height: float,
    body: Iterable[SafeString],
    table: dict[str, Any],
    *,
    notes: Sequence[str] = (),
) -> Chart:
    """One chart as `_chart.html` renders it: the SVG, its title and description, its table."""
    title, desc = words
    svg = format_html(
        '<svg class="chart-svg" role="img" aria-labelledby="{0}-title {0}-desc" '
        'viewBox="0 0 {1} {2}" width="100%" font-size="12">'
        '<title id="{0}-title">{3}</title><desc id="{0}-desc">{4}</desc>{5}</svg>',
        *(chart_id, WIDTH, attribute_value(float(height)), title, desc, joined(body)),
    )
    parts = {"title": title, "desc": desc, "svg": svg, "table": table, "notes": list(notes)}
    return {"id": chart_id, **parts}


def chart_table(
    caption: str, header: Sequence[str], rows: Iterable[Sequence[str]]
) -> dict[str, Any]:
    """A chart's numbers; each row's first cell heads the row."""
    return {"caption": caption, "header": list(header), "rows": [list(row) for row in rows]}


def nice_ticks(most: float, count: int = 4) -> list[float]:
    """Round steps from 0 up to `most` or just past it: 0, 5 000, 10 000, 15 000 for 13 400."""
    if most <= 0:
        return [0, 1]
    rough = most / count
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= rough)
    return [step * i for i in range(math.ceil(most / step - 1e-9) + 1)]
