"""A step page shows only its own visitor's answers, never another manager's."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import ANSWERS, WizardDriver

pytestmark = pytest.mark.django_db


def test_one_managers_answers_never_appear_on_another_managers_step():
    ada = WizardDriver(Client())
    ada.start()
    ada.post("company", {**ANSWERS["company"], "customers": "123457"})
    ada.post("demand", {}, extra={"wizard_goto_step": "company"})
    assert 'value="123457"' in ada.get("company").text

    bob = WizardDriver(Client())
    bob.start()
    page = bob.get("company")
    assert 'value="123457"' not in page.text
    bob.post("company", {**ANSWERS["company"], "customers": "765"})
    bob.post("demand", {}, extra={"wizard_goto_step": "company"})
    assert 'value="765"' in bob.get("company").text
    assert 'value="123457"' in ada.get("company").text


def test_the_cached_fields_follow_the_readers_language_and_errors():
    english = WizardDriver(Client())
    english.start()
    latvian = WizardDriver(Client(headers={"accept-language": "lv"}))
    latvian.start()
    assert "Number of customers" in english.get("company").text
    assert "Number of customers" not in latvian.get("company").text
    wrong = english.post("company", {**ANSWERS["company"], "customers": "0"})
    assert "Enter 1 or more." in wrong.text
    newcomer = WizardDriver(Client())
    newcomer.start()
    assert "Enter 1 or more." not in newcomer.get("company").text
