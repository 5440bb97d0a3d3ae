"""A step page is rendered once per state and shared, but each visitor gets their own links and token."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from advisor.models import Assumption
from tests.conftest import ANSWERS, WizardDriver

pytestmark = pytest.mark.django_db

_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _visitor() -> WizardDriver:
    visitor = WizardDriver(Client(enforce_csrf_checks=True))
    visitor.start()
    return visitor


def test_a_shared_first_step_carries_the_visitors_own_run_and_token():
    ada, bob = _visitor(), _visitor()
    ada_page = ada.get("company")
    bob_page = bob.get("company")
    assert bob_page.templates == [], "the second visitor's page is the kept copy"
    assert ada.run in ada_page.text
    assert bob.run in bob_page.text
    assert ada.run not in bob_page.text
    ada_token = _CSRF_INPUT.search(ada_page.text).group(1)
    bob_token = _CSRF_INPUT.search(bob_page.text).group(1)
    assert ada_token != bob_token
    answered = bob.post("company", extra={"csrfmiddlewaretoken": bob_token})
    assert answered.status_code == 302
    assert answered.url == bob.url("demand")


def test_the_progress_list_is_each_visitors_own():
    ada, bob = _visitor(), _visitor()
    for visitor, answered in ((ada, ("company", "demand")), (bob, ("company",))):
        for step in answered:
            token = _CSRF_INPUT.search(visitor.get(step).text).group(1)
            visitor.post(step, ANSWERS[step], extra={"csrfmiddlewaretoken": token})
    assert ada.get("company").text.count("(answered)") == 1
    assert bob.get("company").text.count("(answered)") == 0


def test_a_message_is_shown_to_its_visitor_only_and_once():
    lost = _visitor()
    lost.run = "0" * 32
    warned = lost.get("demand", follow=True)
    assert "We could not find your earlier answers" in warned.text
    assert "We could not find your earlier answers" not in lost.get("company").text
    newcomer = _visitor()
    assert "We could not find your earlier answers" not in newcomer.get("company").text


def _answer(visitor: WizardDriver, step: str, answers: dict) -> None:
    token = _CSRF_INPUT.search(visitor.get(step).text).group(1)
    visitor.post(step, answers, extra={"csrfmiddlewaretoken": token})


def test_a_returning_visitor_sees_their_own_answers_not_a_page_kept_for_another():
    ada, bob, cleo = _visitor(), _visitor(), _visitor()
    _answer(ada, "company", {**ANSWERS["company"], "customers": "2000"})
    _answer(bob, "company", {**ANSWERS["company"], "customers": "7345"})
    _answer(cleo, "company", {**ANSWERS["company"], "customers": "7345"})
    ada_page, bob_page = ada.get("company"), bob.get("company")
    assert 'value="2000"' in ada_page.text
    assert 'value="7345"' in bob_page.text
    assert 'value="2000"' not in bob_page.text
    cleo_page = cleo.get("company")
    assert cleo_page.templates == [], "the same answers share one kept page"
    assert 'value="7345"' in cleo_page.text
    assert cleo.run in cleo_page.text and bob.run not in cleo_page.text


def test_the_costs_step_shows_the_defaults_an_admin_just_changed():
    ada = _visitor()
    for step in ("company", "demand", "coverage", "priorities"):
        _answer(ada, step, ANSWERS[step])
    assert 'value="40"' in ada.get("costs").text
    rate = Assumption.objects.get(slug="shared_hourly_rate")
    rate.value = 37
    rate.save()
    bob = _visitor()
    for step in ("company", "demand", "coverage", "priorities"):
        _answer(bob, step, ANSWERS[step])
    costs = bob.get("costs")
    assert 'value="37"' in costs.text
    assert 'value="40"' not in costs.text
