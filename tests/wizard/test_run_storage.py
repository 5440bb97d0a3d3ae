"""Each run's answers live in a row of their own, found only through a live session."""

from __future__ import annotations

import importlib
from datetime import timedelta
from unittest import mock

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from advisor.models import Assessment
from advisor.services import assessment_create
from advisor.sessions.db import SessionStore
from tests.advisor.test_scoring import BASE
from tests.conftest import ANSWERS, STEPS, WizardDriver
from wizard.models import Run
from wizard.storage import RUN_PREFIX, RunStorage

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(wizard: WizardDriver) -> WizardDriver:
    """A visitor who answered the first two steps."""
    wizard.start()
    for step in STEPS[:2]:
        assert wizard.post(step).status_code == 302
    return wizard


def _session_key(wizard: WizardDriver) -> str:
    return wizard.client.cookies[settings.SESSION_COOKIE_NAME].value


def _stored_answer(wizard: WizardDriver, step: str) -> dict[str, list[str]] | None:
    run = Run.objects.get(run_id=wizard.run)
    return run.data["step_data"].get(step)


def test_opening_the_first_step_stores_nothing_until_it_is_answered(wizard):
    wizard.start()
    assert wizard.get(STEPS[0]).status_code == 200
    assert not Run.objects.exists() and not Session.objects.exists()
    assert wizard.post(STEPS[0]).status_code == 302
    run = Run.objects.get()
    assert run.run_id == wizard.run and run.session_id == _session_key(wizard)
    assert run.data["step"] == STEPS[1]
    home = wizard.client.get("/")
    assert home.context["unfinished"] == [f"/assess/{wizard.run}/"]
    assert "Cookie" in home.headers["Vary"]  # no shared cache hands one visitor's runs to another


def test_an_answer_to_a_started_run_is_one_statement_that_leaves_the_session_alone(started):
    session = Session.objects.get()
    step = STEPS[2]
    with CaptureQueriesContext(connection) as queries:
        response = started.post(step, extra={"wizard_to_review": "1"})
    assert response.url == started.url("review")
    assert len(queries) == 1 and queries[0]["sql"].startswith("UPDATE wizard_run")
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    stored = Session.objects.get()
    assert (stored.session_data, stored.expire_date) == (session.session_data, session.expire_date)
    assert set(_stored_answer(started, step)) == {f"{step}-{key}" for key in ANSWERS[step]}
    assert Run.objects.get().data["step"] == "review"


def test_an_answer_moves_the_session_and_its_cookie_on_once_its_expiry_fell_behind(started):
    behind = timezone.now() + timedelta(days=13)
    Session.objects.update(expire_date=behind)
    response = started.post(STEPS[2])
    assert response.status_code == 302
    assert Session.objects.get().expire_date > timezone.now() + timedelta(days=13, hours=23)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value == _session_key(started)
    assert cookie["max-age"] == settings.SESSION_COOKIE_AGE
    assert _stored_answer(started, STEPS[2])


def test_a_run_is_found_only_under_the_session_that_started_it(started):
    other = WizardDriver(Client())
    other.run = started.run
    response = other.post(STEPS[2], follow=True)
    assert response.request["PATH_INFO"] == started.url(STEPS[0])
    assert "We could not find your earlier answers" in response.text
    assert _stored_answer(started, STEPS[2]) is None
    forged = WizardDriver(Client())
    forged.run = started.run
    forged.client.cookies[settings.SESSION_COOKIE_NAME] = "a-key-the-server-never-issued"
    assert forged.get(STEPS[1], follow=True).request["PATH_INFO"] == started.url(STEPS[0])
    assert forged.post(STEPS[2]).status_code == 302
    assert _stored_answer(started, STEPS[2]) is None


def test_a_run_ends_with_its_session(started):
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = started.get(STEPS[2], follow=True)
    assert "We could not find your earlier answers" in response.text
    assert started.client.get("/").context["unfinished"] == []
    call_command("clearsessions")
    assert not Run.objects.exists()


def test_a_staff_login_in_the_same_browser_keeps_the_run(started):
    User.objects.create_user("ada", password="correct-horse-battery", is_staff=True)
    key = _session_key(started)
    assert started.client.login(username="ada", password="correct-horse-battery")
    assert _session_key(started) != key
    assert Run.objects.get().session_id == _session_key(started)
    review = started.get("review")
    assert review.status_code == 200
    assert [step["title"] for step in review.context["incomplete"]] == [
        "Coverage and service",
        "Priorities",
        "Costs",
    ]


