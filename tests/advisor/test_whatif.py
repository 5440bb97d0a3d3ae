"""What if: admins see which stored recommendations a rule change would change, saving nothing."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advisor.admin.whatif import whatif_preview, with_edit
from advisor.models import Assessment, Assumption, Option, Revision, Rule
from advisor.results.service import assessment_create
from advisor.rules.rulebook import current_rulebook
from tests.advisor.test_scoring import BASE

pytestmark = pytest.mark.django_db

WHATIF = "/admin/advisor/rule/whatif/"
SHARED = "outsourced_shared"


#: Low, seasonal volume. An outsourced shared team wins by far: at 80 interactions a month it
#: bills only its minimum fee, a fraction of any team of one's own (the engine's points for
#: costing less), and "fluctuating-shared" adds 2 points for the seasonal peaks.
SMALL_SEASONAL = {**BASE, "interactions_per_month": 80, "demand_pattern": "seasonal"}
#: Large, stable volume: no rule on small volume or on changing demand fires for it.
LARGE_STEADY = {**BASE, "interactions_per_month": 5000, "demand_pattern": "stable"}


@pytest.fixture
def small_seasonal() -> Assessment:
    return assessment_create(answers=SMALL_SEASONAL)


@pytest.fixture
def large_steady() -> Assessment:
    return assessment_create(answers=LARGE_STEADY)


def exclude_shared_for_small_volume() -> Rule:
    return Rule.objects.create(
        slug="never-shared-when-small",
        question="interactions_per_month",
        operator="lte",
        value="100",
        option=Option.objects.get(slug=SHARED),
        exclude=True,
        rationale="Test: no shared team for small volume.",
    )


def rule_form(rule: Rule, **changes) -> dict[str, str]:
    """The rule's change form as a browser posts it, with `changes` typed in."""
    data = {
        "question": rule.question,
        "operator": rule.operator,
        "value": rule.value,
        "option": str(rule.option_id),
        "points": str(rule.points),
        "group": rule.group,
        "rationale": rule.rationale,
        "order": str(rule.order),
        "slug": rule.slug or "",
        **({"active": "on"} if rule.active else {}),
        **({"exclude": "on"} if rule.exclude else {}),
    }
    return {**data, **changes}


def test_with_todays_rules_unchanged_no_recommendation_changes(
    staff_client, small_seasonal, large_steady
):
    # Scored again as the wizard scored it, priorities included: a manager who put cost and
    # control first gets weighted points and the engine's own reasons, and keeps the winner.
    assessment_create(answers={**SMALL_SEASONAL, "priorities": ["cost", "control"]})
    response = staff_client.get(WHATIF)
    assert response.status_code == 200
    assert "0 of 3 assessments would get a different recommendation." in response.text
    assert "Only the latest 2000 assessments are advised again." in response.text
    assert 'id="whatif-summary"' not in response.text


def test_a_saved_rule_change_lists_each_changed_assessment_with_links(
    staff_client, small_seasonal, large_steady
):
    exclude_shared_for_small_volume()
    response = staff_client.get(WHATIF)
    text = response.text
    assert "1 of 2 assessments would get a different recommendation." in text
    summary = response.context["summary"]
    assert len(summary) == 1
    before, after, count = summary[0]
    assert (before, count) == ("Outsourced shared team", 1)
    assert after != before
    assert f'href="/r/{small_seasonal.token}/"' in text
    assert f'href="/admin/advisor/assessment/{small_seasonal.pk}/change/"' in text
    assert f"/r/{large_steady.token}/" not in text
    # The stored results keep what their managers saw.
    small_seasonal.refresh_from_db()
    assert small_seasonal.winner == SHARED


def test_the_rule_list_links_to_what_if_and_the_rule_form_offers_a_preview(staff_client):
    assert 'href="/admin/advisor/rule/whatif/"' in staff_client.get("/admin/advisor/rule/").text
    rule = Rule.objects.get(slug="fluctuating-shared")
    form = staff_client.get(f"/admin/advisor/rule/{rule.pk}/change/").text
    assert f'formaction="/admin/advisor/rule/{rule.pk}/whatif/"' in form
    assert "Preview this edit before saving" in form
    assert (
        'formaction="/admin/advisor/rule/whatif/"'
        in staff_client.get("/admin/advisor/rule/add/").text
    )


