"""Wrong answers get a clear message next to the field, linked to it for screen readers."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import Person
from tests.browser.situations import SITUATIONS

SHOP = SITUATIONS["small_shop"]


def expect_error_linked(page: Page, control: Locator, message: str | re.Pattern[str]) -> None:
    """`message` shows next to `control`, which says it is invalid and is described by it."""
    control_id = control.get_attribute("id")
    error = page.locator(f"#{control_id}_error")
    expect(error).to_be_visible()
    expect(error).to_have_text(message)
    expect(control).to_have_attribute("aria-invalid", "true")
    described_by = (control.get_attribute("aria-describedby") or "").split()
    assert f"{control_id}_error" in described_by, described_by
    pattern = message if isinstance(message, re.Pattern) else re.compile(re.escape(message))
    expect(control).to_have_accessible_description(pattern)


def expect_group_error_linked(page: Page, group_name: str, message: str) -> None:
    """The same for a group of radio buttons or checkboxes: the fieldset carries the link."""
    group = page.get_by_role("group", name=group_name)
    described_by = (group.get_attribute("aria-describedby") or "").split()
    errors = [page.locator(f"[id='{ref}']") for ref in described_by if ref.endswith("_error")]
    assert errors, f"{group_name}: no error in aria-describedby={described_by}"
    expect(errors[0]).to_have_text(message)
    expect(group).to_have_accessible_description(re.compile(re.escape(message)))
    expect(group.locator("input").first).to_have_attribute("aria-invalid", "true")


def expect_summary(page: Page, *items: str) -> None:
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Please check your answers")
    for item in items:
        expect(summary).to_contain_text(item)


def test_an_empty_first_step_says_what_is_missing_next_to_each_field(person: Person):
    page = person.page
    person.start()
    person.next()
    person.expect_step("company")
    expect_summary(page, "Industry: Please answer this question.")
    expect_error_linked(page, person.field("industry"), "Please answer this question.")
    expect_error_linked(page, person.field("customers"), "Please answer this question.")
    expect_group_error_linked(page, "Product", "Please answer this question.")
    # The summary's link takes the reader to the field.
    page.get_by_role("alert").get_by_role("link", name=re.compile("^Number of customers")).click()
    expect(page).to_have_url(re.compile(r"#id_company-customers$"))


def test_negative_huge_and_non_numeric_numbers_are_refused(person: Person):
    page = person.page
    person.start()
    person.fill_step({**SHOP["company"], "customers": "-5"})
    person.next()
    expect_error_linked(page, person.field("customers"), "Enter 1 or more.")
    expect(person.field("customers")).to_have_value("-5")  # kept, to correct it

    person.field("customers").fill("1000000000000")
    person.next()
    # The limit, grouped or not ("100000000" today; "100,000,000" would read better).
    expect_error_linked(
        page,
        person.field("customers"),
        re.compile(r"Enter 100[,\u00a0 ]?000[,\u00a0 ]?000 or less\."),
    )
    # What the other fields said is kept while one is wrong.
    expect(person.field("industry")).to_have_value("ecommerce")
    expect(page.get_by_role("radio", name=re.compile("^Standard or commodity"))).to_be_checked()

    # A number field refuses letters as you type; "1e" is not a number, so nothing is sent.
    person.field("customers").fill("")
    person.field("customers").focus()
    page.keyboard.type("1e")
    person.next()
    expect_error_linked(page, person.field("customers"), "Please answer this question.")

    # A tampered (or very old) browser can send words anyway: the server still says why.
    person.field("customers").evaluate("input => { input.type = 'text'; }")
    person.field("customers").fill("many")
    person.next()
    expect_error_linked(page, person.field("customers"), "Enter a whole number, using digits only.")

    person.field("customers").evaluate("input => { input.type = 'text'; }")
    person.field("customers").fill("800")
    person.next()
    person.expect_step("demand")


def test_demand_errors_name_the_channel_that_needs_an_answer(person: Person):
    page = person.page
    person.reach_demand(SHOP["company"])
    person.fill_step(
        {
            "interactions_per_month": "",
            "contact_rate_percent": "",
            "channels": ["email", "phone"],
            "aht_email_minutes": "0.1",
            "aht_phone_minutes": "",
            "share_email_percent": "0",
            "share_phone_percent": "0",
        }
    )
    person.next()
    person.expect_step("demand")
    expect_error_linked(
        page,
        person.field("interactions_per_month"),
        "Enter your interactions per month, or a contact rate to estimate them.",
    )
    expect_error_linked(page, person.field("aht_email_minutes"), "Enter 0.5 or more.")
    expect_error_linked(
        page, person.field("aht_phone_minutes"), "Enter the handling time for this channel."
    )
    expect_error_linked(
        page,
        person.field("share_email_percent"),
        "At least one channel you use needs a share above 0.",
    )

    # No channel at all.
    person.fill_step({"interactions_per_month": "60", "channels": []})
    person.next()
    expect_group_error_linked(page, "Channels", "Please answer this question.")

    person.fill_step(SHOP["demand"])
    person.next()
    person.expect_step("coverage")


def test_out_of_range_service_levels_are_refused(person: Person):
    page = person.page
    person.start()
    for step in ("company", "demand"):
        person.fill_step(SHOP[step])
        person.next()
    person.expect_step("coverage")
    person.fill_step(
        {
            "service_level_percent": "120",
            "service_level_seconds": "2",
            "languages": "0",
            "first_response_hours": "-1",
        }
    )
    person.next()
    person.expect_step("coverage")
    expect_error_linked(page, person.field("service_level_percent"), "Enter 99 or less.")
    expect_error_linked(page, person.field("service_level_seconds"), "Enter 5 or more.")
    expect_error_linked(page, person.field("languages"), "Enter 1 or more.")
    expect_error_linked(page, person.field("first_response_hours"), "Enter 0.25 or more.")
    expect(page.locator(".field.has-error")).to_have_count(4)
