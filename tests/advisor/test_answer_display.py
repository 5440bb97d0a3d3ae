"""Answers as a manager reads them on the review and result pages."""

import pytest

from advisor.questions.definitions import QUESTIONS
from advisor.questions.display import answer_sections, format_answer


@pytest.mark.parametrize(
    ("key", "value", "text"),
    [
        ("languages", 1, "1 language"),
        ("languages", 3, "3 languages"),
        ("customers", 1500, "1,500 customers"),
        ("first_response_hours", 0.5, "0.5 hours"),
        ("first_response_hours", 1.0, "1 hour"),
        ("contact_rate_percent", 5, "5% of customers a month"),
        ("contact_rate_percent", 0.001, "0% of customers a month"),
        ("shared_hourly_rate", 24.5, "24.50 EUR an hour"),
        ("inhouse_agent_salary", 3200, "3,200 EUR a month"),
        ("demand_pattern", "seasonal", "Seasonal: predictable peaks such as holidays or launches"),
        ("channels", ["email", "phone"], "Email or tickets, Phone"),
        ("has_existing_team", True, "Yes"),
        ("interactions_per_month", None, "Not answered"),
    ],
)
def test_each_answer_reads_in_words_with_its_unit(key, value, text):
    assert format_answer(QUESTIONS[key], value, {}) == text


def test_an_estimated_volume_says_it_was_estimated():
    answers = {"interactions_per_month": 150, "interactions_estimated": True}
    text = format_answer(QUESTIONS["interactions_per_month"], 150, answers)
    assert text == "150 interactions a month (estimated from customers and contact rate)"


def test_answers_that_do_not_apply_are_left_out():
    answers = {"channels": ["chat"], "interactions_estimated": False, "aht_chat_minutes": 9}
    rows = {row["key"] for section in answer_sections(answers) for row in section["rows"]}
    assert "aht_chat_minutes" in rows
    assert "aht_email_minutes" not in rows
    assert "contact_rate_percent" not in rows
