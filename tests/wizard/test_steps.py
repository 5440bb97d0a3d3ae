"""The wizard through the test client: steps, back navigation, errors, runs side by side."""

from __future__ import annotations

import pytest
from django.test import Client

from advisor.models import Assessment, Assumption, Option, Rule
from tests.conftest import ANSWERS, STEPS, WizardDriver

pytestmark = pytest.mark.django_db


def test_home_page_explains_the_product_and_starts_a_run(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "How should you run customer support?" in response.text
    assert "Outsourced shared team" in response.text
    start = client.get("/assess/")
    assert start.status_code == 302
    assert start.url.startswith("/assess/") and start.url.endswith("/company/")


def test_each_step_shows_where_the_manager_is(wizard):
    wizard.start()
    first = wizard.get("company")
    assert "Step 1 of 6" in first.text
    for title in ("Company", "Demand", "Coverage and service", "Priorities", "Costs", "Review"):
        assert title in first.text
    assert first.context["wizard"]["steps"].current == "company"
    wizard.post("company")
    second = wizard.get("demand")
    assert "Step 2 of 6" in second.text
    assert f'href="/assess/{wizard.run}/company/"' in second.text


def test_a_complete_run_stores_the_assessment_then_redirects_to_its_result(wizard):
    wizard.start()
    for step in STEPS[:-1]:
        response = wizard.post(step)
        assert response.status_code == 302, response.context["wizard"]["form"].errors
        assert response.url == wizard.url(STEPS[STEPS.index(step) + 1])
    finish = wizard.post("review")
    assert finish.url == wizard.url("done")  # formtools finishes at its done URL
    done = wizard.get("done")
    assessment = Assessment.objects.get()
    assert done.status_code == 302
    assert done.url == f"/r/{assessment.token}/"
    assert assessment.answers["industry"] == "ecommerce"
    assert assessment.answers["channels"] == ["email", "chat"]
    assert assessment.answers["interactions_per_month"] == 1200
    assert assessment.winner in assessment.shown_result()["options"]
    page = wizard.client.get(done.url)
    assert "We recommend:" in page.text


def test_defaults_alone_are_enough_besides_the_required_answers(wizard):
    wizard.start()
    required_only = {
        "company": ANSWERS["company"],
        "demand": {
            "contact_rate_percent": "5",
            "demand_pattern": "stable",
            "channels": ["email"],
            "aht_email_minutes": "8",  # prefilled, as the browser posts it
            "share_email_percent": "50",  # prefilled too
        },
        "coverage": ANSWERS["coverage"],
        "priorities": ANSWERS["priorities"],
        "costs": {},
        "review": {},
    }
    for step, data in required_only.items():
        response = wizard.post(step, data, follow=True)
        if step == "demand":
            form = response.context["wizard"]["form"]
            assert form["coverage"].value() == "business_hours"
            assert form["service_level_percent"].value() == 80
    assessment = Assessment.objects.get()
    assert response.request["PATH_INFO"] == f"/r/{assessment.token}/"
    assert assessment.answers["interactions_per_month"] == 100
    assert assessment.answers["interactions_estimated"] is True
    assert assessment.answers["inhouse_agent_salary"] == 2500


def test_the_back_button_keeps_what_was_typed_on_the_page_and_before(wizard):
    wizard.start()
    wizard.post("company")
    typed = {**ANSWERS["demand"], "interactions_per_month": "777"}
    back = wizard.post("demand", typed, extra={"wizard_goto_step": "company"})
    assert back.status_code == 302 and back.url == wizard.url("company")
    company = wizard.client.get(back.url)
    assert company.context["wizard"]["form"]["customers"].value() == "2000"
    wizard.post("company")
    demand = wizard.get("demand")
    assert demand.context["wizard"]["form"]["interactions_per_month"].value() == "777"


def test_the_back_button_keeps_even_an_unfinished_page(wizard):
    wizard.start()
    wizard.post("company")
    wizard.post("demand", {"interactions_per_month": "abc"}, extra={"wizard_goto_step": "company"})
    demand = wizard.get("demand")
    assert demand.context["wizard"]["form"]["interactions_per_month"].value() == "abc"
    assert "Enter a whole number" in demand.text


def test_the_browser_back_button_shows_the_saved_answers_and_a_change_is_used(wizard):
    wizard.start()
    for step in STEPS[:3]:
        wizard.post(step)
    earlier = wizard.get("demand")
    assert earlier.context["wizard"]["steps"].current == "demand"
    assert earlier.context["wizard"]["form"]["demand_pattern"].value() == "stable"
    changed = {**ANSWERS["demand"], "interactions_per_month": "50", "demand_pattern": "seasonal"}
    assert wizard.post("demand", changed).url == wizard.url("coverage")
    result = wizard.complete()
    assessment = Assessment.objects.get()
    assert assessment.answers["interactions_per_month"] == 1200  # complete() re-answers demand
    assert result.status_code == 200


def test_a_changed_answer_from_the_review_page_reaches_the_result(wizard):
    wizard.start()
    for step in STEPS[:-1]:
        wizard.post(step)
    review = wizard.get("review")
    assert f'href="/assess/{wizard.run}/demand/"' in review.text
    wizard.get("demand")
    low = {**ANSWERS["demand"], "interactions_per_month": "60", "demand_pattern": "seasonal"}
    response = wizard.post("demand", low, extra={"wizard_to_review": "1"})
    assert response.url == wizard.url("review")
    assert "60 interactions a month" in wizard.get("review").text
    wizard.post("review", follow=True)
    assessment = Assessment.objects.get()
    assert assessment.answers["interactions_per_month"] == 60
    assert assessment.winner == "outsourced_shared"


def test_the_review_lists_every_answer_in_words_with_units(wizard):
    wizard.start()
    for step in STEPS[:-1]:
        wizard.post(step)
    review = wizard.get("review")
    text = review.text
    assert "Check your answers" in text
    for expected in (
        "E-commerce or retail",
        "2,000 customers",
        "1,200 interactions a month",
        "Email or tickets, Chat",
        "Business hours on weekdays",
        "3,200 EUR a month",
    ):
        assert expected in text
    assert "Handling time for a call" not in text  # phone is not a channel here
    assert "Monthly contact rate" not in text  # the volume was typed, not estimated


@pytest.mark.parametrize(
    ("step", "data", "field", "message"),
    [
        ("company", {"product_type": "standard", "customers": "10"}, "industry", "Please answer"),
        ("company", {**ANSWERS["company"], "customers": "ten"}, "customers", "whole number"),
        ("company", {**ANSWERS["company"], "customers": "0"}, "customers", "Enter 1 or more"),
        ("company", {**ANSWERS["company"], "customers": "9" * 5000}, "customers", "whole number"),
        ("company", {**ANSWERS["company"], "customers": "1e12"}, "customers", "whole number"),
        ("company", {**ANSWERS["company"], "industry": "<script>"}, "industry", "Choose one"),
        ("demand", {**ANSWERS["demand"], "channels": []}, "channels", "Please answer"),
        ("demand", {**ANSWERS["demand"], "channels": ["fax"]}, "channels", "Choose one"),
        (
            "demand",
            {**ANSWERS["demand"], "interactions_per_month": "", "contact_rate_percent": ""},
            "interactions_per_month",
            "or a contact rate",
        ),
        (
            "demand",
            {**ANSWERS["demand"], "channels": ["phone"], "aht_phone_minutes": ""},
            "aht_phone_minutes",
            "Enter the handling time for this channel",
        ),
        ("demand", {**ANSWERS["demand"], "aht_email_minutes": "nan"}, "aht_email_minutes", "number"),
        ("demand", {**ANSWERS["demand"], "share_chat_percent": ""}, "share_chat_percent", "Enter a share"),
        ("demand", {**ANSWERS["demand"], "channels": ["chat"], "share_chat_percent": "0"}, "share_chat_percent", "above 0"),
        ("demand", {**ANSWERS["demand"], "share_email_percent": "101"}, "share_email_percent", "100 or less"),
        ("demand", {**ANSWERS["demand"], "chat_concurrency": "9"}, "chat_concurrency", "4 or less"),
        ("coverage", {**ANSWERS["coverage"], "patience_seconds": "1"}, "patience_seconds", "5 or more"),
        ("demand", {**ANSWERS["demand"], "aht_email_minutes": "1e400"}, "aht_email_minutes", "number"),
        ("coverage", {**ANSWERS["coverage"], "service_level_percent": "100"}, "service_level_percent", "99 or less"),
        ("coverage", {**ANSWERS["coverage"], "languages": "-3"}, "languages", "1 or more"),
        ("priorities", {**ANSWERS["priorities"], "existing_team_agents": "2.5"}, "existing_team_agents", "whole number"),
        ("costs", {**ANSWERS["costs"], "shared_hourly_rate": "-5"}, "shared_hourly_rate", "0 or more"),
    ],
)  # fmt: skip
def test_a_wrong_value_is_shown_next_to_its_field_and_the_step_is_not_left(
    wizard, step, data, field, message
):
    wizard.start()
    for earlier in STEPS[: STEPS.index(step)]:
        wizard.post(earlier)
    response = wizard.post(step, data)
    assert response.status_code == 200
    assert response.context["wizard"]["steps"].current == step
    form = response.context["wizard"]["form"]
    assert message in " ".join(form.errors[field])
    assert f'id="id_{step}-{field}_error"' in response.text
    assert "Please check your answers" in response.text
    assert not Assessment.objects.exists()


def test_a_leftover_entry_for_a_channel_not_used_does_not_block_the_step(wizard):
    """The page hides a channel's questions while it is unticked; what they hold is unused."""
    wizard.start()
    wizard.post("company")
    leftover = {"aht_phone_minutes": "abc", "share_phone_percent": "-5", "chat_concurrency": "9"}
    response = wizard.post("demand", {**ANSWERS["demand"], "channels": ["email"], **leftover})
    assert response.status_code == 302
    assert response.url == wizard.url("coverage")
    used = wizard.post("demand", {**ANSWERS["demand"], "channels": ["email", "phone"], **leftover})
    assert used.status_code == 200
    errors = used.context["wizard"]["form"].errors
    assert set(errors) == {"aht_phone_minutes", "share_phone_percent"}


def test_a_question_shown_only_with_a_channel_says_so_to_the_page(wizard):
    wizard.start()
    wizard.post("company")
    page = wizard.get("demand").text
    assert 'data-question="channels"' in page
    assert (
        'data-question="aht_chat_minutes" data-shown-if-question="channels"'
        ' data-shown-if-answer="chat"'
    ) in page
    assert 'data-question="interactions_per_month">' in page
    assert "js/wizard.js" in page


def test_a_tampered_or_missing_step_marker_is_refused_with_a_message(wizard):
    wizard.start()
    wizard.post("company")
    for marker in ({}, {f"assessment_{wizard.run}-current_step": "nonsense"}):
        data = {"demand-demand_pattern": "stable", **marker}
        response = wizard.client.post(wizard.url("demand"), data, follow=True)
        assert response.status_code == 200
        assert "nothing was saved" in response.text
        assert response.context["wizard"]["steps"].current == "demand"


def test_a_step_posted_with_another_runs_marker_saves_nothing_in_either(wizard):
    other = WizardDriver(Client())
    other.start()
    other.post("company")
    wizard.start()
    wizard.post("company")
    forged = {
        "demand-interactions_per_month": "999",
        f"assessment_{other.run}-current_step": "demand",
    }
    response = wizard.client.post(wizard.url("demand"), forged, follow=True)
    assert "nothing was saved" in response.text
    assert response.context["wizard"]["steps"].current == "demand"
    assert response.context["wizard"]["form"]["interactions_per_month"].value() != "999"
    assert other.get("demand").context["wizard"]["form"]["interactions_per_month"].value() != "999"


def test_two_runs_in_one_browser_never_mix(wizard, client):
    first, second = wizard, WizardDriver(client)
    first.start()
    second.start()
    assert first.run != second.run
    first.post("company", {**ANSWERS["company"], "customers": "111"})
    second.post("company", {**ANSWERS["company"], "customers": "222"})
    assert first.get("company").context["wizard"]["form"]["customers"].value() == "111"
    assert second.get("company").context["wizard"]["form"]["customers"].value() == "222"
    assert first.get("demand").context["wizard"]["steps"].current == "demand"
    first.complete({"company": {"customers": "111"}})
    second.complete({"company": {"customers": "222"}})
    assert sorted(a.answers["customers"] for a in Assessment.objects.all()) == [111, 222]


def test_a_manager_who_closes_the_tab_resumes_the_same_run(wizard):
    wizard.start()
    wizard.post("company")
    wizard.post("demand")
    home = wizard.client.get("/")
    assert "Continue where you left off" in home.text
    assert f"/assess/{wizard.run}/" in home.text
    resumed = wizard.client.get(f"/assess/{wizard.run}/")
    assert resumed.url == wizard.url("coverage")


def test_an_unknown_or_expired_run_explains_and_restarts(client):
    run = "0" * 32
    response = client.get(f"/assess/{run}/priorities/", follow=True)
    assert response.request["PATH_INFO"] == f"/assess/{run}/company/"
    assert "could not find your earlier answers" in response.text
    other = "1" * 32
    posted = client.post(f"/assess/{other}/demand/", {"demand-channels": "email"}, follow=True)
    assert "could not find your earlier answers" in posted.text
    assert posted.context["wizard"]["steps"].current == "company"


def test_a_malformed_run_id_is_not_found(client):
    assert client.get("/assess/not-a-run/company/").status_code == 404


def test_skipping_steps_by_url_leads_back_to_the_missing_step(wizard):
    wizard.start()
    wizard.post("company")
    review = wizard.get("review")
    assert review.status_code == 200
    assert "not complete yet" in review.text
    finish = wizard.post("review", follow=True)
    assert finish.request["PATH_INFO"] == wizard.url("demand")
    assert "Please complete “Demand”" in finish.text
    assert not Assessment.objects.exists()


def test_finishing_twice_stores_one_assessment_and_reopens_the_result(wizard):
    result = wizard.complete()
    assessment = Assessment.objects.get()
    again = wizard.client.get(wizard.url("done"), follow=True)
    replay = wizard.post("review", follow=True)
    assert Assessment.objects.count() == 1
    for response in (result, again, replay):
        assert response.request["PATH_INFO"] == f"/r/{assessment.token}/"


def test_costs_are_prefilled_from_the_admin_defaults_and_blanks_use_them(wizard):
    Assumption.objects.filter(slug="shared_hourly_rate").update(value=31)
    Assumption.objects.get(slug="shared_hourly_rate").save()  # as admin does: bumps the stamp
    wizard.start()
    for step in STEPS[:4]:
        wizard.post(step)
    costs = wizard.get("costs").context["wizard"]["form"]
    assert costs["shared_hourly_rate"].value() == 31
    wizard.post("costs", {"shared_hourly_rate": "", "dedicated_agent_rate": "2999"})
    wizard.post("review", follow=True)
    answers = Assessment.objects.get().answers
    assert answers["shared_hourly_rate"] == 31
    assert answers["dedicated_agent_rate"] == 2999


def test_a_rule_edited_during_a_run_does_not_break_the_finish(wizard):
    wizard.start()
    for step in STEPS[:3]:
        wizard.post(step)
    # The run's answers: medium control, "configurable" product, no payment preference.
    Rule.objects.filter(slug="medium-control-shared").update(value="gone")  # broken outside admin
    Rule.objects.get(slug="configurable-shared").delete()
    Rule.objects.filter(slug="no-payment-preference-shared").update(
        option=Option.objects.get(slug="in_house"), points=40
    )
    Rule.objects.get(slug="no-payment-preference-shared").save()
    response = wizard.complete()
    assessment = Assessment.objects.get()
    assert response.status_code == 200
    assert assessment.winner == "in_house"
    keys = {rule["key"] for rule in assessment.snapshot.rules}
    assert "medium-control-shared" not in keys and "configurable-shared" not in keys


def test_team_sizing_questions_have_defaults_and_reach_the_result(wizard):
    wizard.start()
    wizard.post("company")
    demand = wizard.get("demand").context["wizard"]["form"]
    assert demand["chat_concurrency"].value() == 2
    assert [demand[f"share_{c}_percent"].value() for c in ("email", "chat", "phone")] == [
        50,
        30,
        20,
    ]
    wizard.complete(
        {
            "demand": {
                "channels": ["chat", "phone"],
                "chat_concurrency": "3",
                "share_chat_percent": "70",
            },
            "coverage": {"patience_seconds": "75"},
        }
    )
    assessment = Assessment.objects.get()
    assert assessment.answers["chat_concurrency"] == 3
    assert assessment.answers["patience_seconds"] == 75
    channels = {n["channel"]: n for n in assessment.result["staffing"]["own_team"]["channels"]}
    assert set(channels) == {"chat", "phone"}
    assert channels["chat"]["volume_per_month"] == pytest.approx(1200 * 70 / 90)
    assert channels["phone"]["queue"]["abandon_share"] > 0


def test_manager_cost_figures_replace_the_admin_rates_in_the_cost_comparison(wizard):
    wizard.complete({"costs": {"dedicated_agent_rate": "1000"}})
    result = Assessment.objects.get().result
    dedicated = next(c for c in result["costs"] if c["option"] == "outsourced_dedicated")
    assert dedicated["lines"][0]["unit_price"] == 1000
    used = {a["slug"]: a["value"] for a in result["assumptions"]}
    assert used["dedicated_agent_rate"] == 1000


def test_a_range_error_writes_the_limit_as_the_reader_would():
    english = WizardDriver(Client())
    english.start()
    huge = {**ANSWERS["company"], "customers": "999999999999"}
    assert "Enter 100,000,000 or less." in english.post("company", huge).text
    russian = WizardDriver(Client(headers={"accept-language": "ru"}))
    russian.start()
    assert "100\xa0000\xa0000" in russian.post("company", huge).text


def test_what_matters_most_weighs_the_result_and_takes_two_at_most(wizard):
    wizard.start()
    for step in STEPS[:3]:
        wizard.post(step)
    too_many = {**ANSWERS["priorities"], "priorities": ["cost", "control", "speed"]}
    response = wizard.post("priorities", too_many)
    assert "Pick two at most" in response.text
    wizard.post("priorities", {**ANSWERS["priorities"], "priorities": ["cost"]})
    wizard.post("costs")
    wizard.post("review", follow=True)
    assessment = Assessment.objects.get()
    assert assessment.answers["priorities"] == ["cost"]
    assert assessment.result["weights"]["cost"] == 2
    page = wizard.client.get(f"/r/{assessment.token}/").text
    assert "What matters most to you weighs more: Cost (×2)." in page


def test_money_on_the_cost_step_says_its_currency(wizard):
    wizard.start()
    for step in STEPS[:4]:
        wizard.post(step)
    page = wizard.get("costs").text
    assert '<span class="unit">EUR a month</span>' in page
    assert '<span class="unit">EUR an hour</span>' in page
