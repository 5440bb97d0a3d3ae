"""Assessments in admin: a filtered list, CSV export and a dashboard, for staff who may see them."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from advisor.models import Assessment
from advisor.results.service import assessment_create
from advisor.rules.rulebook import current_rulebook
from tests.advisor.test_scoring import BASE

pytestmark = pytest.mark.django_db

LIST = "/admin/advisor/assessment/"
EXPORT = "/admin/advisor/assessment/export/"
DASHBOARD = "/admin/advisor/assessment/dashboard/"
TRIAL = "/admin/advisor/assessment/trial/"
#: Low, seasonal volume: the default rules recommend an outsourced shared team.
SHARED_CASE = {"interactions_per_month": 80, "demand_pattern": "seasonal"}
#: High, stable volume around the clock: the default rules recommend a dedicated team.
DEDICATED_CASE = {"interactions_per_month": 5000, "coverage": "24_7", "cost_preference": "fixed"}


def make(when: datetime | None = None, **changes) -> Assessment:
    assessment = assessment_create(answers={**BASE, **changes})
    if when is not None:
        Assessment.objects.filter(pk=assessment.pk).update(created_at=when)
        assessment.refresh_from_db()
    return assessment


def copies(assessment: Assessment, count: int) -> None:
    """More stored assessments like this one, without running the engine again."""
    Assessment.objects.bulk_create(
        Assessment(
            answers=assessment.answers,
            result=assessment.result,
            snapshot=assessment.snapshot,
            winner=assessment.winner,
        )
        for _ in range(count)
    )


def queries(client: Client, url: str, **kwargs) -> int:
    """Queries one request makes, its streamed body included."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **kwargs) if "data" not in kwargs else client.post(url, **kwargs)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(captured)


