"""The result page and its JSON: rendered from the stored snapshot, shareable, frozen."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from advisor.models import Assessment, Assumption, Option, Rule, RulesSnapshot, new_token
from advisor.results.service import assessment_create
from tests.advisor.test_scoring import BASE
from tests.answers import TYPED_ANSWERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_result() -> Assessment:
    """Low, seasonal volume: the default rules recommend an outsourced shared team."""
    return assessment_create(
        answers={**BASE, "interactions_per_month": 80, "demand_pattern": "seasonal"}
    )


@pytest.fixture
def rules_only(db):
    """No points for money or time to start: the rules alone score, ties go to the cheaper."""
    for slug in ("cost_points_cap", "cost_points_at_10_percent", "late_start_points"):
        figure = Assumption.objects.get(slug=slug)
        figure.value = 0
        figure.save()


def only_rules_on(*questions: str) -> None:
    Rule.objects.exclude(question__in=questions).update(active=False)
    Rule.objects.first().save()  # as admin would, marking the cached rules stale


def test_the_result_states_the_recommendation_in_one_sentence(client, shared_result):
    response = client.get(f"/r/{shared_result.token}/")
    assert response.status_code == 200
    assert "We recommend: Outsourced shared team." in response.text
    assert "A clear result:" in response.text
    assert "ahead of" in response.text


def test_the_result_shows_scores_reasons_pros_cons_and_answers(client, shared_result):
    text = client.get(f"/r/{shared_result.token}/").text
    for name in ("In-house team", "Outsourced dedicated team", "Hybrid: core team"):
        assert name in text
    assert text.count('class="bar-fill"') == 4  # four scores; costs are a chart
    assert "A shared pool grows for seasonal peaks" in text
    assert "+2" in text and "−1" in text
    assert "Your answer: Demand pattern: Seasonal: predictable peaks" in text
    assert "The cheapest option over three years, one-off costs included." in text
    assert "Pros" in text and "Absorbs seasonal peaks" in text
    assert "The provider controls the process" in text
    assert "The answers this is based on" in text
    assert "Seasonal: predictable peaks" in text
    assert "Made on" in text


def test_a_reasons_answer_ending_in_brackets_is_not_wrapped_in_more_brackets(client):
    """The answer under each reason is a line of its own, not a parenthesis."""
    extended = assessment_create(answers={**BASE, "coverage": "extended"})
    text = client.get(f"/r/{extended.token}/").text
    hours = "Hours to cover: Extended hours (about 8:00-22:00, seven days a week)"
    assert f'<span class="reason-condition">Your answer: {hours}</span>' in text
    assert f"{hours})" not in text


def test_the_result_offers_print_copy_link_and_the_share_url(client, shared_result):
    text = client.get(f"/r/{shared_result.token}/").text
    assert 'data-action="print"' in text
    assert 'data-action="copy-link"' in text
    assert f"http://testserver/r/{shared_result.token}/" in text
    assert 'media="print"' in text


def test_a_winning_hybrid_is_explained_as_core_team_plus_shared_team(client):
    hybrid = assessment_create(
        answers={
            **BASE,
            "existing_team_agents": 6,
            "coverage": "extended",
            "demand_pattern": "seasonal",
        }
    )
    text = client.get(f"/r/{hybrid.token}/").text
    assert "We recommend: Hybrid" in text
    assert (
        "A dedicated or in-house team in business hours plus an outsourced shared team for "
        "nights, weekends and peaks." in text
    )


#: Long hours at a SaaS company: dedicated 2 + 1 (IT outsources), hybrid 2, shared 1.
CLOSE = {**BASE, "coverage": "extended", "industry": "saas"}


def test_a_close_call_names_both_options_and_shows_both(client, rules_only):
    only_rules_on("coverage", "industry")
    close = assessment_create(answers=CLOSE)
    response = client.get(f"/r/{close.token}/")
    assert close.result["verdict"] == "close"
    assert (
        "A close call between Outsourced dedicated team and Hybrid: core team plus outsourced "
        "shared team: only 1 point apart (we call 2 points or fewer close), so weigh them side "
        "by side below." in response.text
    )
    featured = [option["slug"] for option in response.context["featured"]]
    assert featured == ["outsourced_dedicated", "hybrid"]
    assert '<div class="featured-options is-pair">' in response.text


def test_a_close_call_stored_without_its_margin_still_names_both_options(client, rules_only):
    only_rules_on("coverage", "industry")
    close = assessment_create(answers=CLOSE)
    Assessment.objects.filter(pk=close.pk).update(result={**close.result, "assumptions": []})
    text = client.get(f"/r/{close.token}/").text
    assert (
        "A close call between Outsourced dedicated team and Hybrid: core team plus outsourced "
        "shared team: only 1 point apart, so weigh them side by side below." in text
    )


def test_a_tie_names_both_and_puts_the_cheaper_first_never_the_list_order(client, rules_only):
    only_rules_on("coverage")  # long hours: dedicated 2, hybrid 2
    tie = assessment_create(answers={**BASE, "coverage": "extended"})
    response = client.get(f"/r/{tie.token}/")
    assert tie.result["verdict"] == "tie"
    costs = {cost["option"]: cost["total"] for cost in tie.result["costs"]}
    # Dedicated comes first in the list of options; the hybrid costs less, so it leads.
    assert costs["hybrid"] < costs["outsourced_dedicated"]
    assert (
        "A tie between Hybrid: core team plus outsourced shared team and Outsourced dedicated "
        "team: both have the same points, so weigh them side by side below." in response.text
    )
    assert '<div class="featured-options is-pair">' in response.text


def test_a_clear_result_says_by_how_many_points_and_shows_one_option(client, shared_result):
    text = client.get(f"/r/{shared_result.token}/").text
    margin = shared_result.result["margin"]
    assert margin == 3  # shared 5 (2 for peaks, 4 cheapest, 1 neutral answers less), hybrid 2
    assert "A clear result: 3 points ahead of Hybrid" in text
    assert '<div class="featured-options">' in text and "is-pair" not in text


def test_a_result_with_no_rule_applying_says_so_plainly(client, rules_only):
    Rule.objects.update(active=False)
    Rule.objects.first().save()
    empty = assessment_create(answers={})
    text = client.get(f"/r/{empty.token}/").text
    assert "No option stands out yet" in text
    assert text.count("No rule applied to this option.") == 4


def test_a_shared_result_never_changes_when_rules_and_options_change(client, shared_result):
    url = f"/r/{shared_result.token}/"
    before = client.get(url).text
    rule = Rule.objects.get(slug="fluctuating-shared")
    rule.rationale = "Edited later."
    rule.points = -9
    rule.save()
    Rule.objects.get(slug="fluctuating-hybrid").delete()
    option = Option.objects.get(slug="outsourced_shared")
    option.name = "Renamed later"
    option.save()
    rate = Assumption.objects.get(slug="dedicated_agent_rate")
    rate.value = 9999
    rate.save()
    after = client.get(url).text
    assert after == before
    assert "Edited later." not in after and "Renamed later" not in after
    data = client.get(f"/r/{shared_result.token}.json").json()
    assert data["recommendation"]["name"] == "Outsourced shared team"
    dedicated = next(c for c in data["costs"] if c["option"] == "outsourced_dedicated")
    assert dedicated["lines"][0]["unit_price"] == 2600


def test_results_made_with_the_same_rules_share_one_copy_of_them(client, shared_result):
    same_rules = assessment_create(answers=BASE)
    rule = Rule.objects.get(slug="fluctuating-shared")
    rule.rationale = "Edited later."
    rule.save()
    edited = assessment_create(answers=shared_result.answers)
    assert same_rules.snapshot_id == shared_result.snapshot_id != edited.snapshot_id
    assert RulesSnapshot.objects.count() == 2
    stored = Assessment.objects.get(pk=shared_result.pk)
    assert "options" not in stored.result  # the texts are kept once, in the shared copy
    cache.clear()  # rendered again from what is stored, not from the page cache
    assert "Edited later." not in client.get(f"/r/{shared_result.token}/").text
    assert "Edited later." in client.get(f"/r/{edited.token}/").text


def test_a_reader_without_a_session_sees_the_same_result(shared_result):
    first, second = Client(), Client()
    assert (
        first.get(f"/r/{shared_result.token}/").text
        == second.get(f"/r/{shared_result.token}/").text
    )


def test_the_json_holds_the_same_result(client, shared_result):
    response = client.get(f"/r/{shared_result.token}.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["token"] == shared_result.token
    assert data["url"] == f"http://testserver/r/{shared_result.token}/"
    assert data["recommendation"]["option"] == "outsourced_shared"
    assert data["recommendation"]["sentence"] == "We recommend: Outsourced shared team."
    assert data["recommendation"]["verdict"] == "clear"
    assert [s["option"] for s in data["scores"]][0] == "outsourced_shared"
    fired = {f["key"]: f for f in data["fired_rules"]}
    assert fired["fluctuating-shared"]["group"] == "flexibility"
    assert fired["cheapest-outsourced_shared"]["points"] == 4
    assert data["answers"]["interactions_per_month"] == 80
    assert data["options"]["outsourced_shared"]["pros"]


def test_an_unknown_token_is_a_friendly_404(client):
    response = client.get("/r/this-token-does-not-exist/")
    assert response.status_code == 404
    assert "We could not find that page" in response.text
    assert "Start a new assessment" in response.text
    json_response = client.get("/r/this-token-does-not-exist.json")
    assert json_response.status_code == 404
    assert json_response.json() == {"error": "No result has this link."}


def test_tokens_are_long_random_and_never_row_ids(shared_result):
    other = assessment_create(answers=BASE)
    assert len(shared_result.token) >= 32
    assert shared_result.token != other.token
    assert shared_result.get_absolute_url() == f"/r/{shared_result.token}/"
    # A spreadsheet would read "-..." as a formula: an export would show it marked as text.
    assert not any(new_token().startswith("-") for _ in range(2000))


@pytest.mark.worked_out
def test_result_pages_ask_search_engines_not_to_index_them(client, shared_result):
    response = client.get(f"/r/{shared_result.token}/")
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in response.text


def test_the_result_page_reads_one_row(client, shared_result, django_assert_num_queries):
    # 1: the assessment by token. The session is not touched for a reader of a shared link.
    with django_assert_num_queries(1):
        client.get(f"/r/{shared_result.token}/")


def test_the_result_shows_team_size_and_cost_for_every_option(client):
    busy = assessment_create(
        answers={
            **BASE,
            "interactions_per_month": 9000,
            "channels": ["email", "phone"],
            "aht_email_minutes": 8,
            "aht_phone_minutes": 6,
            "coverage": "24_7",
        }
    )
    text = client.get(f"/r/{busy.token}/").text
    assert "What it costs" in text and "How many people" in text
    assert "Monthly cost of each option" in text
    assert 'id="chart-costs"' in text and "cheapest" in text
    assert "hours of work a month" in text
    assert "How agents were counted" in text and "Erlang C" in text
    assert "Phone" in text and "Agents on duty" in text
    assert (
        "Assumptions used" in text and "Shrinkage" in text and "30%" in text and "30 %" not in text
    )
    own = busy.result["staffing"]["own_team"]
    assert f"{own['agents']} agents" in text
    assert not any(need["at_floor"] for need in own["channels"])
    assert "One agent per channel and language whenever support is open" not in text


def test_a_quiet_round_the_clock_line_explains_the_one_person_floor(client):
    quiet = assessment_create(
        answers={**BASE, "interactions_per_month": 40, "channels": ["phone"], "coverage": "24_7"}
    )
    text = client.get(f"/r/{quiet.token}/").text
    assert "someone must be there whenever it is open" in text
    assert "* One agent per channel and language whenever support is open" in text
    assert "Pooling:" in text


def test_callers_patience_switches_the_method_to_erlang_a(client):
    impatient = assessment_create(
        answers={**BASE, "channels": ["phone"], "aht_phone_minutes": 5, "patience_seconds": 90}
    )
    text = client.get(f"/r/{impatient.token}/").text
    assert "Erlang A, counting callers who hang up after 90 seconds" in text


def test_the_points_for_money_follow_the_figures_admins_tune(client):
    before = assessment_create(answers=BASE)
    cap = Assumption.objects.get(slug="cost_points_cap")
    cap.value = 7
    cap.save()
    after = assessment_create(answers=BASE)

    def money(assessment):
        return {
            f["option"]: f["points"]
            for f in assessment.result["fired"]
            if f["key"].startswith("cheapest-")
        }

    assert max(money(before).values()) == 4  # the cheapest gets the cap
    assert max(money(after).values()) == 7
    text = client.get(f"/r/{after.token}/").text
    assert "+7" in text and "The cheapest option over three years" in text


def test_a_reason_on_a_worked_out_figure_does_not_call_it_the_managers_answer(client):
    with_team = assessment_create(answers={**BASE, "existing_team_agents": 6})
    text = client.get(f"/r/{with_team.token}/").text
    team = "Already has an in-house support team: Yes"
    assert f"Worked out from your answers: {team}" in text
    assert f"Your answer: {team}" not in text
    assert "Your answer: Product" in text


def test_an_option_below_zero_is_written_with_a_true_minus_sign(client):
    strict = assessment_create(
        answers={**BASE, "control_need": "high", "data_sensitivity": "regulated"}
    )
    below_zero = [s for s in strict.result["scores"] if s["points"] < 0]
    assert below_zero
    text = client.get(f"/r/{strict.token}/").text
    for score in below_zero:
        points = f"{-score['points']:g}"  # 1.0 reads "1"
        assert f"−{points} point" in text
        assert f"-{points} point" not in text


#: A team sized the way results were before hour-by-hour staffing: one busy hour, positions
#: times open hours over a 40-hour week, and the figures that method used.
BUSY_HOUR_STAFFING = {
    "volume_per_month": 3000,
    "own_team": {
        "hours_per_week": 45,
        "channels": [
            {
                "channel": "phone",
                "volume_per_month": 3000,
                "busy_hour_arrivals": 23.1,
                "positions": 4.0,
                "workload_hours": 300,
                "at_floor": False,
                "queue": {
                    "agents": 4,
                    "service_level": 0.83,
                    "asa_seconds": 9.5,
                    "occupancy": 0.58,
                    "wait_probability": 0.2,
                    "abandon_share": 0.0,
                },
            }
        ],
        "positions": 4.0,
        "agents": 7,
        "team_leads": 0,
        "workload_hours": 300,
    },
    "shared_hours": 300,
    "hybrid_core": {
        "hours_per_week": 45,
        "channels": [],
        "positions": 3.0,
        "agents": 5,
        "team_leads": 0,
        "workload_hours": 255,
    },
    "hybrid_shared_hours": 45,
    "hybrid_shared_volume": 450,
    "closed_stretch_hours": 63,
    "first_response_met_when_closed": True,
    "pooling": None,
}


def test_a_result_sized_for_one_busy_hour_keeps_reading_as_it_was_made(client):
    stored = assessment_create(answers={**BASE, "channels": ["phone"]})
    stored.result["staffing"] = BUSY_HOUR_STAFFING
    stored.save()
    text = client.get(f"/r/{stored.token}/").text
    assert "for the busiest hour (1.5 times the average hour)" in text
    assert "7 agents" in text
    assert "hour by hour" not in text


def test_a_team_kept_is_shown_with_every_agent_it_employs(client):
    kept = assessment_create(answers={**TYPED_ANSWERS, "existing_team_agents": 12})
    needed = kept.result["staffing"]["own_team"]["agents"]
    assert needed < 12
    text = client.get(f"/r/{kept.token}/").text
    assert f"12 agents (your team of 12 kept; {needed} would do)" in text
    in_house = next(c for c in kept.result["costs"] if c["option"] == "in_house")
    salaries = next(line for line in in_house["lines"] if line["item"] == "agent_salaries")
    assert salaries["quantity"] == 12


def money_text(amount: float) -> str:
    return f"{round(amount):,} EUR"


def test_the_top_says_what_a_recommendation_dearer_than_the_cheapest_costs_more():
    # A non-standard consumer product with deep escalations: in-house, the dearest option.
    made = assessment_create(
        answers={
            **TYPED_ANSWERS,
            "industry": "consumer_goods",
            "product_type": "non_standard",
            "escalation_expertise": "deep_product",
        }
    )
    costs = {cost["option"]: cost["total"] for cost in made.result["costs"]}
    cheapest = min(costs, key=costs.get)
    assert made.winner == "in_house" != cheapest
    text = Client().get(f"/r/{made.token}/").text
    more = money_text(costs["in_house"] - costs[cheapest])
    assert f"It costs {more} a month more than the cheapest option" in text
    assert "The premium buys: Non-standard products need extra attention" in text


def test_the_top_says_what_the_cheapest_recommendation_saves():
    made = assessment_create(answers={**TYPED_ANSWERS, "interactions_per_month": 80})
    costs = sorted(cost["total"] for cost in made.result["costs"])
    assert made.winner == min(made.result["costs"], key=lambda c: c["total"])["option"]
    text = Client().get(f"/r/{made.token}/").text
    saving = money_text(costs[1] - costs[0])
    assert f"It is also the cheapest: {saving} a month less than the next option" in text
