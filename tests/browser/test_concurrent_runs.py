"""Two wizards at once, in two browsers or two tabs of one browser, never mix their answers."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import expect

from tests.browser.conftest import QUESTION_STEPS, Person
from tests.browser.situations import SITUATIONS

SHOP, FINTECH = SITUATIONS["small_shop"], SITUATIONS["fintech"]


def answer(person: Person, label: str):
    page = person.page
    return (
        page.locator(".answer").filter(has=page.locator("dt", has_text=label)).first.locator("dd")
    )


def run_side_by_side(shop: Person, fintech: Person) -> None:
    """Both managers answer one step each in turn, then both finish."""
    shop.start()
    fintech.start()
    assert shop.page.url != fintech.page.url, "two runs got the same address"
    for step in QUESTION_STEPS:
        for person, situation in ((shop, SHOP), (fintech, FINTECH)):
            person.page.bring_to_front()  # the manager switches tab (or window)
            person.expect_step(step)
            person.fill_step(situation.get(step, {}))
            person.next()
    for person, customers, industry, channels in (
        (shop, "800 customers", "E-commerce or retail", "Email or tickets"),
        (fintech, "20,000 customers", "Fintech or financial services", "Chat, Phone"),
    ):
        person.page.bring_to_front()
        person.expect_step("review")
        expect(answer(person, "Number of customers")).to_have_text(customers)
        expect(answer(person, "Industry")).to_have_text(industry)
        expect(answer(person, "Channels")).to_have_text(channels)
    fintech.finish()
    shop.page.bring_to_front()
    shop.finish()
    expect(shop.page.locator("h1.recommendation")).to_have_text(
        "We recommend: Outsourced shared team."
    )
    expect(fintech.page.locator("h1.recommendation")).to_have_text("We recommend: In-house team.")
    expect(answer(shop, "Number of customers")).to_have_text("800 customers")
    expect(answer(fintech, "Number of customers")).to_have_text("20,000 customers")
    assert shop.page.url != fintech.page.url


def test_two_managers_in_two_browsers_fill_the_wizard_at_once(open_context: Callable):
    run_side_by_side(Person(open_context().new_page()), Person(open_context().new_page()))


def test_two_tabs_of_one_browser_keep_two_separate_runs(open_context: Callable):
    context = open_context()
    shop, fintech = Person(context.new_page()), Person(context.new_page())
    run_side_by_side(shop, fintech)
    assert len(context.pages) == 2


def test_an_unfinished_run_is_offered_on_the_home_page_and_resumes(open_context: Callable):
    context = open_context()
    first = Person(context.new_page())
    first.start()
    first.fill_step(SHOP["company"])
    first.next()
    first.expect_step("demand")
    # Later, in another tab of the same browser, the home page offers to continue.
    later = context.new_page()
    later.goto("/")
    later.get_by_role("link", name="Unfinished assessment 1").click()
    resumed = Person(later)
    expect(later).to_have_url(first.page.url)
    resumed.expect_step("demand")
    resumed.page.get_by_role("navigation", name="Progress").get_by_role(
        "link", name="Company"
    ).click()
    expect(resumed.field("customers")).to_have_value("800")
    # Another browser sees none of it.
    stranger = open_context().new_page()
    stranger.goto("/")
    expect(stranger.get_by_role("link", name="Unfinished assessment 1")).to_have_count(0)
    stranger.goto(first.page.url)
    Person(stranger).expect_step("company")
    expect(stranger.get_by_role("status")).to_contain_text("could not find your earlier answers")
    expect(Person(stranger).field("customers")).to_have_value("")
