"""Export and import of the whole rule set, in admin and as management commands."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from advisor.engine.scoring import PRIORITY_GROUPS
from advisor.models import Assumption, Option, Revision, Rule
from advisor.results.service import assessment_create
from advisor.rules.defaults import RULES
from advisor.rules.transfer import rules_export, rules_import
from tests.advisor.test_scoring import BASE

pytestmark = pytest.mark.django_db

EXPORT = "/admin/advisor/rule/export/"
IMPORT = "/admin/advisor/rule/import/"

#: Answer sets that between them make every option win, or fire many rules. Priorities weigh
#: the rules of their group, so a rule whose group is lost on the way changes the points.
CASES: list[dict[str, Any]] = [
    BASE,
    {**BASE, "existing_team_agents": 6, "coverage": "extended", "demand_pattern": "seasonal"},
    {**BASE, "industry": "saas", "product_type": "standard", "languages": 4},
    {
        **BASE,
        "industry": "consumer_goods",
        "product_type": "non_standard",
        "escalation_expertise": "deep_product",
        "start_urgency": "flexible",
        "control_need": "high",
        "data_sensitivity": "regulated",
        "priorities": ["control"],
    },
    {
        **BASE,
        "interactions_per_month": 20000,
        "coverage": "24_7",
        "cost_preference": "fixed",
        "industry": "saas",
        "escalation_expertise": "deep_product",
        "priorities": ["quality"],
    },
    {
        **BASE,
        "interactions_per_month": 5000,
        "coverage": "24_7",
        "channels": ["phone", "chat"],
        "priorities": ["flexibility"],
    },
]


def recommendations() -> list[tuple[str, list[tuple[str, float, bool]]]]:
    """For every case: the winner and each option's points, as a new assessment gets them."""
    results = []
    for answers in CASES:
        result = assessment_create(answers=answers).result
        scores = [(s["option"], s["points"], s["excluded"]) for s in result["scores"]]
        results.append((result["winner"], scores))
    return results


def rule_set() -> dict[str, Any]:
    data = rules_export()
    del data["exported_at"]
    return data


def wipe() -> None:
    Rule.objects.all().delete()
    Option.objects.all().delete()
    Assumption.objects.all().delete()


def upload(client: Client, data: Any, *, confirm: bool = True):
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    form = {"file": SimpleUploadedFile("rules.json", raw, "application/json")}
    if confirm:
        form["confirm"] = "on"
    return client.post(IMPORT, form)


@pytest.fixture
def translated_rule() -> Rule:
    rule = Rule.objects.get(slug="fluctuating-shared")
    rule.rationale_lv = "Svārstīgs pieprasījums."
    rule.save()
    return rule


def test_export_downloads_every_option_rule_and_assumption_with_translations(
    staff_client, translated_rule
):
    response = staff_client.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="rules-')
    data = json.loads(response.content)
    assert data["format"] == "support-model-advisor/rules"
    assert len(data["options"]) == Option.objects.count()
    assert len(data["rules"]) == Rule.objects.count()
    assert len(data["assumptions"]) == Assumption.objects.count()
    rule = next(r for r in data["rules"] if r["slug"] == "fluctuating-shared")
    assert rule["rationale_lv"] == "Svārstīgs pieprasījums."
    assert rule["option"] == "outsourced_shared"
    assert {"name_ru", "summary_lv", "pros_ru", "cons_lv"} <= set(data["options"][0])
    assert {"name_ru", "unit_lv"} <= set(data["assumptions"][0])


def test_export_then_import_on_an_empty_database_gives_the_same_recommendations(
    staff_client, translated_rule
):
    before, exported = recommendations(), rule_set()
    raw = staff_client.get(EXPORT).content
    wipe()
    assert Rule.objects.count() == 0
    response = upload(staff_client, raw)
    assert response.status_code == 302
    assert response.url == "/admin/advisor/rule/"
    assert "Rules imported." in staff_client.get(response.url).text
    assert rule_set() == exported
    assert recommendations() == before
    assert Rule.objects.get(slug="fluctuating-shared").rationale_lv == "Svārstīgs pieprasījums."