def test_previewing_an_edit_shows_its_effect_and_saves_nothing(
    staff_client, small_seasonal, large_steady
):
    # "fluctuating-shared" fires for seasonal demand only: at -40 points the shared team loses
    # the small seasonal case, and the steady one never sees the rule.
    rule = Rule.objects.get(slug="fluctuating-shared")
    stamp, history = Revision.current(), Rule.history.count()
    response = staff_client.post(
        f"/admin/advisor/rule/{rule.pk}/whatif/", rule_form(rule, points="-40")
    )
    assert response.status_code == 200
    assert "Your edit of the rule" in response.text
    assert response.context["typed_changes"] == [("Points", 2, -40)]
    assert "1 of 2 assessments would get a different recommendation." in response.text
    assert f"/r/{small_seasonal.token}/" in response.text
    assert f"/r/{large_steady.token}/" not in response.text
    rule.refresh_from_db()
    assert rule.points == 2
    assert Revision.current() == stamp
    assert Rule.history.count() == history
    assert Assessment.objects.count() == 2


def test_the_preview_page_saves_the_previewed_edit_when_asked(staff_client, small_seasonal):
    rule = Rule.objects.get(slug="fluctuating-shared")
    preview = staff_client.post(
        f"/admin/advisor/rule/{rule.pk}/whatif/", rule_form(rule, points="-40", group="cost")
    ).text
    form = re.search(r'<form method="post" action="([^"]+)">(.*?)</form>', preview, re.S)
    assert form.group(1) == f"/admin/advisor/rule/{rule.pk}/change/"
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(2)))
    assert (fields["points"], fields["group"]) == ("-40", "cost")
    response = staff_client.post(form.group(1), {**fields, "_save": "Save"})
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.points, rule.group) == (-40, "cost")


def test_previewing_a_new_rule_from_the_add_form(staff_client, small_seasonal):
    shared = Option.objects.get(slug=SHARED)
    new = Rule(
        question="demand_pattern",
        operator="is",
        value="seasonal",
        option=shared,
        exclude=True,
        rationale="Test: no shared team for seasonal demand.",
    )
    count = Rule.objects.count()
    response = staff_client.post(WHATIF, rule_form(new, points="0"))
    assert "Your new rule" in response.text
    assert "1 of 1 assessment would get a different recommendation." in response.text
    assert Rule.objects.count() == count


def test_a_preview_weighs_the_edited_rule_by_each_managers_priorities(staff_client):
    # The shared team leads both cases by its price. "consumer-goods-in-house" (2 points for an
    # in-house team) fires for both; moved into "speed", it weighs ten times for the manager
    # who put speed first (an admin's priority weight of 10), which outweighs that lead, and
    # stays 2 points for the manager with no priorities. Nothing else about these answers is
    # in the speed group (no deadline is missed, "no-rush-in-house" needs a flexible start).
    Assumption.objects.filter(slug="priority_weight").update(value=10)
    Assumption.objects.get(slug="priority_weight").save()  # as admin saves: the cache goes stale
    goods = {**BASE, "industry": "consumer_goods", "start_urgency": "months"}
    speed_first = assessment_create(answers={**goods, "priorities": ["speed"]})
    no_priorities = assessment_create(answers=goods)
    assert speed_first.winner == no_priorities.winner == SHARED
    rule = Rule.objects.get(slug="consumer-goods-in-house")
    url = f"/admin/advisor/rule/{rule.pk}/whatif/"

    moved = staff_client.post(url, rule_form(rule, group="speed"))
    assert moved.context["typed_changes"] == [
        ("What it weighs", "Product knowledge and quality", "Speed to start")
    ]
    assert "1 of 2 assessments would get a different recommendation." in moved.text
    assert moved.context["summary"] == [("Outsourced shared team", "In-house team", 1)]
    assert f"/r/{speed_first.token}/" in moved.text
    assert f"/r/{no_priorities.token}/" not in moved.text

    kept = staff_client.post(url, rule_form(rule, group="flexibility"))
    assert "0 of 2 assessments would get a different recommendation." in kept.text


