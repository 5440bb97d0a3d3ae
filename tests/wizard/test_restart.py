"""Start from these answers: a new run prefilled from a stored result, which stays as it was."""

from __future__ import annotations

import pytest
from django.test import Client

from advisor.models import Assessment
from tests.conftest import ANSWERS, STEPS, WizardDriver

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(wizard: WizardDriver) -> Assessment:
    """Grace's finished assessment, made through the wizard with the standard answers."""
    wizard.complete()
    return Assessment.objects.get()


#: What a browser sends with a form posted from the result page itself.
SAME_SITE = {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"}


def restart(client: Client, assessment: Assessment, **headers):
    return client.post(f"/assess/from/{assessment.token}/", **(headers or SAME_SITE))


def unfinished_runs(client: Client) -> list[str]:
    """The runs the home page offers this visitor to resume."""
    return client.get("/").context["unfinished"]


def reader() -> WizardDriver:
    """Someone who opened a shared link: no session yet, and CSRF checks as in production."""
    return WizardDriver(Client(enforce_csrf_checks=True))


def test_the_result_page_offers_the_button_as_a_plain_form_with_no_per_reader_token(
    client, finished
):
    text = client.get(f"/r/{finished.token}/").text
    assert (
        f'<form class="restart-form" method="post" action="/assess/from/{finished.token}/">' in text
    )
    assert "Start from these answers" in text
    assert "csrfmiddlewaretoken" not in text  # the page stays the same for every reader


def test_a_reader_lands_on_the_review_step_of_a_new_run_with_every_answer_filled(finished):
    grace = reader()
    response = restart(grace.client, finished)
    assert response.status_code == 302
    run = response.url.split("/")[2]
    assert response.url == f"/assess/{run}/review/"
    assert len(run) == 32
    grace.run = run
    review = grace.client.get(response.url)
    assert review.status_code == 200
    assert review.context["wizard"]["steps"].current == "review"
    assert "These are the answers of the result you came from" in review.text
    assert not review.context["incomplete"]
    assert "E-commerce or retail" in review.text and "1,200 interactions a month" in review.text


def test_every_step_shows_the_stored_answers(finished):
    grace = reader()
    grace.run = restart(grace.client, finished).url.split("/")[2]
    for step in STEPS[:-1]:
        form = grace.get(step).context["wizard"]["form"]
        assert form.is_bound and form.is_valid(), form.errors
        for key, posted in ANSWERS[step].items():
            shown = form[key].value()
            assert shown == posted or str(shown) == str(posted), (step, key, shown, posted)


def test_finishing_unchanged_makes_a_second_assessment_and_leaves_the_first_alone(finished):
    before = Assessment.objects.values().get(pk=finished.pk)
    grace = reader()
    grace.run = restart(grace.client, finished).url.split("/")[2]
    grace.client.get(grace.url("review"))
    csrf = grace.client.cookies["csrftoken"].value
    done = grace.post("review", extra={"csrfmiddlewaretoken": csrf}, follow=True)
    second = Assessment.objects.exclude(pk=finished.pk).get()
    assert done.request["PATH_INFO"] == f"/r/{second.token}/"
    assert second.token != finished.token
    assert second.answers == finished.answers
    assert second.winner == finished.winner
    assert Assessment.objects.values().get(pk=finished.pk) == before


def test_changing_one_answer_gives_a_new_result_for_the_variation_only(wizard, finished):
    before = Assessment.objects.values().get(pk=finished.pk)
    wizard.run = restart(wizard.client, finished).url.split("/")[2]
    wizard.get("demand")
    changed = {**ANSWERS["demand"], "interactions_per_month": "10000"}
    assert wizard.post("demand", changed, extra={"wizard_to_review": "1"}).status_code == 302
    wizard.get("review")
    wizard.post("review", follow=True)
    variation = Assessment.objects.exclude(pk=finished.pk).get()
    assert variation.answers["interactions_per_month"] == 10000
    # 1,200 interactions a month went to a shared team; 10,000 keep a dedicated team busy.
    assert variation.winner == "outsourced_dedicated" != finished.winner
    assert Assessment.objects.values().get(pk=finished.pk) == before
    original = wizard.client.get(f"/r/{finished.token}/").text
    assert "We recommend: Outsourced dedicated team." not in original


def test_interactions_left_blank_stay_blank_and_are_estimated_again(wizard):
    wizard.complete({"demand": {"interactions_per_month": "", "contact_rate_percent": "4"}})
    estimated = Assessment.objects.get()
    assert estimated.answers["interactions_estimated"] is True
    wizard.run = restart(wizard.client, estimated).url.split("/")[2]
    form = wizard.get("demand").context["wizard"]["form"]
    assert form["interactions_per_month"].value() in (None, "")
    assert form["contact_rate_percent"].value() == "4"


def test_answers_no_longer_valid_fall_back_to_defaults_or_show_the_error_never_a_500(
    wizard, finished
):
    answers = dict(finished.answers)
    answers["industry"] = "retired_industry"  # no default: the manager must choose again
    answers["languages"] = 999  # beyond today's range: its default instead
    del answers["demand_pattern"]  # as if the question were added since: its default
    Assessment.objects.filter(pk=finished.pk).update(answers=answers)
    finished.refresh_from_db()
    wizard.run = restart(wizard.client, finished).url.split("/")[2]
    review = wizard.get("review")
    assert review.status_code == 200
    assert [step["title"] for step in review.context["incomplete"]] == ["Company"]
    company = wizard.get("company")
    assert "Choose one of the answers listed." in company.text
    assert wizard.get("demand").context["wizard"]["form"]["demand_pattern"].value() == "stable"
    assert wizard.get("coverage").context["wizard"]["form"]["languages"].value() == "1"
    finish = wizard.post("review", follow=True)
    assert finish.status_code == 200
    assert finish.context["wizard"]["steps"].current == "company"
    assert Assessment.objects.count() == 1


def test_a_get_cannot_start_a_run(client, finished):
    response = client.get(f"/assess/from/{finished.token}/")
    assert response.status_code == 405
    assert not unfinished_runs(client)


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_ORIGIN": "https://evil.example"}, {"HTTP_SEC_FETCH_SITE": "cross-site"}],
    ids=["other origin", "cross-site fetch"],
)
def test_a_post_another_site_sends_is_refused(client, finished, headers):
    response = restart(client, finished, **headers)
    assert response.status_code == 403
    assert not unfinished_runs(client)


def test_a_post_from_the_result_page_itself_is_accepted(client, finished):
    assert restart(client, finished, **SAME_SITE).status_code == 302
    assert restart(client, finished, HTTP_ORIGIN="http://testserver").status_code == 302


def test_a_post_that_does_not_say_where_it_came_from_is_refused(client, finished):
    response = client.post(f"/assess/from/{finished.token}/")
    assert response.status_code == 403
    assert not unfinished_runs(client)


def test_an_unknown_token_is_a_404(client):
    assert client.post("/assess/from/no-such-result-token-here/", **SAME_SITE).status_code == 404
