"""The rule trial in admin: a case scored with the current rules, beside what it got then."""

from __future__ import annotations

import html
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from advisor.admin.rule_trial import rule_changes
from advisor.models import Assessment, Assumption, Rule
from advisor.results.page import result_context
from advisor.results.service import assessment_build, assessment_create
from advisor.translation import localize
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


def words_of(response) -> str:
    """The results as a reader sees them (no tags, single spaces), without the answers form."""
    results = response.text.split('class="trial-answers"', 1)[0]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", results)))


#: Answers that make an in-house team the clear choice: a non-standard product with deep
#: escalations (in-house rules worth 3 and 2, quality), high control and regulated data (-3
#: and -3 for a shared team, control), and a manager who puts control and quality first, so
#: all of these count twice; that outweighs anything a shared team saves.
IN_HOUSE_ANSWERS = {
    "company-product_type": "non_standard",
    "priorities-escalation_expertise": "deep_product",
    "priorities-control_need": "high",
    "priorities-data_sensitivity": "regulated",
    "priorities-priorities": ["control", "quality"],
}


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
    # The example answers have no payment preference: "no-payment-preference-shared" fires.
    assert "A fixed monthly cost is not a must for you" in text
    assert "Your answer: How you prefer to pay: No preference" in text
    assert "What matters most to you weighs more" not in text
    assert "When it was made" not in text
    assert Assessment.objects.count() == before
    content = response.text.split('id="content-main"', 1)[1]
    assert "<script" not in content and "<style" not in content and "style=" not in content


def test_the_managers_priorities_weigh_the_points_as_on_the_result_page(staff_client):
    # The example answers say "medium" control and personal data: two control rules take a
    # point each off a shared team, and count twice for a manager who puts control first.
    response = staff_client.post(TRIAL, posted(**{"priorities-priorities": ["control"]}))
    now = words_of(response)
    assert "What matters most to you weighs more: Control over the process (×2)." in now
    assert "−2 You set the rules; a shared team follows" in now
    assert "(weighed ×2)" in now
    assert "-2" not in now  # a true minus sign, as the result page writes it


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


def made_in_the_wizard(wizard, step: str = "demand", **answers: str | list[str]) -> Assessment:
    wizard.complete({step: answers})
    return Assessment.objects.latest("created_at")


def small_and_seasonal(wizard) -> Assessment:
    """A shared team's case: at 80 interactions a month it bills only its minimum fee, by far
    the cheapest option, and seasonal demand fires "fluctuating-shared" (2 points) for it and
    "fluctuating-hybrid" (2 points) for a hybrid."""
    stored = made_in_the_wizard(wizard, interactions_per_month="80", demand_pattern="seasonal")
    assert stored.winner == "outsourced_shared"
    return stored


def test_the_trial_reacts_to_a_rule_just_edited(staff_client, wizard):
    stored = small_and_seasonal(wizard)
    rule = Rule.objects.get(slug="fluctuating-shared")
    rule.points = 9
    rule.rationale = "Peaks come and go; a shared team follows them."
    rule.save()
    Rule.objects.filter(slug="fluctuating-hybrid").update(active=False)
    Rule.objects.get(slug="fluctuating-hybrid").save()  # as admin saves: the cache goes stale

    text = words_of(staff_client.get(TRIAL, {"token": stored.token}))
    now, then = text.split("When it was made", 1)
    assert "+9 Peaks come and go; a shared team follows them." in now
    assert "+2 A shared pool grows for seasonal peaks" in then
    assert "Applies with another effect now (Outsourced shared team)" in text
    assert "Then: 2 points; now: 9 points" in text
    assert "Applied then, not now (Hybrid: core team plus outsourced shared team)" in text


