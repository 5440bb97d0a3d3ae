"""Django admin: staff only, and it refuses a rule that does not fit its question."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

from advisor.models import Option, Rule
from advisor.rules.rulebook import current_rulebook

pytestmark = pytest.mark.django_db


def rule_form(**changes) -> dict[str, str]:
    return {
        "question": "interactions_per_month",
        "operator": "lte",
        "value": "100",
        "option": str(Option.objects.get(slug="outsourced_shared").pk),
        "points": "2",
        "group": "flexibility",
        "rationale": "Small volume suits a shared team.",
        "active": "on",
        "order": "100",
        "slug": "",
        **changes,
    }


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    for url in ("/admin/", "/admin/advisor/rule/", "/admin/advisor/rule/add/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")


def test_a_logged_in_user_who_is_not_staff_gets_nothing(client):
    user = User.objects.create_user("bob", password="not-staff-password-123")
    client.force_login(user)
    response = client.get("/admin/advisor/rule/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert client.post("/admin/advisor/rule/add/", rule_form()).status_code == 302
    assert not Rule.objects.filter(rationale="Small volume suits a shared team.").exists()


def test_staff_adds_a_valid_rule_and_it_is_used_at_once(staff_client):
    before = len(current_rulebook().rules)
    response = staff_client.post("/admin/advisor/rule/add/", rule_form(group="cost"))
    assert response.status_code == 302
    rule = Rule.objects.get(rationale="Small volume suits a shared team.")
    assert rule.group == "cost"
    assert len(current_rulebook().rules) == before + 1
    assert next(r for r in current_rulebook().rules if r.key == rule.key).group == "cost"


def test_the_rule_form_asks_what_the_rule_weighs_with_its_explanation(staff_client):
    rule = Rule.objects.get(slug="fixed-cost-dedicated")
    response = staff_client.get(f"/admin/advisor/rule/{rule.pk}/change/")
    form = response.context["adminform"].form
    assert form["group"].value() == "cost"
    then = next(fieldset for fieldset in response.context["adminform"] if fieldset.name == "Then")
    assert "group" in then.fields
    text = response.text
    assert '<select name="group"' in text
    for label in ("Cost", "Control over the process", "Speed to start"):
        assert f">{label}</option>" in text
    assert "The priority this rule speaks to." in text


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"operator": "is"}, "operator", "does not fit the question"),
        ({"value": "about a hundred"}, "value", "is not a number"),
        ({"question": "demand_pattern", "operator": "is", "value": "busy"}, "value", "use one of"),
        ({"question": "industry", "operator": "gt", "value": "3"}, "operator", "does not fit"),
        ({"question": "made_up"}, "question", "Select a valid choice"),
        ({"points": "0"}, "points", "does nothing"),
        ({"exclude": "on", "points": "4"}, "points", "set its points to 0"),
        ({"group": "luck"}, "group", "Select a valid choice"),
        ({"group": ""}, "group", "This field is required"),
    ],
)
def test_admin_refuses_a_rule_that_does_not_fit_with_a_clear_message(
    staff_client, changes, field, message
):
    count = Rule.objects.count()
    response = staff_client.post("/admin/advisor/rule/add/", rule_form(**changes))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors[field])
    assert Rule.objects.count() == count


def test_the_rule_form_lists_every_question_with_its_answer_codes(staff_client):
    text = staff_client.get("/admin/advisor/rule/add/").text
    assert "Questions a rule can test" in text
    assert "<code>seasonal</code>" in text
    assert "<code>24_7</code>" in text
    assert "worked out from other answers" in text


def test_the_rule_list_filters_searches_and_edits_points_inline(staff_client):
    listing = staff_client.get("/admin/advisor/rule/?option__id__exact=1&active__exact=1")
    assert listing.status_code == 200
    assert 'name="form-0-points"' in listing.text
    assert 'name="form-0-active"' in listing.text
    searched = staff_client.get("/admin/advisor/rule/?q=ITIL")
    assert "In a shared team the provider controls the process" in searched.text
    assert "A shared pool grows for seasonal peaks" not in searched.text


def test_the_rule_list_shows_and_filters_what_each_rule_weighs(staff_client):
    listing = staff_client.get("/admin/advisor/rule/")
    assert "column-group" in listing.text
    assert "Flexibility to grow and shrink" in listing.text
    assert "?group__exact=cost" in listing.text
    costs = staff_client.get("/admin/advisor/rule/?group__exact=cost").text
    # "fixed-cost-dedicated" is about how to pay; "fluctuating-shared" about flexibility.
    assert "A dedicated team costs a fixed monthly fee per agent" in costs
    assert "A shared pool grows for seasonal peaks" not in costs


def test_inline_editing_validates_points_too(staff_client):
    rule = Rule.objects.get(slug="fluctuating-shared")
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(rule.pk),
        "form-0-points": "0",
        "form-0-active": "on",
        "_save": "Save",
    }
    response = staff_client.post(f"/admin/advisor/rule/?q={rule.slug}", data)
    assert response.status_code == 200
    assert "does nothing" in response.text
    rule.refresh_from_db()
    assert rule.points == 2


def test_the_rule_list_needs_a_fixed_number_of_queries(staff_client, django_assert_max_num_queries):
    # session, user, count, rules joined with their option, the option filter list,
    # the question filter values, plus the admin's own bookkeeping; never one per rule (the
    # group filter lists the field's choices, with no query).
    with django_assert_max_num_queries(9):
        response = staff_client.get("/admin/advisor/rule/")
    assert response.status_code == 200


def test_options_and_assumptions_are_editable_in_admin(staff_client):
    assert "Outsourced shared team" in staff_client.get("/admin/advisor/option/").text
    assumptions = staff_client.get("/admin/advisor/assumption/").text
    assert "Outsourced shared team: hourly rate" in assumptions


def test_assessments_are_read_only_in_admin(staff_client, wizard):
    wizard.complete()
    listing = staff_client.get("/admin/advisor/assessment/")
    assert listing.status_code == 200
    assert "/r/" in listing.text
    assert staff_client.get("/admin/advisor/assessment/add/").status_code == 403


def test_admin_pages_work_for_a_staff_member_with_only_rule_permissions():
    editor = User.objects.create_user("cleo", password="rule-editor-password-1", is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(codename__endswith="_rule"))
    client = Client()
    client.force_login(editor)
    assert client.get("/admin/advisor/rule/").status_code == 200
    assert client.get("/admin/advisor/option/").status_code == 403
