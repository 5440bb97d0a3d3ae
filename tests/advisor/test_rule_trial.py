"""The rule trial in admin: a case scored with the current rules, beside what it got then."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from advisor.models import Assessment, Rule
from advisor.rule_trial import rule_changes
from advisor.services import assessment_create
from tests.advisor.test_scoring import BASE
from tests.conftest import ANSWERS

pytestmark = pytest.mark.django_db

TRIAL = "/admin/advisor/assessment/trial/"


def posted(**changes: str | list[str]) -> dict[str, str | list[str]]:
    """The trial form's fields, named by step as the wizard names them."""
    data = {
        f"{step}-{key}": value for step, fields in ANSWERS.items() for key, value in fields.items()
    }
    return {**data, **changes}


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.text)


def test_the_trial_asks_every_wizard_question_with_its_defaults(staff_client):
    response = staff_client.get(TRIAL)
    assert response.status_code == 200
    text = response.text
    for label in ("Industry", "Channels", "Hours to cover", "Outsourced shared team: hourly rate"):
        assert label in text
    assert 'name="demand-demand_pattern" value="stable"' in text and "checked" in text
    assert 'name="costs-shared_hourly_rate" value="' in text
    assert "With the current rules" not in text
    assert 'name="csrfmiddlewaretoken"' in text


def test_typed_answers_are_scored_with_the_current_rules_and_nothing_is_saved(staff_client):
    before = Assessment.objects.count()
    response = staff_client.post(TRIAL, posted())
    assert response.status_code == 200
    text = text_of(response)
    assert "With the current rules" in text
    assert "We recommend:" in text
    assert "Stable demand keeps a fixed-size dedicated team busy at a predictable cost." in text
    assert "Your answer: Demand pattern: Stable: about the same every month" in text
    assert "When it was made" not in text
    assert Assessment.objects.count() == before
    content = response.text.split('id="content-main"', 1)[1]
    assert "<script" not in content and "<style" not in content and "style=" not in content


def test_wrong_answers_get_the_wizard_messages_and_no_score(staff_client):
    response = staff_client.post(TRIAL, posted(**{"company-customers": "lots"}))
    assert response.status_code == 200
    assert "Enter a whole number, using digits only." in response.text
    assert "We recommend:" not in response.text


def test_a_stored_assessment_is_scored_again_beside_what_it_got_then(staff_client, wizard):
    wizard.complete()
    stored = Assessment.objects.get()
    response = staff_client.get(TRIAL, {"token": stored.token})
    assert response.status_code == 200
    context = response.context
    assert context["stored"] == stored
    assert [s["points"] for s in context["now"]["scores"]] == [
        s["points"] for s in context["then"]["scores"]
    ]
    text = text_of(response)
    assert "When it was made" in text and "With the current rules" in text
    assert "The recommendation is the same." in text
    assert "The same rules apply, with the same points." in text
    assert f'value="{stored.token}"' in text  # kept for a re-scored variant of its answers


def made_in_the_wizard(wizard, **demand: str) -> Assessment:
    wizard.complete({"demand": demand})
    return Assessment.objects.latest("created_at")


def test_the_trial_reacts_to_a_rule_just_edited(staff_client, wizard):
    stored = made_in_the_wizard(wizard, interactions_per_month="80", demand_pattern="seasonal")
    assert stored.winner == "outsourced_shared"
    rule = Rule.objects.get(slug="seasonal-shared")
    rule.points = 9
    rule.rationale = "Peaks come and go; a shared team follows them."
    rule.save()
    Rule.objects.filter(slug="low-volume-dedicated").update(active=False)
    Rule.objects.get(slug="low-volume-dedicated").save()  # as admin saves: the cache goes stale

    text = text_of(staff_client.get(TRIAL, {"token": stored.token}))
    now, then = text.split("When it was made", 1)
    assert "Peaks come and go; a shared team follows them." in now and "+9" in now
    assert "Seasonal demand suits a shared team" in then and "+2" in then
    assert "Applies with another effect now (Outsourced shared team)" in text
    assert "Then: 2 points; now: 9 points" in re.sub(r"<[^>]+>", "", text)
    assert "Applied then, not now (Outsourced dedicated team)" in text


def test_answers_edited_for_a_stored_assessment_are_compared_with_it(staff_client, wizard):
    stored = made_in_the_wizard(wizard, interactions_per_month="80", demand_pattern="seasonal")
    changes = {"token": stored.token, "demand-interactions_per_month": "9000"}
    response = staff_client.post(TRIAL, posted(**changes))
    assert response.context["stored"] == stored
    assert response.context["now"]["assessment"].winner != stored.winner
    assert "The recommendation changed." in text_of(response)
    assert Assessment.objects.count() == 1


def test_an_unknown_token_gets_a_clear_message(staff_client):
    response = staff_client.get(TRIAL, {"token": "no-such-token-anywhere"})
    assert response.status_code == 200
    assert "No assessment has this token." in response.text
    assert "When it was made" not in response.text


def test_a_stored_case_missing_newer_answers_takes_their_defaults_as_a_restart_does(
    staff_client,
):
    # Made without the service-level answers the wizard now asks for.
    stored = assessment_create(answers=BASE)
    response = staff_client.get(TRIAL, {"token": stored.token})
    assert response.status_code == 200
    assert response.context["steps"][2]["form"]["service_level_percent"].value() == "80"
    assert "We recommend:" in response.context["now"]["sentence"]
    assert "When it was made" in response.text


def test_a_volume_estimated_then_is_estimated_again(staff_client, wizard):
    stored = made_in_the_wizard(wizard, interactions_per_month="")
    assert stored.answers["interactions_estimated"]
    response = staff_client.get(TRIAL, {"token": stored.token})
    assert response.context["steps"][1]["form"]["interactions_per_month"].value() is None
    assert response.context["now"]["scores"] == response.context["then"]["scores"]


def test_the_trial_form_refuses_a_post_from_another_site():
    user = User.objects.create_superuser("eve", "eve@example.com", "correct-horse-battery-2")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(TRIAL, posted()).status_code == 403


def test_each_assessment_page_links_to_a_trial_with_its_answers(staff_client):
    stored = assessment_create(answers=BASE)
    text = staff_client.get(f"/admin/advisor/assessment/{stored.pk}/change/").text
    assert f'href="{TRIAL}?token={stored.token}"' in text
    assert "Test with current rules" in text


def test_rule_changes_name_the_rules_that_differ():
    options = {"a": {"name": "A"}, "b": {"name": "B"}}
    then = {
        "winner": "a",
        "options": options,
        "fired": [
            {"key": "r1", "option": "a", "points": 2, "exclude": False, "rationale": "one"},
            {"key": "r2", "option": "b", "points": 1, "exclude": False, "rationale": "two"},
        ],
    }
    now = {
        "winner": "b",
        "options": options,
        "fired": [
            {"key": "r2", "option": "b", "points": 5, "exclude": False, "rationale": "two"},
            {"key": "r3", "option": "b", "points": 0, "exclude": True, "rationale": "three"},
        ],
    }
    changes = rule_changes(then=then, now=now)
    assert changes["winner_changed"]
    assert [r["key"] for r in changes["only_now"]] == ["r3"]
    assert [(r["key"], r["option_name"]) for r in changes["only_then"]] == [("r1", "A")]
    assert [(r["key"], r["points_then"], r["points"]) for r in changes["points_changed"]] == [
        ("r2", 1, 5)
    ]