def test_an_edit_that_does_not_fit_is_listed_instead_of_previewed(staff_client, small_seasonal):
    rule = Rule.objects.get(slug="many-languages-shared")
    response = staff_client.post(
        f"/admin/advisor/rule/{rule.pk}/whatif/", rule_form(rule, value="about a hundred")
    )
    assert response.status_code == 200
    assert "cannot be previewed until these are fixed" in response.text
    assert "is not a number" in response.text
    assert "would get a different recommendation" not in response.text


def test_an_edited_rule_takes_the_place_of_the_saved_one_or_leaves_when_inactive():
    rules = current_rulebook().rules
    rule = Rule.objects.get(slug="fluctuating-shared")
    rule.points, rule.group = 9, "cost"
    edited = with_edit(rules, rule, replaces=rule.key)
    assert [r.key for r in edited] == [r.key for r in rules]
    assert next((r.points, r.group) for r in edited if r.key == rule.key) == (9, "cost")
    rule.active = False
    assert [r.key for r in with_edit(rules, rule, replaces=rule.key)] == [
        r.key for r in rules if r.key != rule.key
    ]
    new = Rule(question="languages", operator="gte", value="3", option=rule.option, points=1)
    assert with_edit(rules, new, replaces=None)[-1].question == "languages"


def test_only_the_latest_assessments_are_read_with_a_fixed_number_of_queries():
    # The three small cases go to a shared team (it costs a fraction of any other option), so
    # ruling it out under 100 interactions changes exactly those three.
    for volume in (80, 90, 95, 5000, 6000):
        assessment_create(answers={**BASE, "interactions_per_month": volume})
    exclude_shared_for_small_volume()
    whatif_preview()  # warm the rule set cache
    with CaptureQueriesContext(connection) as few:
        assert whatif_preview(limit=2).examined == 2
    with CaptureQueriesContext(connection) as all_of_them:
        preview = whatif_preview(limit=100)
    assert preview.examined == 5
    assert len(few) == len(all_of_them) <= 2  # the stamp of the rule set, the assessments
    assert sum(count for _from, _to, count in preview.summary) == 3


def test_stored_answers_the_engine_cannot_read_are_counted_not_fatal():
    snapshot = current_rulebook().snapshot()
    snapshot.save_once()
    Assessment.objects.create(
        answers={"interactions_per_month": "lots"}, result={}, snapshot=snapshot, winner="x"
    )
    preview = whatif_preview()
    assert preview.examined == 1
    assert preview.failed == 1
    assert preview.changes == []


def test_what_if_is_for_staff_who_may_view_rules(client, small_seasonal):
    assert client.get(WHATIF).url.startswith("/admin/login/")
    bob = User.objects.create_user("bob", password="not-staff-password-123")
    client.force_login(bob)
    assert client.get(WHATIF).url.startswith("/admin/login/")
    cleo = User.objects.create_user("cleo", password="option-editor-pw-1", is_staff=True)
    cleo.user_permissions.set(Permission.objects.filter(codename__endswith="_option"))
    client.force_login(cleo)
    assert client.get(WHATIF).status_code == 403
    cleo.user_permissions.add(Permission.objects.get(codename="view_rule"))
    cleo = User.objects.get(pk=cleo.pk)
    client.force_login(cleo)
    response = client.get(WHATIF)
    assert response.status_code == 200
    # Without permission to view assessments, only their public result pages are linked.
    assert "/admin/advisor/assessment/" not in response.text


def test_the_rule_tool_pages_carry_no_inline_script_or_style(staff_client, small_seasonal):
    """The site's Content-Security-Policy allows scripts and styles from files only."""
    exclude_shared_for_small_volume()
    rule = Rule.objects.get(slug="fluctuating-shared")
    pages = [
        staff_client.get(WHATIF),
        staff_client.post(f"/admin/advisor/rule/{rule.pk}/whatif/", rule_form(rule, points="9")),
        staff_client.get("/admin/advisor/rule/import/"),
        staff_client.get("/admin/advisor/rule/changes/"),
        staff_client.get(f"/admin/advisor/rule/{rule.pk}/history/"),
        staff_client.get(f"/admin/advisor/rule/{rule.pk}/change/"),
    ]
    for page in pages:
        assert page.status_code == 200
        assert "Content-Security-Policy" in page.headers
        text = page.text
        assert "style=" not in text
        assert "<style" not in text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), page.request["PATH_INFO"]
        assert not re.search(r"\son[a-z]+=", text)
