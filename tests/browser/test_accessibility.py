"""Accessibility: axe finds nothing serious, every input is labelled, focus shows, skipping works."""

from __future__ import annotations

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.conftest import Person
from tests.browser.situations import SITUATIONS

SERIOUS = {"serious", "critical"}
AXE = Axe()


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page, one readable line per element."""
    violations = AXE.run(page).response["violations"]
    return [
        f"[{violation['impact']}] {violation['id']}: {violation['help']} -> "
        f"{', '.join(map(str, node['target']))}: {node['failureSummary']}"
        for violation in violations
        if violation["impact"] in SERIOUS
        for node in violation["nodes"]
    ]


def unlabelled_inputs(page: Page) -> list[str]:
    """Visible form controls that a screen reader would announce without a name."""
    return page.evaluate(
        """() => [...document.querySelectorAll('input, select, textarea')]
            .filter(el => el.type !== 'hidden' && el.offsetParent !== null)
            .filter(el => !(el.labels && el.labels.length && el.labels[0].textContent.trim())
                && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
            .map(el => el.name || el.id)"""
    )


def test_no_serious_accessibility_problems_on_any_page(person: Person):
    page = person.page
    problems: dict[str, list[str]] = {}

    def audit(name: str) -> None:
        expect(page.locator("main")).to_be_visible()
        if found := serious_violations(page):
            problems[name] = found
        if unlabelled := unlabelled_inputs(page):
            problems[f"{name} (inputs without a label)"] = unlabelled
        expect(page.locator("html")).to_have_attribute("lang", "en")

    page.goto("/")
    audit("home")

    def on_step(step: str) -> None:
        audit(step)
        if step == "company":
            person.next()
            expect(page.get_by_role("alert")).to_be_visible()
            audit("company with errors")
        if step == "demand":  # errors inside a group of checkboxes too
            person.fill_step({"channels": [], "interactions_per_month": ""})
            person.next()
            audit("demand with errors")

    person.complete(SITUATIONS["fintech"], on_step=on_step)
    audit("result")
    page.get_by_role("button", name="Start from these answers").click()
    page.get_by_role("button", name="Finish and see the recommendation").click()
    page.get_by_role("link", name="Compare with the result you started from").click()
    expect(page.locator("h1")).to_be_visible()
    audit("two results compared")
    response = page.goto("/r/no-such-result-token-000000000000/")
    assert response is not None and response.status == 404
    audit("404")
    page.goto("/assess/not-a-run/company/")
    audit("404 for a bad wizard link")

    report = "\n".join(f"{name}:\n  " + "\n  ".join(lines) for name, lines in problems.items())
    assert not problems, f"accessibility problems:\n{report}"


def test_the_skip_link_is_the_first_stop_and_jumps_to_the_content(page: Page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    expect(page.locator("main")).to_be_focused()
    # The next Tab goes on from the content, past the header's links.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Start an assessment")).to_be_focused()


FOCUSABLE = {
    "link": ".brand",
    "language link": ".language-switcher a",
    "select": "select",
    "radio": "input[type=radio]",
    "number": "input[type=number]",
    "button": "button[type=submit]",
}


def test_the_keyboard_focus_is_always_visible(person: Person):
    """A thick outline, not the browser's thin default or none, on whatever has focus."""
    page = person.page
    person.start()
    hidden = {}
    for target, selector in FOCUSABLE.items():
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("s => document.activeElement.matches(s)", selector):
                break
        else:
            raise AssertionError(f"Tab never reached a {target}")
        style = page.evaluate(
            """() => { const s = getComputedStyle(document.activeElement);
                       return {style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"""
        )
        if style["style"] == "none" or style["width"] < 2:  # noqa: PLR2004 - 2px at least
            hidden[target] = style
    assert not hidden, f"focus not visible on: {hidden}"
