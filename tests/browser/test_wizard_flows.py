"""A manager completes the wizard in a real browser and reads the recommendation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Person
from tests.browser.situations import SITUATIONS

EXPECTED = {
    "small_shop": "Outsourced shared team",
    "fintech": "In-house team",
    "big_saas": "Outsourced dedicated team",
}
#: Some of the answers typed, as the result page repeats them.
TYPED = {
    "small_shop": {
        "Industry": "E-commerce or retail",
        "Number of customers": "800 customers",
        "Support interactions per month": "60 interactions a month",
        "Channels": "Email or tickets",
        "Hours to cover": "Business hours on weekdays",
        "How you prefer to pay": "Pay only for the work done",
    },
    "fintech": {
        "Industry": "Fintech or financial services",
        "Number of customers": "20,000 customers",
        "Channels": "Chat, Phone",
        "Data agents will see": "Regulated financial or health data",
        "Agents in your current support team": "3 agents",
    },
    "big_saas": {
        "Industry": "SaaS or software",
        "Number of customers": "200,000 customers",
        "Support interactions per month": "20,000 interactions a month",
        "Channels": "Email or tickets, Chat",
        "Hours to cover": "Extended hours",
        "Languages": "2 languages",
        "How you prefer to pay": "A predictable fixed monthly cost",
    },
}


@pytest.mark.parametrize("situation", list(EXPECTED))
def test_a_manager_completes_the_wizard_and_reads_the_recommendation(person: Person, situation):
    person.complete(SITUATIONS[situation])
    page = person.page
    option = EXPECTED[situation]
    expect(page.locator("h1.recommendation")).to_have_text(f"We recommend: {option}.")
    expect(page.locator(".firmness")).to_contain_text("A clear result")
    expect(page.locator("section.featured h2")).to_have_text(option)
    expect(page.locator(".score.is-winner .score-name")).to_have_text(option)
    expect(page.get_by_role("heading", name="Why: every reason, with its points")).to_be_visible()

    answers = page.locator("section.answers-used")
    for label, value in TYPED[situation].items():
        row = answers.locator(".answer").filter(has=page.locator("dt", has_text=label))
        expect(row.first.locator("dd")).to_contain_text(value)

    # The share link is the page's own address, and the JSON says the same.
    share = page.locator("a.share-url")
    expect(share).to_have_attribute("href", page.url)
    data = page.request.get(page.url.rstrip("/") + ".json").json()
    assert data["recommendation"]["name"] == option
    assert data["url"] == page.url


def test_the_cost_step_comes_filled_with_the_typical_figures(person: Person):
    person.start()
    for step in ("company", "demand", "coverage", "priorities"):
        person.fill_step(SITUATIONS["small_shop"].get(step, {}))
        person.next()
    person.expect_step("costs")
    expect(person.field("inhouse_agent_salary")).to_have_value(re.compile(r"^2500(\.0+)?$"))
    expect(person.field("shared_hourly_rate")).to_have_value(re.compile(r"^40(\.0+)?$"))


def test_a_channels_questions_show_only_while_the_channel_is_ticked(person: Person):
    page = person.page
    person.reach_demand(SITUATIONS["small_shop"]["company"])
    chat_questions = [person.field(key) for key in ("aht_chat_minutes", "chat_concurrency")]
    phone = person.field("aht_phone_minutes")
    person.answer("channels", ["email", "chat"])
    for field in chat_questions:
        expect(field).to_be_visible()
    expect(phone).to_be_hidden()

    # A handling time out of range typed for chat, then chat unticked: it no longer matters.
    chat_questions[0].fill("9999")
    person.answer("channels", ["email", "phone"])
    for field in chat_questions:
        expect(field).to_be_hidden()
    expect(phone).to_be_visible()
    person.next()
    person.expect_step("coverage")

    # Back on the page, it opens as it was left: phone's questions, not chat's.
    person.back()
    person.expect_step("demand")
    expect(page.get_by_role("checkbox", name="Phone", exact=True)).to_be_checked()
    expect(phone).to_be_visible()
    for field in chat_questions:
        expect(field).to_be_hidden()
