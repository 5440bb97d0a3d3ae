"""Migrations build the schema and seed the default rules, forward, on SQLite and PostgreSQL.

The suite's own test database is built by running every migration, so these tests run on
whichever database `DATABASE_URL` names (`make test` runs them on both).
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from advisor import defaults
from advisor.models import Assumption, Option, Rule


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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_advisor_migrations_run_again_from_an_empty_schema():
    call_command("migrate", "advisor", "zero", verbosity=0)
    assert "advisor_rule" not in connection.introspection.table_names()
    call_command("migrate", verbosity=0)
    assert_defaults_arrived()
