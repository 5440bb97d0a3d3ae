"""The whole wizard works with the keyboard alone: Tab, Space, Enter and the arrow keys."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.browser.conftest import Person
from tests.browser.situations import SITUATIONS

#: Enough Tab presses to cross any page of the wizard once.
TAB_LIMIT = 80


def tab_to(page: Page, selector: str, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element matches `selector`."""
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def focused_outline(page: Page) -> str:
    return page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")


def field(step: str, key: str) -> str:
    return f"[name='{step}-{key}']"


NEXT = "button.button-primary[type=submit]"


def test_a_keyboard_user_completes_the_wizard(page: Page):
    person = Person(page)  # only to read headings; every action below is a key press
    keys = page.keyboard
    page.goto("/")

    tab_to(page, "a.skip-link")
    expect(page.get_by_role("link", name="Skip to content")).to_be_in_viewport()
    tab_to(page, "a[href='/assess/']")
    keys.press("Enter")
    person.expect_step("company")

    tab_to(page, field("company", "industry"))
    keys.type("E-commerce")  # a drop-down picks the answer typed
    tab_to(page, field("company", "product_type"))
    keys.press("Space")  # the first answer: a standard product
    tab_to(page, field("company", "customers"))
    keys.type("800")
    keys.press("Enter")  # Enter in a text field submits with the first button: Next
    person.expect_step("demand")

    tab_to(page, field("demand", "interactions_per_month"))
    keys.type("60")
    tab_to(page, field("demand", "demand_pattern"))
    keys.press("ArrowDown")  # from "Stable" to "Seasonal"
    tab_to(page, NEXT)
    assert focused_outline(page) != "none", "the focused Next button shows no focus ring"
    keys.press("Enter")
    person.expect_step("coverage")

    tab_to(page, NEXT)
    keys.press("Enter")
    person.expect_step("priorities")

    tab_to(page, field("priorities", "control_need"))
    keys.press("ArrowUp")  # from "Medium" to "Low"
    tab_to(page, field("priorities", "cost_preference"))
    keys.press("ArrowUp")  # from "No preference" to "Pay only for the work done"
    tab_to(page, field("priorities", "start_urgency"))
    keys.press("ArrowUp")  # from "one to three months" to "a few weeks"
    tab_to(page, NEXT)
    keys.press("Enter")
    person.expect_step("costs")

    tab_to(page, NEXT)
    keys.press("Enter")
    person.expect_step("review")
    review = page.locator("main")
    for answer in (
        "E-commerce or retail",
        "Standard or commodity",
        "800 customers",
        "60 interactions a month",
        "Seasonal",
        "Low: a standard process",
        "Pay only for the work done",
        "Within a few weeks",
    ):
        expect(review).to_contain_text(answer)

    tab_to(page, NEXT)
    expect(page.locator(NEXT)).to_have_text("Finish and see the recommendation")
    keys.press("Space")  # a button activates with Space too
    expect(page.locator("h1.recommendation")).to_have_text("We recommend: Outsourced shared team.")


def test_the_keyboard_reaches_the_result_actions_and_the_language_switcher(
    open_context: Callable, finished: Callable
):
    page = open_context(permissions=["clipboard-read", "clipboard-write"]).new_page()
    page.goto(finished(SITUATIONS["small_shop"]))
    tab_to(page, "[data-action='print']")
    assert focused_outline(page) != "none"
    tab_to(page, "[data-action='copy-link']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("Link copied.")
    # Back up, past the content, to the language switcher in the header.
    tab_to(page, ".language-switcher a[hreflang='lv']", backwards=True)
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "lv")
    expect(page.locator("h1.recommendation")).to_contain_text("Ārpakalpojuma koplietojamā komanda")