def test_the_commands_round_trip_the_rule_set_through_a_file(tmp_path, translated_rule):
    before, exported, count = recommendations(), rule_set(), Rule.objects.count()
    path = tmp_path / "rules.json"
    call_command("export_rules", str(path), stderr=io.StringIO())
    wipe()
    out = io.StringIO()
    call_command("import_rules", str(path), stdout=out)
    assert "Rules imported." in out.getvalue()
    assert f"rules: {count} created, 0 updated, 0 deleted, 0 unchanged" in out.getvalue()
    assert rule_set() == exported
    assert recommendations() == before


def test_export_rules_writes_to_standard_output_by_default():
    out = io.StringIO()
    call_command("export_rules", stdout=out)
    assert json.loads(out.getvalue())["rules"][0]["slug"]


def test_import_replaces_the_rule_set_updating_by_code_and_deleting_what_is_missing(
    staff_client,
):
    data = rule_set()
    data["rules"] = [r for r in data["rules"] if r["slug"] != "short-term-hybrid"]
    fluctuating = next(r for r in data["rules"] if r["slug"] == "fluctuating-shared")
    fluctuating["points"] = 4
    data["rules"].append({**fluctuating, "slug": "fluctuating-shared-copy", "points": 1})
    data["assumptions"] = [a for a in data["assumptions"] if a["slug"] != "shared_hourly_rate"]
    kept_pk = Rule.objects.get(slug="fluctuating-shared").pk
    stamp = Revision.current()

    assert upload(staff_client, data).status_code == 302
    assert not Rule.objects.filter(slug="short-term-hybrid").exists()
    assert Rule.objects.get(slug="fluctuating-shared").pk == kept_pk
    assert Rule.objects.get(slug="fluctuating-shared").points == 4
    assert Rule.objects.get(slug="fluctuating-shared-copy").points == 1
    assert not Assumption.objects.filter(slug="shared_hourly_rate").exists()
    assert Revision.current() != stamp
    latest = Rule.history.filter(slug="fluctuating-shared").first()
    assert latest.history_change_reason == "Rules file imported"
    assert latest.history_user.username == "ada"
    assert Rule.history.filter(slug="short-term-hybrid", history_type="-").exists()


def test_a_rule_added_in_admin_without_a_code_keeps_its_row_through_a_round_trip():
    rule = Rule.objects.create(
        question="languages",
        operator="gte",
        value="3",
        option=Option.objects.get(slug="outsourced_dedicated"),
        points=1,
        rationale="Many languages.",
    )
    others = Rule.objects.count() - 1
    summary = rules_import(data=rules_export())
    assert summary.counts["rules"] == {
        "created": 0,
        "updated": 1,
        "unchanged": others,
        "deleted": 0,
    }
    rule.refresh_from_db()
    assert rule.slug == f"rule-{rule.pk}"


#: Marks a key to remove from an item instead of a value to put there.
_DELETE = object()


def _broken(at: tuple[str, int, str, Any]) -> dict[str, Any]:
    """The current rule set with one value changed (or removed) in one item."""
    data = rule_set()
    section, position, key, value = at
    if value is _DELETE:
        del data[section][position][key]
    else:
        data[section][position][key] = value
    return data


