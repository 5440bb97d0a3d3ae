"""Every page fits a phone and a desktop: screenshots of each, and no sideways scrolling."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import DESKTOP, PHONE, Person, screenshot
from tests.browser.situations import SITUATIONS

#: Three channels, three languages and big figures: the widest tables and longest texts.
WIDE = {
    **SITUATIONS["big_saas"],
    "demand": {
        **SITUATIONS["big_saas"]["demand"],
        "channels": ["email", "chat", "phone"],
        "aht_phone_minutes": "6",
        "share_phone_percent": "20",
    },
}


def horizontal_overflow(page: Page) -> list[str]:
    """The page's width beyond the window, and the elements that stick out, if any."""
    return page.evaluate(
        """() => {
            const width = window.innerWidth;
            if (document.documentElement.scrollWidth <= width) return [];
            const culprits = [...document.querySelectorAll('main *, header *')]
                .filter(el => el.getBoundingClientRect().right > width + 1)
                .slice(0, 5)
                .map(el => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(
                    el.getBoundingClientRect().right)}px)`);
            return [`scrollWidth ${document.documentElement.scrollWidth} > ${width}`, ...culprits];
        }"""
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "375"])
def test_every_page_fits_the_window_with_screenshots(
    open_context: Callable, request: pytest.FixtureRequest, viewport
):
    page = open_context(viewport=viewport).new_page()
    person = Person(page)
    overflowing: dict[str, list[str]] = {}

    def check(name: str) -> None:
        expect(page.locator("main")).to_be_visible()
        screenshot(page, request, name)
        if overflow := horizontal_overflow(page):
            overflowing[name] = overflow

    page.goto("/")
    check("home")

    def on_step(step: str) -> None:
        check(step)
        if step == "company":  # the same step with every field in error
            person.next()
            expect(page.get_by_role("alert")).to_be_visible()
            check("company-errors")

    person.complete(WIDE, on_step=on_step)
    expect(page.locator("h1.recommendation")).to_be_visible()
    check("result")

    page.goto("/r/no-such-result-token-000000000000/")
    check("404")
    assert not overflowing, f"pages wider than {viewport['width']}px: {overflowing}"


@pytest.mark.parametrize("locale", ["en-GB", "ru-RU", "lv-LV"])
def test_a_result_fits_a_laptop_and_a_phone_in_every_language(
    open_context: Callable, finished: Callable, locale: str
):
    """No sideways scrolling, of the page or of any table in it; on a phone, rows stack."""
    url = finished(WIDE)
    for viewport in (DESKTOP, PHONE):
        page = open_context(viewport=viewport, locale=locale).new_page()
        page.goto(url)
        assert not horizontal_overflow(page), (locale, viewport, horizontal_overflow(page))
        wider = page.evaluate(
            """() => [...document.querySelectorAll('main table, main .table-fit')]
                .filter(el => el.scrollWidth > el.clientWidth + 1)
                .map(el => el.className)"""
        )
        assert not wider, f"{locale} at {viewport['width']} px: {wider} scroll sideways"
        channels = page.locator("table.channels td").first
        stacked = channels.evaluate("el => getComputedStyle(el).display") != "table-cell"
        assert stacked == (viewport is PHONE), f"{locale} at {viewport['width']} px"
        # Every button is reachable on screen without zooming out.
        for button in page.locator(".actions .button:visible").all():
            box = button.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], box


@pytest.mark.parametrize("locale", ["en-GB", "ru-RU", "lv-LV"])
def test_the_answer_card_is_read_without_scrolling(
    open_context: Callable, finished: Callable, locale: str
):
    """Recommendation, people, money against the others and what decided it: first screen."""
    url = finished(SITUATIONS["fintech"])
    for viewport in ({"width": 1280, "height": 800}, {"width": 390, "height": 844}):
        page = open_context(viewport=viewport, locale=locale).new_page()
        page.goto(url)
        card = page.locator(".answer-card")
        for part in (".recommendation", ".card-figures", ".card-against", ".card-reasons"):
            expect(card.locator(part)).to_be_visible()
        box = card.bounding_box()
        assert box["y"] + box["height"] <= viewport["height"], (locale, viewport, box)


def test_every_chart_is_an_svg_with_a_title_a_description_and_its_numbers_as_a_table(
    open_context: Callable, finished: Callable
):
    page = open_context(viewport=DESKTOP).new_page()
    page.goto(finished(WIDE))
    charts = page.locator("figure.chart")
    expect(charts.first).to_be_visible()
    assert charts.count() >= 3  # cost, week and service level; the volume chart once worked out
    for chart in charts.all():
        svg = chart.locator("svg[role=img]")
        assert svg.locator("title").text_content().strip()  # SVG nodes have no inner text
        assert svg.locator("desc").text_content().strip()
        assert chart.locator("table tbody tr").count() > 0
        assert svg.get_attribute("style") is None