@pytest.mark.parametrize("url", [LIST, EXPORT, DASHBOARD, TRIAL, f"{LIST}?industry=saas"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


@pytest.mark.parametrize("url", [LIST, EXPORT, DASHBOARD, TRIAL])
def test_a_logged_in_user_who_is_not_staff_gets_nothing(client, url):
    client.force_login(User.objects.create_user("bob", password="not-staff-password-123"))
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def staff_with(*codenames: str) -> Client:
    user = User.objects.create_user("dora", password="limited-staff-pass-1", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client = Client()
    client.force_login(user)
    return client


def test_staff_without_permission_on_assessments_cannot_list_export_or_count_them():
    client = staff_with("view_rule", "change_rule")
    for url in (LIST, EXPORT, DASHBOARD, TRIAL):
        assert client.get(url).status_code == 403, url


def test_the_trial_also_needs_permission_to_see_the_rules():
    client = staff_with("view_assessment")
    assert client.get(DASHBOARD).status_code == 200
    assert client.get(EXPORT).status_code == 200
    assert client.get(TRIAL).status_code == 403
    listing = client.get(LIST).text
    assert "Export all (filtered) as CSV" in listing
    assert "Test rules against a case" not in listing


def test_the_list_shows_recommendation_names_industry_volume_coverage_and_a_result_link(
    staff_client,
):
    shared = make(industry="saas", **SHARED_CASE)
    response = staff_client.get(LIST)
    assert response.status_code == 200
    text = response.text
    assert "Outsourced shared team" in text
    assert ">outsourced_shared<" not in text
    assert "SaaS or software" in text
    assert "Business hours on weekdays" in text
    assert ">80<" in text
    assert f'href="/r/{shared.token}/"' in text


def test_an_estimated_volume_is_marked_as_such(staff_client):
    make(interactions_per_month=None, customers=2000, contact_rate_percent=5)
    assert "≈ 100" in staff_client.get(LIST).text


def test_the_list_filters_by_recommendation_shown_by_name(staff_client):
    shared, dedicated = make(**SHARED_CASE), make(**DEDICATED_CASE)
    assert (shared.winner, dedicated.winner) == ("outsourced_shared", "outsourced_dedicated")
    listing = staff_client.get(LIST)
    assert "By recommendation" in listing.text
    filtered = staff_client.get(LIST, {"recommendation": "outsourced_shared"})
    assert [a.pk for a in filtered.context["cl"].result_list] == [shared.pk]
    selected = re.sub(r"\s+", " ", filtered.text)
    link = '<li class="selected"> <a href="?recommendation=outsourced_shared">Outsourced shared'
    assert link in selected


def test_the_filters_can_show_counts(staff_client):
    make(industry="saas", **SHARED_CASE)
    make(industry="saas", **DEDICATED_CASE)
    text = re.sub(r"\s+", " ", staff_client.get(LIST, {"_facets": "True"}).text)
    assert "SaaS or software (2)" in text
    assert "Outsourced shared team (1)" in text
    assert "Gaming (0)" in text


def test_the_list_filters_by_industry_read_from_the_answers(staff_client):
    saas, retail = make(industry="saas"), make(industry="ecommerce")
    listing = staff_client.get(LIST)
    assert "By industry" in listing.text and "Fintech or financial services" in listing.text
    only_saas = staff_client.get(LIST, {"industry": "saas"}).context["cl"].result_list
    assert [a.pk for a in only_saas] == [saas.pk]
    only_retail = staff_client.get(LIST, {"industry": "ecommerce"}).context["cl"].result_list
    assert [a.pk for a in only_retail] == [retail.pk]
    assert not staff_client.get(LIST, {"industry": "gaming"}).context["cl"].result_list


def test_the_list_filters_by_date(staff_client):
    old = make(when=datetime(2024, 3, 5, 12, tzinfo=UTC))
    new = make(when=datetime(2025, 6, 1, 9, tzinfo=UTC))
    by_year = staff_client.get(LIST, {"created_at__year": "2024"}).context["cl"].result_list
    assert [a.pk for a in by_year] == [old.pk]
    since = {"created_at__gte": "2025-01-01 00:00:00+00:00"}
    assert [a.pk for a in staff_client.get(LIST, since).context["cl"].result_list] == [new.pk]
    assert "By created" in staff_client.get(LIST).text


def test_the_list_sorts_by_volume_as_numbers_and_by_industry(staff_client):
    make(interactions_per_month=900, industry="saas")
    make(interactions_per_month=80, industry="ecommerce")
    make(interactions_per_month=12000, industry="gaming")

    def sorted_by(column: str, key: str) -> list:
        listing = staff_client.get(LIST, {"o": column}).context["cl"].result_list
        return [assessment.answers[key] for assessment in listing]

    # Columns: 0 the checkbox, 1 created, 2 recommendation, 3 industry, 4 volume, 5 coverage.
    assert sorted_by("4", "interactions_per_month") == [80, 900, 12000]
    assert sorted_by("-4", "interactions_per_month") == [12000, 900, 80]
    assert sorted_by("3", "industry") == ["ecommerce", "gaming", "saas"]


def test_the_list_needs_a_fixed_number_of_queries(staff_client, django_assert_max_num_queries):
    copies(make(), 3)
    current_rulebook()
    few = queries(staff_client, LIST)
    copies(make(industry="saas"), 26)
    # session, user, option names (for the filter and the column), the filtered and the full
    # count, one page of rows, the first and last dates and the days of the date hierarchy.
    with django_assert_max_num_queries(8):
        many = queries(staff_client, LIST)
    assert Assessment.objects.count() == 31
    assert many == few


def test_the_list_and_the_admin_home_link_to_the_dashboard_and_the_trial(staff_client):
    for url in ("/admin/", LIST):
        text = staff_client.get(url).text
        assert f'href="{DASHBOARD}"' in text
        assert f'href="{TRIAL}"' in text


def test_an_assessments_page_shows_its_answers_result_and_the_rules_it_used(staff_client):
    shared = make(**SHARED_CASE)
    rule = shared.snapshot.rules[0]
    response = staff_client.get(f"{LIST}{shared.pk}/change/")
    assert response.status_code == 200
    assert shared.token in response.text
    assert "Rules used" in response.text
    assert f"&quot;key&quot;: &quot;{rule['key']}&quot;" in response.text
