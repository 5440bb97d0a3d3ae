"""The result page's "What would change the recommendation", read from the stored snapshot."""

from __future__ import annotations

import pytest

from advisor.models import Assessment
from advisor.results.changes import sensitivity_section
from advisor.results.service import assessment_create
from tests.advisor.test_scoring import BASE
from tests.answers import TYPED_ANSWERS

HEADING = "What would change the answer"


def names(slug):
    return {"in_house": "In-house team", "outsourced_shared": "Outsourced shared team"}[slug]


@pytest.mark.django_db
@pytest.mark.worked_out
def test_the_result_page_says_which_number_would_change_the_recommendation(client):
    shared = assessment_create(
        answers={**TYPED_ANSWERS, "interactions_per_month": 80, "demand_pattern": "seasonal"}
    )
    text = client.get(f"/r/{shared.token}/").text
    assert HEADING in text
    assert "(your answer: 80 interactions a month)" in text
    (volume,) = [
        finding
        for finding in shared.result["sensitivity"]["findings"]
        if finding["question"] == "interactions_per_month"
    ]
    edge = f"{volume['above']['value']:,}"
    winner = shared.snapshot.options[volume["above"]["winner"]]["name"]["en"]
    assert f"Raised to {edge} interactions a month, {winner} would be recommended instead." in text


@pytest.mark.django_db
@pytest.mark.worked_out
def test_the_result_page_says_which_other_choice_would_change_it(client):
    # Steady demand of 3,000 a month: a dedicated team; with peaks a shared team would win.
    steady = assessment_create(answers={**TYPED_ANSWERS, "interactions_per_month": 3000})
    assert steady.winner == "outsourced_dedicated"
    text = client.get(f"/r/{steady.token}/").text
    assert (
        "Answering “Seasonal: predictable peaks such as holidays or launches”, Outsourced "
        "shared team would be recommended instead." in text
    )


@pytest.mark.django_db
@pytest.mark.worked_out
def test_it_is_worked_out_once_when_the_assessment_is_made_and_stored_with_it(client):
    made = assessment_create(answers={**TYPED_ANSWERS, "interactions_per_month": 3000})
    stored = Assessment.objects.get(pk=made.pk).result["sensitivity"]
    assert stored["winner"] == made.winner
    found = {f["question"] for f in stored["findings"]}
    assert found >= {"interactions_per_month", "demand_pattern"}
    data = client.get(f"/r/{made.token}.json").json()
    assert data["sensitivity"] == stored


@pytest.mark.django_db
@pytest.mark.worked_out
def test_a_result_stored_before_this_section_existed_still_renders_without_it(client):
    made = assessment_create(answers=BASE)
    old = {key: value for key, value in made.result.items() if key != "sensitivity"}
    Assessment.objects.filter(pk=made.pk).update(result=old)
    response = client.get(f"/r/{made.token}/")
    assert response.status_code == 200
    assert HEADING not in response.text
    assert "We recommend:" in response.text


def test_channels_read_as_one_added_or_one_removed():
    result = {
        "winner": "outsourced_dedicated",
        "sensitivity": {
            "winner": "outsourced_dedicated",
            "findings": [
                {
                    "question": "channels",
                    "kind": "multichoice",
                    "value": ["email", "chat"],
                    "above": None,
                    "below": None,
                    "alternatives": [
                        {"value": ["chat"], "winner": "outsourced_shared"},
                        {"value": ["email", "chat", "phone"], "winner": "in_house"},
                    ],
                }
            ],
        },
    }
    (row,) = sensitivity_section(result, {"channels": ["email", "chat"]}, names)["rows"]
    assert row["label"] == "Channels"
    assert row["answer"] == "Email or tickets, Chat"
    assert row["sentences"] == [
        "Without “Email or tickets”, Outsourced shared team would be recommended instead.",
        "With “Phone” added, In-house team would be recommended instead.",
    ]


def test_a_change_that_rules_out_every_option_says_so():
    result = {
        "winner": "in_house",
        "sensitivity": {
            "winner": "in_house",
            "findings": [
                {
                    "question": "languages",
                    "kind": "integer",
                    "value": 2,
                    "above": {"value": 3, "winner": None},
                    "below": None,
                    "alternatives": [],
                },
                {"question": "a_question_removed_since", "kind": "choice", "value": "x"},
            ],
        },
    }
    (row,) = sensitivity_section(result, {}, names)["rows"]
    assert row["sentences"] == ["Raised to 3 languages, every option would be ruled out."]


@pytest.mark.django_db
@pytest.mark.worked_out
def test_a_search_cut_short_says_answers_not_listed_may_still_matter(client):
    made = assessment_create(answers=BASE)
    cut = {**made.result, "sensitivity": {"winner": made.winner, "findings": [], "complete": False}}
    Assessment.objects.filter(pk=made.pk).update(result=cut)
    text = client.get(f"/r/{made.token}/").text
    assert HEADING in text
    assert "answers not listed here may still change the recommendation" in text
    assert "We found no single answer" not in text


@pytest.mark.django_db
@pytest.mark.worked_out
def test_the_volumes_where_another_option_becomes_cheaper_are_worked_out_with_the_changes(
    client,
):
    made = assessment_create(answers={**TYPED_ANSWERS, "interactions_per_month": 3000})
    outlook = Assessment.objects.get(pk=made.pk).result["cost_outlook"]
    assert [point["volume"] for point in outlook["curve"]][6] == 3000
    (first, *_rest) = outlook["break_evens"]
    text = client.get(f"/r/{made.token}/").text
    assert "If your volume changes" in text
    cheaper = made.snapshot.options[first["cheaper"]]["name"]["en"]
    assert f"From {first['volume']:,} contacts a month, {cheaper} costs less a month than" in text