@pytest.mark.parametrize(
    ("at", "item", "field", "message"),
    [
        (("rules", 0, "value", "lots"), "rules[0]", "value", "not a number"),
        (("rules", 0, "operator", "is"), "rules[0]", "operator", "does not fit"),
        (("rules", 1, "question", "made_up"), "rules[1]", "question", "not a valid choice"),
        (("rules", 2, "option", "outsourced_nowhere"), "rules[2]", "option", "No option"),
        (("rules", 3, "points", "3"), "rules[3]", "points", "whole number"),
        (("rules", 3, "points", 0), "rules[3]", "points", "does nothing"),
        (("rules", 3, "points", 500), "rules[3]", "points", "less than or equal to 100"),
        (("rules", 4, "rationale", _DELETE), "rules[4]", "rationale", "Missing"),
        (("rules", 5, "colour", "red"), "rules[5]", "colour", "Unknown field"),
        (("rules", 6, "slug", "fluctuating-shared"), "rules[6]", "slug", "twice"),
        (("rules", 3, "group", "speedy"), "rules[3]", "group", "not a valid choice"),
        (("rules", 3, "group", ""), "rules[3]", "group", "cannot be blank"),
        (("rules", 3, "group", 2), "rules[3]", "group", "Must be text"),
        (("rules", 6, "active", "yes"), "rules[6]", "active", "true or false"),
        (("options", 0, "slug", "in house!"), "options[0]", "slug", "valid"),
        (("options", 1, "name", ""), "options[1]", "name", "cannot be blank"),
        (("assumptions", 0, "value", "-1"), "assumptions[0]", "value", "greater than or equal"),
        (("assumptions", 0, "value", "cheap"), "assumptions[0]", "value", "decimal number"),
    ],
)
def test_a_broken_file_is_refused_with_item_and_field_and_changes_nothing(
    staff_client, at, item, field, message
):
    before, stamp, history = rule_set(), Revision.current(), Rule.history.count()
    section, position, key, value = at
    # The item is named by its place and the code it has in the file.
    code = value if key == "slug" else before[section][position]["slug"]
    response = upload(staff_client, _broken(at))
    assert response.status_code == 200
    assert "nothing changed" in response.text
    problems = [(p.where, p.field, p.message) for p in response.context["problems"]]
    assert any(
        where == f"{item} “{code}”" and name == field and message in text
        for where, name, text in problems
    ), problems
    assert rule_set() == before
    assert Revision.current() == stamp
    assert Rule.history.count() == history


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b"[]", "one JSON object"),
        (b'{"rules": []}', "not a rules file"),
        (b'{"format": "support-model-advisor/rules", "version": 1}', "Missing, or not a list"),
    ],
)
def test_a_file_that_is_not_a_rules_file_is_refused(staff_client, raw, message):
    before = rule_set()
    response = upload(staff_client, raw)
    assert message in " ".join(str(p) for p in response.context["problems"])
    assert rule_set() == before


def test_an_empty_rule_set_is_refused(staff_client):
    data = {**rule_set(), "options": [], "rules": [], "assumptions": []}
    response = upload(staff_client, data)
    assert "List at least one option." in response.text
    assert Option.objects.exists()


def test_import_asks_to_confirm_that_it_replaces_everything(staff_client):
    page = staff_client.get(IMPORT)
    assert page.status_code == 200
    assert "those the file does not list are deleted" in page.text
    assert 'enctype="multipart/form-data"' in page.text
    data = rule_set()
    data["rules"] = data["rules"][:1]
    response = upload(staff_client, data, confirm=False)
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert Rule.objects.count() > 1


def test_the_import_command_lists_every_problem_and_changes_nothing(tmp_path):
    data = rule_set()
    data["rules"][0]["value"] = "lots"
    data["options"][0]["order"] = -1
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data))
    before = rule_set()
    with pytest.raises(CommandError) as refused:
        call_command("import_rules", str(path))
    assert "nothing changed" in str(refused.value)
    assert f"rules[0] “{data['rules'][0]['slug']}”, value:" in str(refused.value)
    assert "options[0] “in_house”, order:" in str(refused.value)
    assert rule_set() == before


def test_a_dry_run_reports_what_would_change_and_changes_nothing(tmp_path):
    data = rule_set()
    dropped = data["rules"].pop(0)["slug"]
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data))
    out = io.StringIO()
    call_command("import_rules", str(path), "--dry-run", stdout=out)
    assert "1 deleted" in out.getvalue()
    assert "Dry run: nothing changed." in out.getvalue()
    assert Rule.objects.filter(slug=dropped).exists()


def test_a_dry_run_counts_a_changed_group_as_an_update_and_changes_nothing(tmp_path):
    data = rule_set()
    next(r for r in data["rules"] if r["slug"] == "fluctuating-shared")["group"] = "cost"
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data))
    out = io.StringIO()
    call_command("import_rules", str(path), "--dry-run", stdout=out)
    others = len(data["rules"]) - 1
    assert f"rules: 0 created, 1 updated, 0 deleted, {others} unchanged" in out.getvalue()
    assert Rule.objects.get(slug="fluctuating-shared").group == "flexibility"
    call_command("import_rules", str(path), stdout=io.StringIO())
    assert Rule.objects.get(slug="fluctuating-shared").group == "cost"


