"""A step page is rendered once per state and shared, but each visitor gets their own links and token."""

from __future__ import annotations

import re

import pytest
from django.test import Client

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