def test_a_new_priority_weight_shows_as_another_effect_of_the_same_rule(staff_client, wizard):
    # The manager put control first: "medium-control-shared" (-1, control) counted -2 then;
    # with the admin's priority weight raised to 3 it counts -3 now.
    stored = made_in_the_wizard(wizard, "priorities", priorities=["control"])
    Assumption.objects.filter(slug="priority_weight").update(value=3)
    Assumption.objects.get(slug="priority_weight").save()  # as admin saves: the cache goes stale

    text = words_of(staff_client.get(TRIAL, {"token": stored.token}))
    now, then = text.split("When it was made", 1)
    assert "Control over the process (×3)" in now and "Control over the process (×2)" in then
    assert (
        "Applies with another effect now (Outsourced shared team): You set the rules; a shared "
        "team follows the provider's standard process more than yours. Then: −2 points; "
        "now: −3 points"
    ) in text


def test_answers_edited_for_a_stored_assessment_are_compared_with_it(staff_client, wizard):
    stored = small_and_seasonal(wizard)
    changes = {"token": stored.token, **IN_HOUSE_ANSWERS}
    response = staff_client.post(TRIAL, posted(**changes))
    assert response.context["stored"] == stored
    now, then = words_of(response).split("When it was made", 1)
    assert "We recommend: In-house team." in now
    assert "We recommend: Outsourced shared team." in then
    assert "The recommendation changed." in now
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


def fired(key: str, option: str, points: float, weight: float = 1, **rest) -> dict:
    """A fired rule as a stored result holds it."""
    rule = {"key": key, "question": "q", "answer": "x", "option": option, "points": points}
    return {**rule, "weight": weight, "exclude": False, "rationale": key, **rest}


def test_rule_changes_name_the_rules_that_differ():
    options = {"a": {"name": "A"}, "b": {"name": "B"}}
    then = {
        "winner": "a",
        "options": options,
        "fired": [fired("r1", "a", 2), fired("r2", "b", 1), fired("r4", "a", -1, weight=2)],
    }
    now = {
        "winner": "b",
        "options": options,
        "fired": [
            fired("r2", "b", 5),
            fired("r3", "b", 0, exclude=True),
            fired("r4", "a", -1, weight=1.5),
        ],
    }
    changes = rule_changes(then=then, now=now)
    assert changes["winner_changed"]
    assert [r["key"] for r in changes["only_now"]] == ["r3"]
    assert [(r["key"], r["option_name"]) for r in changes["only_then"]] == [("r1", "A")]
    # A rule's effect is its points times the manager's weight, written as the result page
    # writes points.
    assert [
        (r["key"], r["points_then_text"], r["points_text"]) for r in changes["points_changed"]
    ] == [("r2", "1 point", "5 points"), ("r4", "−2 points", "−1.5 points")]


def test_rule_changes_ignore_a_difference_too_small_to_show():
    options = {"a": {"name": "A"}}
    then = {"options": options, "fired": [fired("r", "a", 1.2)]}
    now = {"options": options, "fired": [fired("r", "a", 1.23)]}
    # 1.2 and 1.23 points both read "1.2 points" on the page: no change to list.
    assert rule_changes(then=then, now=now)["points_changed"] == []
    now["fired"][0]["points"] = 2.5
    (changed,) = rule_changes(then=then, now=now)["points_changed"]
    assert (changed["points_then_text"], changed["points_text"]) == ("1.2 points", "2.5 points")


def test_the_engines_own_reasons_read_in_the_changes_as_on_the_result_page():
    # The engine adds reasons of its own (what each option costs against the cheapest, a late
    # start), with no rule and no rationale of their own; the changes must not list them blank.
    assessment = assessment_build(answers=BASE)
    now = localize(assessment.shown_result())
    own = [reason for reason in now["fired"] if not reason["rationale"]]
    assert own
    then = {**now, "fired": [{**reason, "points": reason["points"] + 1} for reason in own]}
    changed = rule_changes(then=then, now=now)["points_changed"]
    assert len(changed) == len(own)
    page = result_context(assessment)
    shown = {reason["rationale"] for group in page["reason_groups"] for reason in group["reasons"]}
    for reason in changed:
        assert reason["rationale"] and reason["rationale"] in shown
