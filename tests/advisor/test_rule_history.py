"""Rule history: who changed which rule when, the old values, and restoring an old version."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from advisor.models import Assumption, Option, Revision, Rule
from advisor.results.page import result_context
from advisor.results.service import assessment_create
from advisor.rules.rulebook import current_rulebook
from tests.advisor.test_whatif import SMALL_SEASONAL, rule_form

pytestmark = pytest.mark.django_db

#: The rule these tests edit: seasonal demand gives a shared team 2 points, in the group
#: "flexibility" that the manager of `SMALL_SEASONAL` (no priorities) does not weigh.
SLUG = "fluctuating-shared"


def shown_points(slug: str) -> str:
    """The points the next manager's result page shows beside the rule's reason."""
    rule = Rule.objects.get(slug=slug)
    page = result_context(assessment_create(answers=SMALL_SEASONAL))
    reasons = (reason for group in page["reason_groups"] for reason in group["reasons"])
    return next(
        reason["signed_points"] for reason in reasons if reason["rationale"] == rule.rationale
    )


def edit(client, rule: Rule, **changes: str):
    response = client.post(f"/admin/advisor/rule/{rule.pk}/change/", rule_form(rule, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def posted(form) -> dict[str, Any]:
    """What a browser posts for an unbound admin form as shown: its initial values."""
    data = {}
    for field in form:
        value = field.value()
        if isinstance(value, bool):
            if value:
                data[field.html_name] = "on"
        elif value is not None:
            data[field.html_name] = str(value)
    return data


def test_every_rule_starts_with_a_history_entry_so_the_first_edit_keeps_old_values():
    assert Rule.history.filter(history_type="+").count() == Rule.objects.count()
    assert Option.history.count() == Option.objects.count()
    recorded = set(Assumption.history.values_list("slug", flat=True))
    assert recorded >= set(Assumption.objects.values_list("slug", flat=True))


def test_an_admin_edit_is_recorded_with_the_user_and_the_old_value(staff_client):
    rule = Rule.objects.get(slug=SLUG)
    edit(staff_client, rule, points="5", group="cost", rationale_ru="Сезонный спрос.")
    latest = rule.history.first()
    assert latest.history_user == User.objects.get(username="ada")
    assert latest.history_type == "~"
    assert (latest.points, latest.prev_record.points) == (5, 2)
    assert latest.group == "cost"
    assert latest.rationale_ru == "Сезонный спрос."
    page = staff_client.get(f"/admin/advisor/rule/{rule.pk}/history/")
    assert page.status_code == 200
    changes = {
        c["field"]: (c["old"], c["new"]) for c in page.context["page_obj"][0].history_delta_changes
    }
    assert changes["Points"] == ("2", "5")
    assert changes["What it weighs"][1] == "cost"
    assert changes["Rationale (ru)"] == ("", "Сезонный спрос.")
    assert "ada" in page.text
    assert "style=" not in page.text  # the site's CSP refuses inline styles


def test_restoring_an_old_version_brings_its_points_back_for_the_next_assessment(staff_client):
    rule = Rule.objects.get(slug=SLUG)
    original = rule.history.first()
    edit(staff_client, rule, points="7")
    assert shown_points(SLUG) == "+7"
    url = f"/admin/advisor/rule/{rule.pk}/history/{original.history_id}/"
    form = staff_client.get(url)
    assert form.status_code == 200
    assert "Revert" in form.text
    stamp = Revision.current()
    response = staff_client.post(url, posted(form.context["adminform"].form))
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.points == 2
    assert Revision.current() != stamp  # every process drops its cached rule set
    assert next(r for r in current_rulebook().rules if r.key == SLUG).points == 2
    assert shown_points(SLUG) == "+2"
    assert rule.history.first().history_user.username == "ada"


def test_a_deleted_rule_can_be_found_in_the_latest_changes_and_restored(staff_client):
    rule = Rule.objects.get(slug=SLUG)
    pk = rule.pk
    response = staff_client.post(f"/admin/advisor/rule/{pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    changes = staff_client.get("/admin/advisor/rule/changes/")
    assert changes.status_code == 200
    assert "Deleted" in changes.text
    assert f"/admin/advisor/rule/{pk}/history/" in changes.text
    before_delete = Rule.history.filter(id=pk, history_type="+").first()
    url = f"/admin/advisor/rule/{pk}/history/{before_delete.history_id}/"
    form = staff_client.get(url)
    assert staff_client.post(url, posted(form.context["adminform"].form)).status_code == 302
    assert Rule.objects.get(pk=pk).points == 2
    assert shown_points(SLUG) == "+2"


def test_options_and_assumptions_keep_a_history_too(staff_client):
    option = Option.objects.get(slug="outsourced_shared")
    option.name_lv = "Koplietota komanda"
    option.save()
    assert option.history.first().name_lv == "Koplietota komanda"
    assert option.history.first().prev_record.name_lv == ""
    page = staff_client.get(f"/admin/advisor/option/{option.pk}/history/")
    assert "Koplietota komanda" in page.text
    assumption = Assumption.objects.get(slug="shared_hourly_rate")
    assert (
        staff_client.get(f"/admin/advisor/assumption/{assumption.pk}/history/").status_code == 200
    )


def test_the_latest_changes_page_says_who_changed_which_rule(staff_client):
    edit(staff_client, Rule.objects.get(slug=SLUG), points="4")
    text = staff_client.get("/admin/advisor/rule/changes/").text
    assert "<td>Demand pattern is one of seasonal, spiky</td>" in text
    assert "ada" in text
    assert "Changed" in text
    assert 'href="/admin/advisor/rule/changes/"' in staff_client.get("/admin/advisor/rule/").text


def test_the_latest_changes_page_needs_a_fixed_number_of_queries(
    staff_client, django_assert_max_num_queries
):
    for points in ("3", "4", "5"):
        edit(staff_client, Rule.objects.get(slug=SLUG), points=points)
    # session, user, the historical rules joined with their users
    with django_assert_max_num_queries(3):
        assert staff_client.get("/admin/advisor/rule/changes/").status_code == 200


def test_history_is_for_staff_only(client):
    rule = Rule.objects.get(slug=SLUG)
    for url in (f"/admin/advisor/rule/{rule.pk}/history/", "/admin/advisor/rule/changes/"):
        assert client.get(url).url.startswith("/admin/login/")