def test_each_rules_group_goes_out_with_the_export_and_comes_back_with_the_import(tmp_path):
    defaults = {spec["slug"]: spec["group"] for spec in RULES}
    assert {r["slug"]: r["group"] for r in rule_set()["rules"]} == defaults
    Rule.objects.filter(slug="fluctuating-shared").update(group="cost")
    path = tmp_path / "rules.json"
    call_command("export_rules", str(path), stderr=io.StringIO())
    written = json.loads(path.read_text())["rules"]
    assert next(r for r in written if r["slug"] == "fluctuating-shared")["group"] == "cost"
    wipe()
    call_command("import_rules", str(path), stdout=io.StringIO())
    imported = dict(Rule.objects.values_list("slug", "group"))
    assert imported == {**defaults, "fluctuating-shared": "cost"}
    assert set(imported.values()) <= set(PRIORITY_GROUPS)


def test_an_unknown_group_is_refused_naming_the_rule_and_changes_nothing(tmp_path):
    data = rule_set()
    data["rules"][3]["group"] = "speedy"
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data))
    before = rule_set()
    with pytest.raises(CommandError) as refused:
        call_command("import_rules", str(path))
    assert "nothing changed" in str(refused.value)
    code = data["rules"][3]["slug"]
    message = f"rules[3] “{code}”, group: Value 'speedy' is not a valid choice."
    assert message in str(refused.value)
    assert rule_set() == before


def test_a_file_without_groups_still_imports_and_its_rules_get_quality(tmp_path):
    data = rule_set()
    for rule in data["rules"]:
        del rule["group"]
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data))
    wipe()
    out = io.StringIO()
    call_command("import_rules", str(path), stdout=out)
    count = len(data["rules"])
    assert f"rules: {count} created" in out.getvalue()
    note = f"{count} rules have no group in the file; they get the group “Product knowledge"
    assert note in out.getvalue()
    assert "Rules imported." in out.getvalue()
    after = rule_set()
    assert [rule.pop("group") for rule in after["rules"]] == ["quality"] * count
    assert after == data


def test_a_rule_without_a_group_among_grouped_ones_gets_quality_and_the_import_says_so(
    staff_client,
):
    data = rule_set()
    rule = next(r for r in data["rules"] if r["slug"] == "fluctuating-shared")
    del rule["group"]
    response = upload(staff_client, data)
    assert response.status_code == 302
    page = staff_client.get(response.url).text
    assert "1 updated" in page
    assert "1 rule has no group in the file; it gets the group" in page
    assert Rule.objects.get(slug="fluctuating-shared").group == "quality"
    assert Rule.objects.get(slug="fluctuating-hybrid").group == "flexibility"


def test_anonymous_visitors_and_non_staff_users_get_nothing(client):
    before = rule_set()
    broken = {**before, "rules": []}
    for url in (EXPORT, IMPORT):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")
        assert b"support-model-advisor/rules" not in response.content
    assert upload(client, broken).url.startswith("/admin/login/")
    bob = User.objects.create_user("bob", password="not-staff-password-123")
    client.force_login(bob)
    assert client.get(EXPORT).url.startswith("/admin/login/")
    assert upload(client, broken).url.startswith("/admin/login/")
    assert rule_set() == before


def test_export_needs_view_and_import_needs_every_change_permission():
    cleo = User.objects.create_user("cleo", password="rule-viewer-password-1", is_staff=True)
    cleo.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    client = Client()
    client.force_login(cleo)
    assert client.get(EXPORT).status_code == 200
    assert client.get(IMPORT).status_code == 403
    listing = client.get("/admin/advisor/rule/").text
    assert EXPORT in listing
    assert IMPORT not in listing
    cleo.user_permissions.set(Permission.objects.filter(codename__endswith="_rule"))
    client.force_login(User.objects.get(pk=cleo.pk))
    assert client.get(EXPORT).status_code == 403  # options and assumptions are in it too
    assert client.get(IMPORT).status_code == 403
    before = rule_set()
    assert upload(client, {**before, "rules": []}).status_code == 403
    assert rule_set() == before
