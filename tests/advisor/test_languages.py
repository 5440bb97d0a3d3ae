"""English, Russian and Latvian: chosen by the reader, kept, and applied to every text."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from advisor.engine.costs import IN_HOUSE
from advisor.models import Option, Rule
from advisor.results.service import assessment_create
from tests.advisor.test_scoring import BASE
from tests.conftest import WizardDriver

pytestmark = pytest.mark.django_db

BUSY = {**BASE, "interactions_per_month": 40000, "channels": ["email", "chat", "phone"]}


def test_the_browsers_language_picks_the_first_page_language():
    russian = Client(headers={"accept-language": "ru-RU,ru;q=0.9,en;q=0.5"}).get("/")
    assert '<html lang="ru">' in russian.text
    assert "Как лучше организовать поддержку клиентов?" in russian.text
    latvian = Client(headers={"accept-language": "lv"}).get("/")
    assert "Kā jums organizēt klientu atbalstu?" in latvian.text
    unknown = Client(headers={"accept-language": "de"}).get("/")
    assert '<html lang="en">' in unknown.text


def test_the_switcher_keeps_the_choice_and_returns_to_the_same_page(client):
    home = client.get("/")
    assert 'href="/language/lv/?next=/"' in home.text
    switched = client.get("/language/lv/?next=/assess/")
    assert switched.status_code == 302
    assert switched.url == "/assess/"
    assert switched.cookies["django_language"].value == "lv"
    step = client.get(client.get("/assess/").url, headers={"accept-language": "ru"})
    assert '<html lang="lv">' in step.text
    assert "Uzņēmums" in step.text


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_the_switcher_never_sends_the_reader_to_another_site(client, target):
    response = client.get("/language/ru/", {"next": target})
    assert response.url == "/"


def test_an_unknown_language_is_not_found(client):
    assert client.get("/language/de/").status_code == 404


def test_errors_on_the_wizard_are_in_the_readers_language():
    wizard = WizardDriver(Client(headers={"accept-language": "lv"}))
    wizard.start()
    response = wizard.post("company", {"industry": "", "customers": "-5"})
    form = response.context["wizard"]["form"]
    assert form.errors
    assert "Lūdzu, atbildiet uz šo jautājumu." in response.text
    assert "Please answer this question." not in response.text


def test_a_shared_result_opens_in_the_readers_language_with_their_number_format():
    stored = assessment_create(answers=BUSY)
    url = f"/r/{stored.token}/"
    english = Client().get(url).text
    russian = Client(headers={"accept-language": "ru"}).get(url).text
    latvian = Client(headers={"accept-language": "lv"}).get(url).text
    assert "We recommend:" in english
    assert "Наша рекомендация:" in russian
    assert "Mēs iesakām:" in latvian
    assert "Собственная команда" in russian and "Iekšējā komanda" in latvian
    assert re.search(r"\d,\d{3} EUR", english)
    assert re.search(r"\d\xa0\d{3} EUR", russian)
    assert not re.search(r"\d,\d{3} EUR", russian)


def test_the_default_rules_reasons_are_translated_on_the_result():
    stored = assessment_create(answers={**BASE, "interactions_per_month": 80})
    fired = stored.result["fired"][0]
    english_reason = fired["rationale"]["en"]
    latvian = Client(headers={"accept-language": "lv"}).get(f"/r/{stored.token}/").text
    assert fired["rationale"]["lv"] and fired["rationale"]["lv"] != english_reason
    assert fired["rationale"]["lv"] in latvian.replace("&quot;", '"').replace("&#x27;", "'")


def test_an_admins_own_translation_wins_and_a_missing_one_falls_back_to_english():
    inhouse = Option.objects.get(slug=IN_HOUSE)
    inhouse.name_ru = "Своя команда поддержки"
    inhouse.save()
    key = assessment_create(answers=BUSY).result["fired"][0]["key"]
    rule = Rule.objects.get(slug=key)
    rule.rationale = "A reason only an admin wrote."
    rule.rationale_ru = ""
    rule.save()
    stored = assessment_create(answers=BUSY)
    names = stored.shown_result()["options"][IN_HOUSE]["name"]
    assert names["ru"] == "Своя команда поддержки"
    assert names["lv"] == "Iekšējā komanda"
    (fired,) = (f for f in stored.result["fired"] if f["key"] == key)
    assert fired["rationale"]["ru"] == "A reason only an admin wrote."
    russian = Client(headers={"accept-language": "ru"}).get(f"/r/{stored.token}/").text
    assert "Своя команда поддержки" in russian
    assert "A reason only an admin wrote." in russian
