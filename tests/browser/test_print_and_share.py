"""The result prints the whole decision on at most three A4 pages, and its link shows the same
result to anyone."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from advisor.models import Option, Rule
from advisor.results import service as services
from tests.advisor.test_changes_in_background import ANSWERS, PENDING_TEXT
from tests.browser.conftest import ARTIFACTS, Person
from tests.browser.situations import SITUATIONS
from tests.conftest import hold_tasks

#: Texts of navigation and buttons, none of which belongs on paper.
SCREEN_ONLY = (
    "Print",
    "Copy link",
    "Start a new assessment",
    "Start from these answers",
    "Try a variation",
    "Skip to content",
    "English",
    "Русский",
    "Latviešu",
    "Support Model Advisor",
)
#: What paper must hold besides the card: the comparison, costs item by item, the assumptions.
ON_PAPER = (
    "The four options side by side",
    "Agents' salaries",
    "Assumptions used",
    "What it costs",
)


def printed_text(page: Page, name: str) -> tuple[int, str]:
    """Print the page to an A4 PDF as Chromium does; its page count and its text, one line."""
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    (ARTIFACTS / "pdf").mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "pdf" / f"{name}.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    words = " ".join(page.extract_text() for page in reader.pages)
    # NFKC undoes the ligatures ("ﬁ", "ﬀ") the PDF's fonts print.
    return len(reader.pages), " ".join(unicodedata.normalize("NFKC", words).split())


def shown(page: Page) -> dict[str, object]:
    """What a reader takes away from a result page: the advice and every figure."""
    return {
        "recommendation": page.locator("h1.recommendation").inner_text(),
        "firmness": page.locator(".firmness").inner_text(),
        "made_at": page.locator(".made-at").inner_text(),
        "scores": page.locator(".score").all_inner_texts(),
        "costs": page.locator("#chart-costs table").inner_text(),
        "teams": page.locator(".teams").inner_text(),
        "channels": page.locator("table.channels").inner_text(),
        "reasons": page.locator("section.reasons").inner_text(),
        "answers": page.locator("section.answers-used").inner_text(),
    }


def test_the_result_prints_on_at_most_three_pages_without_buttons_or_navigation(
    page: Page, finished: Callable
):
    share_url = finished(SITUATIONS["fintech"])
    page.goto(share_url)
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    deciding = page.locator(".card-reasons li").all_inner_texts()

    pages, text = printed_text(page, "fintech-result")
    assert pages <= 3, f"the printed result takes {pages} pages"
    assert "We recommend: In-house team." in text
    for part in ON_PAPER:
        assert part in text, f"{part!r} is not printed"
    assert page.locator(".share-qr svg").count() == 1, "the link is printed as a QR code too"
    assert "A clear result: 8 points ahead of Outsourced shared team." in text
    assert share_url in text, "the share link is printed as text"
    assert deciding and all(reason in text for reason in deciding)  # what decided it
    for screen_only in SCREEN_ONLY:
        assert not re.search(rf"\b{re.escape(screen_only)}\b", text), f"{screen_only!r} printed"


@pytest.mark.parametrize("locale", ["en-GB", "ru-RU", "lv-LV"])
def test_a_long_result_still_fits_three_pages(open_context: Callable, finished: Callable, locale):
    """Three channels, 25 reasons and a tie between two featured options, in each language."""
    page = open_context(locale=locale).new_page()
    situation = {
        **SITUATIONS["big_saas"],
        "demand": {
            **SITUATIONS["big_saas"]["demand"],
            "channels": ["email", "chat", "phone"],
            "aht_phone_minutes": "6",
            "share_phone_percent": "20",
            "demand_pattern": "seasonal",
        },
        "coverage": {"coverage": "24_7", "languages": "5"},
        "priorities": {
            **SITUATIONS["big_saas"]["priorities"],
            "existing_team_agents": "12",
            "start_urgency": "weeks",
            "escalation_expertise": "broad_technical",
        },
    }
    page.goto(finished(situation))
    recommendation = page.locator("h1.recommendation").inner_text()
    pages, text = printed_text(page, f"long-result-{locale}")
    assert pages <= 3, f"the printed result takes {pages} pages"
    assert recommendation in text


def test_the_shared_link_shows_the_same_result_in_a_new_empty_browser(
    person: Person, open_context: Callable
):
    person.complete(SITUATIONS["big_saas"])
    manager_view = shown(person.page)
    assert manager_view["recommendation"] == "We recommend: Outsourced dedicated team."
    share_url = person.page.locator("a.share-url").inner_text()

    # Someone else, who never ran the wizard: no cookies, no session.
    reader = open_context()
    assert reader.cookies() == []
    reader_page = reader.new_page()
    response = reader_page.goto(share_url)
    assert response is not None and response.status == 200
    assert shown(reader_page) == manager_view
    expect(reader_page.locator("a.share-url")).to_have_text(share_url)


def test_a_shared_result_stays_the_same_after_the_rules_change(
    page: Page, open_context: Callable, finished: Callable
):
    url = finished(SITUATIONS["small_shop"])
    page.goto(url)
    before = shown(page)
    # An admin later turns the rules upside down and renames an option.
    Rule.objects.update(points=-5)
    Option.objects.filter(slug="outsourced_shared").update(name="Renamed option")
    reader_page = open_context().new_page()
    reader_page.goto(url)
    assert shown(reader_page) == before
    expect(reader_page.locator("h1.recommendation")).to_have_text(
        "We recommend: Outsourced shared team."
    )


def test_copy_link_puts_the_result_address_on_the_clipboard(
    open_context: Callable, finished: Callable
):
    context = open_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(finished(SITUATIONS["small_shop"]))
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status")).to_have_text("Link copied.")
    assert page.evaluate("() => navigator.clipboard.readText()") == page.url


def test_what_would_change_fills_in_when_the_worker_has_worked_it_out(page: Page, monkeypatch):
    """The result opens at once; its last part follows without a reload."""
    waiting = hold_tasks(monkeypatch)
    made = services.assessment_create(answers=ANSWERS)
    assert waiting == [made.token]
    page.goto(f"/r/{made.token}/")
    section = page.locator("section.sensitivity")
    expect(section).to_contain_text(PENDING_TEXT)
    expect(section).to_have_attribute("aria-busy", "true")
    services.assessment_changes_store(made)
    expect(section).not_to_contain_text(PENDING_TEXT)
    expect(section.locator(".sensitivity-item").first).to_be_visible()
    expect(section).to_have_attribute("aria-busy", "false")
