"""Two results side by side: a result made with "Start from these answers" links to a page that
shows it beside the result it started from, read from both stored results only."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import Client

from advisor.models import Assessment
from advisor.results.service import assessment_create
from tests.answers import TYPED_ANSWERS
from tests.conftest import ANSWERS, WizardDriver

pytestmark = pytest.mark.django_db


def start_from(wizard: WizardDriver, origin: Assessment) -> None:
    """Press "Start from these answers" on the origin's result page: a new run at its review."""
    wizard.run = wizard.client.post(
        f"/assess/from/{origin.token}/", HTTP_ORIGIN="http://testserver"
    ).url.split("/")[2]


def finish(wizard: WizardDriver) -> Assessment:
    wizard.get("review")
    wizard.post("review", follow=True)
    return Assessment.objects.order_by("-pk").first()


@pytest.fixture
def origin(wizard: WizardDriver) -> Assessment:
    """The standard answers: 1,200 interactions a month by email and chat."""
    wizard.complete()
    return Assessment.objects.get()


@pytest.fixture
def busier(wizard: WizardDriver, origin: Assessment) -> Assessment:
    """Made from the origin's answers, with 5,000 interactions a month instead of 1,200."""
    start_from(wizard, origin)
    wizard.get("demand")
    busier = {**ANSWERS["demand"], "interactions_per_month": "5000"}
    wizard.post("demand", busier, extra={"wizard_to_review": "1"})
    return finish(wizard)


def compare_url(first: Assessment, second: Assessment) -> str:
    return f"/r/{first.token}/compare/{second.token}/"


def link_on(assessment: Assessment) -> str:
    """The comparison link as the result page includes it."""
    return render_to_string("advisor/_compare_link.html", {"assessment": assessment})


def result_page(client: Client, assessment: Assessment) -> str:
    cache.clear()  # the page as rendered now, not a copy kept when the wizard opened it
    return client.get(f"/r/{assessment.token}/").text


def test_a_result_made_from_another_remembers_it_and_links_to_the_comparison(
    client, origin, busier
):
    assert busier.based_on_id == origin.token
    assert busier.based_on == origin
    link = link_on(busier)
    assert f'href="/r/{origin.token}/compare/{busier.token}/"' in link
    assert "Compare with the result you started from" in link
    page = client.get(compare_url(origin, busier))
    assert page.status_code == 200
    assert "The result you started from" in page.text and "The new result" in page.text


def test_the_comparison_lists_exactly_the_answers_that_changed(client, origin, busier):
    page = client.get(compare_url(origin, busier))
    assert page.context["differences"] == [
        {
            "title": "Demand",
            "rows": [
                {
                    "label": "Support interactions per month",
                    "first": "1,200 interactions a month",
                    "second": "5,000 interactions a month",
                }
            ],
        }
    ]
    assert "1 answer differs." in page.text
    row = re.search(
        r'<th scope="row">Support interactions per month</th>(.*?)</tr>', page.text, re.S
    )
    cells = re.sub(r"<[^>]+>|\s+", " ", row.group(1)).split()
    assert " ".join(cells).count("interactions a month") == 2
    assert "1,200" in cells and "5,000" in cells


def test_both_recommendations_and_costs_are_those_of_each_result_page(client, origin, busier):
    # 1,200 interactions a month: a shared team, 5,569 EUR a month (132 hours of work).
    # 5,000 a month keep a dedicated team of 8 busy: 22,880 EUR a month.
    expected = [
        (origin, "Outsourced shared team", "5,569 EUR", "200,492 EUR", "132 hours of work a month"),
        (busier, "Outsourced dedicated team", "22,880 EUR", "827,680 EUR", "8 agents"),
    ]
    page = client.get(compare_url(origin, busier))
    sides = page.context["sides"]
    for side, (assessment, name, month, three_years, people) in zip(sides, expected, strict=True):
        assert side["recommendation"] == name
        assert (side["cost"]["total"], side["cost"]["three_years"]) == (month, three_years)
        assert side["team"] == people
        shown = result_page(client, assessment)
        assert f"We recommend: {name}." in shown
        table = shown.split('<table class="over-time', 1)[1]
        over_time = re.search(rf'<tr><th scope="row">{name}</th>(.*?)</tr>', table).group(1)
        assert f'"A month">{month}</td>' in over_time
        assert f'"Three years">{three_years}</td>' in over_time
        assert f"<dt>{name}</dt><dd>{people}</dd>" in shown
    assert "A clear result:" in sides[0]["firmness"]
    text = page.text
    for _, name, month, three_years, people in expected:
        assert all(figure in text for figure in (name, month, three_years, people))