def test_two_first_answers_racing_store_one_run():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    first, second = (RunStorage(RUN_PREFIX + "a" * 32, request) for _ in range(2))
    assert not first.stored and not second.stored  # both read before either writes
    for storage, industry in ((first, "saas"), (second, "ecommerce")):
        storage.set_step_data(STEPS[0], {f"{STEPS[0]}-industry": [industry]})
        storage.save()
    run = Run.objects.get()
    assert run.data["step_data"][STEPS[0]] == {f"{STEPS[0]}-industry": ["ecommerce"]}


def test_a_finished_run_keeps_only_its_result(wizard):
    result = wizard.complete()
    run = Run.objects.get()
    assert run.result_token and result.request["PATH_INFO"] == f"/r/{run.result_token}/"
    assert run.data["step_data"] == {}
    again = wizard.post(STEPS[0], follow=True)
    assert again.request["PATH_INFO"] == f"/r/{run.result_token}/"
    assert Run.objects.get().data["step_data"] == {}


def test_runs_begun_in_sessions_before_the_upgrade_are_moved_to_their_own_rows(client):
    """Sessions held each run's answers and the finished runs' results before `Run` existed."""
    migration = importlib.import_module("wizard.migrations.0002_runs_from_sessions")
    unfinished, finished, opened = "a" * 32, "b" * 32, "c" * 32
    answers = {f"{STEPS[0]}-{key}": [str(value)] for key, value in ANSWERS[STEPS[0]].items()}
    session = SessionStore()
    session[f"wizard_assessment_{unfinished}"] = {
        "step": STEPS[1],
        "step_data": {STEPS[0]: answers},
        "step_files": {},
        "extra_data": {},
    }
    session[f"wizard_assessment_{opened}"] = {"step": STEPS[0], "step_data": {}}
    session["finished_runs"] = {finished: "a-result-token-of-32-characters"}
    session.save()
    migration.move_runs(django_apps, None)
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    assert client.get("/").context["unfinished"] == [f"/assess/{unfinished}/"]
    review = client.get(f"/assess/{unfinished}/review/")
    assert [step["title"] for step in review.context["incomplete"]][0] == "Demand"
    assert client.get(f"/assess/{finished}/review/").url == "/r/a-result-token-of-32-characters/"
    assert Run.objects.count() == 2


def test_a_field_with_a_nul_character_is_left_out_of_the_stored_answers(started):
    step = STEPS[2]
    assert (
        started.post(step, {**ANSWERS[step], "note\x00": "x", "extra": "a\x00b"}).status_code == 302
    )
    assert set(_stored_answer(started, step)) == {f"{step}-{key}" for key in ANSWERS[step]}
    back = started.post(STEPS[3], {"control_need": "x\x00"}, extra={"wizard_goto_step": step})
    assert back.status_code == 302
    assert _stored_answer(started, STEPS[3]) == {}


@pytest.mark.django_db(transaction=True)
def test_a_runs_writes_do_not_wait_for_the_disk_and_leave_later_writes_durable(wizard):
    """On PostgreSQL a run's write alone commits without waiting for the WAL flush."""
    wizard.start()
    with CaptureQueriesContext(connection) as queries:
        wizard.post(STEPS[0])  # the run's first answer: INSERT
        wizard.post(STEPS[1])  # an answer: UPDATE of one step
        wizard.post(STEPS[2], extra={"wizard_goto_step": STEPS[1]})  # back: UPDATE of the run
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].startswith(("INSERT INTO wizard_run", "UPDATE wizard_run"))
    ]
    assert [sql.split(" ", 1)[0] for sql in writes] == ["INSERT", "UPDATE", "UPDATE"]
    assert set(Run.objects.get().data["step_data"]) == set(STEPS[:3])
    if connection.vendor != "postgresql":
        assert not any("synchronous_commit" in sql for sql in writes)
        return
    assert all("set_config('synchronous_commit', 'off', true)" in sql for sql in writes)
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on", "an assessment stored next still waits for the disk"


def test_a_run_finished_by_another_request_meanwhile_stores_no_second_result(wizard):
    """Two requests finishing one run at once (a reload while it loads): one result stays."""
    wizard.start()
    for step in STEPS[:-1]:
        wizard.post(step)
    first = assessment_create(answers=dict(BASE))

    read = RunStorage._load

    def read_then_finished_elsewhere(storage: RunStorage) -> None:
        read(storage)
        Run.objects.update(result_token=first.token, data={})  # the other request's finish

    with mock.patch.object(RunStorage, "_load", read_then_finished_elsewhere):
        finish = wizard.post("review")
    assert finish.url == wizard.url("done")  # to the finish, which opens the other's result
    response = wizard.client.get(finish.url, follow=True)
    assert response.request["PATH_INFO"] == f"/r/{first.token}/"
    assert list(Assessment.objects.values_list("token", flat=True)) == [first.token]
    assert Run.objects.get().result_token == first.token
