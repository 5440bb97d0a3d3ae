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


def test_the_phone_layout_keeps_the_table_scrollable_and_the_buttons_on_screen(
    open_context: Callable, finished: Callable
):
    page = open_context(viewport=PHONE).new_page()
    page.goto(finished(WIDE))
    # The wide channel table scrolls inside its own box instead of the page.
    box = page.locator(".table-scroll").filter(has=page.locator("table.channels"))
    assert box.evaluate("el => el.scrollWidth > el.clientWidth"), "the table should scroll"
    assert box.evaluate("el => getComputedStyle(el).overflowX") == "auto"
    assert box.bounding_box()["width"] <= PHONE["width"]
    # Every button is reachable on screen without zooming out.
    for button in page.locator(".actions .button:visible").all():
        right = button.bounding_box()
        assert right["x"] >= 0 and right["x"] + right["width"] <= PHONE["width"], right
