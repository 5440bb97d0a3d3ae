"""Moving back and forth through the wizard keeps every answer, and a changed answer counts."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from advisor.models import Assessment
from tests.browser.conftest import Person
from tests.browser.situations import SITUATIONS

SHOP = SITUATIONS["small_shop"]


def answer_row(person: Person, label: str):
    """The value shown next to `label` in the review or the result's answers."""
    rows = person.page.locator(".answer").filter(has=person.page.locator("dt", has_text=label))
    return rows.first.locator("dd")


def test_going_back_keeps_answers_and_a_changed_answer_is_used(person: Person):
    page = person.page
    person.reach_demand(SHOP["company"])
    person.fill_step(SHOP["demand"])
    person.next()
    person.expect_step("coverage")

    # The page's own Back button: the demand answers are still there; change the volume.
    person.back()
    person.expect_step("demand")
    expect(person.field("interactions_per_month")).to_have_value("60")
    expect(page.get_by_role("radio", name=re.compile("^Seasonal"))).to_be_checked()
    expect(page.get_by_role("checkbox", name="Email or tickets", exact=True)).to_be_checked()
    expect(page.get_by_role("checkbox", name="Chat", exact=True)).not_to_be_checked()
    person.field("interactions_per_month").fill("5000")
    person.next()
    person.expect_step("coverage")
    person.fill_step(SHOP["coverage"])
    person.next()
    person.expect_step("priorities")

    # The browser's back: the coverage page again, with its answer; choose 24/7 instead.
    page.go_back()
    person.expect_step("coverage")
    expect(page).to_have_url(re.compile(r"/coverage/$"))
    expect(page.get_by_role("radio", name=re.compile("^Business hours"))).to_be_checked()
    person.answer("coverage", "24_7")
    person.next()
    person.expect_step("priorities")
    person.fill_step(SHOP["priorities"])
    person.next()
    person.expect_step("costs")
    person.next()

    person.expect_step("review")
    expect(answer_row(person, "Support interactions per month")).to_have_text(
        "5,000 interactions a month"
    )
    expect(answer_row(person, "Hours to cover")).to_have_text("24/7: around the clock, every day")
    expect(answer_row(person, "Demand pattern")).to_contain_text("Seasonal")

    person.finish()
    # The result is made from the changed answers, not the first ones.
    expect(answer_row(person, "Support interactions per month")).to_have_text(
        "5,000 interactions a month"
    )
    reasons = page.locator("section.reasons")
    expect(reasons).to_contain_text("Full-day and round-the-clock coverage suit a dedicated team")
    expect(reasons).to_contain_text("at high volume a team of your own")


def test_changing_an_answer_from_the_review_returns_to_the_review(person: Person):
    page = person.page
    person.start()
    for step in ("company", "demand", "coverage", "priorities", "costs"):
        person.fill_step(SHOP.get(step, {}))
        person.next()
    person.expect_step("review")
    expect(answer_row(person, "Languages")).to_have_text("1 language")

    page.get_by_role("link", name="Change Coverage and service").click()
    person.expect_step("coverage")
    person.answer("languages", "4")
    person.button("Save and return to review").click()

    person.expect_step("review")
    expect(answer_row(person, "Languages")).to_have_text("4 languages")
    # Nothing else was lost on the way.
    expect(answer_row(person, "Number of customers")).to_have_text("800 customers")
    person.finish()
    expect(answer_row(person, "Languages")).to_have_text("4 languages")
    expect(page.locator("section.reasons")).to_contain_text(
        "Customers want their own language; language and cultural barriers are a risk"
    )


def test_the_progress_list_links_back_to_answered_steps(person: Person):
    page = person.page
    person.reach_demand(SHOP["company"])
    progress = page.get_by_role("navigation", name="Progress")
    expect(progress).to_contain_text("Step 2 of 6")
    expect(progress.locator("[aria-current=step]")).to_have_text("Demand")
    progress.get_by_role("link", name="Company").click()
    person.expect_step("company")
    expect(person.field("customers")).to_have_value("800")
    expect(person.field("industry")).to_have_value("ecommerce")


def test_a_finished_run_cannot_be_replayed_with_the_back_button(person: Person):
    page = person.page
    person.complete(SHOP)
    result_url = page.url
    page.go_back()
    # The review of a finished run opens its stored result instead of a second assessment.
    page.reload()
    expect(page).to_have_url(result_url)
    expect(page.locator("h1.recommendation")).to_have_text("We recommend: Outsourced shared team.")
    assert Assessment.objects.count() == 1
