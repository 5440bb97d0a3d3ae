"""Migrations build the schema and seed the default rules, forward, on SQLite and PostgreSQL.

The suite's own test database is built by running every migration, so these tests run on
whichever database `DATABASE_URL` names (`make test` runs them on both). Assessments stored
before a migration that changes their format show the same result after it, and after undoing it.
"""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from advisor.models import Assessment, Assumption, Option, Rule, RulesSnapshot
from advisor.results.service import assessment_build
from advisor.rules import defaults
from tests.advisor.test_scoring import BASE


def slugs(model) -> set[str]:
    return set(model.objects.values_list("slug", flat=True))


def assert_defaults_arrived() -> None:
    assert slugs(Option) == {spec["slug"] for spec in defaults.OPTIONS}
    assert slugs(Rule) == {spec["slug"] for spec in defaults.RULES}
    assert slugs(Assumption) >= {spec["slug"] for spec in defaults.ASSUMPTIONS}
    assert Rule.objects.filter(active=True).count() == len(defaults.RULES)


@pytest.mark.django_db
def test_the_migrated_database_holds_every_default_option_rule_and_assumption():
    assert_defaults_arrived()


@pytest.mark.django_db
def test_the_models_and_the_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_the_advisor_migrations_run_again_from_an_empty_schema():
    call_command("migrate", "advisor", "zero", verbosity=0)
    assert "advisor_rule" not in connection.introspection.table_names()
    call_command("migrate", verbosity=0)
    assert_defaults_arrived()


BEFORE_SNAPSHOTS = [("advisor", "0005_history")]


def as_stored(data):
    """What JSON storage gives back (lists for tuples, string keys)."""
    return json.loads(json.dumps(data))


@pytest.mark.django_db(transaction=True)
def test_assessments_stored_before_shared_snapshots_show_the_same_result_after_and_back():
    # An earlier transactional test may have emptied the tables: the rules must be there.
    call_command("load_defaults", stdout=io.StringIO())
    made = assessment_build(answers=BASE)
    result = as_stored(made.shown_result())
    rules = as_stored(made.snapshot.rules)
    older_rules = rules[1:]  # one rule fewer: another revision of the rules
    call_command("migrate", "advisor", "0005_history", verbosity=0)
    old = MigrationExecutor(connection).loader.project_state(BEFORE_SNAPSHOTS).apps
    stored = old.get_model("advisor", "Assessment")
    for token, rules_used in (("a", rules), ("b", rules), ("c", older_rules)):
        stored.objects.create(
            token=token, answers={}, result=result, rules_snapshot=rules_used, winner="x"
        )

    call_command("migrate", verbosity=0)
    assert RulesSnapshot.objects.count() == 2
    for token, rules_used in (("a", rules), ("b", rules), ("c", older_rules)):
        assessment = Assessment.objects.get(token=token)
        assert assessment.shown_result() == result
        assert assessment.snapshot.rules == rules_used
        assert "options" not in assessment.result
    assert (
        Assessment.objects.get(token="a").snapshot_id
        == Assessment.objects.get(token="b").snapshot_id
    )

    call_command("migrate", "advisor", "0005_history", verbosity=0)
    back = {row.token: row for row in stored.objects.all()}
    assert back["a"].result == result and back["a"].rules_snapshot == rules
    assert back["c"].result == result and back["c"].rules_snapshot == older_rules
    call_command("migrate", verbosity=0)
