"""Sessions: a wizard step's save is one statement, and a vanished session is not recreated."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.sessions.backends import db as django_db
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from advisor.sessions.db import SessionStore

pytestmark = pytest.mark.django_db


def test_saving_an_existing_session_is_one_update():
    session = SessionStore()
    session["answers"] = {"company": "first"}
    session.save()
    again = SessionStore(session_key=session.session_key)
    again["answers"] = {"company": "second"}
    with CaptureQueriesContext(connection) as queries:
        again.save()
    assert [query["sql"].split()[0] for query in queries] == ["UPDATE"]
    stored = Session.objects.get(session_key=session.session_key).get_decoded()
    assert stored["answers"] == {"company": "second"}


def test_a_session_removed_meanwhile_is_not_brought_back():
    session = SessionStore()
    session["answers"] = {"company": "first"}
    session.save()
    Session.objects.all().delete()
    session["answers"] = {"company": "second"}
    with pytest.raises(UpdateError), transaction.atomic():
        session.save()
    assert not Session.objects.exists()


def test_sessions_written_by_djangos_own_store_still_read():
    """A deploy switching the session engine keeps every wizard run in progress."""
    before = django_db.SessionStore()
    before["answers"] = {"company": "kept"}
    before.save()
    assert SessionStore(session_key=before.session_key)["answers"] == {"company": "kept"}


def test_reading_a_session_is_one_select_and_an_expired_one_reads_empty():
    session = SessionStore()
    session["answers"] = {"company": "first"}
    session.save()
    with CaptureQueriesContext(connection) as queries:
        assert SessionStore(session_key=session.session_key)["answers"] == {"company": "first"}
    assert [query["sql"].split()[0] for query in queries] == ["SELECT"]
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(session_key=session.session_key)
    assert "answers" not in expired
    assert expired.session_key is None


def test_an_updated_session_keeps_its_new_expiry():
    session = SessionStore()
    session["answers"] = {}
    session.save()
    session.set_expiry(60 * 60)
    session.save()
    stored = Session.objects.get(session_key=session.session_key).expire_date
    assert timedelta(minutes=59) < stored - timezone.now() <= timedelta(hours=1)


def _saved_again(answer: str) -> tuple[SessionStore, str]:
    """A stored session saved once more; the SQL of that second save."""
    session = SessionStore()
    session["answers"] = {"company": "first"}
    session.save()
    again = SessionStore(session_key=session.session_key)
    again["answers"] = {"company": answer}
    with CaptureQueriesContext(connection) as queries:
        again.save()
    (update,) = [query["sql"] for query in queries]
    return again, update


@pytest.mark.django_db(transaction=True)
def test_a_wizard_steps_save_does_not_wait_for_the_disk_and_leaves_later_writes_durable():
    """On PostgreSQL a session update alone commits without waiting for the WAL flush."""
    session, update = _saved_again("second")
    stored = Session.objects.get(session_key=session.session_key).get_decoded()
    assert stored["answers"] == {"company": "second"}
    if connection.vendor != "postgresql":
        assert "synchronous_commit" not in update
        return
    assert "set_config('synchronous_commit', 'off', true)" in update
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on", "an assessment stored next still waits for the disk"


def test_a_session_saved_inside_a_transaction_commits_as_durably_as_the_rest():
    with transaction.atomic():
        _, update = _saved_again("second")
    assert "synchronous_commit" not in update


@pytest.mark.django_db(transaction=True)
def test_a_new_visitors_session_is_one_insert_that_does_not_wait_for_the_disk():
    session = SessionStore()
    session["answers"] = {"company": "first"}
    with CaptureQueriesContext(connection) as queries:
        session.save()
    (insert,) = [query["sql"] for query in queries]
    assert insert.startswith("INSERT")
    assert ("synchronous_commit" in insert) == (connection.vendor == "postgresql")
    assert SessionStore(session_key=session.session_key)["answers"] == {"company": "first"}


@pytest.mark.django_db(transaction=True)
def test_a_new_session_never_takes_over_a_key_in_use():
    taken = SessionStore()
    taken["answers"] = {"company": "theirs"}
    taken.save()
    newcomer = SessionStore()
    newcomer["answers"] = {"company": "mine"}
    keys = iter([taken.session_key, "a-fresh-key-nobody-holds-0123456789"])
    with mock.patch.object(newcomer, "_get_new_session_key", side_effect=lambda: next(keys)):
        newcomer.save()
    assert newcomer.session_key == "a-fresh-key-nobody-holds-0123456789"
    assert SessionStore(session_key=taken.session_key)["answers"] == {"company": "theirs"}
    assert SessionStore(session_key=newcomer.session_key)["answers"] == {"company": "mine"}


def _stored_expiry(session: SessionStore):
    return Session.objects.get(session_key=session.session_key).expire_date


def _hot_updates() -> int:
    """PostgreSQL's count of this transaction's session updates made in place."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_get_xact_tuples_hot_updated('django_session'::regclass)")
        return cursor.fetchone()[0]


def test_a_session_saved_again_soon_keeps_its_stored_expiry_and_is_updated_in_place():
    session = SessionStore()
    session["answers"] = {"company": "first"}
    session.save()
    first_expiry = _stored_expiry(session)
    hot_before = _hot_updates() if connection.vendor == "postgresql" else 0
    with mock.patch(
        "django.utils.timezone.now", return_value=timezone.now() + timedelta(minutes=30)
    ):
        session["answers"] = {"company": "second"}
        session.save()
    assert _stored_expiry(session) == first_expiry
    assert SessionStore(session_key=session.session_key)["answers"] == {"company": "second"}
    if connection.vendor == "postgresql":
        assert _hot_updates() == hot_before + 1, "no index entry added for an unchanged expiry"


def test_a_session_whose_stored_expiry_fell_behind_gets_the_full_age_again():
    session = SessionStore()
    session["answers"] = {"company": "first"}
    session.save()
    later = timezone.now() + timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        session["answers"] = {"company": "second"}
        session.save()
    assert _stored_expiry(session) - later == timedelta(days=14)


def test_clearsessions_drops_only_the_sessions_past_their_expiry():
    """The command each server start runs (advisor/gunicorn_hooks.py) works on this engine."""
    kept, expired = SessionStore(), SessionStore()
    for session in (kept, expired):
        session["answers"] = {"company": "first"}
        session.save()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    call_command("clearsessions")
    assert list(Session.objects.values_list("session_key", flat=True)) == [kept.session_key]
