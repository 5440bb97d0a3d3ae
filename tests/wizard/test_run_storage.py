"""Each run's answers live in a row of their own, found only through the session that owns it."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client, RequestFactory
from django.utils import timezone

from advisor.models import Assessment
from advisor.results.service import assessment_create
from tests.advisor.test_scoring import BASE
from tests.conftest import ANSWERS, STEPS, WizardDriver
from wizard.models import Run
from wizard.storage import OWNER_KEY, RUN_PREFIX, RunStorage

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(wizard: WizardDriver) -> WizardDriver:
    """A visitor who answered the first two steps."""
    wizard.start()
    for step in STEPS[:2]:
        assert wizard.post(step).status_code == 302
    return wizard


def _session(wizard: WizardDriver) -> SessionStore:
    return SessionStore(session_key=wizard.client.cookies[settings.SESSION_COOKIE_NAME].value)


def _stored_answer(wizard: WizardDriver, step: str) -> dict[str, list[str]] | None:
    run = Run.objects.get(run_id=wizard.run)
    return run.data["step_data"].get(step)


def test_opening_the_first_step_stores_nothing_until_it_is_answered(wizard):
    wizard.start()
    assert wizard.get(STEPS[0]).status_code == 200
    assert not Run.objects.exists() and not Session.objects.exists()
    assert wizard.post(STEPS[0]).status_code == 302
    run = Run.objects.get()
    assert run.run_id == wizard.run and run.owner == _session(wizard)[OWNER_KEY]
    assert run.data["step"] == STEPS[1]
    home = wizard.client.get("/")
    assert home.context["unfinished"] == [f"/assess/{wizard.run}/"]
    assert "Cookie" in home.headers["Vary"]  # no shared cache hands one visitor's runs to another


def test_each_answer_moves_the_two_weeks_of_the_run_and_its_session_on(started):
    eleven_days_ago = timezone.now() - timedelta(days=11)
    Run.objects.update(changed_at=eleven_days_ago)
    Session.objects.update(expire_date=timezone.now() + timedelta(days=3))
    response = started.post(STEPS[2])
    assert response.status_code == 302
    assert Run.objects.get().changed_at > timezone.now() - timedelta(minutes=1)
    assert Session.objects.get().expire_date > timezone.now() + timedelta(days=13, hours=23)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE
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


def test_a_run_left_for_two_weeks_is_not_found_and_then_deleted(started):
    Run.objects.update(changed_at=timezone.now() - timedelta(days=14, minutes=1))
    assert started.client.get("/").context["unfinished"] == []
    assert "We could not find your earlier answers" in started.get(STEPS[2], follow=True).text
    call_command("clear_runs", stdout=StringIO())
    assert not Run.objects.exists()


def test_a_staff_login_in_the_same_browser_keeps_the_run(started):
    User.objects.create_user("ada", password="correct-horse-battery", is_staff=True)
    key = _session(started).session_key
    started.client.force_login(User.objects.get(username="ada"))
    assert _session(started).session_key != key
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


def test_a_field_with_a_nul_character_is_left_out_of_the_stored_answers(started):
    step = STEPS[2]
    refused = started.post(step, {**ANSWERS[step], "note\x00": "x", "extra": "a\x00b"})
    assert refused.status_code == 400  # fields the page never sends
    assert _stored_answer(started, step) is None
    assert started.post(step).status_code == 302
    assert set(_stored_answer(started, step)) == {f"{step}-{key}" for key in ANSWERS[step]}
    back = started.post(STEPS[3], {"control_need": "x\x00"}, extra={"wizard_goto_step": step})
    assert back.status_code == 302
    assert _stored_answer(started, STEPS[3]) == {}


def test_a_run_finished_by_another_request_meanwhile_stores_no_second_result(wizard):
    """Two requests finishing one run at once (a reload while it loads): one result stays."""
    wizard.start()
    for step in STEPS[:-1]:
        wizard.post(step)
    first = assessment_create(answers=dict(BASE))

    read = RunStorage._get_data

    def read_then_finished_elsewhere(storage: RunStorage) -> dict:
        first_read = storage._data is None
        data = read(storage)
        if first_read:
            Run.objects.update(result_token=first.token, data={})  # the other request's finish
        return data

    assert wizard.post("review").url == wizard.url("done")
    with mock.patch.object(RunStorage, "_get_data", read_then_finished_elsewhere):
        finish = wizard.get("done")
    assert finish.url == wizard.url("done")  # to the finish, which opens the other's result
    response = wizard.client.get(finish.url, follow=True)
    assert response.request["PATH_INFO"] == f"/r/{first.token}/"
    assert list(Assessment.objects.values_list("token", flat=True)) == [first.token]
    assert Run.objects.get().result_token == first.token


@pytest.mark.django_db(transaction=True)
def test_runs_begun_under_a_session_key_are_found_after_they_get_an_owner(client):
    """Before owners, a run belonged to its session's key; the migration keeps it found."""
    call_command("migrate", "wizard", "0002_runs_from_sessions", verbosity=0)
    old = (
        MigrationExecutor(connection)
        .loader.project_state(("wizard", "0002_runs_from_sessions"))
        .apps
    )
    session = SessionStore()
    session["_language"] = "en"
    session.save()
    answers = {f"{STEPS[0]}-{key}": [str(value)] for key, value in ANSWERS[STEPS[0]].items()}
    data = {"step": STEPS[1], "step_data": {STEPS[0]: answers}, "step_files": {}, "extra_data": {}}
    old.get_model("wizard", "Run").objects.create(
        session_id=session.session_key, run_id="a" * 32, data=data
    )
    call_command("migrate", verbosity=0)
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    assert client.get("/").context["unfinished"] == [f"/assess/{'a' * 32}/"]
    review = client.get(f"/assess/{'a' * 32}/review/")
    assert [step["title"] for step in review.context["incomplete"]][0] == "Demand"
    assert SessionStore(session_key=session.session_key)["_language"] == "en"