def test_every_option_is_priced_on_both_sides_with_the_recommendation_marked(
    client, origin, busier
):
    options = client.get(compare_url(origin, busier)).context["options"]
    assert [option["name"] for option in options] == [
        "In-house team",
        "Outsourced dedicated team",
        "Outsourced shared team",
        "Hybrid: core team plus outsourced shared team",
    ]
    shared = options[2]["cells"]
    assert [cell["total"] for cell in shared] == ["5,569 EUR", "23,205 EUR"]
    assert [cell["recommended"] for cell in shared] == [True, False]
    assert [cell["recommended"] for cell in options[1]["cells"]] == [False, True]


def test_identical_answers_say_so(client, origin, wizard):
    start_from(wizard, origin)
    same = finish(wizard)
    assert same.based_on_id == origin.token
    page = client.get(compare_url(origin, same))
    assert page.context["differences"] == []
    assert "Both results rest on the same answers" in page.text
    assert "The answers that differ" in page.text
    assert "answer differs" not in page.text


def test_an_answer_asked_of_one_result_only_reads_not_asked_on_the_other(client):
    email_and_chat = assessment_create(answers=TYPED_ANSWERS)
    with_phone = assessment_create(
        answers={**TYPED_ANSWERS, "channels": ["email", "chat", "phone"]}
    )
    page = client.get(compare_url(email_and_chat, with_phone))
    rows = [row for group in page.context["differences"] for row in group["rows"]]
    assert [(row["label"], row["first"], row["second"]) for row in rows] == [
        ("Channels", "Email or tickets, Chat", "Email or tickets, Chat, Phone"),
        ("Handling time for a call", "Not asked", "6 minutes"),
        ("Share of interactions by phone", "Not asked", "20%"),
    ]
    # Two results that are not one made from the other.
    assert "First result" in page.text and "Second result" in page.text
    assert "The result you started from" not in page.text


def test_an_unknown_token_is_a_404(client, origin):
    unknown = "no-such-result-token-here"
    assert client.get(f"/r/{unknown}/compare/{origin.token}/").status_code == 404
    assert client.get(f"/r/{origin.token}/compare/{unknown}/").status_code == 404


def test_a_result_made_without_an_origin_shows_no_link(client, origin):
    assert origin.based_on_id is None
    assert "compare" not in link_on(origin).lower()
    assert assessment_create(answers=TYPED_ANSWERS).based_on_id is None


def test_an_origin_deleted_before_the_finish_leaves_the_new_result_alone(origin, wizard):
    start_from(wizard, origin)
    origin.delete()
    new = finish(wizard)
    assert new.based_on_id is None
    assert Assessment.objects.get() == new


def test_deleting_the_origin_later_keeps_the_new_result_without_a_link(origin, busier):
    origin.delete()
    busier.refresh_from_db()
    assert busier.based_on_id is None
    assert "compare" not in link_on(busier).lower()


def test_the_page_is_read_only_noindex_and_keeps_the_strict_csp(client, origin, busier):
    before = list(Assessment.objects.order_by("pk").values())
    response = client.get(compare_url(origin, busier))
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in response.text
    assert "style=" not in response.text and "<script" not in response.text
    assert "/static/css/compare.css" in response.text
    assert list(Assessment.objects.order_by("pk").values()) == before


def test_the_page_speaks_the_readers_language(origin, busier):
    latvian = Client(headers={"accept-language": "lv"})
    text = latvian.get(compare_url(origin, busier)).text
    assert '<html lang="lv">' in text
    assert "Ārpakalpojuma koplietojamā komanda" in text  # the option's name, from the snapshot
    assert "Atbalsta pieprasījumi mēnesī" in text  # the question that changed
    assert "Kas veic darbu" in text
