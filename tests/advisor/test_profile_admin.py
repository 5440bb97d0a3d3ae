"""Admins tune when in the week each industry's customers call, and the next result uses it."""

from __future__ import annotations

import pytest

from advisor.engine.profiles import DEFAULT_PROFILES
from advisor.models import DemandProfile
from advisor.results.service import assessment_create
from tests.advisor.test_staffing import BASE

pytestmark = pytest.mark.django_db


def week_text(weights: list[float]) -> str:
    return "\n".join(" ".join(f"{w:g}" for w in weights[d * 24 : (d + 1) * 24]) for d in range(7))


def saas() -> DemandProfile:
    return DemandProfile.objects.get(industry="saas")


def change(staff_client, text: str):
    profile = saas()
    return staff_client.post(
        f"/admin/advisor/demandprofile/{profile.pk}/change/",
        {"industry": "saas", "weights": text, "source": "Our own call log, 2026."},
    )


def test_every_industry_starts_with_its_default_profile():
    stored = {p.industry: p.weights for p in DemandProfile.objects.all()}
    assert stored == {industry: list(w) for industry, w in DEFAULT_PROFILES.items()}


def test_the_profile_page_shows_the_week_as_seven_lines_and_a_picture(staff_client):
    page = staff_client.get(f"/admin/advisor/demandprofile/{saas().pk}/change/").text
    assert "week-picture" in page
    assert "Monday" in page and "Sunday" in page
    assert week_text(saas().weights).splitlines()[0] in page
    listing = staff_client.get("/admin/advisor/demandprofile/").text
    assert "Monday 10:00" in listing  # the busiest hour of business software


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1 " * 24 + "\n" * 2, "Write seven lines, Monday to Sunday; this has 1."),
        ("\n".join(["1 " * 24] * 6 + ["1 " * 23]), "Sunday has 23 numbers"),
        ("\n".join(["1 " * 24] * 6 + ["1 " * 23 + "x"]), "Sunday has something that is not"),
        ("\n".join(["1 " * 24] * 6 + ["1 " * 23 + "-2"]), "Sunday at 23:00 must be 0 or more."),
        ("\n".join(["0 " * 24] * 7), "At least one hour must be above 0"),
    ],
)
def test_a_week_that_cannot_be_is_refused_with_a_message(staff_client, text, message):
    before = saas().weights
    response = change(staff_client, text)
    assert response.status_code == 200
    assert message in response.text
    assert saas().weights == before


def test_a_saved_profile_is_used_by_the_next_assessment_and_kept_in_history(staff_client):
    answers = {**BASE, "coverage": "24_7", "channels": ["phone"], "languages": 1}
    before = assessment_create(answers=answers).result["staffing"]["own_team"]
    # Every call at night: 00:00-05:00 weigh 1, every other hour 0.
    night = [1.0 if hour < 6 else 0.0 for _day in range(7) for hour in range(24)]
    assert change(staff_client, week_text(night)).status_code == 302
    after = assessment_create(answers=answers).result["staffing"]["own_team"]
    assert after["required"] != before["required"]
    busiest = max(range(168), key=lambda h: after["required"][h])
    assert busiest % 24 < 6
    assert saas().history.count() == 2
