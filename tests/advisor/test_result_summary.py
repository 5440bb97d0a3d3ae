"""The top of a result: one card with the answer, the options side by side, where it came from."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from advisor.results.service import assessment_create
from advisor.translation import localize
from tests.answers import TYPED_ANSWERS

pytestmark = pytest.mark.django_db


def money_text(amount: float) -> str:
    return f"{round(amount):,} EUR"


def card_of(page: str) -> str:
    return page.split('<section class="answer-card"', 1)[1].split("</section>", 1)[0]


@pytest.fixture
def made():
    return assessment_create(answers=dict(TYPED_ANSWERS))


def test_the_card_gives_the_recommendations_people_and_money(made):
    winner = next(cost for cost in made.result["costs"] if cost["option"] == made.winner)
    card = card_of(Client().get(f"/r/{made.token}/").text)
    assert money_text(winner["total"]) in card
    assert money_text(winner["first_year"]) in card
    assert f"{winner['per_contact']:,.2f} EUR" in card
    assert "People" in card


def test_the_card_says_what_the_recommendation_costs_against_each_other_option(made):
    costs = {cost["option"]: cost["total"] for cost in made.result["costs"]}
    shown = localize(made.shown_result())
    names = {slug: option["name"] for slug, option in shown["options"].items()}
    card = card_of(Client().get(f"/r/{made.token}/").text)
    for option, total in costs.items():
        if option == made.winner:
            continue
        difference = costs[made.winner] - total
        word = "more" if difference > 0 else "less"
        row = f'<span class="against-name">{names[option]}</span>'
        assert (
            f'{row} <span class="against-difference">{money_text(abs(difference))} {word}' in card
        )


def test_the_card_names_the_reasons_that_added_most_for_the_recommendation(made):
    # A small SaaS team: the shared team wins, and being cheapest over three years (the
    # admin's cap, 4 points) is what added most.
    assert made.winner == "outsourced_shared"
    own = [f for f in made.result["fired"] if f["option"] == made.winner]
    cheapest = next(f for f in own if f["question"] == "cheapest")
    assert cheapest["points"] == 4 == max(f["points"] for f in own)
    card = card_of(Client().get(f"/r/{made.token}/").text)
    listed = re.findall(r"<li>(.*?)</li>", card.split('class="card-reasons"', 1)[1])
    assert listed[0] == "The cheapest option over three years, one-off costs included."
    assert len(listed) == 3


def test_the_options_side_by_side_show_every_options_month_and_three_years(made):
    page = Client().get(f"/r/{made.token}/").text
    table = page.split('<table class="options-table', 1)[1].split("</table>", 1)[0]
    for cost in made.result["costs"]:
        assert money_text(cost["total"]) in table
        assert money_text(cost["three_years"]) in table
    assert table.count("recommended") == 1
    for label in ("Weeks to start", "Control", "Fit", "Main risk", "People"):
        assert label in table


def test_the_result_names_its_rule_set_as_admin_does(made, staff_client):
    label = str(made.snapshot)
    page = Client().get(f"/r/{made.token}/").text
    assert f"Rule set {label}." in page
    assert 'datetime="' in page and "(UTC)" in page
    admin = staff_client.get(f"/admin/advisor/assessment/{made.pk}/change/").text
    assert label in admin
