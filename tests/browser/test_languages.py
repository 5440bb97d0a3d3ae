"""The advisor in Russian and Latvian: switcher, first-visit language, results and numbers.

Option names are checked against the glossary; step titles, labels and sentences against the
compiled catalogues (`make messages`), so an untranslated label fails here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from advisor.questions.definitions import QUESTIONS, STEPS, step_questions
from tests.browser.conftest import Person, text
from tests.browser.situations import SITUATIONS

#: The glossary's option names, as a reader of each language must see them.
OPTION_NAMES = {
    "en": {
        "in_house": "In-house team",
        "outsourced_dedicated": "Outsourced dedicated team",
        "outsourced_shared": "Outsourced shared team",
        "hybrid": "Hybrid",
    },
    "ru": {
        "in_house": "Собственная команда",
        "outsourced_dedicated": "Выделенная команда на аутсорсе",
        "outsourced_shared": "Общая команда на аутсорсе",
        "hybrid": "Гибрид",
    },
    "lv": {
        "in_house": "Iekšējā komanda",
        "outsourced_dedicated": "Ārpakalpojuma veltītā komanda",
        "outsourced_shared": "Ārpakalpojuma koplietojamā komanda",
        "hybrid": "Hibrīds",
    },
}
#: A money amount of four digits or more, grouped the language's way: "3,200" or "3 200".
GROUPED = {"en": r"\d,\d{3}", "ru": r"\d\u00a0\d{3}", "lv": r"\d\u00a0\d{3}"}


def expect_translated_step(person: Person, step: str) -> None:
    """The step's title and every question's label in the person's language, not English."""
    person.expect_step(step)
    for question in step_questions(step):
        translated = person.t(question.label)
        assert translated != str(question.label), f"{question.key} is not translated"
        expect(person.page.locator("form")).to_contain_text(translated)


def expect_option_names(page: Page, language: str) -> None:
    scores = page.locator(".score-name")
    expect(scores).to_have_count(4)
    names = " | ".join(scores.all_inner_texts())
    for name in OPTION_NAMES[language].values():
        assert name in names, f"{name!r} not among the options: {names}"


def test_a_manager_switches_to_russian_and_completes_the_wizard(page: Page):
    page.goto("/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Русский").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator(".current-language")).to_have_text("Русский")
    expect(page.get_by_role("link", name="Начать оценку")).to_be_visible()

    person = Person(page, "ru")
    person.complete(SITUATIONS["small_shop"], on_step=lambda step: check_step(person, step))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("h1.recommendation")).to_have_text(
        "Наша рекомендация: Общая команда на аутсорсе."
    )
    expect(page.locator("section.featured h2")).to_have_text("Общая команда на аутсорсе")
    expect_option_names(page, "ru")
    expect(page.get_by_role("button", name="Печать")).to_be_visible()
    # Reasons and answers are Russian too.
    reasons = page.locator("section.reasons")
    expect(reasons).not_to_contain_text("Up to about 100 interactions")
    expect(page.locator("section.answers-used")).to_contain_text(
        text(QUESTIONS["industry"].choice_label("ecommerce"), "ru")
    )


def check_step(person: Person, step: str) -> None:
    if step in {s.key for s in STEPS}:
        expect_translated_step(person, step)
    if step == "costs":
        # Prefilled numbers stay plain digits a number field accepts, whatever the language.
        expect(person.field("inhouse_agent_salary")).to_have_value(re.compile(r"^2500(\.0+)?$"))


def test_latvian_is_picked_from_the_browser_on_the_first_visit(open_context: Callable):
    page = open_context(locale="lv-LV").new_page()
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "lv")
    expect(page.locator(".current-language")).to_have_text("Latviešu")
    expect(page.get_by_role("link", name="Sākt novērtējumu")).to_be_visible()

    person = Person(page, "lv")
    person.complete(SITUATIONS["fintech"], on_step=lambda step: check_step(person, step))
    expect(page.locator("html")).to_have_attribute("lang", "lv")
    expect(page.locator("h1.recommendation")).to_have_text("Mēs iesakām: Iekšējā komanda.")
    expect_option_names(page, "lv")


def test_the_switcher_names_each_language_in_itself_on_every_page(open_context: Callable):
    """A reader who cannot read the page still finds their own language, read in its voice."""
    for locale in ("en-GB", "ru-RU", "lv-LV"):
        page = open_context(locale=locale).new_page()
        page.goto("/")
        switcher = page.get_by_role("navigation").filter(has=page.locator("[hreflang], [lang]"))
        items = switcher.locator("[lang]")
        expect(items).to_have_text(["English", "Русский", "Latviešu"])
        for item, code in zip(items.all(), ("en", "ru", "lv"), strict=True):
            expect(item).to_have_attribute("lang", code)


def test_the_cookie_choice_beats_the_browser_language(open_context: Callable):
    page = open_context(locale="lv-LV").new_page()
    page.goto("/")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Start an assessment")).to_be_visible()


def test_switching_language_mid_wizard_keeps_the_page_and_the_answers(person: Person):
    page = person.page
    person.reach_demand(SITUATIONS["big_saas"]["company"])
    step_url = page.url
    page.get_by_role("link", name="Latviešu").click()
    expect(page).to_have_url(step_url)
    latvian = Person(page, "lv")
    latvian.expect_step("demand")
    latvian.back()
    latvian.expect_step("company")
    expect(latvian.field("customers")).to_have_value("200000")
    expect(latvian.field("industry")).to_have_value("saas")


def test_errors_are_in_the_page_language(open_context: Callable):
    person = Person(open_context(locale="ru-RU").new_page(), "ru")
    person.start()
    person.next()
    required = text("Please answer this question.", "ru")
    assert required != "Please answer this question."
    expect(person.page.locator("#id_company-customers_error")).to_have_text(required)
    expect(person.page.get_by_role("alert")).to_contain_text(
        text("Please check your answers", "ru")
    )


def test_a_shared_result_opens_in_the_readers_language_with_local_numbers(
    open_context: Callable, finished: Callable
):
    url = finished(SITUATIONS["big_saas"])  # by a manager reading English

    totals = {}
    for language, locale in (("lv", "lv-LV"), ("en", "en-GB"), ("ru", "ru-RU")):
        reader = open_context(locale=locale).new_page()
        reader.goto(url)
        expect(reader.locator("html")).to_have_attribute("lang", language)
        expect(reader.locator("section.featured h2")).to_have_text(
            OPTION_NAMES[language]["outsourced_dedicated"]
        )
        expect_option_names(reader, language)
        totals[language] = reader.locator(".cost-total").all_inner_texts()

    # The same figures, written each language's way: 266,467 EUR against 266 467 EUR.
    for language, amounts in totals.items():
        for amount in amounts:
            assert re.search(GROUPED[language], amount), f"{language}: {amount!r}"
    assert not any("," in amount for amount in totals["ru"]), totals["ru"]
    assert [re.sub(r"\D", "", a) for a in totals["en"]] == [
        re.sub(r"\D", "", a) for a in totals["ru"]
    ]
