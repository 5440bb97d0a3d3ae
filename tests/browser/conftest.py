"""Browser fixtures: one Chromium for the session, a fresh context per test, the default rules.

A `Person` fills the wizard the way a manager does: by reading labels and clicking them. The
labels come from `advisor.questions.definitions`, translated into the page's language, so the same
helper drives the wizard in English, Russian and Latvian.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.utils import translation
from playwright.sync_api import Browser, BrowserContext, Page, expect

from advisor.models import Assumption, Option, Revision, Rule
from advisor.questions.definitions import CHOICE, MULTICHOICE, QUESTIONS, STEPS
from tests.browser.chromium import find_chromium, playwright_chromium
from tests.conftest import WizardDriver

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
QUESTION_STEPS = [step.key for step in STEPS]
#: What `load_defaults` seeds, parents first.
SEEDED_MODELS = (Option, Rule, Assumption, Revision)

# --- Browser and server -------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    executable = find_chromium() or playwright_chromium()
    if executable is None:
        pytest.fail(
            "No Chromium found for the browser tests: install the `chromium` package "
            "(apt-get install chromium), run `playwright install chromium`, or set CHROMIUM_PATH.",
            pytrace=False,
        )
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any], live_server) -> dict[str, Any]:
    return {
        **browser_context_args,
        "base_url": live_server.url,
        "locale": "en-GB",
        "viewport": DESKTOP,
    }


#: The seeded rows, read once, then written back in one INSERT per table after each flush.
_SEEDED: list[tuple[type[models.Model], list[models.Model]]] = []


@pytest.fixture(autouse=True)
def _default_rules(live_server, transactional_db, settings) -> None:
    """Put back the seeded options, rules and assumptions that the live server's flush wiped.

    `load_defaults` seeds them the first time (about 500 queries); later tests copy those rows
    back in bulk, which keeps the suite fast. Also lift the per-client limit on finished
    assessments: every test comes from 127.0.0.1.
    """
    if _SEEDED and not Rule.objects.exists():
        for model, rows in _SEEDED:
            model.objects.bulk_create(rows)
    else:
        call_command("load_defaults", stdout=io.StringIO())
        _SEEDED[:] = [(model, list(model.objects.all())) for model in SEEDED_MODELS]
    settings.ASSESSMENT_RATE_LIMIT = "10000/600"
    cache.clear()


@pytest.fixture
def open_context(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[Callable]:
    """Open a new, empty browser context (no cookies) on the live server; closed after the test."""
    contexts: list[BrowserContext] = []

    def _open(**kwargs: Any) -> BrowserContext:
        context = browser.new_context(**{**browser_context_args, **kwargs})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def finished(live_server) -> Callable[[dict[str, dict[str, Any]]], str]:
    """A stored result's address for a situation, answered quickly through Django's client.

    For tests about the result page itself; the browser runs the wizard in the other tests.
    """

    def _finish(situation: dict[str, dict[str, Any]]) -> str:
        response = WizardDriver(Client()).complete(situation)
        path = response.redirect_chain[-1][0]
        assert re.fullmatch(r"/r/[\w-]+/", path), path
        return live_server.url + path

    return _finish


@pytest.fixture
def page(open_context: Callable) -> Page:
    return open_context().new_page()


def screenshot(page: Page, request: pytest.FixtureRequest, step: str) -> Path:
    """Save a full-page screenshot as test-artifacts/screenshots/<test>-<step>-<width>.png."""
    params = getattr(request.node, "callspec", None)
    extra = [
        str(value)
        for key, value in (params.params.items() if params else ())
        if key not in ("browser_name", "viewport")
    ]
    test = "-".join([request.node.originalname, *extra])
    path = SCREENSHOTS / f"{test}-{step}-{page.viewport_size['width']}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=path, full_page=True)
    return path


# --- A person filling the wizard ----------------------------------------------------------


def text(message: Any, language: str) -> str:
    """A label, choice or other English text as the page shows it in `language`."""
    with translation.override(language):
        return translation.gettext(message) if isinstance(message, str) else str(message)


def label_pattern(label: str) -> re.Pattern[str]:
    """A field's accessible name: its label, perhaps followed by "(optional)"."""
    return re.compile(rf"^{re.escape(label)}(\s+\(.*\))?$")


class Person:
    """Fills the wizard by reading labels and clicking, typing and pressing buttons."""

    def __init__(self, page: Page, language: str = "en"):
        self.page = page
        self.language = language

    def t(self, message: Any) -> str:
        return text(message, self.language)

    def button(self, name: Any):
        return self.page.get_by_role("button", name=self.t(name), exact=True)

    def field(self, key: str):
        return self.page.get_by_label(label_pattern(self.t(QUESTIONS[key].label)))

    def start(self) -> None:
        """From the home page, start an assessment with its button-like link."""
        self.page.goto("/")
        self.page.get_by_role("link", name=self.t("Start an assessment")).click()
        self.expect_step("company")

    def reach_demand(self, company: dict[str, Any]) -> None:
        """Start, answer the company step with `company` and arrive on the demand step."""
        self.start()
        self.fill_step(company)
        self.next()
        self.expect_step("demand")

    def expect_step(self, step: str) -> None:
        title = next((s.title for s in STEPS if s.key == step), "Review")
        expect(self.page.get_by_role("heading", level=1)).to_have_text(self.t(title))

    def answer(self, key: str, value: Any) -> None:
        question = QUESTIONS[key]
        if question.kind == CHOICE and len(question.choices) > 4:  # noqa: PLR2004 - a drop-down
            self.field(key).select_option(label=self.t(question.choice_label(value)))
        elif question.kind == CHOICE:
            self.page.get_by_role(
                "radio", name=self.t(question.choice_label(value)), exact=True
            ).check()
        elif question.kind == MULTICHOICE:
            for code, label in question.choices:
                box = self.page.get_by_role("checkbox", name=self.t(label), exact=True)
                box.set_checked(code in value)
        else:
            self.field(key).fill(str(value))

    def fill_step(self, answers: dict[str, Any]) -> None:
        for key, value in answers.items():
            self.answer(key, value)

    def next(self) -> None:
        self.button("Next").click()

    def back(self) -> None:
        self.button("Back").click()

    def finish(self) -> None:
        self.button("Finish and see the recommendation").click()
        expect(self.page).to_have_url(re.compile(r"/r/[\w-]+/$"))
        # The address changes before the stylesheets apply; what a reader sees needs both.
        self.page.wait_for_load_state("load")

    def complete(self, situation: dict[str, dict[str, Any]], *, on_step: Callable | None = None):
        """Start, answer every step of `situation` (costs left as filled in) and finish.

        `on_step(step)` runs on each page as it opens, before it is answered.
        """
        self.start()
        for step in QUESTION_STEPS:
            self.expect_step(step)
            if on_step:
                on_step(step)
            self.fill_step(situation.get(step, {}))
            self.next()
        self.expect_step("review")
        if on_step:
            on_step("review")
        self.finish()


@pytest.fixture
def person(page: Page) -> Person:
    return Person(page)
