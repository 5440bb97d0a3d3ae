""" "What would change the recommendation" is worked out after the finish, by the task worker.

The page is complete at once except that part, which says it is coming, is never cached in
that state, and fills in once the worker has stored it: with the rules the result was made
with, even if an admin changed them in between.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from advisor.engine import sensitivity
from advisor.models import Assessment, Rule
from advisor.results.service import assessment_create, work_out_changes
from tests.answers import TYPED_ANSWERS
from tests.conftest import hold_tasks

pytestmark = pytest.mark.django_db

PENDING_TEXT = "We are still checking which of your answers would change the recommendation"
ANSWERS = {**TYPED_ANSWERS, "interactions_per_month": 80, "demand_pattern": "seasonal"}
#: What the worked-out section says of the volume (the search finds the edge above it).
WORKED_OUT = "(your answer: 80 interactions a month)"


@pytest.fixture
def queue(monkeypatch) -> list[str]:
    return hold_tasks(monkeypatch)


def test_the_result_is_shown_at_once_and_says_the_rest_is_coming(client, queue):
    made = assessment_create(answers=ANSWERS)
    assert queue == [made.token]
    page = client.get(f"/r/{made.token}/")
    assert "We recommend:" in page.text
    assert PENDING_TEXT in page.text
    assert "no-store" in page["Cache-Control"]
    assert not page.has_header("ETag")
    data = client.get(f"/r/{made.token}.json").json()
    assert data["sensitivity"] == {"pending": True}
    assert data["recommendation"]["option"] == made.winner


def test_once_worked_out_the_page_shows_it_and_is_kept(client, queue):
    made = assessment_create(answers=ANSWERS)
    client.get(f"/r/{made.token}/")
    work_out_changes.call(made.token)
    page = client.get(f"/r/{made.token}/")
    assert PENDING_TEXT not in page.text
    assert WORKED_OUT in page.text
    assert page["Cache-Control"] == "public, max-age=86400"
    assert (
        client.get(f"/r/{made.token}/", headers={"if-none-match": page["ETag"]}).status_code == 304
    )


@pytest.mark.worked_out
def test_it_is_worked_out_with_the_rules_the_result_was_made_with(monkeypatch):
    monkeypatch.setattr(sensitivity, "SECONDS", None)  # complete however busy the machine
    expected = assessment_create(answers=ANSWERS).result["sensitivity"]
    hold_tasks(monkeypatch)
    made = assessment_create(answers=ANSWERS)
    for rule in Rule.objects.filter(question="interactions_per_month"):  # as an admin would
        rule.active = False
        rule.save()
    work_out_changes.call(made.token)
    assert Assessment.objects.get(pk=made.pk).result["sensitivity"] == expected
    monkeypatch.undo()
    monkeypatch.setattr(sensitivity, "SECONDS", None)
    assert assessment_create(answers=ANSWERS).result["sensitivity"] != expected


def test_a_result_the_worker_never_reached_is_worked_out_by_its_next_reader(client, queue):
    made = assessment_create(answers=ANSWERS)
    Assessment.objects.filter(pk=made.pk).update(created_at=made.created_at - timedelta(minutes=2))
    page = client.get(f"/r/{made.token}/")
    assert PENDING_TEXT not in page.text
    assert WORKED_OUT in page.text
    assert "pending" not in Assessment.objects.get(pk=made.pk).result["sensitivity"]


def test_a_recent_result_waits_for_the_worker(client, queue):
    made = assessment_create(answers=ANSWERS)
    client.get(f"/r/{made.token}/")
    assert "pending" in Assessment.objects.get(pk=made.pk).result["sensitivity"]


def test_the_page_asks_for_its_last_part_cheaply_until_it_is_ready(
    client, queue, django_assert_num_queries
):
    made = assessment_create(answers=ANSWERS)
    section_url = f"/r/{made.token}/changes/"
    assert f'data-changes-url="{section_url}"' in client.get(f"/r/{made.token}/").text
    with django_assert_num_queries(1):
        waiting = client.get(section_url)
    assert waiting.status_code == 204
    assert "no-store" in waiting["Cache-Control"]
    work_out_changes.call(made.token)
    ready = client.get(section_url)
    assert ready.status_code == 200
    assert WORKED_OUT in ready.text
    assert PENDING_TEXT not in ready.text
    with django_assert_num_queries(0):
        assert client.get(section_url).content == ready.content


def test_a_last_part_the_worker_never_reached_is_worked_out_when_the_page_asks(client, queue):
    made = assessment_create(answers=ANSWERS)
    Assessment.objects.filter(pk=made.pk).update(created_at=made.created_at - timedelta(minutes=2))
    ready = client.get(f"/r/{made.token}/changes/")
    assert ready.status_code == 200
    assert WORKED_OUT in ready.text
    assert "pending" not in Assessment.objects.get(pk=made.pk).result["sensitivity"]


def test_the_last_part_of_an_unknown_result_is_not_found(client):
    made = assessment_create(answers=ANSWERS)
    made.delete()
    assert client.get(f"/r/{made.token}/changes/").status_code == 404
